package vn.binhyen.testsupport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import vn.binhyen.contracts.Roles;

/**
 * The authorisation matrix of a service (issue 21), generated from its own OpenAPI document
 * ({@code /q/openapi?format=json}): every operation (method and path template, {@code /q/*}
 * left out) is a {@link Row}, and every row asks four callers, in this order:
 * <ol>
 * <li>{@link Column#NO_TOKEN}: no credential at all (a bearer operation answers 401);</li>
 * <li>{@link Column#WRONG_ROLE}: a token whose role the operation does not allow (403 from
 * {@code @RolesAllowed});</li>
 * <li>{@link Column#OTHER_UNIT}: the right role, but for another unit (a commander of another
 * ward asking for this ward's group: 404 where the unit's things are unknown to it, 403 where a
 * rule refuses it, 200 when it lists nothing of the unit's); for an operation whose scope is a
 * group's roster, someone on another unit's group's roster;</li>
 * <li>{@link Column#RIGHT}: the right caller, who succeeds (2xx). It is sent last, since it may
 * change what it acts on (a DELETE, a step of a workflow).</li>
 * </ol>
 * A column that does not apply is skipped with its reason, never silently: {@link Row#noWrongRole}
 * (every role may call it) and {@link Row#unscoped} (nothing in it belongs to a unit: units are
 * listed to all staff, a person's own {@code /me}). An operation without bearer tokens
 * ({@code @PermitAll}: the dashboard's pages, whose credential is a session cookie; the Zalo
 * webhook, whose credential is a signature) is {@link Row#open}: it answers a request without
 * any credential, and one with a bearer token alike (a bearer token grants nothing there), and
 * its own credential, where the row names one, as the right caller.
 * <p>
 * {@link #check} fails, before anything is sent, when an operation of the document has no row
 * (an endpoint was added without its row), when a row names no operation of the document (one
 * was removed or renamed), or when a row is incomplete; then it sends every row's requests and
 * fails with every answer that differs from its row (operation, column, caller, expected, got,
 * an excerpt of the body), not at the first. Each row's fixture ({@link Row#path(Supplier)}) is
 * made when the row is run, so a row whose right call changes state (a suspension, a handover)
 * has one of its own; the row's other values (body, query, tokens) may be computed from it.
 */
