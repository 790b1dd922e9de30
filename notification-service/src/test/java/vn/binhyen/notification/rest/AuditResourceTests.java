package vn.binhyen.notification.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static vn.binhyen.notification.support.Events.event;
import static vn.binhyen.notification.support.Events.received;
import static vn.binhyen.notification.support.Events.publish;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import vn.binhyen.contracts.Roles;
import vn.binhyen.contracts.Topics;
import vn.binhyen.notification.support.TestClock;
import vn.binhyen.testsupport.KafkaBrokerResource;
import vn.binhyen.testsupport.PostgresDatabaseResource;
import vn.binhyen.testsupport.Tokens;

/**
 * Issue 8: the proof that the commander was told of a breached deadline (police-song-tri:15.3):
 * the notification as it was before and after the acknowledgement, for auditors, with hashes.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PostgresDatabaseResource.class)
class AuditResourceTests {
    @Inject
    TestClock clock;

    @Test
    void theCommandersNotification_beforeAndAfterTheAcknowledgement_police_song_tri_15_3() throws Exception {
        String report = "report-" + UUID.randomUUID();
        publish(Topics.REPORT_EVENTS, received(report), event(report, 5, "DeadlineBreached", Map.of("reportId", report,
                "deadline", "2026-11-23T08:00:00Z", "escalatedTo", "COMMANDER")));
        String commander = Tokens.forRole(Roles.COMMANDER, "commander-1");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(commander)
                .get("/api/v1/notifications").then().statusCode(200)
                .body("text", hasItem(containsString("QUÁ HẠN: tin báo " + report))));
        String id = given().auth().oauth2(commander).get("/api/v1/notifications").then().extract().jsonPath()
                .getString("find { it.text.contains('" + report + "') && it.recipient == 'role:COMMANDER@ca-phuong-song-tri' }.notificationId");
        clock.advance(Duration.ofMinutes(1));
        String before = clock.instant().toString();
        clock.advance(Duration.ofMinutes(1));
        given().auth().oauth2(commander).post("/api/v1/notifications/" + id + "/acknowledgement").then().statusCode(204);

        String auditor = Tokens.forRole(Roles.AUDITOR, "auditor-1");
        given().auth().oauth2(auditor).queryParam("at", before).get("/api/v1/audit/streams/" + id).then()
                .statusCode(200).body("state.recipient", equalTo("role:COMMANDER@ca-phuong-song-tri"))
                .body("state.citation", equalTo("police-song-tri:15.3")).body("state.acknowledgedBy", nullValue())
                .body("events[0].eventType", equalTo("NotificationQueued"))
                .body("events[0].hash", matchesPattern("[0-9a-f]{64}"));
        given().auth().oauth2(auditor).get("/api/v1/audit/streams/" + id).then().statusCode(200)
                .body("state.acknowledgedBy", containsString("commander-1"));
        given().auth().oauth2(commander).get("/api/v1/audit/streams/" + id).then().statusCode(403);
    }
}
