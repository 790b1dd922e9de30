package vn.binhyen.eventlog;

/** An append stated a stream version that is no longer the stream's latest. HTTP 409. */
public class ConcurrencyException extends RuntimeException {
    private final String streamId;
    private final long expectedVersion;
    private final long actualVersion;

    public ConcurrencyException(String streamId, long expectedVersion, long actualVersion) {
        super("stream " + streamId + " is at version " + (actualVersion < 0 ? "unknown" : actualVersion)
                + ", not the expected " + expectedVersion);
        this.streamId = streamId;
        this.expectedVersion = expectedVersion;
        this.actualVersion = actualVersion;
    }

    public String streamId() {
        return streamId;
    }

    public long expectedVersion() {
        return expectedVersion;
    }

    /** The stream's version when the append was refused, or -1 when a concurrent writer won the race. */
    public long actualVersion() {
        return actualVersion;
    }
}
