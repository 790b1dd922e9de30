package vn.binhyen.moderation.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import vn.binhyen.contracts.EventHeaders;
import vn.binhyen.contracts.group.GroupEvent;
import vn.binhyen.eventlog.Envelope;
import vn.binhyen.eventlog.EnvelopeJson;
import vn.binhyen.eventlog.directory.Directory;
import vn.binhyen.moderation.service.GroupProfiles;

/**
 * Learns each group's regulation profile (GroupEstablished, ProfileChanged), and the units,
 * rosters and bots of eventlog's {@link Directory} (who sits on a board, which bot serves a
 * group), from {@code binhyen.group.events}, in order per group; every write is an upsert, so a
 * redelivered event changes nothing.
 */
@ApplicationScoped
public class GroupEventsConsumer {
    private final GroupProfiles profiles;
    private final Directory directory;

    GroupEventsConsumer(GroupProfiles profiles, Directory directory) {
        this.profiles = profiles;
        this.directory = directory;
    }

    @Incoming("group-events")
    @Blocking(ordered = true)
    public void onRecord(ConsumerRecord<String, byte[]> record) {
        Header type = record.headers().lastHeader(EventHeaders.EVENT_TYPE);
        if (type == null) {
            return;
        }
        String eventType = new String(type.value(), StandardCharsets.UTF_8);
        if (!Directory.FOLLOWED.contains(eventType)) {
            return;
        }
        Envelope e = EnvelopeJson.fromBytes(record.value());
        Object event = Directory.decode(e).orElse(null);
        if (event == null) {
            return;
        }
        switch (event) {
            case GroupEvent.GroupEstablished g -> profiles.learn(g.groupId(), g.profile(), g.profileVersion(),
                    e.recordedAt());
            case GroupEvent.ProfileChanged c -> profiles.learn(c.groupId(), c.profile(), c.profileVersion(),
                    e.recordedAt());
            default -> {
                // the directory's alone
            }
        }
        directory.apply(event);
    }
}
