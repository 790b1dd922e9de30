package vn.binhyen.notification.routing;

import vn.binhyen.notification.domain.Urgency;
import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import vn.binhyen.contracts.notification.NotificationEvent;
import vn.binhyen.contracts.Roles;
import vn.binhyen.eventlog.EventIds;
import vn.binhyen.eventlog.EventLogException;
import vn.binhyen.eventlog.EventStore;
import vn.binhyen.notification.delivery.DeliveryQueue;
import vn.binhyen.notification.delivery.NotificationLog;

/**
 * Urgent and critical notifications need an acknowledgement; unacknowledged after
 * {@code binhyen.notification.escalate-after} they go to the next level (anyone below the
 * commander → the commanders of the event's unit, issue 21), exactly once, as a new notification and an event. Swept with
 * {@code FOR UPDATE SKIP LOCKED}; the escalation is critical, so it skips quiet hours and digests.
 */
@ApplicationScoped
public class Escalation {

    private final AgroalDataSource dataSource;
    private final NotificationLog log;
    private final DeliveryQueue queue;
    private final Clock clock;
    private final Duration after;

    Escalation(AgroalDataSource dataSource, NotificationLog log, DeliveryQueue queue, Clock clock,
            @ConfigProperty(name = "binhyen.notification.escalate-after", defaultValue = "PT10M") Duration after) {
        this.dataSource = dataSource;
        this.log = log;
        this.queue = queue;
        this.clock = clock;
        this.after = after;
    }

    @Scheduled(every = "${binhyen.notification.sweep-every:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        sweep();
    }

    /** Escalates what is overdue (up to 200 per call); returns how many. */
    @Transactional
    public int sweep() {
        Instant now = clock.instant();
        int escalated = 0;
        try (Connection c = dataSource.getConnection(); PreparedStatement due = c.prepareStatement(
                "select notification_id, source_event_id, recipient, kind, urgency, citation, text, unit from notification "
                        + "where state = 'DELIVERED' and urgency in ('URGENT', 'CRITICAL') and escalated_at is null "
                        + "and created_at <= ? order by created_at limit 200 for update skip locked")) {
            due.setTimestamp(1, Timestamp.from(now.minus(after)));
            try (ResultSet rs = due.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString(1);
                    String recipient = rs.getString(3);
                    // the top level is the unit's commanders; an event of no known unit goes no higher
                    String next = RoleRecipients.role(recipient).filter(Roles.COMMANDER::equals).isPresent() ? null
                            : RoleRecipients.of(Roles.COMMANDER, rs.getString(8)).orElse(null);
                    String escalationId = null;
                    if (next != null) {
                        escalationId = "notification-" + EventIds.next();
                        String text = "CHƯA XÁC NHẬN sau " + after.toMinutes() + " phút (" + recipient + "): "
                                + rs.getString(7);
                        if (insert(c, escalationId, (UUID) rs.getObject(2), next, rs.getString(4),
                                Urgency.CRITICAL.name(), rs.getString(6), text, now, rs.getString(8))) {
                            List<NotificationEvent> events = new ArrayList<>(List.of(
                                    new NotificationEvent.NotificationQueued(escalationId,
                                            rs.getObject(2).toString(), "NotificationEscalated", next, Router.IN_APP,
                                            rs.getString(4), Urgency.CRITICAL.name(), rs.getString(6), text),
                                    new NotificationEvent.NotificationDelivered(escalationId, Router.IN_APP)));
                            queue.plan(new DeliveryQueue.Outgoing(escalationId, (UUID) rs.getObject(2),
                                    "escalation", next, Urgency.CRITICAL.name(), Router.subject(Urgency.CRITICAL, text),
                                    text))
                                    .ifPresent(events::add);
                            log.append(escalationId, 0, "escalation", "escalation", rs.getObject(2).toString(),
                                    events.toArray(NotificationEvent[]::new));
                        } else {
                            escalationId = null; // the next level was told of this event already
                        }
                    }
                    try (PreparedStatement mark = c.prepareStatement(
                            "update notification set escalated_at = ? where notification_id = ?")) {
                        mark.setTimestamp(1, Timestamp.from(now));
                        mark.setString(2, id);
                        mark.executeUpdate();
                    }
                    log.append(id, EventStore.ANY_VERSION, "escalation", "escalation", null,
                            new NotificationEvent.NotificationEscalated(id,
                                    next == null ? "(none: already the top level)" : next, escalationId));
                    escalated++;
                }
            }
        } catch (SQLException e) {
            throw new EventLogException("escalation sweep failed: " + e.getMessage(), e);
        }
        return escalated;
    }

    private static boolean insert(Connection c, String id, java.util.UUID source, String recipient, String kind,
            String urgency, String citation, String text, Instant at, String unit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into notification (notification_id, source_event_id, "
                + "recipient, channel, kind, urgency, citation, text, state, created_at, unit) values (?, ?, ?, ?, ?, ?, "
                + "?, ?, 'DELIVERED', ?, ?) on conflict (source_event_id, recipient, channel) do nothing")) {
            ps.setString(1, id);
            ps.setObject(2, source);
            ps.setString(3, recipient);
            ps.setString(4, Router.IN_APP);
            ps.setString(5, kind);
            ps.setString(6, urgency);
            ps.setString(7, citation);
            ps.setString(8, text);
            ps.setTimestamp(9, Timestamp.from(at));
            ps.setString(10, unit);
            return ps.executeUpdate() == 1;
        }
    }
}
