package vn.binhyen.notification.service;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import vn.binhyen.eventlog.rules.ClauseIndex;

/**
 * The routing rules as data ({@code routing/routing.yaml}): a typo in the file fails the start, and
 * so does a rule whose citation is not a clause of the regulation it is for ({@link ClauseIndex}).
 */
public record Routing(List<Rule> rules) {
    /** Report-intake carries out police-song-tri's 14-15 only: a report event's rule cites that regulation. */
    public static final String REPORTS_REGULATION = "police-song-tri";

    /**
     * One of: role (a staff role of the event's unit), groupRoles, payloadList (member ids in a list
     * field), payloadField (a member id in one field; nobody when it is empty), citizen (the payload
     * field holding the report id).
     */
    public record Recipient(String role, List<String> groupRoles, String payloadList, String payloadField,
            String citizen) {
    }

    /**
     * {@code when}: payload fields the event must hold with these values. The citation a notification
     * carries: for a group of a regulation in {@code profiles}, that regulation's clause; else the
     * event's own ({@code citationFrom}, a payload field), else {@code citation} (a platform rule, or
     * for report events police-song-tri's). A group event of a regulation the rule does not name, where
     * the rule has neither of the others, is not routed by it.
     */
    public record Rule(String topic, String event, Map<String, String> when, List<Recipient> recipients,
            String template, vn.binhyen.notification.domain.Urgency urgency, String citation, String citationFrom, Map<String, String> profiles) {
        public Rule {
            when = when == null ? Map.of() : Map.copyOf(when);
            profiles = profiles == null ? Map.of() : Map.copyOf(profiles);
        }

        /** The citation for an event of a group following {@code profile} (may be null), or null: not routed. */
        public String citationFor(String profile, JsonNode payload) {
            if (profile != null && profiles.containsKey(profile)) {
                return profiles.get(profile);
            }
            if (citationFrom != null) {
                String own = payload.path(citationFrom).asText(null);
                return own == null || own.isBlank() ? null : own;
            }
            return citation;
        }

        public boolean matches(JsonNode payload) {
            return when.entrySet().stream().allMatch(w -> w.getValue().equals(payload.path(w.getKey()).asText(null)));
        }
    }

    public List<Rule> rulesFor(String topic, String eventType) {
        return rules.stream().filter(r -> r.topic().equals(topic) && r.event().equals(eventType)).toList();
    }

    /** Every citation a rule can carry is a clause of its regulation, or a platform rule. */
    public Routing check(ClauseIndex index) {
        List<String> problems = new java.util.ArrayList<>();
        for (Rule r : rules) {
            String where = r.topic() + "/" + r.event() + (r.when().isEmpty() ? "" : " " + r.when());
            if (r.citation() == null && r.citationFrom() == null && r.profiles().isEmpty()) {
                problems.add(where + ": a rule without a citation");
            }
            r.profiles().forEach((profile, citation) -> problems.addAll(index.problems(profile, where, citation)));
            if (r.citation() != null) {
                String own = r.topic().equals("report") ? REPORTS_REGULATION : ClauseIndex.PLATFORM;
                problems.addAll(index.problems(own, where, r.citation()));
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("routing/routing.yaml does not hold: " + String.join("; ", problems));
        }
        return this;
    }

    public static Routing load() {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        try (InputStream in = Routing.class.getClassLoader().getResourceAsStream("routing/routing.yaml")) {
            if (in == null) {
                throw new IllegalStateException("routing/routing.yaml is missing");
            }
            return yaml.readValue(in, Routing.class).check(ClauseIndex.standard());
        } catch (IOException e) {
            throw new UncheckedIOException("routing/routing.yaml is unreadable: " + e.getMessage(), e);
        }
    }
}
