package vn.binhyen.eventlog.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;

/**
 * An RFC 9457 problem document. {@code citation} names the rule of a regulation that refused
 * the request; {@code errors} names each field at fault.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(URI type, String title, int status, String detail, String citation, List<FieldError> errors) {
    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String BASE = "https://binhyen.vn/problems/";

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FieldError(String field, String rule, String message) {
    }

    public static Problem of(String slug, String title, Response.Status status, String detail) {
        return of(slug, title, status.getStatusCode(), detail);
    }

    public static Problem of(String slug, String title, int status, String detail) {
        return new Problem(URI.create(BASE + slug), title, status, detail, null, null);
    }

    public Problem withCitation(String c) {
        return new Problem(type, title, status, detail, c, errors);
    }

    public Problem withErrors(List<FieldError> e) {
        return new Problem(type, title, status, detail, citation, e);
    }

    public Response toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(this).build();
    }
}
