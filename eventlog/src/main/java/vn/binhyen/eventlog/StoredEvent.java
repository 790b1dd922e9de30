package vn.binhyen.eventlog;

/**
 * An envelope with where it stands in its store: {@code position} (identity order) and the
 * writing transaction's id; the relay reads in (transactionId, position) order.
 */
public record StoredEvent(long position, long transactionId, Envelope envelope) {
}
