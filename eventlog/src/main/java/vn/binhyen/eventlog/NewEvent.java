package vn.binhyen.eventlog;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An event to append: the store assigns the stream version, the recording time and the hashes.
 *
 * @param eventType     stable type name ({@code MemberAdded}), never a class name
 * @param schemaVersion version of the payload's schema, for upcasting old events
 */
public record NewEvent(UUID eventId, String eventType, int schemaVersion, Instant occurredAt, Actor actor,
        String correlationId, String causationId, ObjectNode payload) {
    public NewEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(payload, "payload");
        if (schemaVersion < 1) {
            throw new IllegalArgumentException("schemaVersion must be at least 1");
        }
        occurredAt = Envelope.truncate(occurredAt);
    }

    public static NewEvent of(String eventType, ObjectNode payload, Instant occurredAt, Actor actor, String correlationId) {
        return new NewEvent(EventIds.next(), eventType, 1, occurredAt, actor, correlationId, null, payload);
    }
}
