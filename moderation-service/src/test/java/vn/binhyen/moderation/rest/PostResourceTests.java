package vn.binhyen.moderation.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import vn.binhyen.contracts.Roles;
import vn.binhyen.contracts.Topics;
import vn.binhyen.eventlog.Actor;
import vn.binhyen.eventlog.Envelope;
import vn.binhyen.eventlog.EventIds;
import vn.binhyen.eventlog.HashChain;
import vn.binhyen.eventlog.Json;
import vn.binhyen.eventlog.Relay;
import vn.binhyen.testsupport.KafkaBrokerResource;
import vn.binhyen.testsupport.PostgresDatabaseResource;
import vn.binhyen.testsupport.Tokens;

/** The publishing workflow through the real stack, the board learned from group events (police-song-tri:13.2). */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PostgresDatabaseResource.class)
class PostResourceTests {
    static final String ARTICLE = "https://bocongan.gov.vn/tin-tuc/canh-bao";
    @Inject
    AgroalDataSource dataSource;

    static ValidatableResponse post(String role, String subject, String path, Object body) {
        var spec = given().auth().oauth2(Tokens.forRole(role, subject)).contentType("application/json");
        return (body == null ? spec.post(path) : spec.body(body).post(path)).then();
    }

    static Envelope groupEvent(String group, long version, String type, Object payload) {
        return new Envelope(EventIds.next(), type, 1, "group", group, version, Instant.now(), Instant.now(),
                Actor.of("sysadmin", "SYSTEM_ADMIN"), "corr-" + UUID.randomUUID(), null, Json.MAPPER.valueToTree(payload),
                HashChain.GENESIS, null).sealed();
    }

