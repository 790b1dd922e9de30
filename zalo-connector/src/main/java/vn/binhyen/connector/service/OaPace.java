package vn.binhyen.connector.service;

import vn.binhyen.connector.config.ConnectorConfig;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.concurrent.locks.LockSupport;
import org.jboss.logging.Logger;

/**
 * Zalo's rate limit is the OA's, whatever number of connector instances call for it: every call
 * takes the OA's next slot from one row of {@code oa_pace} (one statement, committed on its own so
 * the row is locked only for that statement), slots {@code 1/callsPerSecond} apart on the
 * database's clock, and waits for it. Every instance shares the row, so together they make at most
 * {@code callsPerSecond} calls a second per OA. A database that cannot answer leaves this instance
 * pacing itself alone (logged): a call is never refused for the pacer's sake.
 */
@ApplicationScoped
public class OaPace {
    private static final Logger LOG = Logger.getLogger(OaPace.class);
    private static final String TAKE = "insert into oa_pace as p (oa_id, next_slot) values (?, clock_timestamp() + "
            + "make_interval(secs => ?)) on conflict (oa_id) do update set next_slot = greatest(p.next_slot, "
            + "clock_timestamp()) + make_interval(secs => ?) returning p.next_slot - make_interval(secs => ?), "
            + "clock_timestamp()";

    private final AgroalDataSource dataSource;
    private final ConnectorConfig config;
    /** This instance's own spacing, for when the database cannot be asked. */
    private final java.util.concurrent.ConcurrentHashMap<String, long[]> local = new java.util.concurrent.ConcurrentHashMap<>();

    OaPace(AgroalDataSource dataSource, ConnectorConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    /** A call's slot: when it may go, and how long from now (database time) that is. */
    public record Slot(Instant at, long waitNanos) {
    }

    /** Waits for the OA's next slot; returns it. */
    public Slot await(String oaId) {
        Slot slot;
        try {
            slot = QuarkusTransaction.requiringNew().timeout(10).call(() -> take(oaId));
        } catch (RuntimeException e) {
            LOG.warnf("the shared pace of OA %s could not be read (%s): this instance paces itself", oaId, e.getMessage());
            slot = locally(oaId);
        }
        long until = System.nanoTime() + slot.waitNanos();
        for (long wait = slot.waitNanos(); wait > 0; wait = until - System.nanoTime()) {
            LockSupport.parkNanos(wait);
        }
        return slot;
    }

    /** Takes the OA's next slot from the shared row (in the caller's transaction). */
    Slot take(String oaId) throws SQLException {
        double spacing = 1.0 / Math.max(1, config.zalo().callsPerSecond());
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(TAKE)) {
            ps.setString(1, oaId);
            ps.setDouble(2, spacing);
            ps.setDouble(3, spacing);
            ps.setDouble(4, spacing);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                Instant at = rs.getTimestamp(1).toInstant();
                Instant now = rs.getTimestamp(2).toInstant();
                return new Slot(at, Math.max(0, java.time.Duration.between(now, at).toNanos()));
            }
        }
    }

    private Slot locally(String oaId) {
        long spacing = 1_000_000_000L / Math.max(1, config.zalo().callsPerSecond());
        long[] next = local.computeIfAbsent(oaId, k -> new long[] {System.nanoTime()});
        synchronized (next) {
            long now = System.nanoTime();
            long mine = Math.max(now, next[0]);
            next[0] = mine + spacing;
            return new Slot(Instant.now().plusNanos(mine - now), mine - now);
        }
    }
}
