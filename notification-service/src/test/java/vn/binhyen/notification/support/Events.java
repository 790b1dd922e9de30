package vn.binhyen.notification.support;

import java.time.Instant;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import vn.binhyen.eventlog.Actor;
import vn.binhyen.eventlog.Envelope;
import vn.binhyen.eventlog.EventIds;
import vn.binhyen.eventlog.HashChain;
import vn.binhyen.eventlog.Json;
import vn.binhyen.eventlog.Relay;

/** Other services' events, sealed and published to their topics as their relays would. */
public final class Events {
    private Events() {
    }

    public static Envelope event(String stream, long version, String type, Object payload) {
        return new Envelope(EventIds.next(), type, 1, Envelope.streamTypeOf(stream), stream, version, Instant.now(),
                Instant.now(), Actor.of("someone", "ADMIN"), "corr-" + UUID.randomUUID(), null,
                Json.MAPPER.valueToTree(payload), HashChain.GENESIS, null).sealed();
    }

    /** The unit the test reports are received by (the staff tokens' default unit). */
    public static final String UNIT = vn.binhyen.testsupport.Tokens.DEFAULT_UNIT;

    /** A report's first event, as report-intake publishes it: the unit that received it (issue 21). */
    public static Envelope received(String report) {
        java.util.Map<String, Object> p = new java.util.HashMap<>();
        p.put("reportId", report);
        p.put("unit", UNIT);
        return event(report, 1, "ReportReceived", p);
    }

    public static void publish(String topic, Envelope... events) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        p.putAll(vn.binhyen.testsupport.KafkaPrincipals.clientSettings(vn.binhyen.testsupport.KafkaPrincipals.ADMIN));
        try (var producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            long seq = 1;
            for (Envelope e : events) {
                producer.send(Relay.record(topic, "test", e, seq++)).get();
            }
        }
    }
}
