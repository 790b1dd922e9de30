package vn.binhyen.eventlog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Objects;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * At-least-once delivery made effectively-once: a consumer claims {@code (consumer, event_id)}
 * first, in the transaction of its effect; a claim that already exists means the event was
 * applied before, and the consumer skips it.
 */
public final class Inbox {
    private final DataSource dataSource;

    public Inbox(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** Claims on the caller's transaction (a JTA-enlisted connection in the services). */
    public boolean claim(String consumer, UUID eventId) {
        try (Connection c = dataSource.getConnection()) {
            return claim(c, consumer, eventId);
        } catch (SQLException e) {
            throw new EventLogException("inbox claim failed: " + e.getMessage(), e);
        }
    }

    /** True when this is the first time {@code consumer} sees {@code eventId}. */
    public static boolean claim(Connection c, String consumer, UUID eventId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "insert into inbox (consumer, event_id) values (?, ?) on conflict do nothing")) {
            ps.setString(1, consumer);
            ps.setObject(2, eventId);
            return ps.executeUpdate() == 1;
        }
    }
}
