package vn.binhyen.eventlog.quarkus;

import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.config.Config;

/**
 * The Kafka client settings of this service beyond the bootstrap servers: its identity
 * ({@code kafka.security.protocol}, {@code kafka.sasl.*}, {@code kafka.ssl.*}; issue 21, audit F6),
 * for the clients the service builds itself (the relay's producer, the verdicts' producer), as
 * the messaging channels and the health check take them from the same {@code kafka.} properties.
 */
public final class KafkaClientSettings {
    private KafkaClientSettings() {
    }

    public static Map<String, Object> of(Config config) {
        Map<String, Object> out = new HashMap<>();
        out.put("bootstrap.servers", config.getValue("kafka.bootstrap.servers", String.class));
        for (String name : config.getPropertyNames()) {
            if (name.startsWith("kafka.security.") || name.startsWith("kafka.sasl.") || name.startsWith("kafka.ssl.")) {
                config.getOptionalValue(name, String.class).ifPresent(v -> out.put(name.substring("kafka.".length()), v));
            }
        }
        return out;
    }
}
