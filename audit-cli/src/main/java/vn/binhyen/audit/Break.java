package vn.binhyen.audit;

/**
 * Something in the log that does not verify, and exactly where: topic, partition, offset,
 * the event and its stream (null where not applicable).
 */
public record Break(Kind kind, String topic, int partition, long offset, String eventId, String streamId,
        String detail) {

    public enum Kind {
        /** The record is not a readable envelope. */
        UNREADABLE,
        /** The envelope's hash is not the hash of its content: altered or forged. */
        HASH_MISMATCH,
        /** The event's prevHash is not the hash of the stream's previous event. */
        PREV_HASH_MISMATCH,
        /** Versions missing from a stream: events deleted. */
        VERSION_GAP,
        /** Two different events claim the same stream version. */
        DUPLICATE_VERSION,
        /** One event id with two different contents. */
        DUPLICATE_EVENT_ID,
        /** An event without the relay's ledger headers: not published by a relay. */
        UNLEDGERED,
        /** Two different events claim the same place in a relay's ledger. */
        LEDGER_CONFLICT,
        /** Events a relay's checkpoint counts are missing from the log. */
        LEDGER_GAP,
        /** The digest folded from the log is not the one the relay checkpointed. */
        LEDGER_MISMATCH
    }

    @Override
    public String toString() {
        return kind + " topic=" + topic + " partition=" + partition + " offset=" + offset
                + (eventId == null ? "" : " eventId=" + eventId) + (streamId == null ? "" : " stream=" + streamId)
                + " — " + detail;
    }
}
