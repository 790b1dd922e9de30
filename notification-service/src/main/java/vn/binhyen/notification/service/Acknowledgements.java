package vn.binhyen.notification.service;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import vn.binhyen.contracts.notification.NotificationEvent;
import vn.binhyen.eventlog.EventLogException;
import vn.binhyen.eventlog.EventStore;

/**
 * A recipient acknowledges a delivered notification: the row locked, marked and the event
 * appended in one transaction, so a concurrent acknowledgement changes nothing twice.
 */
@ApplicationScoped
public class Acknowledgements {
    /** What an acknowledgement did. */
    public enum Outcome { NOT_FOUND, UNCHANGED, ACKNOWLEDGED }

    private final AgroalDataSource dataSource;
    private final NotificationLog log;
    private final Clock clock;

    Acknowledgements(AgroalDataSource dataSource, NotificationLog log, Clock clock) {
        this.dataSource = dataSource;
        this.log = log;
        this.clock = clock;
    }

    /** {@code member} acknowledges {@code id}, one of {@code recipients}' notifications. */
    @Transactional
    public Outcome acknowledge(String id, List<String> recipients, String member) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select state from notification where notification_id = ? and recipient = any(?) for update")) {
            ps.setString(1, id);
            ps.setArray(2, c.createArrayOf("text", recipients.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Outcome.NOT_FOUND;
                }
                if (!"DELIVERED".equals(rs.getString(1))) {
                    return Outcome.UNCHANGED;
                }
            }
            try (PreparedStatement update = c.prepareStatement(
                    "update notification set state = 'ACKNOWLEDGED', acknowledged_at = ? where notification_id = ?")) {
                update.setTimestamp(1, Timestamp.from(clock.instant()));
                update.setString(2, id);
                update.executeUpdate();
            }
        } catch (SQLException e) {
            throw new EventLogException("acknowledgement could not be recorded: " + e.getMessage(), e);
        }
        log.append(id, EventStore.ANY_VERSION, "feed", "ack-" + id, null,
                new NotificationEvent.NotificationAcknowledged(id, member));
        return Outcome.ACKNOWLEDGED;
    }
}
