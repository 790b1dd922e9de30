package vn.binhyen.group.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.binhyen.contracts.Roles;
import vn.binhyen.group.support.MovableClock;
import vn.binhyen.testsupport.KafkaBrokerResource;
import vn.binhyen.testsupport.PostgresDatabaseResource;
import vn.binhyen.testsupport.Tokens;

/** A group as it was at a moment, for auditors, with its events' hashes; each query itself recorded. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PostgresDatabaseResource.class)
class AuditResourceTests {
    @Inject
    MovableClock clock;

    @Inject
    AgroalDataSource dataSource;

    long audits() throws Exception {
        try (var c = dataSource.getConnection(); var s = c.createStatement();
                var rs = s.executeQuery("select count(*) from event where event_type = 'AuditQueried'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void theRosterAsItWas_beforeALaterChange_withTheHashes_andTheQueryRecorded() throws Exception {
        String group = GroupResourceTests.establish("ward-binh-phuoc", "AGENCY", "audit-leader");
        clock.advance(Duration.ofMinutes(1));
        String before = clock.instant().toString();
        clock.advance(Duration.ofMinutes(1));
        GroupResourceTests.post(Roles.LEADER, "audit-leader", "/api/v1/groups/" + group + "/membership-proposals",
                Map.of("change", "ADD", "member", GroupResourceTests.member("audit-m1", "Phan Văn Khải"))).statusCode(200);
        long audits = audits();

        given().auth().oauth2(Tokens.forRole(Roles.AUDITOR, "auditor-1")).queryParam("at", before)
                .get("/api/v1/audit/streams/" + group).then().statusCode(200).body("version", equalTo(1))
                .body("state.roster", hasSize(1)).body("events", hasSize(1))
                .body("events[0].hash", org.hamcrest.Matchers.matchesPattern("[0-9a-f]{64}"));
        given().auth().oauth2(Tokens.forRole(Roles.AUDITOR, "auditor-1")).get("/api/v1/audit/streams/" + group).then()
                .statusCode(200).body("version", equalTo(2)).body("state.roster", hasSize(2));
        assertThat(audits()).isEqualTo(audits + 2);

        given().auth().oauth2(Tokens.forRole(Roles.LEADER, "audit-leader")).get("/api/v1/audit/streams/" + group).then()
                .statusCode(403);
        given().auth().oauth2(Tokens.forRole(Roles.AUDITOR, "auditor-1")).queryParam("at", "hôm qua")
                .get("/api/v1/audit/streams/" + group).then().statusCode(400).body("errors[0].field", equalTo("at"));
        given().auth().oauth2(Tokens.forRole(Roles.AUDITOR, "auditor-1")).get("/api/v1/audit/streams/group-none").then()
                .statusCode(404);
        // a stream that is no group's (here the auditor's own queries, recorded above): a 404, not a 500
        String ownQueries = "audit-" + java.util.UUID.nameUUIDFromBytes("auditor-1".getBytes(
                java.nio.charset.StandardCharsets.UTF_8));
        given().auth().oauth2(Tokens.forRole(Roles.AUDITOR, "auditor-1")).get("/api/v1/audit/streams/" + ownQueries)
                .then().statusCode(404);
    }
}