public final class AuthorizationMatrix {
    /** The expected answer of a column the row does not send (see {@link Row#expect}). */
    public static final int SKIPPED = 0;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch",
            "trace");
    /** How much of an answer's body a mismatch quotes. */
    private static final int EXCERPT = 300;

    private AuthorizationMatrix() {
    }

    /** The four callers of a row, in the order they are sent. */
    public enum Column {
        /** No credential at all. */
        NO_TOKEN("no token"),
        /** A role the operation does not allow; on an open operation, any bearer token. */
        WRONG_ROLE("wrong role"),
        /** The right role of another unit (or someone on another group's roster). */
        OTHER_UNIT("other unit"),
        /** The right caller, whose request succeeds; sent last. */
        RIGHT("right caller");

        private final String label;

        Column(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** An operation of the OpenAPI document: its method (upper case) and path template. */
    public record Operation(String method, String path) implements Comparable<Operation> {
        public Operation {
            method = method.strip().toUpperCase(Locale.ROOT);
            path = path.strip();
            if (method.isEmpty() || !path.startsWith("/")) {
                throw new IllegalArgumentException("an operation is a method and a path such as GET /api/v1/me, not "
                        + method + " " + path);
            }
        }

        /** {@code "POST /api/v1/units"}. */
        public static Operation of(String text) {
            String t = text.strip();
            int space = t.indexOf(' ');
            if (space < 0) {
                throw new IllegalArgumentException("an operation is a method and a path such as GET /api/v1/me, not "
                        + text);
            }
            return new Operation(t.substring(0, space), t.substring(space + 1));
        }

        @Override
        public int compareTo(Operation o) {
            int byPath = path.compareTo(o.path);
            return byPath != 0 ? byPath : method.compareTo(o.method);
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** What a caller was answered: for a row's checks beyond the status ({@link Row#answerFor}). */
    public static final class Answer {
        private final int status;
        private final String body;
        private final Function<String, String> headers;

        Answer(int status, String body, Function<String, String> headers) {
            this.status = status;
            this.body = body == null ? "" : body;
            this.headers = headers;
        }

        public int status() {
            return status;
        }

        public String body() {
            return body;
        }

        /** The header's (first) value, or null when the answer has none. */
        public String header(String name) {
            return headers.apply(name);
        }
    }

    /** Who a column's request comes from, and the headers that say so (a bearer token, a cookie, a signature). */
    private record Caller(String who, Function<Map<String, String>, Map<String, String>> headers) {
    }

    /** An expectation beyond the status: what the answer must show (or not). */
    private record Check(String what, Predicate<Answer> test) {
    }

    // ---- the document ---------------------------------------------------------------------

    /** The operations of the running service's document: {@code test.url} (a {@code @QuarkusTest}'s service). */
    public static List<Operation> operations() {
        return operations(URI.create(org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("test.url", String.class)));
    }

    /** The operations of the document of the service at {@code base} ({@code base/q/openapi?format=json}). */
    public static List<Operation> operations(URI base) {
        String root = base.toString().endsWith("/") ? base.toString().substring(0, base.toString().length() - 1)
                : base.toString();
        URI url = URI.create(root + "/q/openapi?format=json");
        java.net.http.HttpResponse<String> answer;
        try (var http = Http.client()) {
            answer = http.send(Http.get(url),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (answer.statusCode() != 200) {
            throw new AssertionError(url + " answered " + answer.statusCode());
        }
        return parse(answer.body());
    }

    /** Every operation of an OpenAPI document in JSON, by path then method; {@code /q/*} is left out. */
    public static List<Operation> parse(String openApiJson) {
        JsonNode root;
        try {
            root = JSON.readTree(openApiJson);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not an OpenAPI document in JSON: " + e.getOriginalMessage(), e);
        }
        Set<Operation> out = new TreeSet<>();
        for (Map.Entry<String, JsonNode> path : root.path("paths").properties()) {
            if (path.getKey().equals("/q") || path.getKey().startsWith("/q/")) {
                continue;
            }
            for (String method : METHODS) {
                if (path.getValue().has(method)) {
                    out.add(new Operation(method, path.getKey()));
                }
            }
        }
        return List.copyOf(out);
    }

    // ---- the check ------------------------------------------------------------------------

    /**
     * Every operation of {@code fromOpenApi} has exactly one complete row, and every row an
     * operation ({@link AssertionError} listing what is missing otherwise, before anything is
     * sent); then every row's callers are answered as the row says ({@link AssertionError}
     * listing every answer that differs otherwise). The check can fail: {@link #selfCheck} first.
     */
    public static void check(List<Operation> fromOpenApi, List<Row> rows) {
        selfCheck();
        List<String> problems = coverage(fromOpenApi, rows);
        if (!problems.isEmpty()) {
            throw new AssertionError("the authorisation matrix does not match the OpenAPI document (issue 21): every "
                    + "operation has exactly one complete row\n  - " + String.join("\n  - ", problems));
        }
        List<String> mismatches = new ArrayList<>();
        for (Row row : rows) {
            mismatches.addAll(row.run());
        }
        if (!mismatches.isEmpty()) {
            throw new AssertionError(mismatches.size() + " answers differ from the authorisation matrix (issue 21):\n  - "
                    + String.join("\n  - ", mismatches));
        }
    }

    /**
     * What keeps {@code rows} from being the matrix of {@code fromOpenApi}: operations without a
     * row, rows without an operation, operations with more than one row, incomplete rows; empty
     * when there is nothing.
     */
    public static List<String> coverage(List<Operation> fromOpenApi, List<Row> rows) {
        List<String> problems = new ArrayList<>();
        Set<Operation> documented = new TreeSet<>(fromOpenApi);
        Map<Operation, Integer> rowsOf = new TreeMap<>();
        for (Row r : rows) {
            rowsOf.merge(r.operation, 1, Integer::sum);
        }
        for (Operation o : documented) {
            if (!rowsOf.containsKey(o)) {
                problems.add(o + ": in the OpenAPI document, but no row of the matrix");
            }
        }
        for (Map.Entry<Operation, Integer> e : rowsOf.entrySet()) {
            if (!documented.contains(e.getKey())) {
                problems.add(e.getKey() + ": a row of the matrix, but no operation of the OpenAPI document");
            }
            if (e.getValue() > 1) {
                problems.add(e.getKey() + ": " + e.getValue() + " rows; an operation has one");
            }
        }
        for (Row r : rows) {
            problems.addAll(r.incomplete());
        }
        return problems;
    }

    /**
     * The check must be able to fail: on an inline document, the walk leaves {@code /q/*} out, and
     * the coverage finds exactly an operation without a row, a row without an operation, and the
     * two gaps of an incomplete row; {@link AssertionError} otherwise.
     */
    public static void selfCheck() {
        String probe = """
                {"openapi": "3.1.0", "paths": {
                  "/units": {"get": {"responses": {}}, "post": {"responses": {}}},
                  "/units/{unitId}": {"get": {"responses": {}}},
                  "/q/health": {"get": {"responses": {}}}}}
                """;
        List<Operation> found = parse(probe);
        List<Operation> operations = List.of(Operation.of("GET /units"), Operation.of("POST /units"),
                Operation.of("GET /units/{unitId}"));
        if (!found.equals(operations)) {
            throw new AssertionError("AuthorizationMatrix no longer reads its probe's operations: expected " + operations
                    + ", found " + found);
        }
        List<Row> rows = List.of(
                Row.of("GET /units").allowed(Roles.DUTY_OFFICER, "duty-1").wrongRole(Roles.BOT)
                        .unscoped("units are listed to every staff role").expect(401, 403, SKIPPED, 200),
                Row.of("DELETE /units/{unitId}").path(Map.of("unitId", "u")).allowed(Roles.SYSTEM_ADMIN, "sysadmin-1")
                        .wrongRole(Roles.COMMANDER).unscoped("units are the platform's").expect(401, 403, SKIPPED, 204),
                Row.of("GET /units/{unitId}").path(Map.of("unitId", "u")).allowed(Roles.DUTY_OFFICER, "duty-1")
                        .wrongRole(Roles.BOT).expect(401, 403, 404, 403));
        Set<String> expected = Set.of(
                "POST /units: in the OpenAPI document, but no row of the matrix",
                "DELETE /units/{unitId}: a row of the matrix, but no operation of the OpenAPI document",
                "GET /units/{unitId}: an answer is expected from other unit, but the row has no caller for it "
                        + "(.otherUnit, or .unscoped with the reason)",
                "GET /units/{unitId}: the right caller succeeds (2xx), not 403: give it a fixture it succeeds with");
        List<String> problems = coverage(found, rows);
        if (problems.size() != expected.size() || !new HashSet<>(problems).equals(expected)) {
            throw new AssertionError("AuthorizationMatrix no longer finds exactly its probe's four gaps: expected "
                    + expected + ", found " + problems);
        }
    }

    /**
     * {@code GET /api/v1/me}, which every service answers (eventlog's {@code WhoAmIResource}): any
     * role asks what the service makes of its token.
     */
    public static Row whoAmI() {
        return Row.of("GET /api/v1/me").allowed(Roles.MEMBER, "member-me")
                .noWrongRole("every role may ask what the service makes of its token")
                .unscoped("the caller's own token: nothing of a unit's").expect(401, SKIPPED, SKIPPED, 200);
    }

    // ---- a row ----------------------------------------------------------------------------

    /**
     * One operation's row: its fixture and request, its callers, and what each is answered.
     * Values that depend on the row's fixture are functions of its values ({@link #path(Supplier)}):
     * the path template's parameters are taken from them by name, other entries are for the body,
     * the query and the tokens to use.
     */
    public static final class Row {
        private final Operation operation;
        private Supplier<Map<String, String>> fixture = Map::of;
        private Function<Map<String, String>, ? extends Map<String, ?>> query = v -> Map.of();
        private Function<Map<String, String>, ? extends Map<String, ?>> form;
        private Function<Map<String, String>, ?> body;
        private final Map<Column, Function<Map<String, String>, ?>> bodies = new EnumMap<>(Column.class);
        private String contentType;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private boolean eventStream;
        private final Map<Column, Caller> callers = new EnumMap<>(Column.class);
        private final Map<Column, String> skipped = new EnumMap<>(Column.class);
        private final Map<Column, Set<Integer>> expected = new EnumMap<>(Column.class);
        private final Map<Column, List<Check>> checks = new EnumMap<>(Column.class);
        private boolean expectations;
        private String open;

        private Row(Operation operation) {
            this.operation = operation;
        }

        /** The row of {@code "METHOD /path/{template}"}, as the OpenAPI document names it. */
        public static Row of(String operation) {
            return new Row(Operation.of(operation));
        }

        public Operation operation() {
            return operation;
        }

        // ---- the request ----

        /** The values of the path's parameters (and any others the row uses), the same for every run. */
        public Row path(Map<String, String> values) {
            Map<String, String> copy = Map.copyOf(values);
            this.fixture = () -> copy;
            return this;
        }

        /**
         * The row's fixture, made when the row is run (once for its four requests): the values of
         * the path's parameters, and any others the row's body, query or tokens are computed from.
         */
        public Row path(Supplier<Map<String, String>> fixture) {
            this.fixture = fixture;
            return this;
        }

        public Row query(Map<String, ?> values) {
            Map<String, ?> copy = Map.copyOf(values);
            this.query = v -> copy;
            return this;
        }

        public Row query(Function<Map<String, String>, ? extends Map<String, ?>> values) {
            this.query = values;
            return this;
        }

        /** A form body ({@code application/x-www-form-urlencoded}). */
        public Row form(Map<String, ?> values) {
            Map<String, ?> copy = Map.copyOf(values);
            this.form = v -> copy;
            return this;
        }

        public Row form(Function<Map<String, String>, ? extends Map<String, ?>> values) {
            this.form = values;
            return this;
        }

        /** The body every column sends (JSON unless {@link #contentType} says otherwise; a String is sent as it is). */
        public Row body(Object value) {
            this.body = v -> value;
            return this;
        }

        public Row body(Supplier<?> value) {
            this.body = v -> value.get();
            return this;
        }

        public Row body(Function<Map<String, String>, ?> value) {
            this.body = value;
            return this;
        }

        /** The body {@code column} sends instead of the row's. */
        public Row bodyFor(Column column, Function<Map<String, String>, ?> value) {
            bodies.put(column, value);
            return this;
        }

        public Row contentType(String value) {
            this.contentType = value;
            return this;
        }

        /** A header every column sends. */
        public Row header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        /**
         * A Server-Sent Events stream: each request is opened as a browser would, its status read
         * and the stream closed (its body is not waited for).
         */
        public Row eventStream() {
            this.eventStream = true;
            return this;
        }

        // ---- the callers ----

        /** The right caller: a token of {@code role} for {@code subject} ({@link Tokens#forRole}). */
        public Row allowed(String role, String subject) {
            return caller(Column.RIGHT, role + " " + subject, v -> Tokens.forRole(role, subject));
        }

        public Row allowed(String who, Supplier<String> token) {
            return caller(Column.RIGHT, who, v -> token.get());
        }

        /** The right caller, whose token depends on the row's fixture. */
        public Row allowed(String who, Function<Map<String, String>, String> token) {
            return caller(Column.RIGHT, who, token);
        }

        /** A role the operation does not allow, for a subject of its own. */
        public Row wrongRole(String role) {
            return wrongRole(role, role.toLowerCase(Locale.ROOT) + "-of-the-wrong-role");
        }

        public Row wrongRole(String role, String subject) {
            return caller(Column.WRONG_ROLE, role + " " + subject, v -> Tokens.forRole(role, subject));
        }

        /** Every role may call the operation: there is no wrong role to send. */
        public Row noWrongRole(String reason) {
            skipped.put(Column.WRONG_ROLE, reason);
            return this;
        }

        /** The right role of another unit: a token of {@code role} whose unit claim names {@code unit}. */
        public Row otherUnit(String role, String subject, String unit) {
            return caller(Column.OTHER_UNIT, role + " " + subject + " of " + unit,
                    v -> Tokens.forUnit(role, subject, unit));
        }

        public Row otherUnit(Supplier<String> token) {
            return otherUnit("the right role of another unit", token);
        }

        /** The right role elsewhere, named {@code who} in a mismatch. */
        public Row otherUnit(String who, Supplier<String> token) {
            return caller(Column.OTHER_UNIT, who, v -> token.get());
        }

        public Row otherUnit(String who, Function<Map<String, String>, String> token) {
            return caller(Column.OTHER_UNIT, who, token);
        }

        /** Nothing in the operation belongs to a unit: there is no other unit to ask. */
        public Row unscoped(String reason) {
            skipped.put(Column.OTHER_UNIT, reason);
            return this;
        }

        /**
         * The expected answers: without a token, to the wrong role, to the other unit, and to the
         * right caller (one of {@code right}, each a success); {@link #SKIPPED} for a column the row
         * skips ({@link #noWrongRole}, {@link #unscoped}).
         */
        public Row expect(int noToken, int wrongRole, int otherUnit, int... right) {
            expectations = true;
            put(Column.NO_TOKEN, noToken);
            put(Column.WRONG_ROLE, wrongRole);
            put(Column.OTHER_UNIT, otherUnit);
            Set<Integer> codes = new LinkedHashSet<>();
            for (int code : right) {
                if (code != SKIPPED) {
                    codes.add(code);
                }
            }
            if (codes.isEmpty()) {
                expected.remove(Column.RIGHT);
            } else {
                expected.put(Column.RIGHT, Set.copyOf(codes));
            }
            return this;
        }

        /**
         * An operation without bearer tokens ({@code @PermitAll}), for the reason {@code why}: a
         * request without any credential is answered {@code withoutCredentials}, and so is one
         * with a system administrator's bearer token, which grants nothing here.
         */
        public Row open(String why, int withoutCredentials) {
            this.open = why;
            expectations = true;
            expected.put(Column.NO_TOKEN, Set.of(withoutCredentials));
            caller(Column.WRONG_ROLE, "a system administrator's bearer token, which grants nothing here",
                    v -> Tokens.forRole(Roles.SYSTEM_ADMIN, "sysadmin-bearer"));
            expected.put(Column.WRONG_ROLE, Set.of(withoutCredentials));
            return this;
        }

        /**
         * The right caller of an open operation: its own credential ({@code headers}: a session
         * cookie, a signature), made when the row is run, answered one of {@code codes}.
         */
        public Row credential(String who, Supplier<Map<String, String>> headers, int... codes) {
            callers.put(Column.RIGHT, new Caller(who, v -> headers.get()));
            expected.put(Column.RIGHT, codes(codes));
            return this;
        }

        /** Another unit's caller of an open operation, with its own credential, answered {@code code}. */
        public Row otherUnitCredential(String who, Supplier<Map<String, String>> headers, int code) {
            callers.put(Column.OTHER_UNIT, new Caller(who, v -> headers.get()));
            expected.put(Column.OTHER_UNIT, Set.of(code));
            return this;
        }

        /** Besides its status, {@code column}'s answer must show {@code what} ({@code test}). */
        public Row answerFor(Column column, String what, Predicate<Answer> test) {
            checks.computeIfAbsent(column, c -> new ArrayList<>()).add(new Check(what, test));
            return this;
        }

        private Row caller(Column column, String who, Function<Map<String, String>, String> token) {
            callers.put(column, new Caller(who, v -> Map.of("Authorization", "Bearer " + token.apply(v))));
            return this;
        }

        private void put(Column column, int code) {
            if (code == SKIPPED) {
                expected.remove(column);
            } else {
                expected.put(column, Set.of(code));
            }
        }

        private static Set<Integer> codes(int... codes) {
            Set<Integer> out = new LinkedHashSet<>();
            for (int c : codes) {
                out.add(c);
            }
            return Set.copyOf(out);
        }

        // ---- completeness ----

        List<String> incomplete() {
            List<String> out = new ArrayList<>();
            String name = operation.toString();
            if (!expectations) {
                out.add(name + ": no expected answers (.expect, or .open for an operation without bearer tokens)");
                return out;
            }
            for (Column c : Column.values()) {
                boolean expects = expected.containsKey(c);
                boolean calls = c == Column.NO_TOKEN || callers.containsKey(c);
                if (expects && !calls) {
                    out.add(name + ": an answer is expected from " + c.label() + ", but the row has no caller for it"
                            + hint(c));
                }
                if (!expects && callers.containsKey(c)) {
                    out.add(name + ": a caller for " + c.label() + " (" + callers.get(c).who()
                            + "), but no answer expected of it");
                }
                if (open == null && !expects && !skipped.containsKey(c)) {
                    out.add(name + ": " + c.label() + " is neither expected nor skipped with its reason" + hint(c));
                }
                if (open == null && expects && skipped.containsKey(c)) {
                    out.add(name + ": " + c.label() + " is skipped (" + skipped.get(c) + "), yet an answer is expected");
                }
            }
            if (open == null && expected.containsKey(Column.RIGHT)) {
                for (int code : new TreeSet<>(expected.get(Column.RIGHT))) {
                    if (code < 200 || code > 299) {
                        out.add(name + ": the right caller succeeds (2xx), not " + code
                                + ": give it a fixture it succeeds with");
                    }
                }
            }
            return out;
        }

        private static String hint(Column c) {
            return switch (c) {
                case NO_TOKEN -> "";
                case WRONG_ROLE -> " (.wrongRole, or .noWrongRole with the reason)";
                case OTHER_UNIT -> " (.otherUnit, or .unscoped with the reason)";
                case RIGHT -> " (.allowed)";
            };
        }

        // ---- the run ----

        /** Sends the row's requests, in column order; every answer that differs from the row. */
        List<String> run() {
            Map<String, String> values;
            try {
                values = fixture.get();
            } catch (RuntimeException | AssertionError e) {
                return List.of(operation + ": its fixture failed: " + e);
            }
            List<String> out = new ArrayList<>();
            for (Column c : Column.values()) {
                Set<Integer> codes = expected.get(c);
                if (codes == null) {
                    continue;
                }
                Caller caller = callers.get(c);
                String where = operation + " [" + c.label() + (caller == null ? "" : ": " + caller.who()) + "]";
                Answer answer;
                try {
                    answer = send(c, caller, values);
                } catch (IOException | RuntimeException | AssertionError e) {
                    out.add(where + " could not be sent: " + e);
                    continue;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    out.add(where + " was interrupted");
                    return out;
                }
                if (!codes.contains(answer.status())) {
                    out.add(where + " expected " + (codes.size() == 1 ? codes.iterator().next()
                            : "one of " + new TreeSet<>(codes)) + ", got " + answer.status() + ": "
                            + excerpt(answer.body()));
                    continue;
                }
                for (Check check : checks.getOrDefault(c, List.of())) {
                    boolean shown;
                    try {
                        shown = check.test().test(answer);
                    } catch (RuntimeException e) {
                        shown = false;
                    }
                    if (!shown) {
                        out.add(where + " answered " + answer.status() + " as expected, but not " + check.what() + ": "
                                + excerpt(answer.body()));
                    }
                }
            }
            return out;
        }

        private Answer send(Column column, Caller caller, Map<String, String> values)
                throws IOException, InterruptedException {
            Map<String, String> all = new LinkedHashMap<>(headers);
            if (caller != null) {
                all.putAll(caller.headers().apply(values));
            }
            String path = expand(operation.path(), values);
            Map<String, ?> q = query.apply(values);
            if (eventStream) {
                return stream(path, q, all);
            }
            RequestSpecification spec = RestAssured.given().redirects().follow(false);
            for (Map.Entry<String, String> h : all.entrySet()) {
                spec.header(h.getKey(), h.getValue());
            }
            if (!q.isEmpty()) {
                spec.queryParams(q);
            }
            if (form != null) {
                spec.formParams(form.apply(values));
            }
            Function<Map<String, String>, ?> bodyOf = bodies.getOrDefault(column, body);
            Object b = bodyOf == null ? null : bodyOf.apply(values);
            if (b != null) {
                spec.contentType(contentType == null ? "application/json" : contentType);
                spec.body(b);
            } else if (contentType != null && form == null) {
                spec.contentType(contentType);
            }
            Response r = spec.request(operation.method(), path);
            return new Answer(r.statusCode(), r.asString(), r::header);
        }

        /** Opens the stream as a browser would, reads its status (and a refusal's body), and closes it. */
        private static Answer stream(String path, Map<String, ?> query, Map<String, String> headers)
                throws IOException, InterruptedException {
            StringBuilder url = new StringBuilder("http://127.0.0.1:").append(RestAssured.port);
            String base = RestAssured.basePath;
            if (base != null && !base.isBlank() && !base.equals("/")) {
                url.append(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
            }
            url.append(path);
            char separator = '?';
            for (Map.Entry<String, ?> e : query.entrySet()) {
                url.append(separator).append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=')
                        .append(URLEncoder.encode(String.valueOf(e.getValue()), StandardCharsets.UTF_8));
                separator = '&';
            }
            try (SseListener listener = SseListener.open(URI.create(url.toString()), headers)) {
                String body = listener.status() == 200 ? "(an open event stream)" : listener.body();
                return new Answer(listener.status(), body, name -> listener.header(name).orElse(null));
            }
        }
    }

    /** The path template with each {@code {name}} replaced by the fixture's value for it. */
    static String expand(String template, Map<String, String> values) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            int open = template.indexOf('{', i);
            if (open < 0) {
                out.append(template, i, template.length());
                break;
            }
            int close = template.indexOf('}', open);
            if (close < 0) {
                throw new IllegalArgumentException("an unclosed { in " + template);
            }
            String name = template.substring(open + 1, close);
            int colon = name.indexOf(':');
            if (colon >= 0) {
                name = name.substring(0, colon).strip();
            }
            String value = values.get(name);
            if (value == null) {
                throw new IllegalStateException("the row's fixture names no value for {" + name + "} of " + template);
            }
            out.append(template, i, open).append(value);
            i = close + 1;
        }
        return out.toString();
    }

    /** The body on one line, at most {@link #EXCERPT} characters of it. */
    static String excerpt(String body) {
        if (body == null || body.isBlank()) {
            return "(no body)";
        }
        StringBuilder flat = new StringBuilder();
        boolean space = false;
        for (int i = 0; i < body.length() && flat.length() <= EXCERPT; i++) {
            char c = body.charAt(i);
            if (Character.isWhitespace(c)) {
                space = !flat.isEmpty();
            } else {
                if (space) {
                    flat.append(' ');
                    space = false;
                }
                flat.append(c);
            }
        }
        return flat.length() > EXCERPT ? flat.substring(0, EXCERPT) + "…" : flat.toString();
    }
}
