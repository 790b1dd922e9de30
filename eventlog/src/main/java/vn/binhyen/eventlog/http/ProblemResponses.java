package vn.binhyen.eventlog.http;

import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * The refusals every service answers with, as OpenAPI components, defined once: an operation
 * documents each answer it can give by name, e.g.
 * {@code @APIResponse(responseCode = "422", ref = ProblemResponses.RULE_VIOLATION)}. Each is an
 * RFC 9457 problem document ({@link Problem}); its {@code type} ends with the slug named here, and
 * a refusal by a regulation's rule carries the rule's {@code citation}. A service registers this
 * filter with {@code mp.openapi.filter}.
 */
public class ProblemResponses implements OASFilter {
    /** 400: a field is missing, malformed, out of range or unknown; the body is not JSON; a bad If-Match. */
    public static final String BAD_REQUEST = "BadRequest";
    /** 401: no bearer token, or one that is expired, forged or from another issuer. */
    public static final String UNAUTHORIZED = "Unauthorized";
    /** 403: the caller's role or roster place does not allow the operation. */
    public static final String FORBIDDEN = "Forbidden";
    /** 404: no such resource, or one the caller may not see (answered alike). */
    public static final String NOT_FOUND = "NotFound";
    /** 409: another change to the same stream won the race; read again and retry. */
    public static final String CONFLICT = "Conflict";
    /** 412: If-Match names a version that is no longer the current one. */
    public static final String PRECONDITION_FAILED = "PreconditionFailed";
    /** 422: a regulation's rule refuses the command; the problem cites the rule. */
    public static final String RULE_VIOLATION = "RuleViolation";
    /** 503: a dependency (the database, the broker, another service) is down; retry after Retry-After. */
    public static final String UNAVAILABLE = "Unavailable";

    /** Each response's name, its description and the problem types it carries. */
    static final Map<String, String> DESCRIPTIONS = descriptions();

    private static Map<String, String> descriptions() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put(BAD_REQUEST, "The request is malformed: `errors` names each field at fault and the rule it breaks "
                + "(types invalid-field, invalid-request, unknown-field, malformed-json, invalid-if-match). Nothing is "
                + "written.");
        d.put(UNAUTHORIZED, "No valid bearer token (missing, expired, forged or from another issuer).");
        d.put(FORBIDDEN, "The caller's role, unit or roster place does not allow this (type not-permitted, or a "
                + "narrower one such as bot-not-bound or no-unit). Nothing is written.");
        d.put(NOT_FOUND, "No such resource, or one the caller may not see, answered alike (type not-found, or one "
                + "naming what, such as unknown-report or unknown-unit).");
        d.put(CONFLICT, "A concurrent change to the same stream was written first (type concurrent-change); read "
                + "again and retry.");
        d.put(PRECONDITION_FAILED, "If-Match names a version that is no longer current (type stale-version); the "
                + "current version is in the ETag of a fresh read.");
        d.put(RULE_VIOLATION, "A rule of the group's regulation refuses the command (type rule-violation); "
                + "`citation` names the rule, e.g. police-song-tri:13.2. Nothing is written.");
        d.put(UNAVAILABLE, "A dependency is unavailable (type unavailable); retry after Retry-After. An "
                + "Idempotency-Key makes the retry safe.");
        return Map.copyOf(d);
    }

    private static final String[] ORDER = {BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, NOT_FOUND, CONFLICT,
        PRECONDITION_FAILED, RULE_VIOLATION, UNAVAILABLE};

    /**
     * Every operation reads or writes the service's database, so every one can answer 503 while it
     * is down (ProblemMappers maps each such failure so): documented here once, not on each method.
     */
    @Override
    public org.eclipse.microprofile.openapi.models.Operation filterOperation(
            org.eclipse.microprofile.openapi.models.Operation operation) {
        if (operation.getResponses() != null && !operation.getResponses().hasAPIResponse("503")) {
            operation.getResponses().addAPIResponse("503", OASFactory.createAPIResponse()
                    .ref(UNAVAILABLE));
        }
        return operation;
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        var components = openAPI.getComponents();
        components.addSchema("Problem", problemSchema());
        for (String name : ORDER) {
            components.addResponse(name, OASFactory.createAPIResponse().description(DESCRIPTIONS.get(name))
                    .content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, OASFactory
                            .createMediaType().schema(OASFactory.createSchema().ref("Problem")))));
        }
    }

    private static Schema problemSchema() {
        Schema text = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        Schema fieldError = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .addProperty("field", text).addProperty("rule", text).addProperty("message", text);
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("An RFC 9457 problem document")
                .addProperty("type", OASFactory.createSchema().addType(Schema.SchemaType.STRING).format("uri"))
                .addProperty("title", text).addProperty("status", OASFactory.createSchema()
                        .addType(Schema.SchemaType.INTEGER))
                .addProperty("detail", text).addProperty("citation", text)
                .addProperty("errors", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).items(fieldError))
                .addRequired("type").addRequired("title").addRequired("status");
    }
}
