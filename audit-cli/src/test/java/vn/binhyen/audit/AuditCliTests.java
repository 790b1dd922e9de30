package vn.binhyen.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.binhyen.contracts.EventHeaders;
import vn.binhyen.contracts.LedgerCheckpoint;
import vn.binhyen.eventlog.Actor;
import vn.binhyen.eventlog.CanonicalJson;
import vn.binhyen.eventlog.Envelope;
import vn.binhyen.eventlog.EnvelopeJson;
import vn.binhyen.eventlog.EventIds;
import vn.binhyen.eventlog.HashChain;
import vn.binhyen.eventlog.Json;
import vn.binhyen.eventlog.LedgerDigest;
import vn.binhyen.eventlog.Relay;
import vn.binhyen.testsupport.KafkaBroker;

/** `audit verify` against a real broker: a clean log verifies; a forged, an altered and a deleted record are each reported exactly. */
class AuditCliTests {
    static KafkaBroker broker;

    @BeforeAll
    static void start() throws Exception {
        QuietLogging.apply();
        broker = KafkaBroker.startTemporary();
        // the tool reads as the client its configuration file names (issue 21): here the broker's admin
        var config = java.nio.file.Files.createTempFile("kafka-client-", ".properties");
        var settings = broker.clientProperties(vn.binhyen.testsupport.KafkaPrincipals.ADMIN);
        settings.remove("bootstrap.servers");
        try (var out = java.nio.file.Files.newOutputStream(config)) {
            settings.store(out, "audit-cli tests");
        }
        System.setProperty("binhyen.kafka.config", config.toString());
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    /** A stream of {@code n} chained, sealed events. */
    static List<Envelope> chain(String stream, int n) {
        List<Envelope> out = new ArrayList<>();
        String prev = HashChain.GENESIS;
        for (int v = 1; v <= n; v++) {
            Envelope e = new Envelope(EventIds.next(), "MemberAdded", 1, "group", stream, v, Instant.now(), Instant.now(),
                    Actor.of("leader-1", "LEADER"), "corr-1", null,
                    Json.MAPPER.createObjectNode().put("groupId", stream).put("memberId", "m-" + v), prev, null).sealed();
            out.add(e);
            prev = e.hash();
        }
        return out;
    }

    static KafkaProducer<String, byte[]> producer() {
        Properties p = new Properties();
        p.put("bootstrap.servers", broker.bootstrapServers());
        p.putAll(vn.binhyen.testsupport.KafkaPrincipals.clientSettings(vn.binhyen.testsupport.KafkaPrincipals.ADMIN));
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    /** Publishes as a relay does, then its checkpoint covering {@code checkpointed} events. */
    static void publish(String topic, List<Envelope> events, List<Envelope> ledgerOrder, long checkpointed)
            throws Exception {
        try (var producer = producer()) {
            long seq = 0;
            for (Envelope e : events) {
                seq = ledgerOrder.indexOf(e) + 1;
                producer.send(Relay.record(topic, "test-ledger", e, seq)).get();
            }
            LedgerDigest digest = new LedgerDigest();
            for (int i = 0; i < checkpointed; i++) {
                digest.fold(ledgerOrder.get(i).hash());
            }
            var checkpoint = new LedgerCheckpoint("test-ledger", checkpointed, 0, checkpointed, digest.digest(),
                    Instant.now().toString());
            RecordHeaders h = new RecordHeaders();
            h.add(EventHeaders.EVENT_TYPE, LedgerCheckpoint.TYPE.getBytes());
            h.add(EventHeaders.LEDGER, "test-ledger".getBytes());
            producer.send(new ProducerRecord<>(topic, null, LedgerCheckpoint.key("test-ledger"),
                    CanonicalJson.bytes(Json.MAPPER.valueToTree(checkpoint)), h)).get();
        }
    }

    record Run(int exit, String out) {
    }

    static Run verify(String topic) {
        StringWriter out = new StringWriter();
        int exit = AuditCli.run(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), "verify",
                "--bootstrap", broker.bootstrapServers(), "--topic", topic);
        return new Run(exit, out.toString());
    }

    static List<String> breaks(Run r) {
        return r.out().lines().filter(l -> l.startsWith("BREAK ")).toList();
    }

    @Test
    void aCleanLog_verifies() throws Exception {
        String topic = "audit.clean-" + UUID.randomUUID();
        List<Envelope> events = chain("group-" + UUID.randomUUID(), 5);
        publish(topic, events, events, 5);
        Run r = verify(topic);
        assertThat(breaks(r)).isEmpty();
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("5 events, 0 break(s)");
    }

    @Test
    void anAlteredEvent_isReportedAsAHashMismatch_andNothingElse() throws Exception {
        String topic = "audit.altered-" + UUID.randomUUID();
        List<Envelope> events = new ArrayList<>(chain("group-" + UUID.randomUUID(), 4));
        Envelope original = events.get(2);
        Envelope altered = new Envelope(original.eventId(), original.eventType(), 1, original.streamType(),
                original.streamId(), 3, original.occurredAt(), original.recordedAt(), original.actor(),
                original.correlationId(), null, Json.MAPPER.createObjectNode().put("groupId", original.streamId())
                        .put("memberId", "intruder"), original.prevHash(), original.hash()); // the old hash kept
        List<Envelope> published = List.of(events.get(0), events.get(1), altered, events.get(3));
        publish(topic, published, published, 4);
        Run r = verify(topic);
        assertThat(breaks(r)).singleElement().asString().startsWith("BREAK HASH_MISMATCH")
                .contains("offset=2", "eventId=" + original.eventId());
        assertThat(r.exit()).isEqualTo(1);
    }

    @Test
    void aForgedRecord_thatHashesCorrectly_isCaughtByTheLedger() throws Exception {
        String topic = "audit.forged-" + UUID.randomUUID();
        String stream = "group-" + UUID.randomUUID();
        List<Envelope> events = chain(stream, 3);
        publish(topic, events, events, 3);
        Envelope forged = new Envelope(EventIds.next(), "MemberAdded", 1, "group", stream, 4, Instant.now(),
                Instant.now(), Actor.of("leader-1", "LEADER"), "corr-x", null,
                Json.MAPPER.createObjectNode().put("groupId", stream).put("memberId", "intruder"), events.get(2).hash(),
                null).sealed(); // a consistent hash and link: only the ledger can tell
        try (var producer = producer()) {
            producer.send(Relay.record(topic, "test-ledger", forged, 2)).get(); // claims an existing place
        }
        Run r = verify(topic);
        assertThat(breaks(r)).singleElement().asString().startsWith("BREAK LEDGER_CONFLICT")
                .contains("eventId=" + forged.eventId(), "offset=4");
    }

    @Test
    void aDeletedTail_isReportedByTheCheckpoint_andNothingElse() throws Exception {
        String topic = "audit.deleted-" + UUID.randomUUID();
        List<Envelope> events = chain("group-" + UUID.randomUUID(), 5);
        publish(topic, events.subList(0, 4), events, 5); // the newest event is gone; the checkpoint counted it
        Run r = verify(topic);
        assertThat(breaks(r)).singleElement().asString().startsWith("BREAK LEDGER_GAP").contains("events 5..5");
        assertThat(r.exit()).isEqualTo(1);
    }
}
