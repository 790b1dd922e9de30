package vn.binhyen.eventlog.http;

import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import vn.binhyen.eventlog.ConcurrencyException;
import vn.binhyen.eventlog.decider.InvalidInput;
import vn.binhyen.eventlog.decider.NotPermitted;
import vn.binhyen.eventlog.decider.RuleViolation;
import vn.binhyen.eventlog.decider.StaleVersionException;

/**
 * Client mistakes as RFC 9457 problem documents. Each mapper names one kind of mistake;
 * there is deliberately no catch-all, so a bug stays a 500 and is seen.
 */
public class ProblemMappers {
    static final int UNPROCESSABLE = 422;

    /**
     * Quarkus REST wraps unreadable JSON in a bare 400 {@link WebApplicationException}; give those a
     * problem document naming the field. Every other WebApplicationException keeps its own response.
     */
    @ServerExceptionMapper
    public Response wrapped(WebApplicationException e, jakarta.ws.rs.core.UriInfo uri,
            jakarta.ws.rs.container.ResourceInfo resource) {
        if (e.getResponse().getStatus() == Status.NOT_FOUND.getStatusCode() && e.getCause() != null
                && !(e.getCause() instanceof WebApplicationException) && resource != null
                && resource.getResourceMethod() != null) {
            // Jakarta REST answers a query or path parameter that does not convert (page=abc) with a bare 404,
            // as if the resource were missing: it is the client's mistake, a 400 naming the parameter
            String field = unconvertible(uri, resource.getResourceMethod());
            if (field != null) {
                return Problem.of("invalid-field", "Giá trị không hợp lệ / Invalid value", Status.BAD_REQUEST,
                        field + " is not of its type").withErrors(List.of(new Problem.FieldError(field, "type",
                                "giá trị không đúng kiểu / not a value of its type"))).toResponse();
            }
        }
        if (e.getResponse().getStatus() == Status.BAD_REQUEST.getStatusCode()) {
            if (e.getCause() instanceof StreamReadException s) {
                return unreadable(s);
            }
            if (e.getCause() instanceof ValueInstantiationException v) {
                return instantiation(v);
            }
            if (e.getCause() instanceof MismatchedInputException m) {
                return mismatched(m);
            }
            if (e.getCause() instanceof DatabindException d) {
                String field = d instanceof JsonMappingException j ? path(j) : "";
                return Problem.of("invalid-field", "Giá trị không hợp lệ / Invalid value", Status.BAD_REQUEST,
                        d.getOriginalMessage()).withErrors(List.of(new Problem.FieldError(
                                field.isEmpty() ? "body" : field, "value", d.getOriginalMessage()))).toResponse();
            }
        }
        return e.getResponse();
    }

    /** The first query or path parameter of {@code method} whose value does not convert to its type. */
    static String unconvertible(jakarta.ws.rs.core.UriInfo uri, java.lang.reflect.Method method) {
        for (java.lang.reflect.Parameter p : method.getParameters()) {
            var query = p.getAnnotation(jakarta.ws.rs.QueryParam.class);
            var path = p.getAnnotation(jakarta.ws.rs.PathParam.class);
            String name = query != null ? query.value() : path != null ? path.value() : null;
            if (name == null) {
                continue;
            }
            String value = query != null ? uri.getQueryParameters().getFirst(name) : uri.getPathParameters().getFirst(name);
            if (value != null && !converts(value, p.getType())) {
                return name;
            }
        }
        return null;
    }

