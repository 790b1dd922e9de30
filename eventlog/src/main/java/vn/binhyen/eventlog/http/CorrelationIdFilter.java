package vn.binhyen.eventlog.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import vn.binhyen.eventlog.EventIds;

/**
 * Every request carries a correlation id: the caller's {@code X-Correlation-Id} when it is
 * sane, a new one otherwise; it is logged with every line (MDC {@code correlationId}),
 * returned in the response, and stamped on the events the request causes.
 */
public class CorrelationIdFilter {
    public static final String HEADER = "X-Correlation-Id";
    public static final String PROPERTY = "binhyen.correlationId";
    /** The longest id taken from a caller. */
    static final int MAX_LENGTH = 128;

    @ServerRequestFilter(preMatching = true)
    public void in(ContainerRequestContext request) {
        String id = request.getHeaderString(HEADER);
        if (!sane(id)) {
            id = EventIds.correlation().toString();
        }
        request.setProperty(PROPERTY, id);
        MDC.put("correlationId", id);
    }

    @ServerResponseFilter
    public void out(ContainerRequestContext request, ContainerResponseContext response) {
        Object id = request.getProperty(PROPERTY);
        if (id != null) {
            response.getHeaders().putSingle(HEADER, id);
        }
        MDC.remove("correlationId");
    }

    /**
     * 1 to 128 of {@code A-Z a-z 0-9 . _ : -}: checked by a loop over the characters, on every
     * request, in time linear in the header whatever it holds (no regular expression, issue 20).
     */
    static boolean sane(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_'
                    || c == ':' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    public static String of(ContainerRequestContext request) {
        Object id = request.getProperty(PROPERTY);
        return id == null ? EventIds.correlation().toString() : id.toString();
    }
}
