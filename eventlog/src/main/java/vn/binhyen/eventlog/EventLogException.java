package vn.binhyen.eventlog;

/** The event store could not do its work (database unreachable, broken SQL): a server fault. */
public class EventLogException extends RuntimeException {
    public EventLogException(String message, Throwable cause) {
        super(message, cause);
    }

    public EventLogException(String message) {
        super(message);
    }
}
