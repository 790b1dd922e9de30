package vn.binhyen.audit;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import vn.binhyen.eventlog.Envelope;
import vn.binhyen.eventlog.EnvelopeJson;
import vn.binhyen.eventlog.HashChain;
import vn.binhyen.eventlog.Json;

/**
 * Reads what the verifier needs of a published envelope straight from its bytes, and checks its
 * hash without building the envelope: the relays publish the RFC 8785 bytes of the envelope
 * with its {@code hash}, so the canonical bytes the hash was computed over are the published
 * bytes without the {@code ,"hash":"…"} member (removing a member from a canonical object
 * leaves a canonical object). One streaming pass over the top-level members, the payload
 * skipped, then SHA-256 over the two slices.
 *
 * <p>When the bytes do not hash that way (an envelope written non-canonically, or altered) the
 * envelope is parsed and hashed the slow way ({@link HashChain#hashOf}), so the verdict is the
 * reference verdict. The only records the fast path accepts that the reference would not are
 * non-canonical bytes whose hash was computed over those very bytes: no relay writes those, so
 * their hash is a forged one, and a forged hash breaks the next event's link or its ledger's
 * checkpoint exactly as a canonical forgery does.
 */
final class EnvelopeBytes {
    private static final HexFormat HEX = HexFormat.of();
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    });

    /** What the chain checks need of one envelope, and whether its content hashes to its hash. */
    record Fields(java.util.UUID id, String eventId, String streamId, long streamVersion, boolean intact,
            byte[] prevHashBytes, byte[] hashBytes) {
        /** The recorded hash as hex, or "" when the record has none that is a hash. */
        String hash() {
            return hashBytes == null ? "" : HEX.formatHex(hashBytes);
        }

        boolean linksToGenesis() {
            for (byte b : prevHashBytes) {
                if (b != 0) {
                    return false;
                }
            }
            return true;
        }
    }

    private EnvelopeBytes() {
    }

    /** @throws IllegalArgumentException when the bytes are not an envelope */
    static Fields read(byte[] json) {
        String eventId = null;
        boolean eventType = false;
        String streamId = null;
        byte[] prev = null;
        byte[] recorded = null;
        long version = -1;
        int hashFrom = -1;
        int hashTo = -1;
        try (JsonParser p = Json.MAPPER.getFactory().createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("not a JSON object");
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                switch (name) {
                    case "eventId" -> eventId = text(p, v, name);
                    case "eventType" -> {
                        string(v, name);
                        eventType = true;
                    }
                    case "streamId" -> streamId = text(p, v, name);
                    case "prevHash" -> {
                        string(v, name);
                        prev = hex32(p);
                        if (prev == null) {
                            throw new IllegalArgumentException("envelope field prevHash is not 64 hex digits");
                        }
                    }
                    case "streamVersion" -> {
                        if (v != JsonToken.VALUE_NUMBER_INT) {
                            throw new IllegalArgumentException("envelope field streamVersion is not an integer");
                        }
                        version = p.getLongValue();
                    }
                    case "hash" -> {
                        string(v, name);
                        recorded = hex32(p);
                        int valueAt = (int) p.currentTokenLocation().getByteOffset();
                        // canonical: the member is ,"hash":"<64 hex>" with nothing between
                        if (recorded != null && valueAt >= 8 && precededByHashName(json, valueAt)
                                && valueAt + 65 < json.length && json[valueAt + 65] == '"') {
                            hashFrom = valueAt - 8;
                            hashTo = valueAt + 66;
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            if (t != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw new IllegalArgumentException("trailing content after the envelope");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        if (eventId == null || streamId == null || prev == null || version < 0 || !eventType) {
            throw new IllegalArgumentException("envelope fields missing (eventId, eventType, streamId, streamVersion, "
                    + "prevHash)");
        }
        java.util.UUID id = java.util.UUID.fromString(eventId);
        if (recorded == null) { // no hash, or not 64 lower-case hex digits: nothing can link to it
            return new Fields(id, eventId, streamId, version, false, prev, null);
        }
        boolean intact = false;
        if (hashFrom >= 0) {
            MessageDigest sha = SHA256.get();
            sha.update(prev);
            sha.update(json, 0, hashFrom);
            sha.update(json, hashTo, json.length - hashTo);
            intact = MessageDigest.isEqual(sha.digest(), recorded);
        }
        if (!intact) {
            Envelope e = EnvelopeJson.fromBytes(json); // the reference: parse, canonicalise, hash
            intact = HashChain.hashOf(e).equals(e.hash());
        }
        return new Fields(id, eventId, streamId, version, intact, prev, recorded);
    }

    /** 32 bytes from the current string token if it is exactly 64 lower-case hex digits, else null. */
    private static byte[] hex32(JsonParser p) throws IOException {
        if (p.getTextLength() != 64) {
            return null;
        }
        char[] c = p.getTextCharacters();
        int at = p.getTextOffset();
        byte[] out = new byte[32];
        for (int i = 0; i < 32; i++) {
            int h = nibble(c[at + 2 * i]);
            int l = nibble(c[at + 2 * i + 1]);
            if (h < 0 || l < 0) {
                return null;
            }
            out[i] = (byte) (h << 4 | l);
        }
        return out;
    }

    private static int nibble(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    }

    private static final byte[] HASH_NAME = ",\"hash\":".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private static boolean precededByHashName(byte[] json, int valueAt) {
        return java.util.Arrays.equals(json, valueAt - 8, valueAt, HASH_NAME, 0, 8);
    }

    private static String text(JsonParser p, JsonToken v, String name) throws IOException {
        if (v != JsonToken.VALUE_STRING) {
            throw new IllegalArgumentException("envelope field " + name + " is not a string");
        }
        return p.getText();
    }

    private static void string(JsonToken v, String name) {
        if (v != JsonToken.VALUE_STRING) {
            throw new IllegalArgumentException("envelope field " + name + " is not a string");
        }
    }
}
