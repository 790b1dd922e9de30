package vn.binhyen.eventlog;

/**
 * A place in a store's commit order: (writing transaction id, position). Reading after a
 * position never skips a transaction that committed late, because only transactions older
 * than the oldest one still running are read.
 */
public record LogPosition(long transactionId, long position) implements Comparable<LogPosition> {
    public static final LogPosition START = new LogPosition(0, 0);

    public static LogPosition of(StoredEvent e) {
        return new LogPosition(e.transactionId(), e.position());
    }

    @Override
    public int compareTo(LogPosition o) {
        int c = Long.compare(transactionId, o.transactionId);
        return c != 0 ? c : Long.compare(position, o.position);
    }
}
