package vn.binhyen.report.dashboard;

import vn.binhyen.report.config.ReportIntakeConfig;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.smallrye.mutiny.subscription.BackPressureFailure;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;
import org.jboss.logging.Logger;
import vn.binhyen.eventlog.http.StreamSlots;

/**
 * The dashboards' open streams ({@code /dashboard/stream}, "the queue changed") and their limits
 * (audit F12). A session holds at most {@code binhyen.dashboard.sse.max-per-session} streams (3)
 * and this instance {@code binhyen.dashboard.sse.max-total} (200); beyond either, 429 with
 * {@code Retry-After}. A stream ends when its session does: at once when it signs out on this
 * instance, else at the next check of the session, every
 * {@code binhyen.dashboard.sse.session-check-every} (30 s), which sees a sign-out on another
 * instance and the session's expiry. A page that lets more than {@code binhyen.dashboard.sse.buffer}
 * notices (16) wait unread is dropped (Quarkus closes the connection); reconnecting, it fetches its
 * queue again, so it misses nothing.
 */
@ApplicationScoped
public class DashboardStreams {
    private static final Logger LOG = Logger.getLogger(DashboardStreams.class);

    private final Sessions accounts;
    private final QueueChanges changes;
    private final StreamSlots slots;
    private final Duration checkEvery;
    private final int buffer;
    /** The cookies of sessions signed out on this instance, for their streams to end at once. */
    private final BroadcastProcessor<String> signOuts = BroadcastProcessor.create();

    DashboardStreams(Sessions accounts, QueueChanges changes,
            ReportIntakeConfig.Dashboard dashboard) {
        int maxPerSession = dashboard.sse().maxPerSession();
        int maxTotal = dashboard.sse().maxTotal();
        Duration checkEvery = dashboard.sse().sessionCheckEvery();
        int buffer = dashboard.sse().buffer();
        this.accounts = accounts;
        this.changes = changes;
        this.slots = new StreamSlots("dashboard-stream", "session", maxPerSession, maxTotal);
        this.checkEvery = checkEvery;
        this.buffer = buffer;
    }

    /**
     * The queue's change notices for the session of {@code cookie} (already checked), until it ends;
     * then the stream completes and {@code closeConnection} closes its connection (a page that does
     * not read would never take the completion).
     *
     * @throws StreamSlots.Full (429) when the session, or this instance, already holds its streams
     */
    public Multi<String> follow(String cookie, Runnable closeConnection) {
        // counted by the cookie's digest, as the sessions are stored: no session id is kept as such
        StreamSlots.Slot slot = slots.take(Sessions.sha256(cookie));
        // the session's end, as an empty item; each check runs on the thread that raises it (the
        // ticks' worker, or the sign-out's request), never on the event loop writing the stream
        Multi<Optional<String>> ended = Multi.createBy().merging().streams(
                        Multi.createFrom().ticks().startingAfter(checkEvery).every(checkEvery).map(tick -> cookie),
                        signOuts.filter(cookie::equals))
                .onOverflow().drop()
                .filter(c -> !lasts(c))
                .invoke(c -> closeConnection.run()) // whether or not the page reads what comes
                .map(c -> Optional.<String>empty());
        Multi<Optional<String>> notices = changes.follow()
                .onOverflow().buffer(buffer)
                .onFailure(BackPressureFailure.class).transform(f -> new SlowListener(buffer))
                .map(Optional::of);
        Multi<String> live = Multi.createBy().merging().withRequests(1).streams(notices, ended)
                .select().first(Optional::isPresent)
                .map(Optional::get);
        return Multi.createFrom().<String>deferred(() -> slot.open() ? live : Multi.createFrom().<String>empty())
                .onTermination().invoke(slot::release);
    }

    /**
     * The session of {@code cookie} was signed out here: its open streams end now. One at a time,
     * as a processor's items must come.
     */
    public synchronized void signedOut(String cookie) {
        if (cookie != null) {
            signOuts.onNext(cookie);
        }
    }

    /** Whether the session still lasts; when that cannot be read, it is taken to, until the next check. */
    private boolean lasts(String cookie) {
        try {
            return accounts.session(cookie).isPresent();
        } catch (RuntimeException e) {
            LOG.warnf("dashboard stream: the session could not be checked, asking again later: %s", e.getMessage());
            return true;
        }
    }

    /** A dashboard dropped for not reading; without a stack trace (Quarkus logs it as it closes the connection). */
    static final class SlowListener extends RuntimeException {
        SlowListener(int buffer) {
            super("dropped a dashboard stream: more than " + buffer + " notices waited for it to read; the page "
                    + "reconnects", null, false, false);
        }
    }
}
