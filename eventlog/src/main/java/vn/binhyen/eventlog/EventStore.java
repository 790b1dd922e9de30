package vn.binhyen.eventlog;

import java.util.List;

/** An append-only store of hash-chained streams. */
public interface EventStore {
    /** Expectation for appends that need no concurrency check (e.g. an audit trail stream). */
    long ANY_VERSION = -1;

    /**
     * Appends events at versions expectedVersion+1..expectedVersion+n, atomically.
     *
     * @throws ConcurrencyException when the stream is no longer at {@code expectedVersion}
     */
    AppendResult append(String streamId, long expectedVersion, List<NewEvent> events);

    /**
     * Starts several new streams at once, each with its first events (versions 1..n), in one
     * round trip: for writers that create many streams per transaction (a notification per
     * recipient). Every stream must be new.
     *
     * @throws ConcurrencyException when one of them already exists (nothing is written)
     */
    List<AppendResult> startStreams(java.util.Map<String, List<NewEvent>> streams);

    /** The stream's events in version order; empty for a stream never written. */
    List<Envelope> read(String streamId);

    /** The stream's events after {@code afterVersion}, in version order (a snapshot's tail). */
    List<Envelope> readAfter(String streamId, long afterVersion);

    /** The stream's current version, 0 for a stream never written. */
    long version(String streamId);

    /** Committed events after {@code after} in commit order, at most {@code limit}. */
    List<StoredEvent> readAll(LogPosition after, int limit);

    /** Re-checks the stream's versions, links and hashes; names the first broken link. */
    default ChainVerification verify(String streamId) {
        return HashChain.verify(read(streamId));
    }
}
