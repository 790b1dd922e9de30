package vn.binhyen.eventlog.http;

/** An {@code If-Match} header that is not one of our ETags (a stream version). HTTP 400. */
public class InvalidIfMatchException extends RuntimeException {
    public InvalidIfMatchException(String message) {
        super(message);
    }
}
