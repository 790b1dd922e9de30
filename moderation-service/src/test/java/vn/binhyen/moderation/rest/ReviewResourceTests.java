package vn.binhyen.moderation.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static vn.binhyen.moderation.rest.ScreeningResourceTests.message;
import static vn.binhyen.moderation.rest.ScreeningResourceTests.screen;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import vn.binhyen.contracts.Roles;
import vn.binhyen.contracts.Topics;
import vn.binhyen.eventlog.Relay;
import vn.binhyen.testsupport.KafkaBrokerResource;
import vn.binhyen.testsupport.PostgresDatabaseResource;
import vn.binhyen.testsupport.Tokens;

/** Admins confirm or overturn FLAG and HOLD (ward-binh-phuoc:6.3); overturns feed each rule's false-positive rate. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PostgresDatabaseResource.class)
class ReviewResourceTests {

    static io.restassured.response.ValidatableResponse decide(String role, String reviewId, String outcome) {
        return decide(role, "admin-1", reviewId, outcome);
    }

    static io.restassured.response.ValidatableResponse decide(String role, String subject, String reviewId,
            String outcome) {
        return given().auth().oauth2(Tokens.forRole(role, subject)).contentType("application/json")
                .body(Map.of("outcome", outcome, "note", "Đã xem xét")).post("/api/v1/reviews/" + reviewId + "/decision")
                .then();
    }

    @Inject
    AgroalDataSource dataSource;

    /** The group's board as group-service announces it: leader-1 leads, admin-1 administers. */
    void boardOf(String group) throws Exception {
        boardOf(group, "ward-binh-phuoc");
    }

    void boardOf(String group, String profile) throws Exception {
        try (var producer = new KafkaProducer<>(ScreeningResourceTests.props(), new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(Relay.record(Topics.GROUP_EVENTS, "group-service", PostResourceTests.groupEvent(group, 1,
                    "GroupEstablished", Map.of("groupId", group, "profile", profile, "profileVersion", 1,
                            "unit", Tokens.DEFAULT_UNIT, "kind", "NEIGHBOURHOOD",
                            "leader", Map.of("memberId", "leader-1"))), 1)).get();
            producer.send(Relay.record(Topics.GROUP_EVENTS, "group-service", PostResourceTests.groupEvent(group, 2,
                    "MemberAdded", Map.of("groupId", group, "member", Map.of("memberId", "admin-1"), "role", "ADMIN")),
                    2)).get();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            try (var c = dataSource.getConnection(); var st = c.createStatement(); var rs = st.executeQuery(
                    "select count(*) from directory_seat where group_id = '" + group + "'")) {
                rs.next();
                return rs.getInt(1) == 2;
            }
        });
    }

    @Test
    void aSalesPost_inThePoliceGroup_waitsForTheBoard_whoDecideUnderTheirOwnClause_police_song_tri_13_3()
            throws Exception {
        String group = "group-" + UUID.randomUUID();
        boardOf(group, "police-song-tri");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> screen(message(group, "probe-" + UUID.randomUUID(),
                "x", "Chào cả nhà")).statusCode(200).body("policy", equalTo("police-song-tri")));
        String review = screen(message(group, "sale-1", "seller-9", "Thanh lý gấp xe máy, giá rẻ, liên hệ mua ngay"))
                .statusCode(200).body("decision", equalTo("FLAG")).body("violations[0].citation",
                        equalTo("police-song-tri:6.8")).extract().path("reviewId");
        decide(Roles.ADMIN, "admin-of-another-group", review, "CONFIRMED").statusCode(403)
                .body("citation", equalTo("police-song-tri:13.3"));
        decide(Roles.LEADER, "leader-1", review, "CONFIRMED").statusCode(200).body("state", equalTo("CONFIRMED"));
        // confirmed: the violation is on the record under the rule it broke
        given().auth().oauth2(Tokens.forRole(Roles.AUDITOR, "auditor-1")).queryParam("memberId", "seller-9")
                .get("/api/v1/violations").then().statusCode(200).body("[0].citation", equalTo("police-song-tri:6.8"));
    }

    @Test
    void flaggedMessages_areConfirmedIntoTheLedger_orOverturnedAsFalsePositives_ward_binh_phuoc_6_3() throws Exception {
        String group = "group-" + UUID.randomUUID();
        boardOf(group);
        var before = given().auth().oauth2(Tokens.forRole(Roles.ADMIN, "admin-1")).get("/api/v1/rules/false-positive-rates")
                .then().statusCode(200).extract().jsonPath();
        Integer reviewed = before.get("find { it.ruleId == 'unverified' }.reviewed");
        Integer overturnedCount = before.get("find { it.ruleId == 'unverified' }.overturned");
        int reviewedBefore = reviewed == null ? 0 : reviewed;
        int overturnedBefore = overturnedCount == null ? 0 : overturnedCount;
        String overturned = screen(message(group, "f-1", "rumour-1", "Nghe đồn mai cắt điện cả phường, mọi người chuẩn bị"))
                .statusCode(200).body("decision", equalTo("FLAG")).body("violations[0].ruleId", equalTo("unverified"))
                .extract().path("reviewId");
        String confirmed = screen(message(group, "f-2", "rumour-2", "Tin đồn ngân hàng sắp phá sản, rút tiền ngay"))
                .statusCode(200).body("decision", equalTo("FLAG")).extract().path("reviewId");

        given().auth().oauth2(Tokens.forRole(Roles.ADMIN, "admin-1")).queryParam("groupId", group).get("/api/v1/reviews")
                .then().statusCode(200).body("", hasSize(2)).body("reviewId", hasItem(overturned));
        // the roster decides, not the token (issue 21): a member off the board is refused
        decide(Roles.MEMBER, "member-1", overturned, "OVERTURNED").statusCode(403);
        decide(Roles.ADMIN, "admin-of-another-group", overturned, "OVERTURNED").statusCode(403)
                .body("citation", equalTo("ward-binh-phuoc:6.3"));
        decide(Roles.ADMIN, overturned, "OVERTURNED").statusCode(200).body("state", equalTo("OVERTURNED"));
        decide(Roles.ADMIN, overturned, "CONFIRMED").statusCode(422).body("citation", equalTo("ward-binh-phuoc:6.3"));
        decide(Roles.LEADER, "leader-1", confirmed, "CONFIRMED").statusCode(200).body("state", equalTo("CONFIRMED"));
        decide(Roles.ADMIN, "review-unknown", "CONFIRMED").statusCode(404);
        decide(Roles.ADMIN, confirmed, "MAYBE").statusCode(400);

        given().auth().oauth2(Tokens.forRole(Roles.AUDITOR, "auditor-1")).queryParam("memberId", "rumour-2")
                .get("/api/v1/violations").then().statusCode(200).body("", hasSize(1))
                .body("[0].category", equalTo("UNVERIFIED")).body("[0].citation", equalTo("ward-binh-phuoc:7.2"));
        given().auth().oauth2(Tokens.forRole(Roles.AUDITOR, "auditor-1")).queryParam("memberId", "rumour-1")
                .get("/api/v1/violations").then().statusCode(200).body("", hasSize(0));
        given().auth().oauth2(Tokens.forRole(Roles.AUDITOR, "auditor-1")).get("/api/v1/violations").then()
                .statusCode(400);
        // audit L4 (issue 21): only those who oversee the group see its records, whatever their token's role
        given().auth().oauth2(Tokens.forRole(Roles.LEADER, "leader-of-another-group")).queryParam("groupId", group)
                .get("/api/v1/violations").then().statusCode(200).body("", hasSize(0));
        given().auth().oauth2(Tokens.forRole(Roles.LEADER, "leader-of-another-group")).queryParam("memberId", "rumour-2")
                .get("/api/v1/violations").then().statusCode(200).body("", hasSize(0));
        given().auth().oauth2(Tokens.forRole(Roles.MEMBER, "leader-1")).queryParam("groupId", group)
                .get("/api/v1/violations").then().statusCode(200).body("", hasSize(1));
        given().auth().oauth2(Tokens.forUnit(Roles.COMMANDER, "cmd-other", "ca-phuong-song-cau"))
                .queryParam("groupId", group).get("/api/v1/violations").then().statusCode(200).body("", hasSize(0));
        given().auth().oauth2(Tokens.forRole(Roles.COMMANDER, "cmd-1")).queryParam("groupId", group)
                .get("/api/v1/violations").then().statusCode(200).body("", hasSize(1));
        given().auth().oauth2(Tokens.forRole(Roles.ADMIN, "admin-of-another-group")).queryParam("groupId", group)
                .get("/api/v1/reviews").then().statusCode(200).body("", hasSize(0));
        // the rates are the platform's: other tests' reviews of the rule count too, so these two are what changed
        var after = given().auth().oauth2(Tokens.forRole(Roles.ADMIN, "admin-1")).get("/api/v1/rules/false-positive-rates")
                .then().statusCode(200).extract().jsonPath();
        assertThat(after.getInt("find { it.ruleId == 'unverified' }.reviewed") - reviewedBefore).isEqualTo(2);
        assertThat(after.getInt("find { it.ruleId == 'unverified' }.overturned") - overturnedBefore).isEqualTo(1);
        if (reviewedBefore == 0) {
            assertThat(after.getFloat("find { it.ruleId == 'unverified' }.falsePositiveRate")).isEqualTo(0.5f);
        }
        given().auth().oauth2(Tokens.forRole(Roles.ADMIN, "admin-1")).queryParam("groupId", group).get("/api/v1/reviews")
                .then().statusCode(200).body("", hasSize(0));
    }
}
