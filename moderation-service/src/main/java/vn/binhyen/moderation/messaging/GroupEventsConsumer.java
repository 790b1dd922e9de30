package vn.binhyen.moderation.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import vn.binhyen.contracts.EventHeaders;
import vn.binhyen.eventlog.Envelope;
import vn.binhyen.eventlog.EnvelopeJson;
import vn.binhyen.moderation.service.GroupProfiles;

/**
 * Learns each group's regulation profile (GroupEstablished, ProfileChanged) and its management
 * board (who is leader, deputy or admin) from {@code binhyen.group.events}, in order per group;
 * every write is an upsert, so a redelivered event changes nothing.
 */
@ApplicationScoped
public class GroupEventsConsumer {
    private final GroupProfiles profiles;
    private final vn.binhyen.moderation.service.GroupBoards boards;

    GroupEventsConsumer(GroupProfiles profiles, vn.binhyen.moderation.service.GroupBoards boards) {
        this.profiles = profiles;
        this.boards = boards;
    }

    @Incoming("group-events")
    @Blocking(ordered = true)
    public void onRecord(ConsumerRecord<String, byte[]> record) {
        Header type = record.headers().lastHeader(EventHeaders.EVENT_TYPE);
        if (type == null) {
            return;
        }
        String eventType = new String(type.value(), StandardCharsets.UTF_8);
        if (!FOLLOWED.contains(eventType)) {
            return;
        }
        Envelope e = EnvelopeJson.fromBytes(record.value());
        var p = e.payload();
        String group = p.path("groupId").asText();
        switch (eventType) {
            case "GroupEstablished" -> {
                profiles.learn(group, p.path("profile").asText(), p.path("profileVersion").asInt(1), e.recordedAt());
                boards.seat(group, p.path("leader").path("memberId").asText(), "LEADER");
            }
            case "ProfileChanged" -> profiles.learn(group, p.path("profile").asText(), p.path("profileVersion").asInt(1),
                    e.recordedAt());
            case "MemberAdded" -> boards.seat(group, p.path("member").path("memberId").asText(), p.path("role").asText());
            case "RoleAssigned" -> boards.seat(group, p.path("memberId").asText(), p.path("role").asText());
            case "RoleHandedOver" -> {
                boards.seat(group, p.path("fromMemberId").asText(), "MEMBER");
                boards.seat(group, p.path("successor").path("memberId").asText(), p.path("role").asText());
            }
            case "MemberRemoved", "MemberLeft" -> boards.seat(group, p.path("memberId").asText(), "MEMBER");
            default -> {
            }
        }
    }

    private static final java.util.Set<String> FOLLOWED = java.util.Set.of("GroupEstablished", "ProfileChanged",
            "MemberAdded", "RoleAssigned", "RoleHandedOver", "MemberRemoved", "MemberLeft");
}
