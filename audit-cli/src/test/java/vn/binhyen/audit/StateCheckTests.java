package vn.binhyen.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import vn.binhyen.eventlog.Envelope;
import vn.binhyen.eventlog.Json;

/** A service's account of a stream against the Kafka log. */
class StateCheckTests {
    static final List<Envelope> LOG = AuditCliTests.chain("group-state", 3);

    static com.fasterxml.jackson.databind.node.ArrayNode account(List<Envelope> events) {
        var array = Json.MAPPER.createArrayNode();
        for (Envelope e : events) {
            array.addObject().put("version", e.streamVersion()).put("eventId", e.eventId().toString()).put("hash", e.hash());
        }
        return array;
    }

    static Map<Long, Envelope> byVersion(List<Envelope> events) {
        return events.stream().collect(Collectors.toMap(Envelope::streamVersion, Function.identity()));
    }

    @Test
    void theSameEvents_agree() {
        assertThat(StateCheck.compare(account(LOG), byVersion(LOG))).isEmpty();
    }

    @Test
    void aRowAlteredInTheServiceDatabase_isNamed() {
        var account = account(LOG);
        ((com.fasterxml.jackson.databind.node.ObjectNode) account.get(1)).put("hash", "0".repeat(64));
        assertThat(StateCheck.compare(account, byVersion(LOG))).singleElement().asString()
                .startsWith("version 2 hashes").contains("altered");
    }

    @Test
    void anEventTheLogLacks_isNamed() {
        assertThat(StateCheck.compare(account(LOG), byVersion(LOG.subList(0, 2)))).singleElement().asString()
                .contains("version 3", "not in the Kafka log");
    }
}
