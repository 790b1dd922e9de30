package vn.binhyen.report.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import vn.binhyen.eventlog.consumer.EventConsumer;
import vn.binhyen.eventlog.directory.Directory;
import vn.binhyen.eventlog.quarkus.JtaTransactions;

/**
 * Learns units, groups, rosters and bots from {@code binhyen.group.events} into eventlog's
 * {@link Directory} (issue 21): a tip belongs to the unit of the group it came in, a bot files
 * only for the groups it is bound to, and the board that forwards a tip is the leadership of the
 * unit's police group by its roster (police-song-tri:15.3). In order per group, through eventlog's
 * consumers' template (a record that is not its published record is parked); every write an
 * upsert, so a redelivered event changes nothing.
 */
@ApplicationScoped
public class GroupEventsConsumer {
    private final EventConsumer<Object> consumer;

    GroupEventsConsumer(Directory directory, JtaTransactions transactions) {
        this.consumer = EventConsumer.named("report-intake-service:group-events", Directory::read)
                .follows(Directory.FOLLOWED).build(transactions, (c, e, event) -> directory.apply(event));
    }

    @Incoming("group-events")
    @Blocking(ordered = true)
    public void onRecord(ConsumerRecord<String, byte[]> record) {
        consumer.accept(record);
    }
}
