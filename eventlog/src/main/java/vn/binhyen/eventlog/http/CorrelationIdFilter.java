package vn.binhyen.eventlog.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.util.regex.Pattern;
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
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    @ServerRequestFilter(preMatching = true)
    public void in(ContainerRequestContext request) {
        String id = request.getHeaderString(HEADER);
        if (id == null || !SANE.matcher(id).matches()) {
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

    public static String of(ContainerRequestContext request) {
        Object id = request.getProperty(PROPERTY);
        return id == null ? EventIds.correlation().toString() : id.toString();
    }
}
