package vn.binhyen.contracts;

/**
 * Kafka record headers a relay writes: the envelope's fields (the value holds the whole
 * envelope as RFC 8785 JSON), plus the ledger sequence that lets an auditor fold the
 * relay's digest in the order it was folded, whatever the partitions.
 */
public final class EventHeaders {
    public static final String EVENT_ID = "eventId";
    public static final String EVENT_TYPE = "eventType";
    public static final String SCHEMA_VERSION = "schemaVersion";
    public static final String STREAM_TYPE = "streamType";
    public static final String STREAM_ID = "streamId";
    public static final String STREAM_VERSION = "streamVersion";
    public static final String OCCURRED_AT = "occurredAt";
    public static final String RECORDED_AT = "recordedAt";
    public static final String ACTOR_ID = "actorId";
    public static final String ACTOR_ROLE = "actorRole";
    public static final String ACTOR_ON_BEHALF_OF = "actorOnBehalfOf";
    public static final String CORRELATION_ID = "correlationId";
    public static final String CAUSATION_ID = "causationId";
    public static final String PREV_HASH = "prevHash";
    public static final String HASH = "hash";
    /** The relay (ledger) that published the record. */
    public static final String LEDGER = "ledger";
    /** 1-based place of the event in its ledger's digest fold. */
    public static final String LEDGER_SEQUENCE = "ledgerSeq";

    private EventHeaders() {
    }
}
