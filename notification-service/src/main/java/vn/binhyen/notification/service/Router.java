package vn.binhyen.notification.service;

import vn.binhyen.notification.projection.GroupDirectory;
import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import vn.binhyen.contracts.notification.NotificationEvent;
import vn.binhyen.eventlog.Envelope;
import vn.binhyen.eventlog.EventIds;
import vn.binhyen.eventlog.EventLogException;
import vn.binhyen.eventlog.Json;

/**
 * Turns an event into notifications by the routing rules: resolves the recipients, renders
 * the Vietnamese text from the rule's template, and records each notification once per
 * (source event, recipient, channel) — a replayed event finds its rows and sends nothing.
 * Every notification and its delivery is an event. Templates are resolved at start-up, so a
 * rule naming a missing template stops the start.
 */
@ApplicationScoped
@Startup
public class Router {
    /** The in-app feed; external channels (Zalo, SMS, email) follow through the delivery queue. */
    public static final String IN_APP = "IN_APP";

    private final Routing routing;
    private final Map<String, Template> templates = new HashMap<>();
    private final AgroalDataSource dataSource;
    private final NotificationLog log;
    private final Contacts contacts;
    private final DeliveryQueue queue;
    private final Clock clock;
    private final GroupDirectory directory;

    Router(Engine engine, AgroalDataSource dataSource, NotificationLog log, Contacts contacts, DeliveryQueue queue,
            Clock clock, GroupDirectory directory) {
        this.directory = directory;
        this.routing = Routing.load();
        this.dataSource = dataSource;
        this.log = log;
        this.contacts = contacts;
        this.queue = queue;
        this.clock = clock;
        for (Routing.Rule rule : routing.rules()) {
            Template t = engine.getTemplate("notifications/" + rule.template() + ".txt");
            if (t == null) {
                throw new IllegalStateException("routing rule for " + rule.event() + " names the missing template "
                        + rule.template());
            }
            templates.put(rule.template(), t);
        }
    }

    /** Whether any rule routes this event type of this topic. */
    public boolean routes(String topic, String eventType) {
        return !routing.rulesFor(topic, eventType).isEmpty();
    }

    /** Which of these events were routed before (their notifications are recorded). */
    public Set<UUID> alreadyRouted(List<UUID> eventIds) {
        Set<UUID> out = new HashSet<>();
        if (eventIds.isEmpty()) {
            return out;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select distinct source_event_id from notification where source_event_id = any(?)")) {
            ps.setArray(1, c.createArrayOf("uuid", eventIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add((UUID) rs.getObject(1));
                }
            }
        } catch (SQLException ex) {
            throw new EventLogException("routed events could not be looked up: " + ex.getMessage(), ex);
        }
        return out;
    }

    /**
     * A batch's notifications: recipients and texts are resolved as each event comes (a group
     * event earlier in the batch may change who holds a role), the rows and events are written
     * together by {@link #flush}: one round trip per table instead of several per notification.
     */
    public static final class Batch {
        private final List<Pending> pending = new ArrayList<>();

        public boolean isEmpty() {
            return pending.isEmpty();
        }
    }

    private record Pending(String id, Envelope source, Routing.Rule rule, String citation, String recipient,
            String text, boolean known, String unit) {
    }

    /** Resolves an event's notifications into the batch (reads only; nothing is written until {@link #flush}). */
    public void collect(Batch batch, String topic, Envelope e) {
        List<Routing.Rule> rules = routing.rulesFor(topic, e.eventType());
        // the event's unit (a read for a report's), once per event whatever number of rules route it
        String unit = rules.isEmpty() ? null : directory.unitOf(e.payload());
        String group = e.payload().path("groupId").asText(null);
        String profile = rules.isEmpty() || group == null ? null : directory.profileOf(group);
        for (Routing.Rule rule : rules) {
            String citation = rule.citationFor(profile, e.payload());
            if (citation == null || !rule.matches(e.payload())) {
                continue; // the group's regulation asks for no such notice, or the event is not the rule's case
            }
            Map<String, Object> payload = Json.MAPPER.convertValue(e.payload(), Map.class);
            String text = templates.get(rule.template()).data("p", payload).data("citation", citation).render()
                    .strip();
            for (String recipient : recipients(rule, e.payload(), unit)) {
                batch.pending.add(new Pending("notification-" + EventIds.next(), e, rule, citation, recipient, text,
                        contacts.known(recipient), unit));
            }
        }
    }

