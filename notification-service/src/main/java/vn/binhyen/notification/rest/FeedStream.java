package vn.binhyen.notification.rest;

import vn.binhyen.notification.projection.Feed;
import vn.binhyen.notification.config.NotificationConfig;
import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.smallrye.mutiny.subscription.BackPressureFailure;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;
import vn.binhyen.eventlog.http.StreamSlots;

/**
 * New feed items for live subscribers (Server-Sent Events). Every instance follows the
 * notification table by its sequence, whichever instance routed the event, and only while
 * someone listens. Sequences can commit out of order, so each poll looks back a window and
 * skips what it already sent.
 * <p>
 * Limits (audit F12): each listener is given only its own items (filtered before anything is
 * held for it), and holds at most {@code binhyen.notification.sse.buffer} of them (256) while it
 * does not read; one that falls further behind is dropped (its stream fails, Quarkus closes the
 * connection) and, reconnecting, reads what it missed from {@code GET /api/v1/notifications}
 * ({@code ?since=}). A user holds at most {@code binhyen.notification.sse.max-per-user} open
 * streams (5) and the instance {@code binhyen.notification.sse.max-total} (1,000); beyond
 * either, 429 with {@code Retry-After}. A stream ends when its token expires.
 */
@ApplicationScoped
public class FeedStream {
    private static final Logger LOG = Logger.getLogger(FeedStream.class);
    private static final int LOOK_BACK = 500;

    private final AgroalDataSource dataSource;
    private final BroadcastProcessor<Feed.Item> processor = BroadcastProcessor.create();
    private final AtomicInteger listeners = new AtomicInteger();
    private final Set<Long> sent = new LinkedHashSet<>();
    private final StreamSlots slots;
    private final int buffer;
    private long high = -1;

    FeedStream(AgroalDataSource dataSource, NotificationConfig config) {
        this.dataSource = dataSource;
        this.slots = new StreamSlots("feed-stream", "user", config.sse().maxPerUser(), config.sse().maxTotal());
        this.buffer = config.sse().buffer();
    }

    /**
     * The live items addressed to any of {@code recipients}, for {@code user}'s stream, until
     * {@code lifetime} has passed (the token's expiry). Only the listener's own items are held for
     * it, at most {@code binhyen.notification.sse.buffer} while it does not read: a burst for one
     * listener larger than that, or a listener that stopped reading, ends the stream, and the
     * client reconnects.
     *
     * @throws StreamSlots.Full (429) when the user, or this instance, already holds its streams
     */
    public Multi<Feed.Item> follow(String user, Set<String> recipients, Duration lifetime) {
        StreamSlots.Slot slot = slots.take(user);
        Multi<Feed.Item> live = processor.filter(item -> recipients.contains(item.recipient()))
                .onOverflow().buffer(buffer)
                .onFailure(BackPressureFailure.class).transform(f -> new SlowListener(user, buffer))
                .select().first(lifetime)
                .onSubscription().invoke(() -> listeners.incrementAndGet())
                .onTermination().invoke(() -> listeners.decrementAndGet());
        return Multi.createFrom().<Feed.Item>deferred(() -> slot.open() ? live
                : Multi.createFrom().<Feed.Item>empty())
                .onTermination().invoke(slot::release);
    }

    /**
     * A listener dropped for falling behind; without a stack trace, since nothing is broken (Quarkus
     * logs it as it closes the connection).
     */
    static final class SlowListener extends RuntimeException {
        SlowListener(String user, int buffer) {
            super("dropped a feed stream of " + user + ": more than " + buffer + " items waited for it to read; "
                    + "it reconnects and reads what it missed from GET /api/v1/notifications", null, false, false);
        }
    }

    @Scheduled(every = "${binhyen.notification.stream-poll-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    synchronized void poll() {
        if (listeners.get() == 0 && high >= 0) {
            return;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select seq, notification_id, recipient, kind, urgency, citation, text, state, created_at "
                        + "from notification where seq > ? order by seq limit 1000")) {
            if (high < 0) {
                high = max(c);
                return;
            }
            ps.setLong(1, Math.max(0, high - LOOK_BACK));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long seq = rs.getLong(1);
                    if (!sent.add(seq)) {
                        continue;
                    }
                    high = Math.max(high, seq);
                    processor.onNext(new Feed.Item(rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                            rs.getTimestamp(9).toInstant()));
                }
            }
            for (Iterator<Long> it = sent.iterator(); it.hasNext();) {
                if (it.next() <= high - LOOK_BACK) {
                    it.remove();
                }
            }
        } catch (SQLException e) {
            LOG.warnf("feed stream could not poll: %s", e.getMessage());
        }
    }

    private static long max(Connection c) throws SQLException {
        try (var s = c.createStatement(); ResultSet rs = s.executeQuery("select coalesce(max(seq), 0) from notification")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
