package vn.binhyen.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;
import vn.binhyen.eventlog.Actor;
import vn.binhyen.eventlog.Envelope;
import vn.binhyen.eventlog.EnvelopeJson;
import vn.binhyen.eventlog.EventIds;
import vn.binhyen.eventlog.HashChain;
import vn.binhyen.eventlog.Json;

/** The verifier's fast reading of published bytes gives the reference verdict (parse, RFC 8785, SHA-256). */
class EnvelopeBytesTests {
    static final String[] TEXTS = {"Phan Văn Khải", "Tuyệt mật \"quote\" \\ back", "tab\there", "emoji 🚓", "\u0000\u001f",
        "Mật khẩu</script>", "Nguyễn Thị Minh Khai", ""};

    static Envelope envelope(Random random, String prev) {
        ObjectNode payload = Json.MAPPER.createObjectNode();
        payload.put("text", TEXTS[random.nextInt(TEXTS.length)]);
        payload.put("n", random.nextInt());
        payload.put("x", random.nextDouble() * 1e21);
        payload.putObject("nested").put("z", TEXTS[random.nextInt(TEXTS.length)]).put("a", random.nextBoolean());
        return new Envelope(EventIds.next(), "MemberAdded", 1, "group", "group-" + EventIds.next(), 1 + random.nextInt(9),
                Instant.now(), Instant.now(), new Actor("leader-" + random.nextInt(5), "LEADER",
                        random.nextBoolean() ? "bot-1" : null), "corr-" + random.nextInt(), random.nextBoolean()
                                ? "cause-1" : null, payload, prev, null).sealed();
    }

    @Test
    void intactEnvelopes_areIntact_withTheirFields_asTheReferenceSays() {
        Random random = new Random(7);
        String prev = HashChain.GENESIS;
        for (int i = 0; i < 500; i++) {
            Envelope e = envelope(random, prev);
            EnvelopeBytes.Fields f = EnvelopeBytes.read(EnvelopeJson.toBytes(e));
            assertThat(f.intact()).isTrue();
            assertThat(f.eventId()).isEqualTo(e.eventId().toString());
            assertThat(f.streamId()).isEqualTo(e.streamId());
            assertThat(f.streamVersion()).isEqualTo(e.streamVersion());
            assertThat(f.hash()).isEqualTo(e.hash());
            assertThat(java.util.HexFormat.of().formatHex(f.prevHashBytes())).isEqualTo(e.prevHash());
            prev = e.hash();
        }
    }

    @Test
    void anyChangedByte_outsideTheHash_isNotIntact_asTheReferenceSays() {
        Random random = new Random(11);
        Envelope e = envelope(random, HashChain.GENESIS);
        byte[] bytes = EnvelopeJson.toBytes(e);
        String text = new String(bytes, StandardCharsets.UTF_8);
        int hashAt = text.indexOf("\"hash\":");
        for (int i = 0; i < bytes.length; i++) {
            if (i >= hashAt - 1 && i < hashAt + 7 + 66) {
                continue; // the hash member itself: changing it is a different test
            }
            byte[] changed = bytes.clone();
            changed[i] = (byte) (changed[i] == 'a' ? 'b' : 'a');
            boolean reference;
            try {
                Envelope parsed = EnvelopeJson.fromBytes(changed);
                reference = HashChain.hashOf(parsed).equals(parsed.hash());
            } catch (RuntimeException unreadable) {
                assertThatThrownBy(() -> EnvelopeBytes.read(changed)).isInstanceOf(RuntimeException.class);
                continue;
            }
            boolean fast;
            try {
                fast = EnvelopeBytes.read(changed).intact();
            } catch (RuntimeException unreadable) {
                fast = false; // stricter than the reference only on ids, versions and hex (an honest relay writes them well)
            }
            assertThat(fast).as("byte %d changed", i).isEqualTo(reference);
        }
    }

    @Test
    void aNonCanonicalButIntactEnvelope_isIntact_byTheReferencePath() throws Exception {
        Envelope e = envelope(new Random(3), HashChain.GENESIS);
        byte[] pretty = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(EnvelopeJson.toTree(e, true));
        assertThat(EnvelopeBytes.read(pretty).intact()).isTrue();
    }

    @Test
    void aHashThatIsNotLowerCaseHex_isNotIntact() {
        Envelope e = envelope(new Random(5), HashChain.GENESIS);
        byte[] upper = new String(EnvelopeJson.toBytes(e), StandardCharsets.UTF_8)
                .replace(e.hash(), e.hash().toUpperCase()).getBytes(StandardCharsets.UTF_8);
        EnvelopeBytes.Fields f = EnvelopeBytes.read(upper);
        assertThat(f.intact()).isFalse();
        assertThat(f.hashBytes()).isNull();
    }
}