    /**
     * Writes the batch inside the caller's transaction: the notification rows (once per source
     * event, recipient and channel: a replay finds its rows and goes no further), their external
     * deliveries, and each new notification's events as a new stream. Returns how many were new.
     */
    public int flush(Batch batch) {
        if (batch.pending.isEmpty()) {
            return 0;
        }
        List<Pending> fresh = insertRows(batch.pending);
        batch.pending.clear();
        List<DeliveryQueue.Outgoing> outgoing = new ArrayList<>();
        for (Pending p : fresh) {
            if (p.known()) {
                outgoing.add(new DeliveryQueue.Outgoing(p.id(), p.source().eventId(), p.source().correlationId(),
                        p.recipient(), p.rule().urgency().name(), subject(p.rule().urgency(), p.text()), p.text()));
            }
        }
        Map<String, NotificationEvent> planned = queue.planAll(outgoing);
        List<NotificationLog.NewStream> streams = new ArrayList<>(fresh.size());
        for (Pending p : fresh) {
            var queued = new NotificationEvent.NotificationQueued(p.id(), p.source().eventId().toString(),
                    p.source().eventType(), p.recipient(), IN_APP, p.rule().template(), p.rule().urgency().name(),
                    p.citation(), p.text());
            List<NotificationEvent> events = new ArrayList<>(3);
            events.add(queued);
            if (!p.known()) {
                events.add(new NotificationEvent.NotificationDeadLettered(p.id(), p.recipient(), IN_APP, reason(p)));
            } else {
                events.add(new NotificationEvent.NotificationDelivered(p.id(), IN_APP));
                if (planned.containsKey(p.id())) {
                    events.add(planned.get(p.id()));
                }
            }
            streams.add(new NotificationLog.NewStream(p.id(), p.source().correlationId(),
                    p.source().eventId().toString(), events));
        }
        log.start("router", streams);
        return fresh.size();
    }

    private static String reason(Pending p) {
        return "unknown recipient " + p.recipient() + ": no group names them and no contact is set";
    }

    /** Inserts the rows in one batch; returns those that were new (not recorded by an earlier delivery of the event). */
    private List<Pending> insertRows(List<Pending> pending) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "insert into notification (notification_id, source_event_id, recipient, channel, kind, urgency, "
                        + "citation, text, state, created_at, reason, unit) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                        + "on conflict (source_event_id, recipient, channel) do nothing")) {
            Timestamp now = Timestamp.from(clock.instant());
            for (Pending p : pending) {
                ps.setString(1, p.id());
                ps.setObject(2, p.source().eventId());
                ps.setString(3, p.recipient());
                ps.setString(4, IN_APP);
                ps.setString(5, p.rule().template());
                ps.setString(6, p.rule().urgency().name());
                ps.setString(7, p.citation());
                ps.setString(8, p.text());
                ps.setString(9, p.known() ? "DELIVERED" : "DEAD_LETTER");
                ps.setTimestamp(10, now);
                ps.setString(11, p.known() ? null : reason(p));
                ps.setString(12, p.unit());
                ps.addBatch();
            }
            int[] counts = ps.executeBatch();
            List<Pending> fresh = new ArrayList<>(pending.size());
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] > 0) {
                    fresh.add(pending.get(i));
                }
            }
            return fresh;
        } catch (SQLException ex) {
            throw new EventLogException("notifications could not be recorded: " + ex.getMessage(), ex);
        }
    }

    /** {@code unit}: the event's (issue 21): a staff role is told only in its unit ({@link RoleRecipients}). */
    private Set<String> recipients(Routing.Rule rule, JsonNode payload, String unit) {
        Set<String> out = new LinkedHashSet<>();
        for (Routing.Recipient r : rule.recipients()) {
            if (r.role() != null) {
                // no unit known: nobody of a unit's staff is told, rather than every unit's
                RoleRecipients.of(r.role(), unit).ifPresent(out::add);
            }
            if (r.payloadList() != null) {
                payload.path(r.payloadList()).forEach(id -> out.add("member:" + id.asText()));
            }
            if (r.payloadField() != null) {
                String id = payload.path(r.payloadField()).asText(null);
                if (id != null && !id.isBlank()) {
                    out.add("member:" + id);
                }
            }
            if (r.citizen() != null) {
                out.add("citizen:" + payload.path(r.citizen()).asText());
            }
            if (r.groupRoles() != null) {
                out.addAll(membersIn(payload.path("groupId").asText(), r.groupRoles()));
            }
        }
        return out;
    }

    private List<String> membersIn(String groupId, List<String> roles) {
        List<String> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select member_id from directory_seat where group_id = ? and role = any(?) order by member_id")) {
            ps.setString(1, groupId);
            ps.setArray(2, c.createArrayOf("text", roles.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add("member:" + rs.getString(1));
                }
            }
        } catch (SQLException ex) {
            throw new EventLogException("members of " + groupId + " could not be read: " + ex.getMessage(), ex);
        }
        return out;
    }

    /** An email's subject: the urgency and the first line of the text. */
    static String subject(vn.binhyen.notification.domain.Urgency urgency, String text) {
        String prefix = urgency.subjectPrefix();
        String first = text.lines().findFirst().orElse("");
        return "Bình Yên: " + prefix + (first.length() > 100 ? first.substring(0, 100) + "…" : first);
    }
}
