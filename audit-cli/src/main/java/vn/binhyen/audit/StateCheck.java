package vn.binhyen.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import vn.binhyen.eventlog.Envelope;

/**
 * A service's account of a stream (its events' versions, ids and hashes up to a moment)
 * against the Kafka log: every event the service folded must be in the log with the same id
 * and hash, so the state it shows is the state the log proves.
 */
public final class StateCheck {
    private StateCheck() {
    }

    /** {@code service}: the audit endpoint's {@code events} array; {@code log}: the stream's events by version. */
    public static List<String> compare(JsonNode service, Map<Long, Envelope> log) {
        List<String> problems = new ArrayList<>();
        for (JsonNode e : service) {
            long version = e.path("version").asLong();
            Envelope published = log.get(version);
            if (published == null) {
                problems.add("version " + version + " (" + e.path("eventId").asText() + ") is not in the Kafka log");
            } else if (!published.eventId().toString().equals(e.path("eventId").asText())) {
                problems.add("version " + version + " is event " + e.path("eventId").asText() + " in the service but "
                        + published.eventId() + " in the Kafka log");
            } else if (!published.hash().equals(e.path("hash").asText())) {
                problems.add("version " + version + " hashes " + e.path("hash").asText() + " in the service but "
                        + published.hash() + " in the Kafka log: altered in one of them");
            }
        }
        return problems;
    }
}
