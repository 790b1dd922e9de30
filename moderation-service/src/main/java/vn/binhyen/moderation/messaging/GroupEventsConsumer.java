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
 * Learns each group's regulation profile from {@code binhyen.group.events}
 * (GroupEstablished, ProfileChanged); the upsert keeps the newest, so redelivery is harmless.
 */
@ApplicationScoped
public class GroupEventsConsumer {
    private final GroupProfiles profiles;

    GroupEventsConsumer(GroupProfiles profiles) {
        this.profiles = profiles;
    }

    @Incoming("group-events")
    @Blocking(ordered = true)
    public void onRecord(ConsumerRecord<String, byte[]> record) {
        Header type = record.headers().lastHeader(EventHeaders.EVENT_TYPE);
        if (type == null) {
            return;
        }
        String eventType = new String(type.value(), StandardCharsets.UTF_8);
        if (!eventType.equals("GroupEstablished") && !eventType.equals("ProfileChanged")) {
            return;
        }
        Envelope e = EnvelopeJson.fromBytes(record.value());
        profiles.learn(e.payload().path("groupId").asText(), e.payload().path("profile").asText(),
                e.payload().path("profileVersion").asInt(1), e.recordedAt());
    }
}
