package vn.binhyen.report.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.binhyen.contracts.Roles;
import vn.binhyen.report.support.TestClock;
import vn.binhyen.testsupport.KafkaBrokerResource;
import vn.binhyen.testsupport.PostgresDatabaseResource;
import vn.binhyen.testsupport.Tokens;

/** Issue 8: a report as it was at a moment, for auditors, the reporter masked, each query itself recorded. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PostgresDatabaseResource.class)
class AuditResourceTests {
    @Inject
    AgroalDataSource dataSource;

    @Inject
    TestClock clock;

    long audits() throws Exception {
        try (var c = dataSource.getConnection(); var s = c.createStatement();
                var rs = s.executeQuery("select count(*) from event where event_type = 'AuditQueried'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void aReportAsItWas_beforeItsClassification_reporterMasked_withTheHashes_andTheQueryRecorded() throws Exception {
        String id = ReportResourceTests.post(Roles.BOT, "/api/v1/reports", Map.of("type", "CRIME_TIP", "channel", "zalo",
                "groupId", "group-police", "reporter", Map.of("name", "Nguyễn Văn Bình", "address", "12 Lê Lợi",
                        "phone", "0912345678"), "details", Map.of("incidentAt", clock.instant().minus(Duration.ofHours(1))
                                .toString(), "place", "Chợ Sông Trí", "summary", "Trộm xe máy", "howKnown", "tôi thấy")))
                .statusCode(201).extract().path("reportId");
        clock.advance(Duration.ofMinutes(1));
        String before = clock.instant().toString();
        clock.advance(Duration.ofMinutes(1));
        ReportResourceTests.post(Roles.DUTY_OFFICER, "/api/v1/reports/" + id + "/classification", Map.of("category",
                "Trộm cắp tài sản", "securityRelated", false, "withinJurisdiction", true)).statusCode(200);
        long audits = audits();
        String auditor = Tokens.forRole(Roles.AUDITOR, "auditor-1");

        given().auth().oauth2(auditor).queryParam("at", before).get("/api/v1/audit/streams/" + id).then()
                .statusCode(200).body("state.status", equalTo("RECEIVED"))
                .body("state.reporter.name", equalTo("N*** V*** B***"))
                .body("state.reporter.phone", matchesPattern("091\\*+78"))
                .body("events.hash", org.hamcrest.Matchers.everyItem(matchesPattern("[0-9a-f]{64}")));
        int versionBefore = given().auth().oauth2(auditor).queryParam("at", before).get("/api/v1/audit/streams/" + id)
                .then().extract().path("version");
        given().auth().oauth2(auditor).get("/api/v1/audit/streams/" + id).then().statusCode(200)
                .body("state.status", equalTo("CLASSIFIED")).body("version", greaterThan(versionBefore))
                .body("events.eventType", hasItem("ReportClassified"));
        assertThat(audits()).isEqualTo(audits + 3);

        given().auth().oauth2(Tokens.forRole(Roles.DUTY_OFFICER, "duty-1")).get("/api/v1/audit/streams/" + id).then()
                .statusCode(403);
        given().auth().oauth2(auditor).queryParam("at", "hôm qua").get("/api/v1/audit/streams/" + id).then()
                .statusCode(400).body("errors[0].field", equalTo("at"));
        given().auth().oauth2(auditor).get("/api/v1/audit/streams/report-none").then().statusCode(404);
        // another ward's auditor: as if the stream did not exist (issue 21)
        given().auth().oauth2(Tokens.forUnit(Roles.AUDITOR, "auditor-song-cau", "ca-phuong-song-cau"))
                .get("/api/v1/audit/streams/" + id).then().statusCode(404);
        assertThat(audits()).isEqualTo(audits + 3); // refusals write nothing

        // who read the reporter's data is the report's unit's to audit, not another ward's (issue 21)
        given().auth().oauth2(Tokens.forRole(Roles.DUTY_OFFICER, "duty-1")).get("/api/v1/reports/" + id).then()
                .statusCode(200);
        String access = "access-" + java.util.UUID.nameUUIDFromBytes(id.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        given().auth().oauth2(auditor).get("/api/v1/audit/streams/" + access).then().statusCode(200)
                .body("events.eventType", hasItem("PersonalDataRead"));
        given().auth().oauth2(Tokens.forUnit(Roles.AUDITOR, "auditor-song-cau", "ca-phuong-song-cau"))
                .get("/api/v1/audit/streams/" + access).then().statusCode(404);
    }
}
