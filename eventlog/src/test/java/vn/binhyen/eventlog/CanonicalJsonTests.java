package vn.binhyen.eventlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The tree walker must produce the RFC 8785 reference implementation's bytes, byte for byte. */
class CanonicalJsonTests {
    static final JsonNodeFactory F = JsonNodeFactory.instance;
    static final String ALPHABET = "aAzZ09 _-\"\\/\b\f\n\r\t\u0001\u001f\u007féếẫđĐƯươ€😀\u2028\u2029\uFEFF";

    @Test
    void canonicalBytes_equalTheReferenceImplementation_forRandomTrees() throws Exception {
        SplittableRandom random = new SplittableRandom(8785);
        for (int i = 0; i < 3000; i++) {
            JsonNode tree = F.objectNode().set("v", randomNode(random, 0)); // the reference takes objects or arrays only
            assertThat(new String(CanonicalJson.bytes(tree), StandardCharsets.UTF_8))
                    .as("tree %s", tree)
                    .isEqualTo(new String(CanonicalJson.referenceBytes(tree), StandardCharsets.UTF_8));
        }
    }

    @Test
    void canonicalBytes_rfc8785NumberExamples() throws Exception {
        // RFC 8785 appendix B: IEEE 754 values and their canonical forms
        var tree = Json.MAPPER.readTree("[0.0, -0.0, 1e21, 1e-7, 333333333.3333333, 4.50, 2e-3, 1E30, "
                + "9007199254740992, 295147905179352830000, 0.000001]");
        assertThat(CanonicalJson.string(tree))
                .isEqualTo("[0,0,1e+21,1e-7,333333333.3333333,4.5,0.002,1e+30,9007199254740992,295147905179352830000,0.000001]");
    }

    @Test
    void loneSurrogate_isRefused() {
        assertThatThrownBy(() -> CanonicalJson.bytes(F.textNode("a\uD800b"))).isInstanceOf(IllegalArgumentException.class);
    }

    static JsonNode randomNode(SplittableRandom r, int depth) {
        int kind = depth > 3 ? r.nextInt(4) : r.nextInt(6);
        return switch (kind) {
            case 0 -> F.textNode(randomString(r));
            case 1 -> switch (r.nextInt(5)) {
                case 0 -> F.numberNode(r.nextInt());
                case 1 -> F.numberNode(r.nextLong());
                case 2 -> F.numberNode(r.nextDouble() * Math.pow(10, r.nextInt(-30, 30)));
                case 3 -> F.numberNode(r.nextInt(-1000, 1000) / 100.0);
                default -> F.numberNode(Double.longBitsToDouble(r.nextLong() & 0x7FEFFFFFFFFFFFFFL));
            };
            case 2 -> F.booleanNode(r.nextBoolean());
            case 3 -> F.nullNode();
            case 4 -> {
                ArrayNode a = F.arrayNode();
                for (int i = r.nextInt(4); i > 0; i--) {
                    a.add(randomNode(r, depth + 1));
                }
                yield a;
            }
            default -> {
                ObjectNode o = F.objectNode();
                for (int i = r.nextInt(5); i > 0; i--) {
                    o.set(randomString(r), randomNode(r, depth + 1));
                }
                yield o;
            }
        };
    }

    static String randomString(SplittableRandom r) {
        StringBuilder b = new StringBuilder();
        for (int i = r.nextInt(8); i > 0; i--) {
            int cp = ALPHABET.codePointAt(ALPHABET.offsetByCodePoints(0, r.nextInt(ALPHABET.codePointCount(0, ALPHABET.length()))));
            b.appendCodePoint(cp);
        }
        return b.toString();
    }
}
