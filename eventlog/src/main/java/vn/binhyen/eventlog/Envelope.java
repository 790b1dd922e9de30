package vn.binhyen.eventlog;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

/**
 * An event as stored and published: the envelope of docs/design.md. {@code hash} is
 * SHA-256(prevHash || RFC 8785 bytes of the envelope without {@code hash}); see {@link HashChain}.
 * Times are kept to the microsecond, PostgreSQL's precision, so a stored event hashes as it was written.
 */
public record Envelope(UUID eventId, String eventType, int schemaVersion, String streamType, String streamId,
        long streamVersion, Instant occurredAt, Instant recordedAt, Actor actor, String correlationId,
        String causationId, ObjectNode payload, String prevHash, String hash) {

    public Envelope {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(streamType, "streamType");
        Objects.requireNonNull(streamId, "streamId");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(prevHash, "prevHash");
        occurredAt = truncate(Objects.requireNonNull(occurredAt, "occurredAt"));
        recordedAt = truncate(Objects.requireNonNull(recordedAt, "recordedAt"));
    }

    static Instant truncate(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    /** The same envelope with its hash computed from its content. */
    public Envelope sealed() {
        return withHash(HashChain.hashOf(this));
    }

    public Envelope withHash(String newHash) {
        return new Envelope(eventId, eventType, schemaVersion, streamType, streamId, streamVersion, occurredAt,
                recordedAt, actor, correlationId, causationId, payload, prevHash, newHash);
    }

    /** {@code group} for {@code group-0193…}: streams are named {@code <type>-<uuid>}. */
    public static String streamTypeOf(String streamId) {
        int dash = streamId.indexOf('-');
        if (dash <= 0) {
            throw new IllegalArgumentException("stream id must be <type>-<id>: " + streamId);
        }
        return streamId.substring(0, dash);
    }
}
