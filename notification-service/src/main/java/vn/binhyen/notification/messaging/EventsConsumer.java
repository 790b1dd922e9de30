package vn.binhyen.notification.messaging;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import vn.binhyen.contracts.EventHeaders;
import vn.binhyen.contracts.LedgerCheckpoint;
import vn.binhyen.eventlog.Envelope;
import vn.binhyen.eventlog.EnvelopeJson;
import vn.binhyen.notification.routing.GroupDirectory;
import vn.binhyen.notification.routing.Router;

/**
 * Follows the group, moderation and report topics: group events keep the directory of who
 * holds which role; every event is routed, in one transaction per record.
 */
@ApplicationScoped
public class EventsConsumer {
    private final Router router;
    private final GroupDirectory directory;

    EventsConsumer(Router router, GroupDirectory directory) {
        this.router = router;
        this.directory = directory;
    }

    @Incoming("group-events")
    @Blocking(ordered = true)
    public void group(ConsumerRecord<String, byte[]> record) {
        handle("group", record);
    }

    @Incoming("moderation-events")
    @Blocking(ordered = true)
    public void moderation(ConsumerRecord<String, byte[]> record) {
        handle("moderation", record);
    }

    @Incoming("report-events")
    @Blocking(ordered = true)
    public void report(ConsumerRecord<String, byte[]> record) {
        handle("report", record);
    }

    private void handle(String topic, ConsumerRecord<String, byte[]> record) {
        Header type = record.headers().lastHeader(EventHeaders.EVENT_TYPE);
        if (type == null || LedgerCheckpoint.TYPE.equals(new String(type.value(), StandardCharsets.UTF_8))) {
            return;
        }
        Envelope e = EnvelopeJson.fromBytes(record.value());
        QuarkusTransaction.requiringNew().run(() -> {
            if (topic.equals("group")) {
                directory.follow(e.eventType(), e.payload());
            }
            router.route(topic, e);
        });
    }
}