    private static boolean converts(String value, Class<?> type) {
        try {
            if (type == int.class || type == Integer.class) {
                Integer.parseInt(value);
            } else if (type == long.class || type == Long.class) {
                Long.parseLong(value);
            } else if (type == short.class || type == Short.class) {
                Short.parseShort(value);
            } else if (type == double.class || type == Double.class) {
                Double.parseDouble(value);
            } else if (type.isEnum()) {
                for (Object constant : type.getEnumConstants()) {
                    if (((Enum<?>) constant).name().equals(value)) {
                        return true;
                    }
                }
                return false;
            } else if (type == java.time.LocalDate.class) {
                java.time.LocalDate.parse(value);
            } else if (type == java.time.Instant.class) {
                java.time.Instant.parse(value);
            }
            return true;
        } catch (RuntimeException notOfTheType) {
            return false;
        }
    }

    @ServerExceptionMapper
    public Response concurrency(ConcurrencyException e) {
        return Problem.of("concurrent-change", "Thay đổi đồng thời / Concurrent change", Status.CONFLICT,
                e.getMessage() + "; reload and try again").toResponse();
    }

    @ServerExceptionMapper
    public Response stale(StaleVersionException e) {
        return Problem.of("stale-version", "Phiên bản đã cũ / Stale version", Status.PRECONDITION_FAILED,
                e.getMessage()).toResponse();
    }

    @ServerExceptionMapper
    public Response rule(RuleViolation e) {
        Problem p = Problem.of("rule-violation", "Trái quy chế / Refused by a rule", UNPROCESSABLE,
                e.getMessage()).withCitation(e.citation());
        if (e.field() != null) {
            p = p.withErrors(List.of(new Problem.FieldError(e.field(), e.citation(), e.reason())));
        }
        return p.toResponse();
    }

    @ServerExceptionMapper
    public Response notPermitted(NotPermitted e) {
        return Problem.of("not-permitted", "Không có quyền / Not permitted", Status.FORBIDDEN, e.getMessage())
                .withCitation(e.citation()).toResponse();
    }

    @ServerExceptionMapper
    public Response invalidInput(InvalidInput e) {
        return Problem.of("invalid-field", "Giá trị không hợp lệ / Invalid value", Status.BAD_REQUEST, e.getMessage())
                .withCitation(e.citation())
                .withErrors(List.of(new Problem.FieldError(e.field(), e.citation(), e.reason()))).toResponse();
    }

