package vn.binhyen.moderation.messaging;

import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import vn.binhyen.eventlog.http.Unavailable;

/**
 * Runs an action again, after a growing pause, for as long as it fails because a dependency is
 * down ({@link Unavailable#isDependencyDown}: PostgreSQL unreachable or restarting, its pool
 * finding no connection, Kafka timing out). The stream waits out an outage, its records not
 * committed, instead of stopping until someone restarts the service; any other failure is a bug
 * and is thrown at once. Repeating is safe: screening is idempotent by (groupId, messageId) (a
 * recorded answer is looked up before anything is recorded; a message counts once towards
 * flooding).
 */
final class WhileUnavailable {
    static final long FIRST_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    static final long LONGEST_PAUSE_NANOS = TimeUnit.SECONDS.toNanos(5);

    private WhileUnavailable() {
    }

    interface Action<T, E extends Exception> {
        T run() throws E;
    }

    /** Waits about {@code nanos}; false when the service is stopping and waiting should end. */
    interface Pause {
        boolean pause(long nanos);
    }

    static <T, E extends Exception> T retry(Action<T, E> action, Pause pause, Logger log) throws E {
        long next = FIRST_PAUSE_NANOS;
        boolean waited = false;
        while (true) {
            try {
                T result = action.run();
                if (waited) {
                    log.info("the dependency is back: the stream goes on");
                }
                return result;
            } catch (RuntimeException e) {
                if (!Unavailable.isDependencyDown(e)) {
                    throw e;
                }
                if (!waited) { // once per outage, not once per attempt
                    log.warnf("a dependency is down; the stream waits for it, retrying: %s", e.getMessage());
                }
                waited = true;
                if (!pause.pause(next)) {
                    throw e;
                }
                next = Math.min(2 * next, LONGEST_PAUSE_NANOS);
            }
        }
    }
}
