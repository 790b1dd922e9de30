package vn.binhyen.eventlog.http;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import vn.binhyen.eventlog.Envelope;

/**
 * What a service tells the one audit endpoint ({@link AuditResource}) about its own streams: which
 * an auditor may see, and how a stream's events fold into its state at a moment. Every service has
 * one bean of it; the endpoint, its checks, its problem answers and the recording of each query
 * are eventlog's.
 */
public interface AuditStreams {
    /**
     * Whether {@code auditor} sees the stream (issue 21: their unit's and the units' below it);
     * one refused is answered as a stream that does not exist (404), and no query is recorded.
     */
    boolean visible(JsonWebToken auditor, String streamId, List<Envelope> events);

    /**
     * The stream's state at {@code at}, folded from its events up to then, with personal data masked
     * as for a role that does not handle it; null where the service keeps no aggregate for that kind
     * of stream (its events are answered alone). May throw the service's own not-found exception.
     */
    Object fold(JsonWebToken auditor, String streamId, List<Envelope> events, Instant at);
}