    @ServerExceptionMapper
    public Response invalidIfMatch(InvalidIfMatchException e) {
        return Problem.of("invalid-if-match", "If-Match không hợp lệ / Invalid If-Match", Status.BAD_REQUEST,
                e.getMessage()).withErrors(List.of(new Problem.FieldError("If-Match", "etag", e.getMessage())))
                .toResponse();
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e) {
        boolean returnValue = e.getConstraintViolations().stream()
                .anyMatch(v -> kinds(v.getPropertyPath()).contains(ElementKind.RETURN_VALUE));
        if (returnValue) {
            throw e; // our own response broke its contract: a bug, not the client's mistake
        }
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                .map(v -> new Problem.FieldError(field(v), constraint(v), v.getMessage()))
                .toList();
        return Problem.of("invalid-request", "Dữ liệu không hợp lệ / Invalid request", Status.BAD_REQUEST,
                errors.stream().map(f -> f.field() + ": " + f.message()).collect(Collectors.joining("; ")))
                .withErrors(errors).toResponse();
    }

    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e) {
        String field = path(e);
        return Problem.of("unknown-field", "Trường không được phép / Unknown field", Status.BAD_REQUEST,
                "unknown field " + field).withErrors(List.of(new Problem.FieldError(field, "unknown-field",
                        "this field is not part of the request"))).toResponse();
    }

    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        String field = path(e);
        String expected = e.getTargetType() == null ? "a different value" : e.getTargetType().getSimpleName();
        return Problem.of("invalid-field", "Giá trị không hợp lệ / Invalid value", Status.BAD_REQUEST,
                (field.isEmpty() ? "the body" : field) + " must be " + expected)
                .withErrors(List.of(new Problem.FieldError(field.isEmpty() ? "body" : field, "type",
                        "must be " + expected))).toResponse();
    }

    @ServerExceptionMapper
    public Response instantiation(ValueInstantiationException e) {
        String field = path(e);
        String reason = e.getCause() == null ? e.getOriginalMessage() : e.getCause().getMessage();
        return Problem.of("invalid-field", "Giá trị không hợp lệ / Invalid value", Status.BAD_REQUEST, reason)
                .withErrors(List.of(new Problem.FieldError(field.isEmpty() ? "body" : field, "value", reason)))
                .toResponse();
    }

    @ServerExceptionMapper
    public Response unreadable(StreamReadException e) {
        return Problem.of("malformed-json", "JSON không đọc được / Malformed JSON", Status.BAD_REQUEST,
                e.getOriginalMessage()).withErrors(List.of(new Problem.FieldError("body", "json",
                        e.getOriginalMessage()))).toResponse();
    }

    /**
     * A dependency down (PostgreSQL unreachable or restarting, its pool exhausted, the broker
     * timing out): 503 with {@code Retry-After}, so a bot or an officer's screen retries instead
     * of showing a server error. Any other store failure is a bug: still a 500, now as a problem
     * document, and logged.
     */
    @ServerExceptionMapper
    public Response storeFailure(vn.binhyen.eventlog.EventLogException e) {
        return unavailableOrLogged(e, "store failure");
    }

    /** The same for a failure the transaction manager wraps (a commit to a database that went away). */
    @ServerExceptionMapper
    public Response transactionFailure(io.quarkus.narayana.jta.QuarkusTransactionException e) {
        return unavailableOrLogged(e, "transaction failure");
    }

    /**
     * Whatever else escapes a resource (an interceptor's wrapping of a failed commit, say): a 503
     * when a dependency is down, else a logged 500 problem document. The more specific mappers,
     * ours and Quarkus's (security, JSON, validation), still win for their types.
     */
    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        return unavailableOrLogged(e, "unexpected failure");
    }

    private static Response unavailableOrLogged(RuntimeException e, String what) {
        if (Unavailable.isDependencyDown(e)) {
            return Unavailable.problem(e);
        }
        org.jboss.logging.Logger.getLogger(ProblemMappers.class).error(what, e);
        return Problem.of("internal-error", "Lỗi hệ thống / Internal error", Status.INTERNAL_SERVER_ERROR,
                "the request could not be completed; it has been logged").toResponse();
    }

    static String path(JsonMappingException e) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (!b.isEmpty()) {
                    b.append('.');
                }
                b.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.toString();
    }

    private static List<ElementKind> kinds(Path path) {
        List<ElementKind> kinds = new ArrayList<>();
        path.forEach(n -> kinds.add(n.getKind()));
        return kinds;
    }

    /** The field as the client named it: the method and its parameter are left out. */
    private static String field(ConstraintViolation<?> v) {
        StringBuilder b = new StringBuilder();
        for (Path.Node n : v.getPropertyPath()) {
            if (n.getKind() == ElementKind.METHOD || n.getKind() == ElementKind.PARAMETER) {
                continue;
            }
            if (n.getKind() == ElementKind.CONTAINER_ELEMENT && n.getName() != null && n.getName().startsWith("<")) {
                continue;
            }
            if (n.getIndex() != null) {
                b.append('[').append(n.getIndex()).append(']');
            }
            if (n.getName() != null) {
                if (!b.isEmpty()) {
                    b.append('.');
                }
                b.append(n.getName());
            }
        }
        if (b.isEmpty()) {
            for (Path.Node n : v.getPropertyPath()) {
                if (n.getKind() == ElementKind.PARAMETER) {
                    b.append(n.getName());
                }
            }
        }
        return b.toString();
    }

    private static String constraint(ConstraintViolation<?> v) {
        String name = v.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName();
        // @Matches is @Pattern matched by RE2/J: clients see the rule they always saw
        return name.equals(Matches.class.getSimpleName()) ? "Pattern" : name;
    }
}
