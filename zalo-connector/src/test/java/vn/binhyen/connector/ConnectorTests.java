package vn.binhyen.connector;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.binhyen.connector.support.ZaloSimResource;
import vn.binhyen.connector.rest.ZaloSignature;
import vn.binhyen.contracts.Roles;
import vn.binhyen.contracts.Topics;
import vn.binhyen.eventlog.Json;
import vn.binhyen.eventlog.testing.GroupEventsOnTheTopic;
import vn.binhyen.testsupport.KafkaBrokerResource;
import vn.binhyen.testsupport.KafkaPrincipals;
import vn.binhyen.testsupport.PostgresDatabaseResource;
import vn.binhyen.testsupport.Tokens;
import vn.binhyen.zalosim.ZaloSim;

/**
 * The connector between zalo-sim (Zalo's OA API and webhooks, as Zalo formats and signs them),
 * a real broker and a throwaway database (issue 26). moderation-service is not booted here: its
 * verdicts are published as it publishes them; the system tests run the whole loop.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PostgresDatabaseResource.class)
@QuarkusTestResource(ZaloSimResource.class)
class ConnectorTests {
    static final String LEADER = "leader-1";
    static final String NAMED = "member-named";
    static final String KNOWN = "member-known";

    @TestHTTPResource("/webhooks/zalo-oa")
    URL webhook;

    @Inject
    AgroalDataSource dataSource;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    static String groupId;
    static KafkaConsumer<String, byte[]> chatMessages;

    ZaloSim sim() {
        return ZaloSimResource.sim();
    }

    @BeforeEach
    void pointTheSimulatorHere() {
        sim().webhookUrl(webhook.toString());
        sim().botWebhookUrl(webhook.toString().replace("/webhooks/zalo-oa", "/webhooks/zalo-bot/sim"));
        sim().fault("clear");
    }

    /** The police group on group-service's topic, with its roster, bound once to the simulated group. */
    @BeforeAll
    static void policeGroup() {
        groupId = GroupEventsOnTheTopic.newGroupId();
    }

    @AfterAll
    static void close() {
        if (chatMessages != null) {
            chatMessages.close();
        }
    }

    synchronized void bound() throws Exception {
        if (given().auth().oauth2(Tokens.forRole(Roles.SYSTEM_ADMIN, "sa-1")).get("/api/v1/bindings/" + groupId).then()
                .extract().statusCode() == 200) {
            return;
        }
        try (var events = new GroupEventsOnTheTopic(bootstrap)) {
            events.unit("ca-phuong-song-tri", "Công an phường Sông Trí", "WARD_POLICE", null)
                    .group(groupId, "ca-phuong-song-tri", "POLICE", "police-song-tri", LEADER)
                    .member(groupId, NAMED, "MEMBER", ZaloSimResource.NAMED_FULL_NAME, null)
                    .member(groupId, KNOWN, "MEMBER", "Lê Văn Biết", ZaloSimResource.KNOWN_ACCOUNT);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> count("select count(*) from roster_member where group_id = '"
                + groupId + "'") == 3);
        // the leader's token says only that they are a person (Keycloak's): the roster makes them the leader
        given().auth().oauth2(Tokens.forRole(Roles.MEMBER, LEADER)).contentType("application/json")
                .body(Map.of("groupId", groupId, "platform", "zalo-oa", "oaId", sim().config().oaId(), "zaloGroupId",
                        ZaloSimResource.POLICE))
                .post("/api/v1/bindings").then().statusCode(201);
    }

    // ---- the webhook

    String event(String msgId, long timestamp) {
        return "{\"app_id\":\"" + sim().config().appId() + "\",\"user_id_by_app\":\"u1\",\"event_name\":"
                + "\"user_send_group_text\",\"timestamp\":\"" + timestamp + "\",\"sender\":{\"id\":\""
                + ZaloSimResource.STRANGER_ACCOUNT + "\"},\"recipient\":{\"id\":\"zg-unbound-" + msgId + "\"},"
                + "\"message\":{\"msg_id\":\"" + msgId + "\",\"text\":\"Xin chào\"}}";
    }

    String mac(String body, long timestamp, String secret) {
        return "mac=" + ZaloSignature.mac(sim().config().appId(), body, String.valueOf(timestamp), secret);
    }

    @Test
    void webhook_wellSignedEventIsKeptOnce_forgedStaleOrMalformedOnesAreRefusedAndKeepNothing() throws Exception {
        long now = Instant.now().toEpochMilli();
        String id = "m-" + UUID.randomUUID();
        String body = event(id, now);
        String secret = sim().config().secretKey();
        given().contentType("application/json").header("X-ZEvent-Signature", mac(body, now, secret)).body(body)
                .post("/webhooks/zalo-oa").then().statusCode(200).body("duplicate", equalTo(false));
        // Zalo's redelivery (num_retry) of the same event: answered, and nothing changes
        given().contentType("application/json").header("X-ZEvent-Signature", mac(body, now, secret))
                .header("num_retry", "1").body(body).post("/webhooks/zalo-oa").then().statusCode(200)
                .body("duplicate", equalTo(true));
        assertThat(count("select count(*) from inbound_event where event_key like '%" + id + "'")).isEqualTo(1);

        String forgedId = "m-" + UUID.randomUUID();
        String forged = event(forgedId, now);
        given().contentType("application/json").header("X-ZEvent-Signature", mac(forged, now, "not-the-secret"))
                .body(forged).post("/webhooks/zalo-oa").then().statusCode(401)
                .body("type", equalTo("https://binhyen.vn/problems/bad-signature"));
        given().contentType("application/json").body(forged).post("/webhooks/zalo-oa").then().statusCode(401);
        // signed with the app secret instead of the OA secret key: a common mistake, refused
        given().contentType("application/json").header("X-ZEvent-Signature", mac(forged, now,
                sim().config().appSecret())).body(forged).post("/webhooks/zalo-oa").then().statusCode(401);
        // a well-signed event three hours old: longer than Zalo redelivers, so a replay
        long old = now - Duration.ofHours(3).toMillis();
        String stale = event(forgedId, old);
        given().contentType("application/json").header("X-ZEvent-Signature", mac(stale, old, secret)).body(stale)
                .post("/webhooks/zalo-oa").then().statusCode(401)
                .body("type", equalTo("https://binhyen.vn/problems/stale-event"));
        given().contentType("application/json").header("X-ZEvent-Signature", "mac=00").body("{\"app_id\":")
                .post("/webhooks/zalo-oa").then().statusCode(400);
        given().contentType("application/json").header("X-ZEvent-Signature", "mac=00").body("[1,2,3]")
                .post("/webhooks/zalo-oa").then().statusCode(400);
        assertThat(count("select count(*) from inbound_event where event_key like '%" + forgedId + "'")).isZero();
    }

    @Test
    void webhook_isAnsweredWhileTheEventWaits_anUnboundGroupsMessageIsMarkedSo() {
        long now = Instant.now().toEpochMilli();
        String id = "m-" + UUID.randomUUID();
        String body = event(id, now);
        given().contentType("application/json").header("X-ZEvent-Signature", mac(body, now, sim().config().secretKey()))
                .body(body).post("/webhooks/zalo-oa").then().statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> "UNBOUND".equals(text(
                "select outcome from inbound_event where event_key like '%" + id + "'")));
    }

    // ---- binding

    @Test
    void binding_byTheLeaderChecksWithZalo_mapsMembersByTheirAccountOrName_othersAreRefused() throws Exception {
        bound();
        var binding = given().auth().oauth2(Tokens.forRole(Roles.LEADER, LEADER)).get("/api/v1/bindings/" + groupId)
                .then().statusCode(200).extract().jsonPath();
        Map<String, String> mapped = new LinkedHashMap<>();
        for (Map<String, Object> m : binding.<Map<String, Object>>getList("members")) {
            mapped.put((String) m.get("zaloUserId"), m.get("memberId") + "/" + m.get("mappedBy"));
        }
        assertThat(mapped).containsEntry(ZaloSimResource.NAMED_ACCOUNT, NAMED + "/NAME")
                .containsEntry(ZaloSimResource.KNOWN_ACCOUNT, KNOWN + "/ZALO_ID")
                .containsEntry(ZaloSimResource.LEADER_ACCOUNT, LEADER + "/NAME")
                .containsEntry(ZaloSimResource.STRANGER_ACCOUNT, "null/null");

        // a member who is not the leader; a group the OA is not in; a group nobody knows; a bad platform
        given().auth().oauth2(Tokens.forRole(Roles.LEADER, NAMED)).contentType("application/json")
                .body(Map.of("groupId", groupId, "platform", "zalo-oa", "oaId", sim().config().oaId(), "zaloGroupId",
                        "zg-x"))
                .post("/api/v1/bindings").then().statusCode(403);
        String other = GroupEventsOnTheTopic.newGroupId();
        try (var events = new GroupEventsOnTheTopic(bootstrap)) {
            events.group(other, "ca-phuong-song-tri", "POLICE", "police-song-tri", LEADER);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> count(
                "select count(*) from directory_group where group_id = '" + other + "'") == 1);
        given().auth().oauth2(Tokens.forRole(Roles.LEADER, LEADER)).contentType("application/json")
                .body(Map.of("groupId", other, "platform", "zalo-oa", "oaId", sim().config().oaId(), "zaloGroupId",
                        ZaloSimResource.FOREIGN))
                .post("/api/v1/bindings").then().statusCode(409)
                .body("type", equalTo("https://binhyen.vn/problems/oa-not-in-group"));
        given().auth().oauth2(Tokens.forRole(Roles.SYSTEM_ADMIN, "sa-1")).contentType("application/json")
                .body(Map.of("groupId", "group-nobody", "platform", "zalo-oa", "oaId", sim().config().oaId(),
                        "zaloGroupId", "zg-y"))
                .post("/api/v1/bindings").then().statusCode(404);
        given().auth().oauth2(Tokens.forRole(Roles.LEADER, LEADER)).contentType("application/json")
                .body(Map.of("groupId", other, "platform", "telegram", "oaId", sim().config().oaId(), "zaloGroupId",
                        "zg-y"))
                .post("/api/v1/bindings").then().statusCode(422).body("errors[0].field", equalTo("platform"));
        given().auth().oauth2(Tokens.forRole(Roles.LEADER, LEADER)).contentType("application/json")
                .body(Map.of("groupId", other, "platform", "zalo-oa")).post("/api/v1/bindings").then()
                .statusCode(400);
        assertThat(count("select count(*) from binding where group_id = '" + other + "'")).isZero();
    }

    // ---- the loop: Zalo → screening request; verdict → the group

    @Test
    void aMessageInTheBoundGroup_isScreenedAsTheMember_andItsVerdictIsAnsweredInTheGroup_once() throws Exception {
        bound();
        String msgId = sim().sendGroupMessage(ZaloSimResource.POLICE, ZaloSimResource.NAMED_ACCOUNT,
                "Tài liệu mật của đơn vị");
        JsonNode request = screeningRequest(msgId);
        assertThat(request.path("groupId").asText()).isEqualTo(groupId);
        assertThat(request.path("author").path("id").asText()).isEqualTo(NAMED);
        assertThat(request.path("author").path("displayName").asText()).isEqualTo(ZaloSimResource.NAMED_FULL_NAME);
        assertThat(request.path("text").asText()).isEqualTo("Tài liệu mật của đơn vị");

        // police-song-tri:6.1 (classified information): moderation's verdict, as it publishes it
        byte[] verdict = verdict(groupId, msgId, "REMOVE", "CLASSIFIED", "police-song-tri:6.1", "REMIND");
        int before = notices().size();
        publishVerdict(groupId, verdict);
        List<String> notices = awaitNotices(before + 1);
        String notice = notices.get(before);
        assertThat(notice).contains(ZaloSimResource.NAMED_FULL_NAME).contains("police-song-tri:6.1")
                .contains("thu hồi tin nhắn").doesNotContain("đã bị gỡ");
        assertThat(java.text.Normalizer.isNormalized(notice, java.text.Normalizer.Form.NFC)).isTrue();
        // the deletion Zalo's OA API cannot do is recorded as such, the notice as carried out
        await().atMost(Duration.ofSeconds(10)).until(() -> count("select count(*) from event where event_type = "
                + "'ActionCarriedOut' and payload->>'key' = 'verdict:" + groupId + ":" + msgId + ":NOTICE'") == 1);
        assertThat(count("select count(*) from event where event_type = 'ActionNotPossible' and payload->>'key' = "
                + "'verdict:" + groupId + ":" + msgId + ":DELETE_MESSAGE' and payload->>'kind' = 'PLATFORM'"))
                .isEqualTo(1);

        // the verdict again (a replay) and the webhook again (Zalo's redelivery): nothing new in the group
        publishVerdict(groupId, verdict);
        assertThat(sim().redeliver(msgId)).isEqualTo(200);
        String marker = "m-" + UUID.randomUUID();
        String second = sim().sendGroupMessage(ZaloSimResource.POLICE, ZaloSimResource.LEADER_ACCOUNT, marker);
        assertThat(screeningRequest(second).path("author").path("id").asText()).isEqualTo(LEADER);
        publishVerdict(groupId, verdict(groupId, second, "FLAG", "UNVERIFIED", "police-song-tri:13.1", "NONE"));
        List<String> after = awaitNotices(notices.size() + 1);
        assertThat(after.subList(0, notices.size())).isEqualTo(notices);
        assertThat(after.get(after.size() - 1)).contains("Trưởng nhóm leader-1").contains("police-song-tri:13.1");
    }

    @Test
    void aStrangersMessage_isScreenedUnderTheGroup_andTheBoardIsToldOnce() throws Exception {
        bound();
        String first = sim().sendGroupMessage(ZaloSimResource.POLICE, ZaloSimResource.STRANGER_ACCOUNT, "Chào mọi người");
        JsonNode request = screeningRequest(first);
        assertThat(request.path("groupId").asText()).isEqualTo(groupId);
        assertThat(request.path("author").path("id").asText()).isEqualTo("zalo:" + ZaloSimResource.STRANGER_ACCOUNT);
        String second = sim().sendGroupMessage(ZaloSimResource.POLICE, ZaloSimResource.STRANGER_ACCOUNT, "Lần nữa");
        screeningRequest(second);
        assertThat(count("select count(*) from event where event_type = 'UnknownMemberSeen' and payload->>'groupId' = '"
                + groupId + "' and payload->>'zaloUserId' = '" + ZaloSimResource.STRANGER_ACCOUNT + "'")).isEqualTo(1);
    }

    @Test
    void theLeadersRemoval_removesTheMemberThroughTheOa() throws Exception {
        bound();
        try (var events = new GroupEventsOnTheTopic(bootstrap)) {
            events.removed(groupId, KNOWN);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> calls("group/removemembers").stream()
                .anyMatch(c -> c.toString().contains(ZaloSimResource.KNOWN_ACCOUNT)));
    }

    @Test
    void aDirectiveIssuedInTheGroup_isPostedInItsZaloGroup_once() throws Exception {
        bound();
        String directive = "dir-" + UUID.randomUUID();
        var payload = Json.MAPPER.createObjectNode().put("groupId", groupId).put("directiveId", directive)
                .put("text", "Đề nghị bà con cảnh giác với thủ đoạn giả danh công an").put("issuedBy", LEADER)
                .put("acknowledgeBy", Instant.now().plus(Duration.ofHours(24)).toString());
        payload.putArray("recipients").add(NAMED);
        try (var events = new GroupEventsOnTheTopic(bootstrap)) {
            events.event(groupId, "DirectiveIssued", payload).event(groupId, "DirectiveIssued", payload);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> notices().stream()
                .anyMatch(n -> n.equals("Chỉ đạo: \"Đề nghị bà con cảnh giác với thủ đoạn giả danh công an\"")));
        assertThat(count("select count(*) from outbound_action where action_key like 'directive:%" + directive + "%'"))
                .isEqualTo(1);
    }

    @Test
    void aGroupEventThatIsNotItsPublishedRecord_isParked_andTheEventsAfterItAreStillCarriedOut() throws Exception {
        bound();
        String broken = "dir-" + UUID.randomUUID();
        String sound = "dir-" + UUID.randomUUID();
        var malformed = Json.MAPPER.createObjectNode().put("groupId", groupId).put("directiveId", broken)
                .put("text", "một chỉ đạo hỏng").put("issuedBy", LEADER).put("acknowledgeBy", "ngày mai");
        var payload = Json.MAPPER.createObjectNode().put("groupId", groupId).put("directiveId", sound)
                .put("text", "Đề nghị các hộ kiểm tra bình chữa cháy trước Tết").put("issuedBy", LEADER)
                .put("acknowledgeBy", Instant.now().plus(Duration.ofHours(24)).toString());
        payload.putArray("recipients").add(NAMED);
        try (var events = new GroupEventsOnTheTopic(bootstrap)) {
            events.event(groupId, "DirectiveIssued", malformed).event(groupId, "DirectiveIssued", payload);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> notices().stream()
                .anyMatch(n -> n.contains("Đề nghị các hộ kiểm tra bình chữa cháy trước Tết")));
        assertThat(count("select count(*) from parked_record where consumer = 'zalo-connector:group-events' "
                + "and event_type = 'DirectiveIssued' and error like 'unreadable: %' and convert_from(record, 'UTF8') "
                + "like '%" + broken + "%'")).as("the broken record kept with its error and bytes").isEqualTo(1);
        assertThat(count("select count(*) from outbound_action where action_key like 'directive:%" + broken + "%'"))
                .as("nothing carried out for it").isZero();
    }

    @Test
    void theLeaderLocksTheZaloGroupDuringAnIncident_andUnlocksIt_othersCannot_issue_26() throws Exception {
        bound();
        String leader = Tokens.forRole(Roles.MEMBER, LEADER);
        // not the leader: the binding does not exist for them; bad input names the field
        given().auth().oauth2(Tokens.forRole(Roles.MEMBER, NAMED)).contentType("application/json")
                .body(Map.of("lockSendMsg", true, "reason", "x")).post("/api/v1/bindings/" + groupId + "/settings")
                .then().statusCode(404);
        given().auth().oauth2(leader).contentType("application/json").body(Map.of("lockSendMsg", true))
                .post("/api/v1/bindings/" + groupId + "/settings").then().statusCode(400)
                .body("errors[0].field", org.hamcrest.Matchers.containsString("reason"));
        given().auth().oauth2(leader).contentType("application/json")
                .body(Map.of("lockSendMsg", true, "reason", "x".repeat(501)))
                .post("/api/v1/bindings/" + groupId + "/settings").then().statusCode(400);
        int before = calls("group/updateinfo").size();
        given().auth().oauth2(leader).contentType("application/json")
                .body(Map.of("lockSendMsg", true, "reason", "Tài khoản thành viên bị chiếm đoạt, đang xử lý"))
                .post("/api/v1/bindings/" + groupId + "/settings").then().statusCode(202)
                .body("key", org.hamcrest.Matchers.startsWith("settings:" + groupId));
        await().atMost(Duration.ofSeconds(20)).until(() -> calls("group/updateinfo").size() == before + 1);
        assertThat(calls("group/updateinfo").get(before).toString()).contains("lock_send_msg=true");
        // locked: a member's message is refused by Zalo (the simulator answers 409), an admin's still goes
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> sim().sendGroupMessage(ZaloSimResource.POLICE,
                ZaloSimResource.NAMED_ACCOUNT, "Xin chào")).hasMessageContaining("lock");
        given().auth().oauth2(leader).contentType("application/json")
                .body(Map.of("lockSendMsg", false, "reason", "Đã xử lý xong"))
                .post("/api/v1/bindings/" + groupId + "/settings").then().statusCode(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> calls("group/updateinfo").size() == before + 2);
        assertThat(calls("group/updateinfo").get(before + 1).toString()).contains("lock_send_msg=false");
        assertThat(text("select payload->>'decision' from event where event_type = 'ActionRequested' and "
                + "payload->>'effect' = 'LOCK_GROUP' and payload->>'groupId' = '" + groupId + "' order by position limit 1"))
                .isEqualTo("lock by " + LEADER + ": Tài khoản thành viên bị chiếm đoạt, đang xử lý");
    }

    // ---- notification-service's Zalo deliveries: through this service's OA, its tokens and its pacing

    /** notification-service's ZaloMessageRequested, published as its relay publishes it; returns the action key. */
    String zaloDelivery(String kind, String zaloId, String text, Instant notAfter) throws Exception {
        String notification = "notification-" + UUID.randomUUID();
        String delivery = "delivery-" + UUID.randomUUID();
        var payload = new LinkedHashMap<String, Object>();
        payload.put("notificationId", notification);
        payload.put("deliveryId", delivery);
        payload.put("kind", kind);
        payload.put("zaloId", zaloId);
        payload.put("text", text);
        payload.put("notAfter", notAfter.toString());
        var e = new vn.binhyen.eventlog.Envelope(vn.binhyen.eventlog.EventIds.next(), "ZaloMessageRequested", 1,
                "notification", notification, 3, Instant.now(), Instant.now(), vn.binhyen.eventlog.Actor.system(
                        "notification-service"), "corr-" + delivery, null, Json.MAPPER.valueToTree(payload),
                vn.binhyen.eventlog.HashChain.GENESIS, null).sealed();
        try (var producer = new KafkaProducer<>(KafkaPrincipals.clientProperties(bootstrap, KafkaPrincipals.ADMIN),
                new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < 2; i++) { // published twice: a replay of notification-service's topic
                producer.send(vn.binhyen.eventlog.Relay.record(Topics.NOTIFICATION_EVENTS, "notification-service", e,
                        i + 1)).get();
            }
        }
        return "notification:" + delivery;
    }

    /** The answer the connector recorded for an action: its last event's type and payload. */
    JsonNode answer(String key) throws Exception {
        String row = text("select event_type || ' ' || payload::text from event where stream_id = '"
                + vn.binhyen.connector.service.Actions.streamOf(key) + "' and stream_version = 2");
        return row == null ? null : Json.MAPPER.createObjectNode().put("type", row.substring(0, row.indexOf(' ')))
                .set("payload", Json.MAPPER.readTree(row.substring(row.indexOf(' ') + 1)));
    }

    @Test
    void notificationServicesZaloMessages_goOutThroughTheOa_once_andTheirOutcomeIsAnswered_issue_26() throws Exception {
        bound();
        // to a person: the OA's message/cs, to the follower id notification-service's contact names
        String toLeader = zaloDelivery("USER", ZaloSimResource.LEADER_ACCOUNT, "[KHẨN] Có tin báo mới cần xử lý.",
                Instant.now().plus(Duration.ofMinutes(5)));
        await().atMost(Duration.ofSeconds(20)).until(() -> answer(toLeader) != null);
        assertThat(answer(toLeader).path("type").asText()).isEqualTo("ActionCarriedOut");
        assertThat(answer(toLeader).path("payload").path("call").asText()).isEqualTo("message/cs");
        assertThat(sim().personOutbox(ZaloSimResource.LEADER_ACCOUNT)).singleElement().satisfies(c -> assertThat(
                Json.MAPPER.valueToTree(c.get("body")).path("message").path("text").asText())
                .isEqualTo("[KHẨN] Có tin báo mới cần xử lý."));
        // to the bound group: its OA's group message, split at Zalo's 2,000 characters; the answer once every part is out
        String longText = "Thông báo: " + "bà con cảnh giác. ".repeat(150);
        String toGroup = zaloDelivery("GROUP", ZaloSimResource.POLICE, longText, Instant.now().plus(Duration.ofMinutes(5)));
        await().atMost(Duration.ofSeconds(20)).until(() -> answer(toGroup) != null);
        assertThat(answer(toGroup).path("type").asText()).isEqualTo("ActionCarriedOut");
        assertThat(String.join(" ", notices().subList(notices().size() - 2, notices().size())))
                .isEqualTo(longText.strip()); // in order, cut at a space
        assertThat(count("select count(*) from outbound_action where action_key like '" + toGroup + "%'")).isEqualTo(2);
        // someone who does not follow the OA: Zalo's refusal is the answer, and nothing is tried again
        String toStranger = zaloDelivery("USER", "zu-follows-nothing", "Nhắc nhở", Instant.now().plus(Duration.ofMinutes(5)));
        await().atMost(Duration.ofSeconds(20)).until(() -> answer(toStranger) != null);
        assertThat(answer(toStranger).path("type").asText()).isEqualTo("ActionNotPossible");
        assertThat(answer(toStranger).path("payload").path("reason").asText()).contains("-213");
        // a follower who has not interacted with the OA for eight days, outside Zalo's 7-day consultation window:
        // Zalo's refusal (-230) is the answer, tried once (notification-service takes its next channel on it)
        sim().interacted(ZaloSimResource.PERSON_ACCOUNT, Instant.now().minus(Duration.ofDays(8)));
        try {
            String quiet = zaloDelivery("USER", ZaloSimResource.PERSON_ACCOUNT, "Nhắc nhở: hãy phản hồi chỉ đạo",
                    Instant.now().plus(Duration.ofMinutes(5)));
            await().atMost(Duration.ofSeconds(20)).until(() -> answer(quiet) != null);
            assertThat(answer(quiet).path("type").asText()).isEqualTo("ActionNotPossible");
            assertThat(answer(quiet).path("payload").path("reason").asText()).contains("-230");
            assertThat(sim().personOutbox(ZaloSimResource.PERSON_ACCOUNT))
                    .filteredOn(c -> Integer.valueOf(-230).equals(c.get("error"))).hasSize(1);
        } finally {
            sim().interacted(ZaloSimResource.PERSON_ACCOUNT, Instant.now());
        }
        // past its deadline (notification-service has sent it its next way): not sent at all
        String late = zaloDelivery("USER", ZaloSimResource.NAMED_ACCOUNT, "Quá hạn", Instant.now().minusSeconds(1));
        await().atMost(Duration.ofSeconds(20)).until(() -> answer(late) != null);
        assertThat(answer(late).path("type").asText()).isEqualTo("ActionNotPossible");
        assertThat(answer(late).path("payload").path("kind").asText()).isEqualTo("EXPIRED");
        assertThat(sim().personOutbox(ZaloSimResource.NAMED_ACCOUNT)).isEmpty();
        // each published twice, each done once
        assertThat(sim().personOutbox(ZaloSimResource.LEADER_ACCOUNT)).hasSize(1);
        assertThat(count("select count(*) from outbound_action where action_key in ('" + toLeader + "', '" + toStranger
                + "', '" + late + "') and status in ('DONE', 'IMPOSSIBLE')")).isEqualTo(3);
        // a long one whose first part Zalo refuses: the parts after it are not sent, and the answer (the last
        // part's) says so, so notification-service takes its next channel
        String longRefused = zaloDelivery("USER", "zu-follows-nothing-2", "Nhắc nhở: " + "hãy phản hồi. ".repeat(200),
                Instant.now().plus(Duration.ofMinutes(5)));
        await().atMost(Duration.ofSeconds(20)).until(() -> answer(longRefused) != null);
        assertThat(answer(longRefused).path("type").asText()).isEqualTo("ActionNotPossible");
        assertThat(answer(longRefused).path("payload").path("reason").asText()).contains("an earlier part")
                .contains("-213");
        assertThat(sim().personOutbox("zu-follows-nothing-2")).hasSize(1); // the first part only, refused
    }

    // ---- the Zalo Bot platform: it posts, and can do nothing else

    @Test
    void aBotPlatformGroup_isScreenedAndAnswered_byItsBotsOnlyCall_theRestRecordedAsNotPossible() throws Exception {
        String botGroup = GroupEventsOnTheTopic.newGroupId();
        try (var events = new GroupEventsOnTheTopic(bootstrap)) {
            events.unit("ca-phuong-song-tri", "Công an phường Sông Trí", "WARD_POLICE", null)
                    .group(botGroup, "ca-phuong-song-tri", "POLICE", "police-song-tri", LEADER)
                    .member(botGroup, "member-bot", "MEMBER", ZaloSimResource.BOT_MEMBER_NAME, null);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> count("select count(*) from roster_member where group_id = '"
                + botGroup + "'") == 2);
        given().auth().oauth2(Tokens.forRole(Roles.MEMBER, LEADER)).contentType("application/json")
                .body(Map.of("groupId", botGroup, "platform", "zalo-bot", "oaId", "sim", "zaloGroupId",
                        ZaloSimResource.BOT_GROUP))
                .post("/api/v1/bindings").then().statusCode(201).body("platform", equalTo("zalo-bot"));
        given().auth().oauth2(Tokens.forRole(Roles.MEMBER, LEADER)).contentType("application/json")
                .body(Map.of("groupId", botGroup, "platform", "zalo-bot", "oaId", "no-such-bot", "zaloGroupId", "zg-x"))
                .post("/api/v1/bindings").then().statusCode(422).body("errors[0].field", equalTo("oaId"));
        // a webhook without the bot's secret keeps nothing
        given().contentType("application/json").header("X-Bot-Api-Secret-Token", "not-the-secret")
                .body("{\"event_name\":\"message.text.received\",\"message\":{\"message_id\":\"forged-1\"}}")
                .post("/webhooks/zalo-bot/sim").then().statusCode(401);
        assertThat(count("select count(*) from inbound_event where event_key like '%forged-1'")).isZero();

        String msgId = sim().sendGroupMessage(ZaloSimResource.BOT_GROUP, ZaloSimResource.BOT_MEMBER_ACCOUNT,
                "Gửi mọi người tài liệu mật");
        JsonNode request = screeningRequest(msgId);
        assertThat(request.path("groupId").asText()).isEqualTo(botGroup);
        // the platform names the sender: mapped to the one roster member of that name
        assertThat(request.path("author").path("id").asText()).isEqualTo("member-bot");
        publishVerdict(botGroup, verdict(botGroup, msgId, "REMOVE", "CLASSIFIED", "police-song-tri:6.1", "REMIND"));
        await().atMost(Duration.ofSeconds(20)).until(() -> sim().outbox(ZaloSimResource.BOT_GROUP).stream()
                .anyMatch(c -> "bot/sendMessage".equals(c.get("call")) && c.get("body").toString().contains("thu hồi")));
        assertThat(count("select count(*) from event where event_type = 'ActionNotPossible' and payload->>'key' = "
                + "'verdict:" + botGroup + ":" + msgId + ":DELETE_MESSAGE' and payload->>'reason' like "
                + "'%Zalo Bot API has no call to delete%'")).isEqualTo(1);
        // the leader cannot have a stranger removed there: the platform has no such call, and says so
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "insert into zalo_member (oa_id, zalo_group_id, zalo_user_id, name) values ('bot:sim', ?, 'zb-stranger', "
                        + "'Người lạ')")) {
            ps.setString(1, ZaloSimResource.BOT_GROUP);
            ps.executeUpdate();
        }
        given().auth().oauth2(Tokens.forRole(Roles.MEMBER, LEADER))
                .post("/api/v1/bindings/" + botGroup + "/accounts/zb-stranger/removal").then().statusCode(409)
                .body("type", equalTo("https://binhyen.vn/problems/platform-cannot"));
    }

    // ---- joins (ward-binh-phuoc:6.3: the leader decides who joins)

    @Test
    void aJoinNoApprovedProposalExplains_isReported_andTheLeaderHasTheAccountRemoved_ward_binh_phuoc_6_3()
            throws Exception {
        bound();
        sim().join(ZaloSimResource.POLICE, "zu-intruder", "Người Vào Lạ");
        await().atMost(Duration.ofSeconds(20)).until(() -> count("select count(*) from event where event_type = "
                + "'UnapprovedJoin' and payload->>'zaloUserId' = 'zu-intruder' and payload->>'name' = 'Người Vào Lạ'")
                == 1);
        // a member the leader approved (MemberAdded, with their account) joins: explained, nothing reported
        try (var events = new GroupEventsOnTheTopic(bootstrap)) {
            events.member(groupId, "member-late", "MEMBER", "Đỗ Văn Muộn", "zu-late");
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> count("select count(*) from roster_member where member_id = "
                + "'member-late'") == 1);
        sim().join(ZaloSimResource.POLICE, "zu-late", "Đỗ Văn Muộn");
        await().atMost(Duration.ofSeconds(20)).until(() -> count("select count(*) from zalo_member where zalo_user_id = "
                + "'zu-late' and member_id = 'member-late'") == 1);
        assertThat(count("select count(*) from event where event_type = 'UnapprovedJoin' and payload->>'zaloUserId' = "
                + "'zu-late'")).isZero();

        String removal = "/api/v1/bindings/" + groupId + "/accounts/%s/removal";
        given().auth().oauth2(Tokens.forRole(Roles.LEADER, NAMED)).post(removal.formatted("zu-intruder")).then()
                .statusCode(404);
        given().auth().oauth2(Tokens.forRole(Roles.LEADER, LEADER)).post(removal.formatted("zu-late")).then()
                .statusCode(409).body("type", equalTo("https://binhyen.vn/problems/roster-member"));
        given().auth().oauth2(Tokens.forRole(Roles.LEADER, LEADER)).post(removal.formatted("zu-never-seen")).then()
                .statusCode(404);
        given().auth().oauth2(Tokens.forRole(Roles.LEADER, LEADER)).post(removal.formatted("zu-intruder")).then()
                .statusCode(202);
        given().auth().oauth2(Tokens.forRole(Roles.LEADER, LEADER)).post(removal.formatted("zu-intruder")).then()
                .statusCode(202); // asked twice: done once
        await().atMost(Duration.ofSeconds(20)).until(() -> calls("group/removemembers").stream()
                .anyMatch(c -> c.toString().contains("zu-intruder")));
        assertThat(calls("group/removemembers").stream().filter(c -> c.toString().contains("zu-intruder"))).hasSize(1);
    }

    // ---- Zalo's failures

    @Test
    void anExpiredToken_isRefreshedOnce_andTheNoticeStillGoes() throws Exception {
        bound();
        int refreshes = sim().refreshes();
        sim().fault("expire-token");
        String msgId = sim().sendGroupMessage(ZaloSimResource.POLICE, ZaloSimResource.NAMED_ACCOUNT, "Tin cần kiểm tra");
        screeningRequest(msgId);
        int before = notices().size();
        publishVerdict(groupId, verdict(groupId, msgId, "FLAG", "UNVERIFIED", "police-song-tri:13.1", "NONE"));
        awaitNotices(before + 1);
        assertThat(sim().refreshes()).isEqualTo(refreshes + 1);
    }

    @Test
    void rateLimitsAndAnOutage_delayTheNotice_neverLoseIt() throws Exception {
        bound();
        String msgId = sim().sendGroupMessage(ZaloSimResource.POLICE, ZaloSimResource.NAMED_ACCOUNT, "Tin thứ hai");
        screeningRequest(msgId);
        int before = notices().size();
        sim().fault("down");
        publishVerdict(groupId, verdict(groupId, msgId, "FLAG", "UNVERIFIED", "police-song-tri:13.1", "NONE"));
        String key = "verdict:" + groupId + ":" + msgId + ":NOTICE";
        await().atMost(Duration.ofSeconds(20)).until(() -> count("select attempts from outbound_action where action_key = '"
                + key + "'") >= 2);
        assertThat(notices()).hasSize(before);
        sim().fault("up");
        sim().fault("rate-limit", 2, 0);
        awaitNotices(before + 1);
        assertThat(text("select status from outbound_action where action_key = '" + key + "'")).isEqualTo("DONE");
    }

    /**
     * An instance killed between Zalo's answer and its commit leaves its claim: the next finds it,
     * looks for the notice in the group's conversation, and posts only what is not there.
     */
    @Test
    void anOrphanedClaim_isReconciledWithTheConversation_soANoticeIsNeverPostedTwice() throws Exception {
        bound();
        String posted = "Thông báo đã đăng trước khi dịch vụ dừng " + UUID.randomUUID();
        String notPosted = "Thông báo chưa kịp đăng " + UUID.randomUUID();
        // the first reached Zalo before the instance died: it is in the group's conversation
        var http = vn.binhyen.testsupport.Http.client();
        http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(sim().baseUrl() + "/v3.0/oa/group/message"))
                .timeout(vn.binhyen.testsupport.Http.ANSWER).header("access_token", sim().accessToken()).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(Json.MAPPER.writeValueAsString(Map.of(
                        "recipient", Map.of("group_id", ZaloSimResource.POLICE), "message", Map.of("text", posted)))))
                .build(), java.net.http.HttpResponse.BodyHandlers.discarding());
        for (String text : List.of(posted, notPosted)) {
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                    "insert into outbound_action (action_key, group_id, oa_id, zalo_group_id, effect, call, body, status, "
                            + "claimed_at, created_at) values (?, ?, ?, ?, 'NOTICE', 'group/message', ?, 'SENDING', "
                            + "now() - interval '2 minutes', now() - interval '3 minutes')")) {
                ps.setString(1, "orphan:" + text);
                ps.setString(2, groupId);
                ps.setString(3, sim().config().oaId());
                ps.setString(4, ZaloSimResource.POLICE);
                ps.setString(5, Json.MAPPER.writeValueAsString(Map.of("recipient", Map.of("group_id",
                        ZaloSimResource.POLICE), "message", Map.of("text", text))));
                ps.executeUpdate();
            }
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> count("select count(*) from outbound_action where action_key "
                + "like 'orphan:%' and status = 'DONE' and (action_key like '%" + posted + "' or action_key like '%"
                + notPosted + "')") == 2);
        assertThat(notices().stream().filter(posted::equals)).hasSize(1);
        assertThat(notices().stream().filter(notPosted::equals)).hasSize(1);
    }

    /**
     * The same for a message to a person: the next instance looks for it in the OA's conversation with
     * them ({@code GET /v2.0/oa/conversation}) and sends only what is not there.
     */
    @Test
    void anOrphanedClaimOfAPersonsMessage_isReconciledWithTheirConversation_soItIsNeverSentTwice_issue_26()
            throws Exception {
        String person = ZaloSimResource.PERSON_ACCOUNT;
        String sent = "Nhắc nhở đã gửi trước khi dịch vụ dừng " + UUID.randomUUID();
        String notSent = "Nhắc nhở chưa kịp gửi " + UUID.randomUUID();
        // the first reached the person before the instance died: it is in their conversation with the OA
        var http = vn.binhyen.testsupport.Http.client();
        var reached = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(sim().baseUrl()
                + "/v3.0/oa/message/cs")).timeout(vn.binhyen.testsupport.Http.ANSWER).header("access_token",
                sim().accessToken()).header("Content-Type", "application/json").POST(java.net.http.HttpRequest
                .BodyPublishers.ofString(Json.MAPPER.writeValueAsString(Map.of("recipient", Map.of("user_id", person),
                        "message", Map.of("text", sent))))).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(Json.MAPPER.readTree(reached.body()).path("error").asInt()).isZero();
        for (String text : List.of(sent, notSent)) {
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                    "insert into outbound_action (action_key, oa_id, effect, call, body, status, claimed_at, created_at) "
                            + "values (?, ?, 'MESSAGE_PERSON', 'message/cs', ?, 'SENDING', now() - interval '2 minutes', "
                            + "now() - interval '3 minutes')")) {
                ps.setString(1, "orphan-person:" + text);
                ps.setString(2, sim().config().oaId());
                ps.setString(3, Json.MAPPER.writeValueAsString(Map.of("recipient", Map.of("user_id", person),
                        "message", Map.of("text", text))));
                ps.executeUpdate();
            }
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> count("select count(*) from outbound_action where action_key "
                + "in ('orphan-person:" + sent + "', 'orphan-person:" + notSent + "') and status = 'DONE'") == 2);
        List<String> texts = sim().personOutbox(person).stream().filter(c -> "message/cs".equals(c.get("call"))
                && Integer.valueOf(0).equals(c.get("error"))).map(c -> Json.MAPPER.valueToTree(c.get("body"))
                .path("message").path("text").asText()).toList();
        assertThat(texts.stream().filter(sent::equals)).hasSize(1);
        assertThat(texts.stream().filter(notSent::equals)).hasSize(1);
        assertThat(sim().personOutbox(person)).anyMatch(c -> "conversation".equals(c.get("call")));
    }

    // ---- helpers

    JsonNode screeningRequest(String msgId) throws Exception {
        synchronized (ConnectorTests.class) {
            if (chatMessages == null) {
                Properties p = KafkaPrincipals.clientProperties(bootstrap, KafkaPrincipals.ADMIN);
                p.put("group.id", "connector-tests-" + UUID.randomUUID());
                p.put("auto.offset.reset", "earliest");
                chatMessages = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
                chatMessages.subscribe(List.of(Topics.CHAT_MESSAGES));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : chatMessages.poll(Duration.ofMillis(200))) {
                    JsonNode request = Json.MAPPER.readTree(r.value());
                    SEEN.put(request.path("messageId").asText(), request);
                }
                if (SEEN.containsKey(msgId)) {
                    return SEEN.get(msgId);
                }
            }
            throw new AssertionError("no screening request for " + msgId);
        }
    }

    static final Map<String, JsonNode> SEEN = new java.util.concurrent.ConcurrentHashMap<>();

    static byte[] verdict(String groupId, String messageId, String decision, String category, String citation,
            String sanction) throws Exception {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("groupId", groupId);
        result.put("messageId", messageId);
        result.put("decision", decision);
        result.put("violations", List.of(Map.of("ruleId", "r", "category", category, "citation", citation, "decision",
                decision)));
        result.put("suggestions", List.of());
        result.put("sanction", sanction);
        result.put("reply", "Tin nhắn đã bị gỡ"); // moderation's own words: not what the connector posts
        result.put("policy", "police-song-tri");
        result.put("policyVersion", 4);
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("groupId", groupId);
        v.put("messageId", messageId);
        v.put("result", result);
        v.put("error", null);
        return Json.MAPPER.writeValueAsBytes(v);
    }

    void publishVerdict(String groupId, byte[] verdict) throws Exception {
        try (var producer = new KafkaProducer<>(KafkaPrincipals.clientProperties(bootstrap, KafkaPrincipals.ADMIN),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.MODERATION_VERDICTS, groupId, verdict)).get();
        }
    }

    List<Object> calls(String call) {
        List<Object> out = new ArrayList<>();
        for (Map<String, Object> c : sim().outbox(ZaloSimResource.POLICE)) {
            if (call.equals(c.get("call")) && Integer.valueOf(0).equals(((Number) c.getOrDefault("error", 0)).intValue())) {
                out.add(c.get("body"));
            }
        }
        return out;
    }

    List<String> notices() {
        return sim().postedTexts(ZaloSimResource.POLICE);
    }

    List<String> awaitNotices(int n) {
        await().atMost(Duration.ofSeconds(20)).until(() -> notices().size() >= n);
        return notices();
    }

    long count(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    String text(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
