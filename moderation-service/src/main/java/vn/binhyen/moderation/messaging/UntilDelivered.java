package vn.binhyen.moderation.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.LongFunction;
import org.apache.kafka.common.errors.RetriableException;
import org.jboss.logging.Logger;

/**
 * A batch's verdicts sent until the broker has every one of them. A verdict the producer gave
 * up on because the broker could not be reached in time (the topic's metadata not found within
 * its blocking time, 1 min, or the verdict not delivered within its delivery timeout, 2 min; any
 * {@link RetriableException}) is sent again after a pause growing from 100 ms to 5 s, for as
 * long as the service runs, instead of refusing the batch and stopping the stream until someone
 * restarts the service. The next attempt is scheduled on the executor given, not waited for. Any
 * other failure (a verdict too large, an authorisation refused) completes the batch's future
 * with it at once. Sending again is safe: a verdict is an answer a bot may get twice (at least
 * once, as after a crash); only their order can change, and only after such a failure.
 */
final class UntilDelivered {
    static final long FIRST_PAUSE_MILLIS = 100;
    static final long LONGEST_PAUSE_MILLIS = 5_000;

    private UntilDelivered() {
    }

    /**
     * Runs what it is given on {@code scheduler} after a pause of so many milliseconds (a
     * thread of the stream's own: sending again may block for the producer's blocking time).
     */
    static LongFunction<Executor> after(ScheduledExecutorService scheduler) {
        return millis -> command -> scheduler.schedule(command, millis, TimeUnit.MILLISECONDS);
    }

    /**
     * Completes when every verdict has been acknowledged, given the first attempts (sent as the
     * batch was screened, in the same order) and how to send one again.
     */
    static <V> CompletableFuture<Void> all(List<V> verdicts, List<CompletableFuture<Void>> firstAttempts,
            Function<V, CompletableFuture<Void>> send, BooleanSupplier stopping, LongFunction<Executor> after,
            Logger log) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        awaitThenRetry(verdicts, firstAttempts, send, stopping, after, log, FIRST_PAUSE_MILLIS, done);
        return done;
    }

    private static <V> void awaitThenRetry(List<V> verdicts, List<CompletableFuture<Void>> attempts,
            Function<V, CompletableFuture<Void>> send, BooleanSupplier stopping, LongFunction<Executor> after,
            Logger log, long pauseMillis, CompletableFuture<Void> done) {
        CompletableFuture.allOf(attempts.toArray(CompletableFuture[]::new)).whenComplete((ok, failure) -> {
            if (failure == null) {
                done.complete(null);
                return;
            }
            List<V> again = new ArrayList<>();
            Throwable why = null;
            for (int i = 0; i < attempts.size(); i++) {
                Throwable f = failureOf(attempts.get(i));
                if (f == null) {
                    continue;
                }
                if (!(f instanceof RetriableException) || stopping.getAsBoolean()) {
                    done.completeExceptionally(f);
                    return;
                }
                again.add(verdicts.get(i));
                why = f;
            }
            log.warnf("%d verdict(s) not delivered (%s); sending them again in %d ms", again.size(), why.getMessage(),
                    pauseMillis);
            long next = Math.min(2 * pauseMillis, LONGEST_PAUSE_MILLIS);
            try {
                CompletableFuture.runAsync(() -> {
                    List<CompletableFuture<Void>> retried = new ArrayList<>(again.size());
                    for (V v : again) {
                        retried.add(send.apply(v));
                    }
                    awaitThenRetry(again, retried, send, stopping, after, log, next, done);
                }, after.apply(pauseMillis)).exceptionally(e -> {
                    done.completeExceptionally(e); // sending threw (the producer closed): refused
                    return null;
                });
            } catch (RejectedExecutionException e) {
                done.completeExceptionally(e); // the service is stopping: refused, redone after a restart
            }
        });
    }

    /** Why an attempt failed, unwrapped; null if it succeeded (attempts are never cancelled). */
    private static Throwable failureOf(CompletableFuture<Void> attempt) {
        return attempt.isCompletedExceptionally() ? attempt.exceptionNow() : null;
    }
}
