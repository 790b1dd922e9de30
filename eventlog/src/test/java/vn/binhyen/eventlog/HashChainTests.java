package vn.binhyen.eventlog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class HashChainTests {

    @Test
    void canonicalJson_sortsKeysAndNormalisesNumbersAsRfc8785() throws Exception {
        // RFC 8785 section 3.2.2/3.2.3: properties sorted by UTF-16 code units, ES6 number form
        var tree = Json.MAPPER.readTree("{\"b\": 1.50, \"a\": [1E3, \"\\u00e9\"], \"A\": true}");

        assertThat(new String(CanonicalJson.bytes(tree), StandardCharsets.UTF_8))
                .isEqualTo("{\"A\":true,\"a\":[1000,\"é\"],\"b\":1.5}");
    }

    @Test
    void hash_dependsOnEveryEnvelopeField() {
        Envelope e = sample(1, HashChain.GENESIS).sealed();
        Envelope otherActor = new Envelope(e.eventId(), e.eventType(), e.schemaVersion(), e.streamType(),
                e.streamId(), e.streamVersion(), e.occurredAt(), e.recordedAt(), Actor.of("someone-else", "ADMIN"),
                e.correlationId(), e.causationId(), e.payload(), e.prevHash(), null).sealed();

        assertThat(e.hash()).hasSize(64).isNotEqualTo(otherActor.hash());
        assertThat(HashChain.hashOf(e)).isEqualTo(e.hash());
    }

    @Test
    void envelope_survivesJsonRoundTripWithTheSameHash() {
        Envelope e = sample(1, HashChain.GENESIS).sealed();

        Envelope back = EnvelopeJson.fromBytes(EnvelopeJson.toBytes(e));

        assertThat(EnvelopeJson.toBytes(back)).isEqualTo(EnvelopeJson.toBytes(e));
        assertThat(back.eventId()).isEqualTo(e.eventId());
        assertThat(HashChain.hashOf(back)).isEqualTo(e.hash());
    }

    @Test
    void envelopeCanonicalForm_equalsRfc8785OfItsTree_withAndWithoutOptionalFields() throws Exception {
        Envelope plain = sample(1, HashChain.GENESIS).sealed();
        Envelope full = new Envelope(plain.eventId(), plain.eventType(), 2, plain.streamType(), plain.streamId(), 3,
                plain.occurredAt(), plain.recordedAt(), new Actor("bot-1", "BOT", "citizen-\"9\""), "corr-2",
                "cause-1", plain.payload(), plain.prevHash(), null).sealed();
        for (Envelope e : List.of(plain, full)) {
            for (boolean withHash : new boolean[] {true, false}) {
                assertThat(new String(EnvelopeJson.canonical(e, withHash), StandardCharsets.UTF_8))
                        .isEqualTo(new String(CanonicalJson.referenceBytes(EnvelopeJson.toTree(e, withHash)),
                                StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void verify_reorderedEvents_reportVersionGap() {
        Envelope first = sample(1, HashChain.GENESIS).sealed();
        Envelope second = sample(2, first.hash()).sealed();

        assertThat(HashChain.verify(List.of(first, second)).intact()).isTrue();
        assertThat(HashChain.verify(List.of(second, first)).firstBreak())
                .hasValueSatisfying(b -> assertThat(b.reason()).isEqualTo(ChainVerification.Reason.VERSION_GAP));
    }

    @Test
    void verify_eventPointingAtWrongPredecessor_reportsPrevHashMismatch() {
        Envelope first = sample(1, HashChain.GENESIS).sealed();
        Envelope forged = sample(2, HashChain.GENESIS).sealed();

        assertThat(HashChain.verify(List.of(first, forged)).firstBreak()).hasValueSatisfying(b -> {
            assertThat(b.eventId()).isEqualTo(forged.eventId());
            assertThat(b.reason()).isEqualTo(ChainVerification.Reason.PREV_HASH_MISMATCH);
        });
    }

    @Test
    void ledgerDigest_dependsOnOrder() {
        LedgerDigest ab = new LedgerDigest();
        ab.fold("11".repeat(32));
        ab.fold("22".repeat(32));
        LedgerDigest ba = new LedgerDigest();
        ba.fold("22".repeat(32));
        ba.fold("11".repeat(32));

        assertThat(ab.count()).isEqualTo(2);
        assertThat(ab.digest()).isNotEqualTo(ba.digest()).isNotEqualTo(HashChain.GENESIS);
    }

    @Test
    void eventIds_areVersion7AndTimeOrdered() {
        UUID a = EventIds.next();
        UUID b = EventIds.next();

        assertThat(a.version()).isEqualTo(7);
        assertThat(a.compareTo(b)).isNegative();
    }

    static Envelope sample(long version, String prevHash) {
        ObjectNode payload = Json.MAPPER.createObjectNode().put("name", "Nguyễn Văn An").put("n", version);
        return new Envelope(UUID.fromString("0193a5c0-0000-7000-8000-00000000000" + version), "MemberAdded", 1,
                "group", "group-0193a5c0-0000-7000-8000-000000000000", version,
                Instant.parse("2026-11-22T08:00:00.123456789Z"), Instant.parse("2026-11-22T08:00:01Z"),
                new Actor("leader-1", "LEADER", null), "corr-1", null, payload, prevHash, null);
    }
}
