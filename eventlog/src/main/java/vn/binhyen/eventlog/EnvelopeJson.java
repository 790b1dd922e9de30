package vn.binhyen.eventlog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.UUID;

/**
 * The envelope's JSON form, as published to Kafka and hashed. Absent optional fields
 * ({@code actor.onBehalfOf}, {@code causationId}) are left out, never written as null.
 */
public final class EnvelopeJson {
    private EnvelopeJson() {
    }

    public static ObjectNode toTree(Envelope e, boolean withHash) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("eventId", e.eventId().toString());
        n.put("eventType", e.eventType());
        n.put("schemaVersion", e.schemaVersion());
        n.put("streamType", e.streamType());
        n.put("streamId", e.streamId());
        n.put("streamVersion", e.streamVersion());
        n.put("occurredAt", e.occurredAt().toString());
        n.put("recordedAt", e.recordedAt().toString());
        ObjectNode actor = n.putObject("actor");
        actor.put("id", e.actor().id());
        actor.put("role", e.actor().role());
        if (e.actor().onBehalfOf() != null) {
            actor.put("onBehalfOf", e.actor().onBehalfOf());
        }
        n.put("correlationId", e.correlationId());
        if (e.causationId() != null) {
            n.put("causationId", e.causationId());
        }
        n.set("payload", e.payload());
        n.put("prevHash", e.prevHash());
        if (withHash && e.hash() != null) {
            n.put("hash", e.hash());
        }
        return n;
    }

    /** RFC 8785 bytes of the whole envelope, as published. */
    public static byte[] toBytes(Envelope e) {
        return canonical(e, true);
    }

    /**
     * RFC 8785 bytes of the envelope, written field by field in the canonical (UTF-16 sorted)
     * order of its fixed member names, without building a tree: the hot path of hashing,
     * publishing and verifying. Equal to {@code CanonicalJson.bytes(toTree(e, withHash))},
     * which a test checks.
     */
    public static byte[] canonical(Envelope e, boolean withHash) {
        StringBuilder b = new StringBuilder(256 + e.payload().size() * 48);
        b.append("{\"actor\":{\"id\":");
        CanonicalJson.string(e.actor().id(), b);
        if (e.actor().onBehalfOf() != null) {
            b.append(",\"onBehalfOf\":");
            CanonicalJson.string(e.actor().onBehalfOf(), b);
        }
        b.append(",\"role\":");
        CanonicalJson.string(e.actor().role(), b);
        b.append('}');
        if (e.causationId() != null) {
            b.append(",\"causationId\":");
            CanonicalJson.string(e.causationId(), b);
        }
        b.append(",\"correlationId\":");
        CanonicalJson.string(e.correlationId(), b);
        b.append(",\"eventId\":\"").append(e.eventId()).append('"');
        b.append(",\"eventType\":");
        CanonicalJson.string(e.eventType(), b);
        if (withHash && e.hash() != null) {
            b.append(",\"hash\":");
            CanonicalJson.string(e.hash(), b);
        }
        b.append(",\"occurredAt\":\"").append(e.occurredAt()).append('"');
        b.append(",\"payload\":");
        CanonicalJson.write(e.payload(), b);
        b.append(",\"prevHash\":");
        CanonicalJson.string(e.prevHash(), b);
        b.append(",\"recordedAt\":\"").append(e.recordedAt()).append('"');
        b.append(",\"schemaVersion\":").append(e.schemaVersion());
        b.append(",\"streamId\":");
        CanonicalJson.string(e.streamId(), b);
        b.append(",\"streamType\":");
        CanonicalJson.string(e.streamType(), b);
        b.append(",\"streamVersion\":").append(e.streamVersion());
        b.append('}');
        return b.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    public static Envelope fromTree(JsonNode n) {
        JsonNode actor = required(n, "actor");
        JsonNode payload = required(n, "payload");
        if (!payload.isObject()) {
            throw new IllegalArgumentException("envelope payload must be an object");
        }
        return new Envelope(
                UUID.fromString(text(n, "eventId")),
                text(n, "eventType"),
                required(n, "schemaVersion").asInt(),
                text(n, "streamType"),
                text(n, "streamId"),
                required(n, "streamVersion").asLong(),
                Instant.parse(text(n, "occurredAt")),
                Instant.parse(text(n, "recordedAt")),
                new Actor(text(actor, "id"), text(actor, "role"), optional(actor, "onBehalfOf")),
                text(n, "correlationId"),
                optional(n, "causationId"),
                (ObjectNode) payload,
                text(n, "prevHash"),
                optional(n, "hash"));
    }

    public static Envelope fromBytes(byte[] json) {
        try {
            return fromTree(Json.MAPPER.readTree(json));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not an envelope: " + e.getMessage(), e);
        }
    }

    private static JsonNode required(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("envelope field missing: " + field);
        }
        return v;
    }

    private static String text(JsonNode n, String field) {
        return required(n, field).asText();
    }

    private static String optional(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
