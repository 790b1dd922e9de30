package vn.binhyen.notification.routing;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** The routing rules as data ({@code routing/routing.yaml}): a typo in the file fails the start. */
public record Routing(List<Rule> rules) {

    /** One of: role, groupRoles, payloadList, citizen (the payload field holding the report id). */
    public record Recipient(String role, List<String> groupRoles, String payloadList, String citizen) {
    }

    public record Rule(String topic, String event, List<Recipient> recipients, String template, String urgency,
            String citation) {
    }

    public List<Rule> rulesFor(String topic, String eventType) {
        return rules.stream().filter(r -> r.topic().equals(topic) && r.event().equals(eventType)).toList();
    }

    public static Routing load() {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        try (InputStream in = Routing.class.getClassLoader().getResourceAsStream("routing/routing.yaml")) {
            if (in == null) {
                throw new IllegalStateException("routing/routing.yaml is missing");
            }
            return yaml.readValue(in, Routing.class);
        } catch (IOException e) {
            throw new UncheckedIOException("routing/routing.yaml is unreadable: " + e.getMessage(), e);
        }
    }
}
