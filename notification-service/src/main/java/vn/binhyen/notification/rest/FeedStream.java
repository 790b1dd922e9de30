package vn.binhyen.notification.rest;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * New feed items for live subscribers (Server-Sent Events). Every instance follows the
 * notification table by its sequence, whichever instance routed the event, and only while
 * someone listens. Sequences can commit out of order, so each poll looks back a window and
 * skips what it already sent.
 */
@ApplicationScoped
public class FeedStream {
    private static final Logger LOG = Logger.getLogger(FeedStream.class);
    private static final int LOOK_BACK = 500;

    private final AgroalDataSource dataSource;
    private final BroadcastProcessor<FeedResource.Item> processor = BroadcastProcessor.create();
    private final AtomicInteger listeners = new AtomicInteger();
    private final Set<Long> sent = new LinkedHashSet<>();
    private long high = -1;

    FeedStream(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * The live items addressed to any of {@code recipients}. Each listener has its own buffer: a
     * burst (a batch routes hundreds at once) must wait for a slow listener, not end its stream.
     */
    public Multi<FeedResource.Item> follow(Set<String> recipients) {
        return processor.onOverflow().buffer(10_000).filter(item -> recipients.contains(item.recipient()))
                .onSubscription().invoke(() -> listeners.incrementAndGet())
                .onTermination().invoke(() -> listeners.decrementAndGet());
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
                    processor.onNext(new FeedResource.Item(rs.getString(2), rs.getString(3), rs.getString(4),
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
