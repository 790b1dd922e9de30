package vn.binhyen.report.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import vn.binhyen.contracts.EventHeaders;
import vn.binhyen.eventlog.EnvelopeJson;
import vn.binhyen.eventlog.directory.Directory;

/**
 * Learns units, groups, rosters and bots from {@code binhyen.group.events} into eventlog's
 * {@link Directory} (issue 21): a tip belongs to the unit of the group it came in, a bot files
 * only for the groups it is bound to, and the board that forwards a tip is the leadership of the
 * unit's police group by its roster (police-song-tri:15.3). In order per group; every write an
 * upsert, so a redelivered event changes nothing.
 */
@ApplicationScoped
public class GroupEventsConsumer {
    private final Directory directory;

    GroupEventsConsumer(Directory directory) {
        this.directory = directory;
    }

    @Incoming("group-events")
    @Blocking(ordered = true)
    public void onRecord(ConsumerRecord<String, byte[]> record) {
        Header type = record.headers().lastHeader(EventHeaders.EVENT_TYPE);
        if (type == null || !Directory.FOLLOWED.contains(new String(type.value(), StandardCharsets.UTF_8))) {
            return;
        }
        directory.apply(EnvelopeJson.fromBytes(record.value()));
    }
}
