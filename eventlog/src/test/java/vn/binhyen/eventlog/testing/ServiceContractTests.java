package vn.binhyen.eventlog.testing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

import io.agroal.api.AgroalDataSource;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import vn.binhyen.contracts.EventHeaders;
import vn.binhyen.contracts.Roles;
import vn.binhyen.eventlog.Actor;
import vn.binhyen.eventlog.AppendResult;
import vn.binhyen.eventlog.EventStore;
import vn.binhyen.eventlog.Json;
import vn.binhyen.eventlog.NewEvent;
import vn.binhyen.testsupport.Tokens;

/**
 * What every service owes from the foundation, checked against its real boot (real broker,
 * throwaway database): health, OpenAPI and metrics; bearer tokens verified against the
 * configured key; its Flyway migrations (eventlog's included) run; its relay publishing
 * what it appends to its topic. Each service's boot test extends this.
 */
public abstract class ServiceContractTests {
    @Inject
    EventStore store;

    @Inject
    AgroalDataSource dataSource;

    @ConfigProperty(name = "binhyen.eventlog.relay.topic")
    String topic;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "quarkus.application.name")
    String service;

    @Test
    void health_isUpWithDatabaseKafkaAndRelay() {
        given().get("/q/health").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("event relay", "Database connections health check"));
    }

    @Test
    void openApiAndMetrics_areServed() {
        given().get("/q/openapi").then().statusCode(200).body(containsString("/api/v1/me"));
        given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_"));
    }

    /**
     * OpenAPI documents each answer an operation can give (issue 25): a secured operation its 401
     * and 403, one with a path parameter its 404 (or 400, for a path value that names no resource,
     * like a date), one taking a body or query parameters its 400,
     * one taking If-Match its 412; every operation at least one refusal and its success (a method
     * that names its refusals must name its success too); every named refusal is
     * one of {@code ProblemResponses}' components.
     */
    /**
     * Operations that truly cannot give a refusal the rules below owe them (a page whose query
     * parameters only pick a message, a form whose unknown id comes back as the owning service's
     * refusal on the page), each with the reason; an entry naming no operation fails the test.
     */
    protected Map<String, String> refusalsNotOwed() {
        return Map.of();
    }

    @Test
    void openApi_documentsTheRefusalsEachOperationCanGive() throws java.io.IOException {
        var doc = Json.MAPPER.readTree(given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .extract().asByteArray());
        var components = doc.path("components").path("responses");
        List<String> missing = new java.util.ArrayList<>();
        int operations = 0;
        java.util.Set<String> names = new java.util.HashSet<>();
        for (var path : doc.path("paths").properties()) {
            for (var op : path.getValue().properties()) {
                if (!List.of("get", "put", "post", "delete", "patch").contains(op.getKey())) {
                    continue;
                }
                operations++;
                String name = op.getKey().toUpperCase(java.util.Locale.ROOT) + " " + path.getKey();
                names.add(name);
                if (refusalsNotOwed().containsKey(name)) {
                    continue;
                }
                var responses = op.getValue().path("responses");
                java.util.Set<String> codes = new java.util.TreeSet<>();
                responses.properties().forEach(r -> {
                    codes.add(r.getKey());
                    String ref = r.getValue().path("$ref").asText("");
                    if (!ref.isEmpty() && !components.has(ref.substring(ref.lastIndexOf('/') + 1))) {
                        missing.add(name + ": " + r.getKey() + " refers to no component " + ref);
                    }
                });
                var params = new java.util.ArrayList<com.fasterxml.jackson.databind.JsonNode>();
                op.getValue().path("parameters").forEach(params::add);
                path.getValue().path("parameters").forEach(params::add);
                java.util.Map<String, Boolean> owed = new java.util.LinkedHashMap<>();
                owed.put("401", op.getValue().has("security") || doc.has("security"));
                owed.put("403", op.getValue().has("security") || doc.has("security"));
                boolean pathParameter = params.stream().anyMatch(p -> "path".equals(p.path("in").asText()));
                owed.put("400", op.getValue().has("requestBody")
                        || params.stream().anyMatch(p -> "query".equals(p.path("in").asText())));
                owed.put("412", params.stream().anyMatch(p -> "If-Match".equalsIgnoreCase(p.path("name").asText())));
                if (pathParameter && !codes.contains("404") && !codes.contains("400")) {
                    missing.add(name + ": no 404 (or 400) for its path parameter");
                }
                owed.forEach((code, due) -> {
                    if (due && !codes.contains(code)) {
                        missing.add(name + ": no " + code);
                    }
                });
                if (codes.stream().noneMatch(c -> c.startsWith("4"))) {
                    missing.add(name + ": no refusal documented");
                }
                if (codes.stream().noneMatch(c -> c.startsWith("2") || c.startsWith("3"))) {
                    missing.add(name + ": no success documented");
                }
            }
        }
        assertThat(operations).as("operations in the document").isPositive();
        assertThat(names).as("operations excused in refusalsNotOwed()").containsAll(refusalsNotOwed().keySet());
        assertThat(missing).as("refusals the OpenAPI document does not give").isEmpty();
    }

    @Test
    void api_withoutToken_isUnauthorized() {
        given().get("/api/v1/me").then().statusCode(401);
    }

    @Test
    void api_tokenSignedByAnotherKey_isUnauthorized() {
        given().auth().oauth2(Tokens.forgedForRole(Roles.SYSTEM_ADMIN)).get("/api/v1/me").then().statusCode(401);
    }

    @Test
    void api_tokenForAnotherAudience_isUnauthorized() {
        given().auth().oauth2(Tokens.forAudience(Roles.SYSTEM_ADMIN, "sa-1", "another-app")).get("/api/v1/me").then()
                .statusCode(401);
    }

    @Test
    void api_tokenOlderThanADay_isUnauthorized_howeverLongItClaimsToLast() {
        java.time.Instant issued = java.time.Instant.now().minus(java.time.Duration.ofHours(25));
        given().auth().oauth2(Tokens.issuedAt(Roles.SYSTEM_ADMIN, "sa-1", issued, issued.plus(java.time.Duration.ofDays(7))))
                .get("/api/v1/me").then().statusCode(401);
        java.time.Instant recent = java.time.Instant.now().minus(java.time.Duration.ofHours(1));
        given().auth().oauth2(Tokens.issuedAt(Roles.SYSTEM_ADMIN, "sa-1", recent, recent.plus(java.time.Duration.ofDays(7))))
                .get("/api/v1/me").then().statusCode(200);
    }

    @Test
    void api_validToken_isAcceptedWithItsRoles() {
        given().auth().oauth2(Tokens.forRole(Roles.DUTY_OFFICER, "officer-7")).get("/api/v1/me").then()
                .statusCode(200)
                .body("service", equalTo(service))
                .body("subject", equalTo("officer-7"))
                .body("roles", hasItem(Roles.DUTY_OFFICER))
                .header("X-Correlation-Id", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void migrations_ranOnTheServiceDatabase() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select count(*) from information_schema.tables where table_name in "
                        + "('event', 'relay_checkpoint', 'inbox', 'flyway_schema_history')")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(4);
        }
    }

    @Test
    void relay_publishesAnAppendedEventToTheServiceTopic() {
        String stream = "probe-" + UUID.randomUUID();
        AppendResult appended = store.append(stream, 0, List.of(NewEvent.of("ProbeRecorded",
                Json.MAPPER.createObjectNode().put("service", service), Instant.now(),
                Actor.system(service), "corr-" + stream)));

        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(with(
                vn.binhyen.testsupport.KafkaPrincipals.admin(bootstrapServers), Map.of("group.id", "contract-" + UUID.randomUUID(),
                "auto.offset.reset", "earliest", "key.deserializer", StringDeserializer.class.getName(),
                "value.deserializer", ByteArrayDeserializer.class.getName())))) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ZERO).until(() -> {
                for (var r : consumer.poll(Duration.ofMillis(200))) {
                    var hash = r.headers().lastHeader(EventHeaders.HASH);
                    if (stream.equals(r.key()) && hash != null && new String(hash.value(), StandardCharsets.UTF_8)
                            .equals(appended.events().getFirst().hash())) {
                        return true;
                    }
                }
                return false;
            });
        }
    }

    /** {@code base} with {@code more} added. */
    static java.util.Map<String, Object> with(java.util.Map<String, Object> base, java.util.Map<String, ?> more) {
        var all = new java.util.HashMap<String, Object>(base);
        all.putAll(more);
        return all;
    }
}
