package vn.binhyen.eventlog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.erdtman.jcs.JsonCanonicalizer;

/** RFC 8785 (JSON Canonicalization Scheme) bytes of a JSON tree, by the reference implementation. */
public final class CanonicalJson {
    private CanonicalJson() {
    }

    public static byte[] bytes(JsonNode node) {
        try {
            return new JsonCanonicalizer(Json.MAPPER.writeValueAsString(node)).getEncodedUTF8();
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not serialisable as JSON", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("not canonicalisable (RFC 8785): " + e.getMessage(), e);
        }
    }

    public static String string(JsonNode node) {
        return new String(bytes(node), java.nio.charset.StandardCharsets.UTF_8);
    }
}
