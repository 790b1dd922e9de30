package vn.binhyen.moderation.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import vn.binhyen.contracts.group.GroupEvent;
import vn.binhyen.eventlog.consumer.EventConsumer;
import vn.binhyen.eventlog.directory.Directory;
import vn.binhyen.eventlog.quarkus.JtaTransactions;
import vn.binhyen.moderation.service.GroupProfiles;

/**
 * Learns each group's regulation profile (GroupEstablished, ProfileChanged), and the units,
 * rosters and bots of eventlog's {@link Directory} (who sits on a board, which bot serves a
 * group), from {@code binhyen.group.events}, in order per group, through eventlog's consumers'
 * template (a record that is not its published record is parked); every write is an upsert, so a
 * redelivered event changes nothing and no inbox is needed.
 */
@ApplicationScoped
public class GroupEventsConsumer {
    private final EventConsumer<Object> consumer;

    GroupEventsConsumer(GroupProfiles profiles, Directory directory, JtaTransactions transactions) {
        this.consumer = EventConsumer.named("moderation-service:group-events", Directory::read)
                .follows(Directory.FOLLOWED).build(transactions, (c, e, event) -> {
                    switch (event) {
                        case GroupEvent.GroupEstablished g -> profiles.learn(g.groupId(), g.profile(),
                                g.profileVersion(), e.recordedAt());
                        case GroupEvent.ProfileChanged p -> profiles.learn(p.groupId(), p.profile(),
                                p.profileVersion(), e.recordedAt());
                        default -> {
                            // the directory's alone
                        }
                    }
                    directory.apply(event);
                });
    }

    @Incoming("group-events")
    @Blocking(ordered = true)
    public void onRecord(ConsumerRecord<String, byte[]> record) {
        consumer.accept(record);
    }
}
