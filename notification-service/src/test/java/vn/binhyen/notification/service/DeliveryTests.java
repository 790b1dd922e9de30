package vn.binhyen.notification.service;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.binhyen.notification.support.Events.event;
import static vn.binhyen.notification.support.Events.publish;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;
import vn.binhyen.eventlog.Json;
import vn.binhyen.testsupport.KafkaPrincipals;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import vn.binhyen.contracts.Roles;
import vn.binhyen.contracts.Topics;
import vn.binhyen.eventlog.Envelope;
import vn.binhyen.notification.support.ChannelStubsResource;
import vn.binhyen.notification.support.TestClock;
import vn.binhyen.testsupport.KafkaBrokerResource;
import vn.binhyen.testsupport.PostgresDatabaseResource;
import vn.binhyen.testsupport.Tokens;

/**
 * Delivery outside the app against real peers: a WireMock SMS gateway, a GreenMail SMTP server,
 * and for Zalo the contract with zalo-connector (the request on this service's topic, the
 * connector's answers on its own, published as its relay does). The sweeps are driven by the
 * test with a clock it moves.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PostgresDatabaseResource.class)
@QuarkusTestResource(ChannelStubsResource.class)
class DeliveryTests {
    @Inject
    AgroalDataSource dataSource;

    @Inject
    DeliveryQueue queue;

    @Inject
    Digests digests;

    @Inject
    TestClock clock;

    /** A group whose leader and member have Zalo ids and phones; returns the member's id. */
    String groupWithMember(String group, String memberZalo, String memberPhone) throws Exception {
        return groupWithMember("ioc-dak-lak", group, memberZalo, memberPhone);
    }

    /** A group of the regulation {@code profile} (its notices cite that regulation's clauses), with a member. */
    String groupWithMember(String profile, String group, String memberZalo, String memberPhone) throws Exception {
        String member = "m-" + UUID.randomUUID();
        Map<String, Object> details = new HashMap<>(Map.of("memberId", member, "fullName", "Lê Thị Mai"));
        details.put("zaloId", memberZalo);
        details.put("phone", memberPhone);
        publish(Topics.GROUP_EVENTS,
                event(group, 1, "GroupEstablished", Map.of("groupId", group, "profile", profile, "leader",
                        Map.of("memberId", "leader-" + group, "fullName", "Trần Văn Dũng", "zaloId", "zl-" + group,
                                "phone", "0912000001"))),
                event(group, 2, "MemberAdded", Map.of("groupId", group, "member", details, "role", "MEMBER")));
        await().atMost(Duration.ofSeconds(30)).until(() -> count("select count(*) from directory_seat where member_id = '"
                + member + "'") == 1);
        return member;
    }

    Envelope reminder(String group, String... pending) {
        return event(group, 10, "DirectiveReminderDue", Map.of("groupId", group, "directiveId", "cd-" + UUID.randomUUID(),
                "acknowledgeBy", "2026-11-23T10:00:00Z", "pending", List.of(pending)));
    }

    void awaitDelivery(String recipient, String channel) {
        await().atMost(Duration.ofSeconds(30)).until(() -> count("select count(*) from delivery where recipient = '"
                + recipient + "' and channel = '" + channel + "'") == 1);
    }

    /**
     * The Zalo deliveries this service handed to zalo-connector for {@code recipient}, oldest first:
     * their {@code ZaloMessageRequested} payloads as the event log keeps them.
     */
    List<JsonNode> zaloRequests(String recipient) throws Exception {
        return payloads("select e.payload::text from event e join notification n on n.notification_id = e.stream_id "
                + "where n.recipient = ? and e.event_type = 'ZaloMessageRequested' order by e.position", recipient);
    }

    /** The Zalo deliveries handed to zalo-connector for one Zalo account (a digest is a notification of its own). */
    List<JsonNode> zaloRequestsTo(String zaloId) throws Exception {
        return payloads("select payload::text from event where event_type = 'ZaloMessageRequested' and "
                + "payload->>'zaloId' = ? order by position", zaloId);
    }

    List<JsonNode> payloads(String sql, String parameter) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        try (var c = dataSource.getConnection(); var ps = c.prepareStatement(sql)) {
            ps.setString(1, parameter);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(Json.MAPPER.readTree(rs.getString(1)));
                }
            }
        }
        return out;
    }

    /** zalo-connector's answer to a handed-over delivery, published as its relay publishes it. */
    static void connectorAnswers(JsonNode request, boolean carriedOut, String reason) throws Exception {
        String key = "notification:" + request.path("deliveryId").asText();
        Map<String, Object> p = new HashMap<>(Map.of("key", key, "effect", "MESSAGE_PERSON"));
        if (carriedOut) {
            p.putAll(Map.of("call", "message/cs", "reference", "msg-" + UUID.randomUUID(), "attempts", 1));
        } else {
            p.putAll(Map.of("kind", "REFUSED", "reason", reason));
        }
        publish(Topics.CONNECTOR_EVENTS, event("action-" + UUID.randomUUID(), 2, carriedOut ? "ActionCarriedOut"
                : "ActionNotPossible", p));
    }

    /** Whether {@code binhyen.notification.events} carries the request, as the connector reads it (type header). */
    static boolean onTheTopic(String deliveryId) {
        Map<String, Object> config = new HashMap<>(KafkaPrincipals.admin(ConfigProvider.getConfig().getValue(
                "kafka.bootstrap.servers", String.class)));
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            var partitions = consumer.partitionsFor(Topics.NOTIFICATION_EVENTS).stream()
                    .map(pi -> new TopicPartition(pi.topic(), pi.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            var end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (var r : consumer.poll(Duration.ofMillis(500))) {
                    var type = r.headers().lastHeader(vn.binhyen.contracts.EventHeaders.EVENT_TYPE);
                    if (type != null && new String(type.value(), java.nio.charset.StandardCharsets.UTF_8)
                            .equals("ZaloMessageRequested") && new String(r.value(),
                                    java.nio.charset.StandardCharsets.UTF_8).contains(deliveryId)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    @Test
    void anUrgentReminder_goesOutOnZaloThroughTheConnector_once_evenWhenTheEventIsReplayed_province_lai_chau_7_3()
            throws Exception {
        String group = "group-" + UUID.randomUUID();
        String zalo = "zl-" + UUID.randomUUID();
        String member = groupWithMember("province-lai-chau", group, zalo, "0912345678");
        Envelope reminder = reminder(group, member);
        publish(Topics.GROUP_EVENTS, reminder);
        awaitDelivery("member:" + member, "ZALO");

        Instant handedOverAfter = clock.instant();
        queue.deliverDue(100);
        publish(Topics.GROUP_EVENTS, reminder); // the broker redelivers, or a consumer replays the topic
        afterEverythingBefore(group);
        queue.deliverDue(100);

        List<JsonNode> requests = zaloRequests("member:" + member);
        assertThat(requests).hasSize(1);
        assertThat(requests.get(0).path("kind").asText()).isEqualTo("USER");
        assertThat(requests.get(0).path("zaloId").asText()).isEqualTo(zalo);
        assertThat(requests.get(0).path("text").asText()).contains("Nhắc nhở").contains("province-lai-chau:7.3");
        assertThat(Instant.parse(requests.get(0).path("notAfter").asText())).isBetween(handedOverAfter.plus(
                Duration.ofMinutes(5)), clock.instant().plus(Duration.ofMinutes(5))); // the patience
        await().atMost(Duration.ofSeconds(30)).until(() -> onTheTopic(requests.get(0).path("deliveryId").asText()));
        assertThat(state("member:" + member, "ZALO")).isEqualTo("HANDED_OVER");

        connectorAnswers(requests.get(0), true, null);
        await().atMost(Duration.ofSeconds(30)).until(() -> "DELIVERED".equals(state("member:" + member, "ZALO")));
        connectorAnswers(requests.get(0), true, null); // the connector's topic replayed
        afterEverythingBefore(group);
        assertThat(eventTypes("member:" + member)).containsSubsequence("NotificationQueued", "NotificationDelivered",
                "DeliveryQueued", "DeliveryAttempted", "ZaloMessageRequested", "DeliveryAttempted",
                "NotificationDelivered");
        assertThat(eventTypes("member:" + member).stream().filter("NotificationDelivered"::equals)).hasSize(2);
    }

    @Test
    void aConnectorThatNeverAnswers_handsTheNotificationToSms_afterItsDeadlineAndTheGrace() throws Exception {
        String group = "group-" + UUID.randomUUID();
        String zalo = "zl-" + UUID.randomUUID();
        String phone = "09" + (10000000 + (int) (Math.random() * 89999999));
        var http = ChannelStubsResource.http();
        http.stubFor(post(urlEqualTo("/sms/messages")).withRequestBody(matchingJsonPath("$.to", equalTo(phone)))
                .willReturn(aResponse().withStatus(202)));
        String member = groupWithMember(group, zalo, phone);
        publish(Topics.GROUP_EVENTS, reminder(group, member));
        awaitDelivery("member:" + member, "ZALO");

        queue.deliverDue(100);
        clock.advance(Duration.ofMinutes(5).plusSeconds(30)); // past the connector's deadline, within the grace
        queue.deliverDue(100);
        assertThat(state("member:" + member, "ZALO")).isEqualTo("HANDED_OVER");
        http.verify(0, postRequestedFor(urlEqualTo("/sms/messages")).withRequestBody(matchingJsonPath("$.to",
                equalTo(phone))));
        clock.advance(Duration.ofMinutes(1));
        queue.deliverDue(100);
        queue.deliverDue(100);

        assertThat(state("member:" + member, "ZALO")).isEqualTo("FAILED_OVER");
        assertThat(state("member:" + member, "SMS")).isEqualTo("DELIVERED");
        http.verify(1, postRequestedFor(urlEqualTo("/sms/messages")).withRequestBody(matchingJsonPath("$.to",
                equalTo(phone))));
        assertThat(count("select count(*) from event e join notification n on n.notification_id = e.stream_id where "
                + "n.recipient = 'member:" + member + "' and e.event_type = 'DeliveryFailedOver' and "
                + "e.payload->>'reason' = 'ZALO refused: zalo-connector did not answer in time'")).isEqualTo(1);
        // a late answer finds the delivery gone its next way and changes nothing
        connectorAnswers(zaloRequests("member:" + member).get(0), true, null);
        afterEverythingBefore(group);
        assertThat(state("member:" + member, "ZALO")).isEqualTo("FAILED_OVER");
    }

    @Test
    void aZaloRefusal_fallsBackToSms_theNextChannelOfTheChain() throws Exception {
        String group = "group-" + UUID.randomUUID();
        String zalo = "zl-" + UUID.randomUUID();
        String phone = "09" + (10000000 + (int) (Math.random() * 89999999));
        var http = ChannelStubsResource.http();
        http.stubFor(post(urlEqualTo("/sms/messages")).withRequestBody(matchingJsonPath("$.to", equalTo(phone)))
                .willReturn(aResponse().withStatus(202)));
        String member = groupWithMember(group, zalo, phone);
        publish(Topics.GROUP_EVENTS, reminder(group, member));
        awaitDelivery("member:" + member, "ZALO");

        queue.deliverDue(100);
        connectorAnswers(zaloRequests("member:" + member).get(0), false, "Zalo error -213: User has not followed OA");
        await().atMost(Duration.ofSeconds(30)).until(() -> "FAILED_OVER".equals(state("member:" + member, "ZALO")));
        queue.deliverDue(100);

        http.verify(1, postRequestedFor(urlEqualTo("/sms/messages")).withHeader("Authorization",
                equalTo("Bearer dev-sms-key")).withRequestBody(matchingJsonPath("$.to", equalTo(phone)))
                .withRequestBody(matchingJsonPath("$.text", containing("Nhắc nhở"))));
        assertThat(state("member:" + member, "SMS")).isEqualTo("DELIVERED");
        assertThat(eventTypes("member:" + member)).containsSubsequence("ZaloMessageRequested", "DeliveryAttempted",
                "DeliveryFailedOver", "DeliveryQueued", "DeliveryAttempted", "NotificationDelivered");
        assertThat(count("select count(*) from event e join notification n on n.notification_id = e.stream_id where "
                + "n.recipient = 'member:" + member + "' and e.event_type = 'DeliveryFailedOver' and "
                + "e.payload->>'reason' like '%REFUSED: Zalo error -213%'")).isEqualTo(1);
    }

    @Test
    void aGatewayThatNeverRecovers_endsInTheDeadLetter_afterTheChannelsCap() throws Exception {
        String group = "group-" + UUID.randomUUID();
        String phone = "03" + (10000000 + (int) (Math.random() * 89999999));
        ChannelStubsResource.http().stubFor(post(urlEqualTo("/sms/messages"))
                .withRequestBody(matchingJsonPath("$.to", equalTo(phone))).willReturn(aResponse().withStatus(500)));
        String member = groupWithMember(group, null, phone); // no Zalo id: the chain is SMS alone
        publish(Topics.GROUP_EVENTS, reminder(group, member));
        awaitDelivery("member:" + member, "SMS");

        for (int i = 0; i < 5; i++) {
            queue.deliverDue(100);
            clock.advance(Duration.ofMinutes(16)); // beyond the SMS channel's longest backoff
        }

        ChannelStubsResource.http().verify(3, postRequestedFor(urlEqualTo("/sms/messages"))
                .withRequestBody(matchingJsonPath("$.to", equalTo(phone))));
        assertThat(state("member:" + member, "SMS")).isEqualTo("DEAD");
        assertThat(count("select count(*) from event e join notification n on n.notification_id = e.stream_id where "
                + "n.recipient = 'member:" + member + "' and e.event_type = 'NotificationDeadLettered' and "
                + "e.payload->>'reason' like 'SMS gave up after 3 attempts: HTTP 500%'")).isEqualTo(1);
    }

    @Test
    void email_reachesTheSmtpServer_inVietnamese_forWhoeverPrefersIt() throws Exception {
        String group = "group-" + UUID.randomUUID();
        String member = groupWithMember("province-lai-chau", group, null, null);
        String address = member + "@phuong.gov.vn";
        given().auth().oauth2(Tokens.forRole(Roles.MEMBER, member)).contentType(ContentType.JSON)
                .body(Map.of("email", address, "preferred", List.of("EMAIL"))).put("/api/v1/contacts/me").then()
                .statusCode(204);
        publish(Topics.GROUP_EVENTS, reminder(group, member));
        awaitDelivery("member:" + member, "EMAIL");

        queue.deliverDue(100);

        await().atMost(Duration.ofSeconds(10)).until(() -> received(address).size() == 1);
        MimeMessage mail = received(address).get(0);
        assertThat(mail.getSubject()).startsWith("Bình Yên: [KHẨN] Nhắc nhở");
        assertThat(mail.getContent().toString()).contains("chưa phản hồi chỉ đạo").contains("province-lai-chau:7.3");
        assertThat(state("member:" + member, "EMAIL")).isEqualTo("DELIVERED");
    }

    static List<MimeMessage> received(String address) throws Exception {
        List<MimeMessage> out = new ArrayList<>();
        for (MimeMessage m : ChannelStubsResource.mail().getReceivedMessages()) {
            if (m.getAllRecipients()[0].toString().equals(address)) {
                out.add(m);
            }
        }
        return out;
    }

    @Test
    void nonUrgentNotifications_waitForOneHourlyDigest_ward_binh_phuoc_6_3() throws Exception {
        String group = "group-" + UUID.randomUUID();
        groupWithMember("ward-binh-phuoc", group, null, null);
        for (String name : List.of("Đỗ Văn Hải", "Ngô Thị Lan")) {
            publish(Topics.GROUP_EVENTS, event(group, 5, "MembershipProposed", Map.of("groupId", group,
                    "proposalId", "p-" + UUID.randomUUID(), "change", "ADD", "member", Map.of("memberId",
                            "m-" + UUID.randomUUID(), "fullName", name), "role", "MEMBER", "proposedBy", "admin-1")));
        }
        String leader = "member:leader-" + group;
        await().atMost(Duration.ofSeconds(30)).until(() -> count("select count(*) from digest_item where recipient = '"
                + leader + "'") == 2);
        queue.deliverDue(100);
        digests.sendDue();
        assertThat(zaloRequestsTo("zl-" + group)).isEmpty();

        clock.advance(Duration.ofMinutes(61));
        digests.sendDue();
        queue.deliverDue(100);
        digests.sendDue();
        queue.deliverDue(100);

        List<JsonNode> sent = zaloRequestsTo("zl-" + group);
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).path("zaloId").asText()).isEqualTo("zl-" + group);
        assertThat(sent.get(0).path("text").asText()).contains("Bản tin tổng hợp: 2 thông báo").contains("Đỗ Văn Hải")
                .contains("Ngô Thị Lan");
    }

    @Test
    void quietHours_holdAnUrgentMessage_butNotACriticalOne_ioc_dak_lak_4_3_8() throws Exception {
        String group = "group-" + UUID.randomUUID();
        String zalo = "zl-" + UUID.randomUUID();
        String member = groupWithMember(group, zalo, null);
        LocalTime local = clock.instant().atZone(ZoneId.of("Asia/Ho_Chi_Minh")).toLocalTime().withSecond(0).withNano(0);
        given().auth().oauth2(Tokens.forRole(Roles.MEMBER, member)).contentType(ContentType.JSON)
                .body(Map.of("zaloUserId", zalo, "quietFrom", local.minusHours(1).toString(),
                        "quietTo", local.plusHours(2).toString()))
                .put("/api/v1/contacts/me").then().statusCode(204);
        publish(Topics.GROUP_EVENTS, reminder(group, member), event(group, 11, "AccountCompromisedReported",
                Map.of("groupId", group, "memberId", "m-x", "reportedBy", member)));
        await().atMost(Duration.ofSeconds(30)).until(() -> count("select count(*) from delivery where recipient = '"
                + "member:" + member + "'") == 2);

        queue.deliverDue(100);

        assertThat(zaloRequests("member:" + member)).singleElement().satisfies(r ->
                assertThat(r.path("text").asText()).contains("ioc-dak-lak:4.3.8"));
        clock.advance(Duration.ofHours(2).plusMinutes(1));
        queue.deliverDue(100);
        assertThat(zaloRequests("member:" + member)).hasSize(2);
    }

    @Test
    void anUnknownRecipient_isDeadLetteredWithTheReason_andTheConsumerGoesOn() throws Exception {
        String group = "group-" + UUID.randomUUID();
        String ghost = "ghost-" + UUID.randomUUID();
        groupWithMember(group, null, null);
        publish(Topics.GROUP_EVENTS, reminder(group, ghost));
        afterEverythingBefore(group);

        assertThat(count("select count(*) from notification where recipient = 'member:" + ghost + "' and state = "
                + "'DEAD_LETTER' and reason like 'unknown recipient%'")).isEqualTo(1);
        assertThat(count("select count(*) from event e join notification n on n.notification_id = e.stream_id where "
                + "n.recipient = 'member:" + ghost + "' and e.event_type = 'NotificationDeadLettered'")).isEqualTo(1);
    }

    @Test
    void contacts_refuseBadInput_namingTheField_andBotsSetOnlyCitizensOfTheirOwnGroups_issue_21() throws Exception {
        given().auth().oauth2(Tokens.forRole(Roles.MEMBER, "m-contact")).contentType(ContentType.JSON)
                .body(Map.of("phone", "12345", "preferred", List.of("FAX"), "quietFrom", "22:00"))
                .put("/api/v1/contacts/me").then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.hasItems("phone", "preferred"))
                .body("errors.rule", org.hamcrest.Matchers.hasItems("vietnamese-mobile", "known-channel"));
        given().auth().oauth2(Tokens.forRole(Roles.MEMBER, "m-contact")).contentType(ContentType.JSON)
                .body(Map.of("quietFrom", "22:00")).put("/api/v1/contacts/me").then().statusCode(400)
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("quietTo"));
        given().auth().oauth2(Tokens.forRole(Roles.BOT, "bot-1")).contentType(ContentType.JSON)
                .body(Map.of("zaloUserId", "zl-x")).put("/api/v1/contacts/member:m-contact").then().statusCode(403);
        // a bot sets the contact only of a citizen whose report came in through one of its groups (issue 21, F5.3)
        String group = "group-" + UUID.randomUUID();
        String report = "report-" + UUID.randomUUID();
        publish(Topics.GROUP_EVENTS, event(group, 1, "GroupEstablished", Map.of("groupId", group, "unit",
                "ca-phuong-song-tri", "kind", "POLICE", "leader", Map.of("memberId", "leader-" + group))),
                event(group, 2, "BotBound", Map.of("groupId", group, "botId", "bot-1", "boundBy", "sa")));
        publish(Topics.REPORT_EVENTS, event(report, 1, "ReportReceived", Map.of("reportId", report, "type", "CRIME_TIP",
                "groupId", group, "unit", "ca-phuong-song-tri")));
        await().atMost(Duration.ofSeconds(30)).until(() -> count("select count(*) from report_origin where report_id = '"
                + report + "'") == 1 && count("select count(*) from directory_bot where group_id = '" + group + "'") == 1);
        given().auth().oauth2(Tokens.forRole(Roles.BOT, "rogue-bot")).contentType(ContentType.JSON)
                .body(Map.of("phone", "0900000001", "preferred", List.of("SMS"))).put("/api/v1/contacts/citizen:" + report)
                .then().statusCode(404);
        given().auth().oauth2(Tokens.forRole(Roles.BOT, "bot-1")).contentType(ContentType.JSON)
                .body(Map.of("zaloUserId", "zl-citizen")).put("/api/v1/contacts/citizen:report-unknown").then()
                .statusCode(404);
        given().auth().oauth2(Tokens.forRole(Roles.BOT, "bot-1")).contentType(ContentType.JSON)
                .body(Map.of("zaloUserId", "zl-citizen")).put("/api/v1/contacts/citizen:" + report).then()
                .statusCode(204);
        given().auth().oauth2(Tokens.forRole(Roles.SYSTEM_ADMIN, "sa")).get("/api/v1/contacts/citizen:" + report)
                .then().statusCode(200).body("zaloUserId", org.hamcrest.Matchers.equalTo("zl-citizen"));
        // the reporter's data shredded in report-intake: the citizen's contact is erased here too (issue 21, F8)
        publish(Topics.REPORT_EVENTS, event(report, 2, "ReporterShredded", Map.of("reportId", report, "shreddedBy",
                "commander-1", "reason", "Người báo tin yêu cầu xóa dữ liệu")));
        await().atMost(Duration.ofSeconds(30)).until(() -> count("select count(*) from contact where recipient = "
                + "'citizen:" + report + "'") == 0);
        given().auth().oauth2(Tokens.forRole(Roles.SYSTEM_ADMIN, "sa")).get("/api/v1/contacts/citizen:" + report)
                .then().statusCode(404);
        given().auth().oauth2(Tokens.forRole(Roles.SYSTEM_ADMIN, "sa")).get("/api/v1/contacts/member:m-contact")
                .then().statusCode(404);
    }

    /**
     * Waits until the consumer has handled everything published so far for {@code group}: a
     * marker member added to the same stream (same partition, so handled after) shows up.
     */
    void afterEverythingBefore(String group) throws Exception {
        String marker = "marker-" + UUID.randomUUID();
        publish(Topics.GROUP_EVENTS, event(group, 99, "MemberAdded", Map.of("groupId", group, "member",
                Map.of("memberId", marker, "fullName", "Phạm Văn Nam", "phone", "0987000111"), "role", "MEMBER")));
        await().atMost(Duration.ofSeconds(30)).until(() -> count("select count(*) from contact where recipient = "
                + "'member:" + marker + "'") == 1);
    }

    long count(String sql) throws Exception {
        try (var c = dataSource.getConnection(); var s = c.createStatement(); var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    String state(String recipient, String channel) throws Exception {
        try (var c = dataSource.getConnection(); var ps = c.prepareStatement(
                "select state from delivery where recipient = ? and channel = ?")) {
            ps.setString(1, recipient);
            ps.setString(2, channel);
            try (var rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** The event types of the notifications addressed to {@code recipient}, in order. */
    List<String> eventTypes(String recipient) throws Exception {
        List<String> out = new ArrayList<>();
        try (var c = dataSource.getConnection(); var ps = c.prepareStatement(
                "select e.event_type from event e join notification n on n.notification_id = e.stream_id "
                        + "where n.recipient = ? order by e.position")) {
            ps.setString(1, recipient);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }
}
