package vn.binhyen.testsupport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every field a client sends has a bound (issue 20): reads a service's OpenAPI document
 * ({@code /q/openapi?format=json}) and lists each value inside a request body that is not
 * bounded there: a string without {@code maxLength}, a list without {@code maxItems}, a map
 * without {@code maxProperties}. SmallRye OpenAPI writes those from {@code @Size(max = …)},
 * so an entry here is a field whose {@code @Size} is missing.
 * <p>
 * Only what a request body reaches is checked: the schema of every media type of every
 * operation's {@code requestBody} (JSON and form bodies alike), and the component schemas it
 * refers to, followed transitively through properties, array {@code items},
 * {@code additionalProperties}, {@code allOf}, {@code oneOf} and {@code anyOf}. Schemas only
 * answers use are not looked at. The body itself (a raw {@code String} body, say) is bounded
 * by {@code quarkus.http.limits.max-body-size}, not here.
 * <p>
 * Bounded without {@code maxLength}: a string with {@code enum} or {@code const} (an enum), and
 * one with a format parsed strictly into a value and never kept as text ({@link #PARSED_FORMATS}:
 * {@code Instant}, {@code LocalDate}, {@code UUID} and the like).
 */
public final class OpenApiBounds {
    /** String formats that are read into a value by a strict parser, so no free text is kept. */
    public static final Set<String> PARSED_FORMATS = Set.of("date", "date-time", "time", "local-time",
            "local-date-time", "duration", "uuid");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch",
            "trace");
    private static final String SCHEMAS = "#/components/schemas/";
    private static final String REQUEST_BODIES = "#/components/requestBodies/";

    private OpenApiBounds() {
    }

    /**
     * The unbounded values of the request bodies of {@code openApiJson}, each as
     * {@code "Schema.property (string without maxLength)"} ({@code property[]} for a list's
     * elements, {@code property{}} for a map's values; an inline body, such as a form, is named by
     * its operation and media type); empty when every one has a bound.
     */
    public static List<String> violations(String openApiJson) {
        JsonNode root;
        try {
            root = JSON.readTree(openApiJson);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not an OpenAPI document in JSON: " + e.getOriginalMessage(), e);
        }
        Walk walk = new Walk(root.path("components"));
        for (Map.Entry<String, JsonNode> path : root.path("paths").properties()) {
            for (String method : METHODS) {
                JsonNode operation = path.getValue().get(method);
                if (operation == null || !operation.has("requestBody")) {
                    continue;
                }
                String name = method.toUpperCase(java.util.Locale.ROOT) + " " + path.getKey();
                JsonNode body = walk.requestBody(operation.get("requestBody"), name);
                for (Map.Entry<String, JsonNode> m : body.path("content").properties()) {
                    walk.schema(m.getValue().get("schema"), name + " (" + m.getKey() + ")", true, Set.of());
                }
            }
        }
        return List.copyOf(walk.violations);
    }

    /**
     * For a service's own tests (a {@code @QuarkusTest}): the check can fail ({@link #selfCheck}),
     * and the running service's document ({@code test.url} + {@code /q/openapi?format=json}) has
     * no unbounded request field; {@link AssertionError} naming each one otherwise.
     */
    public static void assertEveryRequestFieldBounded(String service) {
        selfCheck();
        String url = org.eclipse.microprofile.config.ConfigProvider.getConfig().getValue("test.url", String.class)
                + "/q/openapi?format=json";
        java.net.http.HttpResponse<String> answer;
        try (var http = Http.client()) {
            answer = http.send(Http.get(java.net.URI.create(url)),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (answer.statusCode() != 200) {
            throw new AssertionError(url + " answered " + answer.statusCode());
        }
        List<String> found = violations(answer.body());
        if (!found.isEmpty()) {
            throw new AssertionError("request fields of " + service + " without a bound (give each an @Size(max = …)): "
                    + found);
        }
    }

    /**
     * The check must be able to fail: an inline document whose request body has one unbounded
     * string (and bounded strings, an enum, an instant, and an unbounded string in an answer
     * only) yields exactly that one violation; {@link AssertionError} otherwise.
     */
    public static void selfCheck() {
        String probe = """
                {"openapi": "3.1.0",
                 "paths": {"/probe": {"post": {
                   "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Probe"}}}},
                   "responses": {"200": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Answer"}}}}}}}},
                 "components": {"schemas": {
                   "Probe": {"type": "object", "properties": {
                     "bounded": {"type": "string", "maxLength": 128},
                     "unbounded": {"type": "string"},
                     "kind": {"$ref": "#/components/schemas/Kind"},
                     "at": {"$ref": "#/components/schemas/Instant"},
                     "tags": {"type": "array", "maxItems": 5, "items": {"type": "string", "maxLength": 20}}}},
                   "Kind": {"type": "string", "enum": ["A", "B"]},
                   "Instant": {"type": "string", "format": "date-time"},
                   "Answer": {"type": "object", "properties": {"text": {"type": "string"}}}}}}
                """;
        List<String> found = violations(probe);
        List<String> expected = List.of("Probe.unbounded (string without maxLength)");
        if (!found.equals(expected)) {
            throw new AssertionError("OpenApiBounds no longer finds exactly one unbounded string in its probe: expected "
                    + expected + ", found " + found);
        }
    }

    /** One walk over a document: each component schema is visited once, whatever refers to it. */
    private static final class Walk {
        final JsonNode components;
        final Set<String> visited = new HashSet<>();
        final Set<String> violations = new LinkedHashSet<>();

        Walk(JsonNode components) {
            this.components = components;
        }

        JsonNode requestBody(JsonNode body, String operation) {
            JsonNode ref = body.get("$ref");
            if (ref == null) {
                return body;
            }
            String target = ref.asText();
            JsonNode resolved = target.startsWith(REQUEST_BODIES)
                    ? components.path("requestBodies").get(target.substring(REQUEST_BODIES.length())) : null;
            if (resolved == null) {
                violations.add(operation + " (request body $ref not found: " + target + ")");
                return JSON.createObjectNode();
            }
            return resolved;
        }

        /**
         * @param where the value's name in a violation
         * @param body  the request body itself: its own length is the body limit's business
         * @param outer bounds written next to an {@code allOf}/{@code oneOf}/{@code anyOf} that
         *              holds this schema, which apply to it as well
         */
        void schema(JsonNode node, String where, boolean body, Set<String> outer) {
            if (node == null || !node.isObject()) {
                return;
            }
            JsonNode ref = node.get("$ref");
            if (ref != null) {
                component(ref.asText(), where);
            }
            Set<String> bounds = new HashSet<>(outer);
            bounds.addAll(bounds(node));
            List<String> types = types(node);
            if (!body && types.contains("string") && !stringBounded(node, bounds)) {
                violations.add(where + " (string without maxLength)");
            }
            if (types.contains("array") || node.has("items")) {
                if (!body && !bounds.contains("maxItems")) {
                    violations.add(where + " (array without maxItems)");
                }
                schema(node.get("items"), where + "[]", false, Set.of());
                JsonNode prefix = node.get("prefixItems");
                if (prefix != null) {
                    prefix.forEach(p -> schema(p, where + "[]", false, Set.of()));
                }
            }
            for (Map.Entry<String, JsonNode> p : node.path("properties").properties()) {
                schema(p.getValue(), where + "." + p.getKey(), false, Set.of());
            }
            JsonNode values = node.get("additionalProperties");
            if (values != null && values.isObject()) {
                if (!body && !bounds.contains("maxProperties")) {
                    violations.add(where + " (map without maxProperties)");
                }
                schema(values, where + "{}", false, Set.of());
            }
            for (String composition : List.of("allOf", "oneOf", "anyOf")) {
                JsonNode parts = node.get(composition);
                if (parts == null || !parts.isArray()) {
                    continue;
                }
                Set<String> shared = new HashSet<>(bounds);
                if (composition.equals("allOf")) {
                    // all of them hold at once: a bound in one part bounds the others
                    parts.forEach(part -> shared.addAll(bounds(part)));
                }
                parts.forEach(part -> schema(part, where, body, shared));
            }
        }

        void component(String ref, String where) {
            if (!ref.startsWith(SCHEMAS)) {
                violations.add(where + " ($ref not found: " + ref + ")");
                return;
            }
            String name = ref.substring(SCHEMAS.length());
            if (!visited.add(name)) {
                return;
            }
            JsonNode schema = components.path("schemas").get(name);
            if (schema == null) {
                violations.add(where + " ($ref not found: " + ref + ")");
                return;
            }
            schema(schema, name, false, Set.of());
        }

        static List<String> types(JsonNode node) {
            JsonNode type = node.get("type");
            if (type == null) {
                return List.of();
            }
            if (type.isArray()) {
                List<String> out = new ArrayList<>();
                type.forEach(t -> out.add(t.asText()));
                return out;
            }
            return List.of(type.asText());
        }

        static Set<String> bounds(JsonNode node) {
            Set<String> out = new HashSet<>();
            if (node != null && node.isObject()) {
                for (String keyword : List.of("maxLength", "enum", "const", "maxItems", "maxProperties")) {
                    if (node.has(keyword)) {
                        out.add(keyword);
                    }
                }
            }
            return out;
        }

        static boolean stringBounded(JsonNode node, Set<String> bounds) {
            return bounds.contains("maxLength") || bounds.contains("enum") || bounds.contains("const")
                    || PARSED_FORMATS.contains(node.path("format").asText(""));
        }
    }
}