    @Test
    void draftIsReturnedRevisedVerifiedApprovedAndPublished_onlyByTheBoard_andListedForItAtEachStage_police_song_tri_13_2() throws Exception {
        String group = "group-" + UUID.randomUUID();
        String ward = "group-" + UUID.randomUUID();
        try (var producer = new KafkaProducer<>(ScreeningResourceTests.props(), new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(Relay.record(Topics.GROUP_EVENTS, "group-service", groupEvent(group, 1, "GroupEstablished",
                    Map.of("groupId", group, "profile", "police-song-tri", "profileVersion", 1,
                            "leader", Map.of("memberId", "leader-1"))), 1)).get();
            producer.send(Relay.record(Topics.GROUP_EVENTS, "group-service", groupEvent(group, 2, "MemberAdded",
                    Map.of("groupId", group, "member", Map.of("memberId", "admin-1"), "role", "ADMIN")), 2)).get();
            producer.send(Relay.record(Topics.GROUP_EVENTS, "group-service", groupEvent(group, 3, "MemberAdded",
                    Map.of("groupId", group, "member", Map.of("memberId", "member-1"), "role", "MEMBER")), 3)).get();
            // a ward group, whose regulation makes no publishing workflow, led by the same person
            producer.send(Relay.record(Topics.GROUP_EVENTS, "group-service", groupEvent(ward, 1, "GroupEstablished",
                    Map.of("groupId", ward, "profile", "ward-binh-phuoc", "profileVersion", 1,
                            "leader", Map.of("memberId", "leader-1"))), 1)).get();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            try (var c = dataSource.getConnection(); var s = c.createStatement(); var rs = s.executeQuery(
                    "select count(*) from directory_seat where group_id in ('" + group + "', '" + ward + "')")) {
                rs.next();
                return rs.getInt(1) == 4;
            }
        });
        // someone not on the roster, whatever their token says, cannot submit to the group (issue 21)
        post(Roles.MEMBER, "stranger", "/api/v1/groups/" + group + "/posts",
                Map.of("text", "Cảnh báo thủ đoạn lừa đảo", "sourceKind", "d", "source", ARTICLE)).statusCode(404);

        post(Roles.MEMBER, "member-1", "/api/v1/groups/" + group + "/posts", Map.of("text", "Tin nóng", "sourceKind", "b",
                "source", " ")).statusCode(400);
        // 13.1's sources by their points: one it does not list names the field
        post(Roles.MEMBER, "member-1", "/api/v1/groups/" + group + "/posts", Map.of("text", "Tin nóng", "sourceKind", "z",
                "source", ARTICLE)).statusCode(400).body("errors[0].field", equalTo("sourceKind"))
                .body("citation", equalTo("police-song-tri:13.1"));
        post(Roles.MEMBER, "member-1", "/api/v1/groups/" + group + "/posts",
                Map.of("text", "Gửi bà con tài liệu tối mật của đơn vị", "sourceKind", "c", "source", "Nội bộ"))
                .statusCode(422)
                .body("citation", equalTo("police-song-tri:6.1"));
        String postId = post(Roles.MEMBER, "member-1", "/api/v1/groups/" + group + "/posts",
                Map.of("text", "Cảnh báo thủ đoạn giả danh công an gọi điện", "sourceKind", "d", "source", ARTICLE))
                .statusCode(201).body("stage", equalTo("SUBMITTED")).body("sourceKind", equalTo("d"))
                .extract().path("postId");
        String path = "/api/v1/posts/" + postId;
        String list = "/api/v1/groups/" + group + "/posts";
        // what waits for the board, to the board only (by the roster), a stage it does not know named
        given().auth().oauth2(Tokens.forRole(Roles.ADMIN, "admin-1")).get(list).then().statusCode(200)
                .body("postId", contains(postId)).body("[0].stage", equalTo("SUBMITTED"))
                .body("[0].authorId", equalTo("member-1"));
        given().auth().oauth2(Tokens.forRole(Roles.MEMBER, "member-1")).get(list).then().statusCode(404);
        // a group whose regulation makes no such workflow has no such list (binhyen:profiles)
        given().auth().oauth2(Tokens.forRole(Roles.LEADER, "leader-1")).get("/api/v1/groups/" + ward + "/posts").then()
                .statusCode(422).body("citation", equalTo("binhyen:profiles"));
        given().auth().oauth2(Tokens.forRole(Roles.ADMIN, "admin-1")).queryParam("stage", "SUBMITTED,DRAFTED")
                .get(list).then().statusCode(400).body("errors[0].field", equalTo("stage"));
        given().auth().oauth2(Tokens.forRole(Roles.MEMBER, "stranger")).get(path).then().statusCode(404);
        given().auth().oauth2(Tokens.forRole(Roles.MEMBER, "member-1")).get(path).then().statusCode(200);

        post(Roles.ADMIN, "not-on-board", path + "/verification", null).statusCode(403)
                .body("citation", equalTo("police-song-tri:13.2"));
        post(Roles.ADMIN, "admin-1", path + "/return", Map.of("comments", "Bổ sung thời gian, địa điểm")).statusCode(200)
                .body("stage", equalTo("RETURNED"));
        // returned to its author: no longer the board's to act on, but listed as returned when asked
        given().auth().oauth2(Tokens.forRole(Roles.ADMIN, "admin-1")).get(list).then().statusCode(200)
                .body("size()", equalTo(0));
        given().auth().oauth2(Tokens.forRole(Roles.ADMIN, "admin-1")).queryParam("stage", "RETURNED").get(list).then()
                .statusCode(200).body("postId", contains(postId));
        post(Roles.MEMBER, "member-1", path + "/revision", Map.of("text",
                "Cảnh báo thủ đoạn giả danh công an gọi điện (22/11, phường Sông Trí)", "sourceKind", "d", "source",
                ARTICLE)).statusCode(200).body("stage", equalTo("SUBMITTED"));
        post(Roles.LEADER, "leader-1", path + "/publication", null).statusCode(422);
        post(Roles.ADMIN, "admin-1", path + "/verification", null).statusCode(200).body("stage", equalTo("VERIFIED"));
        post(Roles.LEADER, "leader-1", path + "/approval", Map.of()).statusCode(200).body("stage", equalTo("APPROVED"));
        given().auth().oauth2(Tokens.forRole(Roles.LEADER, "leader-1")).get(list).then().statusCode(200)
                .body("[0].stage", equalTo("APPROVED")).body("[0].text", containsString("phường Sông Trí"));
        post(Roles.LEADER, "leader-1", path + "/publication", null).statusCode(200).body("stage", equalTo("PUBLISHED"))
                .body("history.event", contains("PostSubmitted", "PostReturned", "PostRevised", "PostVerified",
                        "PostApproved", "PostPublished"))
                .body("text", containsString("phường Sông Trí"));
        given().auth().oauth2(Tokens.forRole(Roles.AUDITOR, "auditor-1")).get("/api/v1/posts/post-unknown").then()
                .statusCode(404);
        given().auth().oauth2(Tokens.forRole(Roles.LEADER, "leader-1")).queryParam("stage", "PUBLISHED").get(list)
                .then().statusCode(200).body("postId", contains(postId)).body("[0].version", equalTo(6));
        // a step on a post that was never submitted: no such post, not a rule's refusal
        post(Roles.ADMIN, "admin-1", "/api/v1/posts/post-unknown/verification", null).statusCode(404);
    }
}
