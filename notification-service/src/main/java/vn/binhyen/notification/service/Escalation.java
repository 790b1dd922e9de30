package vn.binhyen.notification.service;

import vn.binhyen.notification.config.NotificationConfig;
import vn.binhyen.notification.domain.Urgency;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import vn.binhyen.contracts.notification.NotificationEvent;
import vn.binhyen.contracts.Roles;
import vn.binhyen.eventlog.DueWork;
import vn.binhyen.eventlog.Transactions;
import vn.binhyen.eventlog.EventIds;
import vn.binhyen.eventlog.quarkus.JtaTransactions;
import vn.binhyen.eventlog.EventStore;

/**
 * Urgent and critical notifications need an acknowledgement; unacknowledged after
 * {@code binhyen.notification.escalate-after} they go to the next level (anyone below the
 * commander → the commanders of the event's unit, issue 21), exactly once, as a new notification and an event. Swept by
 * eventlog's {@link DueWork}; the escalation is critical, so it skips quiet hours and digests.
 */
@ApplicationScoped
public class Escalation {

    private static final int BATCH = 200;
    /** At most this many a sweep (the rest at the next): a run's work is bounded. */
    private static final int PER_SWEEP = 10 * BATCH;

    private final Transactions transactions;
    private final NotificationLog log;
    private final DeliveryQueue queue;
    private final Clock clock;
    private final Duration after;

    Escalation(JtaTransactions transactions, NotificationLog log, DeliveryQueue queue, Clock clock,
            NotificationConfig config) {
        this.transactions = transactions;
        this.log = log;
        this.queue = queue;
        this.clock = clock;
        this.after = config.escalateAfter();
    }

    @Scheduled(every = "${binhyen.notification.sweep-every:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        sweep();
    }

    /** An urgent or critical notification delivered and not acknowledged in time. */
    private record Overdue(String id, UUID source, String recipient, String kind, String citation, String text,
            String unit) {
    }

    private static final DueWork<Overdue> OVERDUE = DueWork.of("escalation", "select notification_id, "
            + "source_event_id, recipient, kind, citation, text, unit from notification where state = 'DELIVERED' "
            + "and urgency in ('URGENT', 'CRITICAL') and escalated_at is null and created_at <= ? order by created_at",
            rs -> new Overdue(rs.getString(1), (UUID) rs.getObject(2), rs.getString(3), rs.getString(4),
                    rs.getString(5), rs.getString(6), rs.getString(7)));

    /** Escalates what is overdue, in rounds of up to 200 (each its own transaction); returns how many. */
    public int sweep() {
        return OVERDUE.drain(transactions, clock, BATCH, PER_SWEEP,
                (ps, now) -> ps.setTimestamp(1, Timestamp.from(now.minus(after))), (c, due, now) -> {
                    for (Overdue o : due) {
                        escalate(c, o, now);
                    }
                    return due.size();
                }).done();
    }

    private void escalate(Connection c, Overdue o, Instant now) throws SQLException {
        // the top level is the unit's commanders; an event of no known unit goes no higher
        String next = RoleRecipients.role(o.recipient()).filter(Roles.COMMANDER::equals).isPresent() ? null
                : RoleRecipients.of(Roles.COMMANDER, o.unit()).orElse(null);
        String escalationId = null;
        if (next != null) {
            escalationId = "notification-" + EventIds.next();
            String text = "CHƯA XÁC NHẬN sau " + after.toMinutes() + " phút (" + o.recipient() + "): " + o.text();
            if (insert(c, escalationId, o.source(), next, o.kind(), Urgency.CRITICAL.name(), o.citation(), text, now,
                    o.unit())) {
                List<NotificationEvent> events = new ArrayList<>(List.of(
                        new NotificationEvent.NotificationQueued(escalationId, o.source().toString(),
                                "NotificationEscalated", next, Router.IN_APP, o.kind(), Urgency.CRITICAL.name(),
                                o.citation(), text),
                        new NotificationEvent.NotificationDelivered(escalationId, Router.IN_APP)));
                queue.plan(new DeliveryQueue.Outgoing(escalationId, o.source(), "escalation", next,
                        Urgency.CRITICAL.name(), Router.subject(Urgency.CRITICAL, text), text))
                        .ifPresent(events::add);
                log.append(escalationId, 0, "escalation", "escalation", o.source().toString(),
                        events.toArray(NotificationEvent[]::new));
            } else {
                escalationId = null; // the next level was told of this event already
            }
        }
        try (PreparedStatement mark = c.prepareStatement(
                "update notification set escalated_at = ? where notification_id = ?")) {
            mark.setTimestamp(1, Timestamp.from(now));
            mark.setString(2, o.id());
            mark.executeUpdate();
        }
        log.append(o.id(), EventStore.ANY_VERSION, "escalation", "escalation", null,
                new NotificationEvent.NotificationEscalated(o.id(),
                        next == null ? "(none: already the top level)" : next, escalationId));
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
