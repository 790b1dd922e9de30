package vn.binhyen.group.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import vn.binhyen.contracts.moderation.ModerationEvent;
import vn.binhyen.eventlog.Actor;
import vn.binhyen.eventlog.Envelope;
import vn.binhyen.eventlog.consumer.EventConsumer;
import vn.binhyen.eventlog.decider.CommandHandler;
import vn.binhyen.eventlog.decider.EventCodec;
import vn.binhyen.eventlog.decider.RuleViolation;
import vn.binhyen.eventlog.quarkus.JtaTransactions;
import vn.binhyen.group.domain.GroupCommand;
import vn.binhyen.group.domain.UnknownGroupException;
import vn.binhyen.group.service.GroupCommandService;

/**
 * Follows {@code binhyen.moderation.events}: a sanction that reaches removal becomes a
 * removal proposal awaiting the group's leader (ward-binh-phuoc:9), and every violation is
 * noted for the group's activity report. eventlog's consumers' template reads the contract's
 * records, makes at-least-once delivery effectively once with the inbox (claimed in the same
 * transaction as the effect), tries a lost race again, passes over a proposal for a group it does
 * not know or that its rules refuse, and parks a record it cannot handle.
 */
@ApplicationScoped
public class ModerationEventsConsumer {
    static final String CONSUMER = "group-service:moderation-events";
    private static final EventCodec<ModerationEvent> EVENTS = EventCodec.reading(ModerationEvent.class,
            ModerationEvent.TYPES, ModerationEvent.SCHEMA_VERSION);

    private final GroupCommandService service;
    private final EventConsumer<ModerationEvent> consumer;

    ModerationEventsConsumer(GroupCommandService service, JtaTransactions transactions) {
        this.service = service;
        this.consumer = EventConsumer.named(CONSUMER, EVENTS)
                .follows(Set.of("ViolationRecorded", "MemberRemovalProposed")) // not checkpoints, not the rest
                .once().passOver(UnknownGroupException.class).passOver(RuleViolation.class)
                .build(transactions, this::apply);
    }

    @Incoming("moderation-events")
    @Blocking(ordered = true)
    public void onRecord(ConsumerRecord<String, byte[]> record) {
        consumer.accept(record);
    }

    void apply(Connection c, Envelope envelope, ModerationEvent event) throws SQLException {
        switch (event) {
            case ModerationEvent.ViolationRecorded v -> note(c, v, envelope);
            case ModerationEvent.MemberRemovalProposed p -> service.handle(p.groupId(), OptionalLong.empty(),
                    new GroupCommand.ProposeRemovalForSanction("proposal-" + p.sanctionId(), p.memberId(),
                            p.sanctionId(), p.citation(), p.reason(), envelope.actor().id(), envelope.recordedAt()),
                    new CommandHandler.Metadata(new Actor(envelope.actor().id(), envelope.actor().role(), null),
                            envelope.correlationId(), envelope.eventId().toString()));
            default -> {
            }
        }
    }

    private static void note(Connection c, ModerationEvent.ViolationRecorded v, Envelope envelope) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "insert into group_violation (violation_id, group_id, member_id, category, citation, recorded_at) "
                        + "values (?, ?, ?, ?, ?, ?) on conflict do nothing")) {
            ps.setString(1, v.violationId());
            ps.setString(2, v.groupId());
            ps.setString(3, v.memberId());
            ps.setString(4, v.category());
            ps.setString(5, v.citation());
            ps.setTimestamp(6, Timestamp.from(envelope.occurredAt()));
            ps.executeUpdate();
        }
    }
}
