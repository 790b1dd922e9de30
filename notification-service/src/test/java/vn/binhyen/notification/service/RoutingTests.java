package vn.binhyen.notification.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static vn.binhyen.notification.support.Events.event;
import static vn.binhyen.notification.support.Events.received;
import static vn.binhyen.notification.support.Events.publish;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import vn.binhyen.contracts.EventHeaders;
import vn.binhyen.contracts.Roles;
import vn.binhyen.contracts.Topics;
import vn.binhyen.eventlog.Envelope;
import vn.binhyen.testsupport.KafkaBrokerResource;
import vn.binhyen.testsupport.PostgresDatabaseResource;
import vn.binhyen.testsupport.Tokens;

/** Who is told what: events from the other services routed by the rules into feeds, once each. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PostgresDatabaseResource.class)
class RoutingTests {
    @Inject
    AgroalDataSource dataSource;

    long count(String sql) throws Exception {
        try (var c = dataSource.getConnection(); var s = c.createStatement(); var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void anAdminsProposal_reachesTheLeader_once_evenWhenReplayed_ward_binh_phuoc_6_3() throws Exception {
        String group = "group-" + UUID.randomUUID();
        String leader = "leader-" + UUID.randomUUID();
        Envelope proposal = event(group, 3, "MembershipProposed", Map.of("groupId", group, "proposalId", "p-1",
                "change", "ADD", "member", Map.of("memberId", "m-9", "fullName", "Lý Thị Hoa"), "role", "MEMBER",
                "proposedBy", "admin-1", "reason", "hộ dân mới"));
        publish(Topics.GROUP_EVENTS,
                event(group, 1, "GroupEstablished", Map.of("groupId", group, "profile", "ward-binh-phuoc", "leader",
                        Map.of("memberId", leader))),
                event(group, 2, "MemberAdded", Map.of("groupId", group, "member", Map.of("memberId", "admin-1"),
                        "role", "ADMIN")),
                proposal, proposal); // the second is a redelivery

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth()
                .oauth2(Tokens.forRole(Roles.LEADER, leader)).get("/api/v1/notifications").then().statusCode(200)
                .body("text", hasItem(containsString("Đề nghị thêm thành viên Lý Thị Hoa vào nhóm")))
                .body("citation", hasItem("ward-binh-phuoc:6.3")));
        assertThat(count("select count(*) from notification where source_event_id = '" + proposal.eventId() + "'"))
                .isEqualTo(1);
        assertThat(count("select count(*) from event where event_type = 'NotificationQueued' and causation_id = '"
                + proposal.eventId() + "'")).isEqualTo(1);
        given().auth().oauth2(Tokens.forRole(Roles.ADMIN, "admin-1")).get("/api/v1/notifications").then()
                .statusCode(200).body("text", org.hamcrest.Matchers.not(hasItem(containsString("Lý Thị Hoa"))));
    }

    /** A group of {@code profile} in the tests' unit, with its leader, a deputy and an admin; its id. */
    String groupOf(String profile, String leader) throws Exception {
        String group = "group-" + UUID.randomUUID();
        publish(Topics.GROUP_EVENTS,
                event(group, 1, "GroupEstablished", Map.of("groupId", group, "profile", profile, "unit",
                        Tokens.DEFAULT_UNIT, "leader", Map.of("memberId", leader))),
                event(group, 2, "MemberAdded", Map.of("groupId", group, "member", Map.of("memberId", "deputy-" + group),
                        "role", "DEPUTY")),
                event(group, 3, "MemberAdded", Map.of("groupId", group, "member", Map.of("memberId", "admin-" + group),
                        "role", "ADMIN")));
        await().atMost(Duration.ofSeconds(30)).until(() -> count("select count(*) from directory_seat where member_id = "
                + "'admin-" + group + "'") == 1);
        return group;
    }

    java.util.List<Map<String, Object>> feedOf(String role, String who) {
        return given().auth().oauth2(Tokens.forRole(role, who)).get("/api/v1/notifications").then().statusCode(200)
                .extract().jsonPath().getList("$");
    }

    @Test
    void aTakedown_isReportedAtOnceToTheLeaderAndTheBoard_underTheGroupsOwnClause_council_binh_duong_9_4()
            throws Exception {
        String leader = "leader-" + UUID.randomUUID();
        String group = groupOf("council-binh-duong", leader);
        publish(Topics.MODERATION_EVENTS, event("ledger-" + group, 1, "MessageTakenDown", Map.of("groupId", group,
                "messageId", "msg-1", "memberId", "delegate-1", "categories", java.util.List.of("CLASSIFIED"),
                "citations", java.util.List.of("council-binh-duong:3.1"), "reply", "Tin nhắn đã bị gỡ")));
        for (String who : new String[] {leader, "deputy-" + group, "admin-" + group}) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(feedOf(Roles.LEADER, who))
                    .anySatisfy(n -> {
                        assertThat(n.get("text").toString()).contains("Tin nhắn msg-1 của thành viên delegate-1 vi phạm")
                                .contains("phải được gỡ khỏi nhóm");
                        assertThat(n.get("urgency")).isEqualTo("URGENT"); // "báo cáo ngay": not the hourly digest
                        assertThat(n.get("citation")).isEqualTo("council-binh-duong:9.4");
                    }));
        }
    }

    @Test
    void aSeriousViolation_isReportedToTheMembersAgencyAsTheRosterNamesIt_andTheLeaderIsToldItWas_ward_binh_phuoc_9_3()
            throws Exception {
        String leader = "leader-" + UUID.randomUUID();
        String group = groupOf("ward-binh-phuoc", leader);
        String agency = "truong-phong-" + UUID.randomUUID();
        publish(Topics.GROUP_EVENTS, event(group, 4, "MemberAdded", Map.of("groupId", group, "member",
                Map.of("memberId", "cong-chuc-1", "fullName", "Lê Văn Công", "agencyContact", agency), "role", "MEMBER")));
        publish(Topics.MODERATION_EVENTS, event("ledger-" + group, 2, "SanctionDecided", Map.of("groupId", group,
                "sanctionId", "sanction-1", "memberId", "cong-chuc-1", "sanction", "REPORT_TO_AGENCY", "citation",
                "ward-binh-phuoc:9.3", "inWindow", 1, "messageIds", java.util.List.of("msg-2"), "reason",
                "vi phạm nghiêm trọng", "reportTo", agency)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(feedOf(Roles.LEADER, agency))
                .anySatisfy(n -> {
                    assertThat(n.get("text").toString()).contains("Báo cáo vi phạm: thành viên cong-chuc-1")
                            .contains("ward-binh-phuoc:9.3");
                    assertThat(n.get("state")).isEqualTo("DELIVERED"); // named on a roster: a known recipient
                }));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(feedOf(Roles.LEADER, leader))
                .anySatisfy(n -> assertThat(n.get("text").toString())
                        .contains("Báo cáo đã được gửi đến lãnh đạo cơ quan, đơn vị của thành viên (" + agency + ")")));
        // a reminder decides nothing for the agency: no such notice
        assertThat(count("select count(*) from notification where text like 'Báo cáo vi phạm%' and recipient = "
                + "'member:" + leader + "'")).isZero();
    }

    @Test
    void aMatterOfLaw_reachesThePoliceCommandersOfTheGroupsUnit_andTheLeader_police_song_tri_19_2() throws Exception {
        String leader = "leader-" + UUID.randomUUID();
        String group = groupOf("police-song-tri", leader);
        publish(Topics.MODERATION_EVENTS, event("ledger-" + group, 1, "SanctionDecided", Map.of("groupId", group,
                "sanctionId", "sanction-2", "memberId", "acc-9", "sanction", "REFER_TO_LAW", "citation",
                "police-song-tri:19.2", "inWindow", 1, "messageIds", java.util.List.of("msg-3"), "reason",
                "vi phạm thuộc diện xử lý theo quy định của pháp luật")));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(feedOf(Roles.COMMANDER, "commander-1"))
                .anySatisfy(n -> {
                    assertThat(n.get("text").toString()).contains("Vi phạm của thành viên acc-9 trong nhóm " + group);
                    assertThat(n.get("recipient")).isEqualTo("role:COMMANDER@" + Tokens.DEFAULT_UNIT);
                    assertThat(n.get("urgency")).isEqualTo("CRITICAL");
                }));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(feedOf(Roles.LEADER, leader))
                .anySatisfy(n -> assertThat(n.get("citation")).isEqualTo("police-song-tri:19.2")));
    }

    @Test
    void aLeaveRequest_reachesTheLeaderAtOnce_inTheGroupsWhoseRegulationAsksConsent_ioc_dak_lak_4_3_9()
            throws Exception {
        String iocLeader = "leader-" + UUID.randomUUID();
        String ioc = groupOf("ioc-dak-lak", iocLeader);
        String wardLeader = "leader-" + UUID.randomUUID();
        String ward = groupOf("ward-binh-phuoc", wardLeader);
        Envelope wardLeave = event(ward, 9, "LeaveRequested", Map.of("groupId", ward, "memberId", "m-2", "reason", "x"));
        publish(Topics.GROUP_EVENTS, wardLeave,
                event(ioc, 9, "LeaveRequested", Map.of("groupId", ioc, "memberId", "m-1", "reason", "nghỉ hưu")));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(feedOf(Roles.LEADER, iocLeader))
                .anySatisfy(n -> {
                    assertThat(n.get("text").toString()).contains("Thành viên m-1 xin rời nhóm (nghỉ hưu)");
                    assertThat(n.get("urgency")).isEqualTo("URGENT");
                    assertThat(n.get("citation")).isEqualTo("ioc-dak-lak:4.3.9");
                }));
        // the ward's regulation asks no consent to leave: its leader is sent no such notice
        assertThat(count("select count(*) from notification where source_event_id = '" + wardLeave.eventId() + "'"))
                .isZero();
    }

    @Test
    void aHeldMessage_reachesTheBoardAtOnce_aFlaggedOne_inTheDigest_ward_binh_phuoc_6_3() throws Exception {
        String leader = "leader-" + UUID.randomUUID();
        String group = groupOf("ward-binh-phuoc", leader);
        publish(Topics.MODERATION_EVENTS,
                event("review-h-" + group, 1, "ReviewQueued", Map.of("groupId", group, "reviewId", "review-h",
                        "messageId", "msg-h", "memberId", "m-1", "decision", "HOLD", "ruleIds", java.util.List.of("links"),
                        "categories", java.util.List.of("MALWARE"), "excerpt", "bit.ly/abc")),
                event("review-f-" + group, 1, "ReviewQueued", Map.of("groupId", group, "reviewId", "review-f",
                        "messageId", "msg-f", "memberId", "m-1", "decision", "FLAG", "ruleIds",
                        java.util.List.of("unverified"), "categories", java.util.List.of("UNVERIFIED"), "excerpt",
                        "nghe nói")));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(feedOf(Roles.LEADER, "admin-" + group))
                .anySatisfy(n -> {
                    assertThat(n.get("text").toString()).contains("Tin nhắn msg-h").contains("đang được tạm giữ");
                    assertThat(n.get("urgency")).isEqualTo("URGENT");
                })
                .anySatisfy(n -> {
                    assertThat(n.get("text").toString()).contains("Tin nhắn msg-f").contains("đã được đánh dấu");
                    assertThat(n.get("urgency")).isEqualTo("NORMAL");
                }));
    }

    @Test
    void aBreachedDeadline_reachesTheCommanderAndTheDutyOfficersOfItsUnit_whoAcknowledge_police_song_tri_15_3()
            throws Exception {
        String report = "report-" + UUID.randomUUID();
        publish(Topics.REPORT_EVENTS, received(report), event(report, 5, "DeadlineBreached", Map.of("reportId", report,
                "deadline", "2026-11-23T08:00:00Z", "escalatedTo", "COMMANDER")));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth()
                .oauth2(Tokens.forRole(Roles.COMMANDER, "commander-1")).get("/api/v1/notifications").then()
                .statusCode(200).body("text", hasItem(containsString("QUÁ HẠN: tin báo " + report))));
        String id = given().auth().oauth2(Tokens.forRole(Roles.DUTY_OFFICER, "duty-1")).get("/api/v1/notifications")
                .then().statusCode(200).extract().jsonPath()
                .getString("find { it.text.contains('" + report + "') && it.recipient == 'role:DUTY_OFFICER@ca-phuong-song-tri' }.notificationId");
        given().auth().oauth2(Tokens.forRole(Roles.MEMBER, "member-1")).post("/api/v1/notifications/" + id
                + "/acknowledgement").then().statusCode(404);
        // another ward's commander and duty officer are not told of this unit's report, nor may acknowledge it (issue 21)
        for (String role : new String[] {Roles.COMMANDER, Roles.DUTY_OFFICER}) {
            String other = Tokens.forUnit(role, "other-" + role.toLowerCase(), "ca-phuong-song-cau");
            given().auth().oauth2(other).get("/api/v1/notifications").then().statusCode(200)
                    .body("text", org.hamcrest.Matchers.not(hasItem(containsString(report))));
            given().auth().oauth2(other).post("/api/v1/notifications/" + id + "/acknowledgement").then()
                    .statusCode(404);
        }
        given().auth().oauth2(Tokens.forRole(Roles.DUTY_OFFICER, "duty-1")).post("/api/v1/notifications/" + id
                + "/acknowledgement").then().statusCode(204);
    }

    @Inject
    Escalation escalation;

    @Inject
    vn.binhyen.notification.support.TestClock clock;

    @Test
    void anUnacknowledgedWarning_goesToTheCommander_once_anAcknowledgedOneDoesNot() throws Exception {
        String silent = "report-" + UUID.randomUUID();
        String seen = "report-" + UUID.randomUUID();
        publish(Topics.REPORT_EVENTS, received(silent), received(seen),
                event(silent, 2, "DeadlineWarning", Map.of("reportId", silent, "hoursLeft", 1, "deadline", "2026-11-23T08:00:00Z")),
                event(seen, 2, "DeadlineWarning", Map.of("reportId", seen, "hoursLeft", 1, "deadline", "2026-11-23T08:00:00Z")));
        await().atMost(Duration.ofSeconds(30)).until(() -> count("select count(*) from notification where text like '%"
                + silent + "%' or text like '%" + seen + "%'") == 2);
        String seenId = given().auth().oauth2(Tokens.forRole(Roles.DUTY_OFFICER, "duty-2")).get("/api/v1/notifications")
                .then().extract().jsonPath().getString("find { it.text.contains('" + seen + "') }.notificationId");
        given().auth().oauth2(Tokens.forRole(Roles.DUTY_OFFICER, "duty-2")).post("/api/v1/notifications/" + seenId
                + "/acknowledgement").then().statusCode(204);

        escalation.sweep();
        assertThat(count("select count(*) from notification where recipient = 'role:COMMANDER@ca-phuong-song-tri' and text like "
                + "'CHƯA XÁC NHẬN%" + silent + "%'")).as("not yet due").isZero();
        clock.advance(Duration.ofMinutes(11));
        escalation.sweep();
        escalation.sweep();
        assertThat(count("select count(*) from notification where recipient = 'role:COMMANDER@ca-phuong-song-tri' and text like "
                + "'CHƯA XÁC NHẬN%" + silent + "%'")).isEqualTo(1);
        assertThat(count("select count(*) from notification where recipient = 'role:COMMANDER@ca-phuong-song-tri' and text like "
                + "'%" + seen + "%'")).as("acknowledged in time").isZero();
        assertThat(count("select count(*) from event where event_type = 'NotificationEscalated'")).isPositive();
    }

    @Test
    void aRecordThatCannotBeRead_isKeptWithItsError_andTheEventsAfterItAreStillRouted() throws Exception {
        String report = "report-" + UUID.randomUUID();
        var poison = new ProducerRecord<String, byte[]>(Topics.REPORT_EVENTS, report,
                "{not an event".getBytes(StandardCharsets.UTF_8));
        poison.headers().add(EventHeaders.EVENT_TYPE,
                "DeadlineWarning".getBytes(StandardCharsets.UTF_8));
        var p = new Properties();
        p.put("bootstrap.servers", ConfigProvider.getConfig()
                .getValue("kafka.bootstrap.servers", String.class));
        p.putAll(vn.binhyen.testsupport.KafkaPrincipals.clientSettings(vn.binhyen.testsupport.KafkaPrincipals.ADMIN));
        try (var producer = new KafkaProducer<>(p,
                new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(poison).get();
        }
        publish(Topics.REPORT_EVENTS, received(report), event(report, 2, "DeadlineWarning", Map.of("reportId", report, "hoursLeft", 12,
                "deadline", "2026-11-23T08:00:00Z")));

        await().atMost(Duration.ofSeconds(30)).until(() -> count("select count(*) from notification where text like '%"
                + report + "%'") == 1);
        assertThat(count("select count(*) from parked_record where topic = '" + Topics.REPORT_EVENTS + "'"))
                .isEqualTo(1);
    }
}
