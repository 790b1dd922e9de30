package vn.binhyen.eventlog.decider;

/** The client's {@code If-Match} names a version the stream has moved past. HTTP 412. */
public class StaleVersionException extends RuntimeException {
    private final String streamId;
    private final long stated;
    private final long actual;

    public StaleVersionException(String streamId, long stated, long actual) {
        super("If-Match names version " + stated + " of " + streamId + ", which is now at version " + actual);
        this.streamId = streamId;
        this.stated = stated;
        this.actual = actual;
    }

    public String streamId() {
        return streamId;
    }

    public long stated() {
        return stated;
    }

    public long actual() {
        return actual;
    }
}
