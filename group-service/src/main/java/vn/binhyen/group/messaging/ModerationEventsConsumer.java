package vn.binhyen.group.messaging;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.OptionalLong;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import com.fasterxml.jackson.core.JsonProcessingException;
import vn.binhyen.contracts.EventHeaders;
import vn.binhyen.contracts.moderation.ModerationEvent;
import vn.binhyen.eventlog.Actor;
import vn.binhyen.eventlog.ConcurrencyException;
import vn.binhyen.eventlog.Envelope;
import vn.binhyen.eventlog.EnvelopeJson;
import vn.binhyen.eventlog.EventLogException;
import vn.binhyen.eventlog.Inbox;
import vn.binhyen.eventlog.Json;
import vn.binhyen.eventlog.decider.CommandHandler;
import vn.binhyen.eventlog.decider.RuleViolation;
import vn.binhyen.group.domain.GroupCommand;
import vn.binhyen.group.domain.UnknownGroupException;
import vn.binhyen.group.service.GroupCommandService;

/**
 * Follows {@code binhyen.moderation.events}: a sanction that reaches removal becomes a
 * removal proposal awaiting the group's leader (ward-binh-phuoc:9), and every violation is
 * noted for the group's activity report. At-least-once delivery is made effectively-once by
 * the inbox, claimed in the same transaction as the effect.
 */
@ApplicationScoped
public class ModerationEventsConsumer {
    static final String CONSUMER = "group-service:moderation-events";
    private static final Logger LOG = Logger.getLogger(ModerationEventsConsumer.class);
    private static final int ATTEMPTS = 5;
    private static final java.util.Set<String> HANDLED = java.util.Set.of("ViolationRecorded", "MemberRemovalProposed");

    private final GroupCommandService service;
    private final Inbox inbox;
    private final DataSource dataSource;

    ModerationEventsConsumer(GroupCommandService service, Inbox inbox, DataSource dataSource) {
        this.service = service;
        this.inbox = inbox;
        this.dataSource = dataSource;
    }

    @Incoming("moderation-events")
    @Blocking(ordered = true)
    public void onRecord(ConsumerRecord<String, byte[]> record) {
        String type = header(record, EventHeaders.EVENT_TYPE);
        if (type == null || !HANDLED.contains(type)) {
            return; // ledger checkpoints and events group-service does not act on
        }
        Envelope envelope = EnvelopeJson.fromBytes(record.value());
        for (int attempt = 1; ; attempt++) {
            try {
                QuarkusTransaction.requiringNew().run(() -> apply(envelope));
                return;
            } catch (ConcurrencyException e) {
                if (attempt == ATTEMPTS) {
                    throw e; // the record is redelivered; the inbox keeps it once
                }
            } catch (UnknownGroupException | RuleViolation e) {
                LOG.warnf("%s %s for %s not applied: %s", type, envelope.eventId(), envelope.streamId(), e.getMessage());
                QuarkusTransaction.requiringNew().run(() -> inbox.claim(CONSUMER, envelope.eventId()));
                return;
            }
        }
    }

    void apply(Envelope envelope) {
        if (!inbox.claim(CONSUMER, envelope.eventId())) {
            return;
        }
        ModerationEvent event;
        try {
            event = Json.MAPPER.treeToValue(envelope.payload(), ModerationEvent.TYPES.get(envelope.eventType()));
        } catch (JsonProcessingException e) {
            throw new EventLogException("unreadable " + envelope.eventType() + " " + envelope.eventId(), e);
        }
        switch (event) {
            case ModerationEvent.ViolationRecorded v -> note(v, envelope);
            case ModerationEvent.MemberRemovalProposed p -> service.handle(p.groupId(), OptionalLong.empty(),
                    new GroupCommand.ProposeRemovalForSanction("proposal-" + p.sanctionId(), p.memberId(),
                            p.sanctionId(), p.citation(), p.reason(), envelope.actor().id(), envelope.recordedAt()),
                    new CommandHandler.Metadata(new Actor(envelope.actor().id(), envelope.actor().role(), null),
                            envelope.correlationId(), envelope.eventId().toString()));
            default -> {
            }
        }
    }

    private void note(ModerationEvent.ViolationRecorded v, Envelope envelope) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "insert into group_violation (violation_id, group_id, member_id, category, citation, recorded_at) "
                        + "values (?, ?, ?, ?, ?, ?) on conflict do nothing")) {
            ps.setString(1, v.violationId());
            ps.setString(2, v.groupId());
            ps.setString(3, v.memberId());
            ps.setString(4, v.category());
            ps.setString(5, v.citation());
            ps.setTimestamp(6, Timestamp.from(envelope.occurredAt()));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new EventLogException("violation " + v.violationId() + " could not be noted: " + e.getMessage(), e);
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
