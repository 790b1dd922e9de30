package vn.binhyen.group.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static vn.binhyen.group.rest.GroupResourceTests.member;
import static vn.binhyen.group.rest.GroupResourceTests.post;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import vn.binhyen.contracts.Roles;
import vn.binhyen.contracts.Topics;
import vn.binhyen.contracts.moderation.ModerationEvent;
import vn.binhyen.eventlog.Actor;
import vn.binhyen.eventlog.Envelope;
import vn.binhyen.eventlog.EventIds;
import vn.binhyen.eventlog.EventStore;
import vn.binhyen.eventlog.HashChain;
import vn.binhyen.eventlog.Json;
import vn.binhyen.eventlog.Relay;
import vn.binhyen.eventlog.snapshot.CachedSnapshots;
import vn.binhyen.group.domain.Group;
import vn.binhyen.group.service.ActivityReports;
import vn.binhyen.group.service.DueWorkJob;
import vn.binhyen.group.service.GroupCommandService;
import vn.binhyen.group.support.MovableClock;
import vn.binhyen.testsupport.KafkaBrokerResource;
import vn.binhyen.testsupport.PostgresDatabaseResource;
import vn.binhyen.testsupport.Tokens;

/** Directives, polls, profile changes, activity reports, moderation events and snapshots, through the real stack. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PostgresDatabaseResource.class)
class GroupActivityTests {
    @Inject
    DueWorkJob dueWork;

    @Inject
    MovableClock clock;

    @Inject
    EventStore store;

    @Inject
    GroupCommandService service;

    @Inject
    CachedSnapshots<Group> snapshots;

    static String establish(String profile, String kind, String leaderId, String leaderName) {
        GroupResourceTests.wardPolice();
        return given().auth().oauth2(Tokens.forRole(Roles.SYSTEM_ADMIN, "sysadmin-1")).contentType("application/json")
                .body(Map.of("name", "Nhóm " + UUID.randomUUID().toString().substring(0, 6), "purpose", "Điều hành",
                        "profile", profile, "unit", GroupResourceTests.UNIT, "kind", kind,
                        "responsibility", "Văn phòng quản lý",
                        "leader", member(leaderId, leaderName)))
                .post("/api/v1/groups").then().statusCode(201).extract().path("groupId");
    }

    static void add(String group, String leaderId, String memberId, String name, String role) {
        post(Roles.LEADER, leaderId, "/api/v1/groups/" + group + "/membership-proposals",
                Map.of("change", "ADD", "member", member(memberId, name), "role", role)).statusCode(200);
    }

    @Test
    void directive_acknowledgedByReplyAndByABotSeenReaction_theSilentAreRemindedOnce_province_lai_chau_7_3() {
        String group = establish("province-lai-chau", "PROVINCE", "lc-leader", "Giàng Páo Mỷ - Chủ tịch UBND tỉnh");
        add(group, "lc-leader", "lc-a", "Tống Thanh Hải - Phó Chủ tịch", "MEMBER");
        add(group, "lc-leader", "lc-b", "Lê Văn Lương - Giám đốc Sở Nội vụ", "MEMBER");
        add(group, "lc-leader", "lc-c", "Hà Trọng Hải - Giám đốc Sở Tài chính", "MEMBER");
        String path = "/api/v1/groups/" + group + "/directives";

        post(Roles.MEMBER, "lc-a", path, Map.of("text", "Họp giao ban lúc 8 giờ")).statusCode(403)
                .body("citation", equalTo("province-lai-chau:7.3"));
        String directive = post(Roles.LEADER, "lc-leader", path, Map.of("text", "Các sở báo cáo tiến độ trước 17 giờ"))
                .statusCode(201).header("Location", containsString("/directives/directive-"))
                .body("pending", contains("lc-a", "lc-b", "lc-c")).extract().path("directiveId");

        post(Roles.MEMBER, "lc-a", path + "/" + directive + "/acknowledgements", Map.of("via", "REPLY")).statusCode(200)
                .body("acknowledged.lc-a", equalTo("REPLY"));
        // the bot records what it saw only in a group it is bound to (binhyen:bots), here by the leader
        post(Roles.LEADER, "lc-leader", "/api/v1/groups/" + group + "/bots", Map.of("botId", "zalo-bot"))
                .statusCode(201);
        // province-lai-chau:7.3 owes a written reply ("cần nhắn tin trả lời"): a reaction the bot saw is refused
        post(Roles.BOT, "zalo-bot", path + "/" + directive + "/acknowledgements",
                Map.of("via", "REACTION", "memberId", "lc-b")).statusCode(422)
                .body("citation", equalTo("province-lai-chau:7.3")).body("errors[0].field", equalTo("via"));
        post(Roles.BOT, "zalo-bot", path + "/" + directive + "/acknowledgements",
                Map.of("via", "REPLY", "memberId", "lc-b")).statusCode(200).body("pending", contains("lc-c"));
        post(Roles.MEMBER, "lc-a", path + "/" + directive + "/acknowledgements",
                Map.of("via", "REPLY", "memberId", "lc-b")).statusCode(400).body("errors[0].field", equalTo("memberId"));
        post(Roles.MEMBER, "lc-a", path + "/" + directive + "/acknowledgements", Map.of("via", "WAVE")).statusCode(400);
        post(Roles.MEMBER, "lc-a", path + "/directive-unknown/acknowledgements", Map.of("via", "REPLY"))
                .statusCode(422).body("citation", equalTo("province-lai-chau:7.3"));
        given().auth().oauth2(Tokens.forRole(Roles.MEMBER, "lc-c")).get(path + "/directive-unknown").then()
                .statusCode(404);

        // other tests' groups share the sweep: what counts is this group's reminders
        java.util.function.LongSupplier reminded = () -> store.read(group).stream()
                .filter(e -> e.eventType().equals("DirectiveReminderDue")).count();
        dueWork.raiseDirectiveReminders();
        assertThat(reminded.getAsLong()).as("not due yet").isZero();
        clock.advance(Duration.ofHours(24).plusSeconds(1));
        assertThat(dueWork.raiseDirectiveReminders()).isPositive();
        assertThat(reminded.getAsLong()).isEqualTo(1);
        dueWork.raiseDirectiveReminders();
        assertThat(reminded.getAsLong()).as("raised once").isEqualTo(1);

        var reminders = store.read(group).stream().filter(e -> e.eventType().equals("DirectiveReminderDue")).toList();
        assertThat(reminders).singleElement().satisfies(e -> assertThat(e.payload().get("pending").toString())
                .isEqualTo("[\"lc-c\"]"));
        given().auth().oauth2(Tokens.forRole(Roles.MEMBER, "lc-c")).get(path + "/" + directive).then().statusCode(200)
                .body("reminded", equalTo(true)).body("acknowledgementRate", equalTo(0.6666667f));
        given().auth().oauth2(Tokens.forRole(Roles.MEMBER, "outsider")).get(path).then().statusCode(403);

        // a directive every recipient answered has nothing left to remind: it leaves the sweep's due rows, so
        // overdue ones it would stand in front of are still reached (DueWork claims the oldest due first)
        String answered = post(Roles.LEADER, "lc-leader", path, Map.of("text", "Các sở xác nhận đã nhận công văn"))
                .statusCode(201).extract().path("directiveId");
        for (String member : java.util.List.of("lc-a", "lc-b", "lc-c")) {
            post(Roles.MEMBER, member, path + "/" + answered + "/acknowledgements", Map.of("via", "REPLY"))
                    .statusCode(200);
        }
        assertThat(reminderState(answered)).isEqualTo("ANSWERED");
        clock.advance(Duration.ofHours(24).plusSeconds(1));
        dueWork.raiseDirectiveReminders();
        assertThat(store.read(group).stream().filter(e -> e.eventType().equals("DirectiveReminderDue")).count())
                .as("nobody to remind").isEqualTo(1);
    }

    @Inject
    io.agroal.api.AgroalDataSource dataSource;

    private String reminderState(String directiveId) {
        try (var c = dataSource.getConnection(); var ps = c.prepareStatement(
                "select reminder_state from group_directive where directive_id = ?")) {
            ps.setString(1, directiveId);
            try (var rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void poll_votesAreCastOnceAndConfirmedInWriting_resultsAndUnconfirmedAreReadable_council_binh_duong_7_2() {
        String group = establish("council-binh-duong", "COUNCIL", "hd-leader", "Nguyễn Trường Nhân");
        add(group, "hd-leader", "hd-1", "Trần Thị Diễm Trinh", "MEMBER");
        add(group, "hd-leader", "hd-2", "Võ Văn Minh", "MEMBER");
        String path = "/api/v1/groups/" + group + "/polls";
        Instant closes = clock.instant().plus(Duration.ofHours(2));

        post(Roles.MEMBER, "hd-1", path, Map.of("question", "?", "options", List.of("A", "B"), "closesAt",
                closes.toString())).statusCode(403).body("citation", equalTo("council-binh-duong:7.2"));
        post(Roles.LEADER, "hd-leader", path, Map.of("question", "?", "options", List.of("A"), "closesAt",
                closes.toString())).statusCode(400).body("errors[0].field", containsString("options"));
        String poll = post(Roles.LEADER, "hd-leader", path, Map.of("question", "Thông qua nghị quyết bổ sung vốn?",
                "options", List.of("Đồng ý", "Không đồng ý"), "closesAt", closes.toString())).statusCode(201)
                .extract().path("pollId");

        post(Roles.MEMBER, "hd-1", path + "/" + poll + "/votes", Map.of("option", "Đồng ý")).statusCode(200);
        post(Roles.MEMBER, "hd-2", path + "/" + poll + "/votes", Map.of("option", "Đồng ý")).statusCode(200);
        post(Roles.MEMBER, "hd-2", path + "/" + poll + "/votes", Map.of("option", "Không đồng ý")).statusCode(422)
                .body("citation", equalTo("council-binh-duong:7.2"));
        post(Roles.MEMBER, "hd-1", path + "/" + poll + "/confirmations",
                Map.of("confirmation", "Tôi xác nhận biểu quyết Đồng ý.")).statusCode(200)
                .body("unconfirmed", contains("hd-2")).body("results.'Đồng ý'", equalTo(2));
        post(Roles.MEMBER, "hd-outsider", path + "/" + poll + "/votes", Map.of("option", "Đồng ý")).statusCode(403);

        clock.advance(Duration.ofHours(2));
        post(Roles.LEADER, "hd-leader", path + "/" + poll + "/votes", Map.of("option", "Đồng ý")).statusCode(422);
        given().auth().oauth2(Tokens.forRole(Roles.AUDITOR, "auditor-1")).get(path + "/" + poll).then()
                .statusCode(200).body("closed", equalTo(true)).body("votes", equalTo(2));
    }

    @Test
    void profileChange_isRecordedWithItsVersion_onlyByOversightRoles() {
        String group = GroupResourceTests.establish("ward-binh-phuoc", "AGENCY", "pc-leader");
        post(Roles.LEADER, "pc-leader", "/api/v1/groups/" + group + "/profile",
                Map.of("profile", "police-song-tri", "decisionRef", "QĐ 1")).statusCode(403);
        post(Roles.SYSTEM_ADMIN, "sysadmin-1", "/api/v1/groups/" + group + "/profile",
                Map.of("profile", "police-song-tri", "decisionRef", "904/QĐ-UBND")).statusCode(200)
                .body("profile", equalTo("police-song-tri")).body("profileVersion", equalTo(1));
        post(Roles.SYSTEM_ADMIN, "sysadmin-1", "/api/v1/groups/" + group + "/profile",
                Map.of("profile", "police-song-tri", "decisionRef", "904/QĐ-UBND")).statusCode(422);
        assertThat(store.read(group).getLast().eventType()).isEqualTo("ProfileChanged");
    }

    @Test
    void moderationEvents_removalBecomesOneProposalForTheLeader_violationsReachTheReport_ward_binh_phuoc_9()
            throws Exception {
        String group = GroupResourceTests.establish("ward-binh-phuoc", "NEIGHBOURHOOD", "mod-leader");
        add(group, "mod-leader", "mod-1", "Đỗ Văn Tài", "MEMBER");
        Envelope violation = moderationEvent("ViolationRecorded", new ModerationEvent.ViolationRecorded(group, "v-"
                + UUID.randomUUID(), "mod-1", "msg-1", "advertising-terms", "ADVERTISING", "ward-binh-phuoc:7.2",
                "REMOVE", Instant.now()));
        Envelope removal = moderationEvent("MemberRemovalProposed", new ModerationEvent.MemberRemovalProposed(group,
                "mod-1", "sanction-" + UUID.randomUUID(), "ward-binh-phuoc:9", List.of("v-1", "v-2", "v-3"),
                "ba lần vi phạm trong 30 ngày"));
        publish(violation, removal, removal); // the second removal is a redelivery

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth()
                .oauth2(Tokens.forRole(Roles.LEADER, "mod-leader")).get("/api/v1/groups/" + group).then()
                .statusCode(200).body("proposals", hasSize(1)).body("proposals[0].change", equalTo("REMOVE"))
                .body("proposals[0].memberId", equalTo("mod-1"))
                .body("proposals[0].proposedBy", equalTo("moderation-service"))
                // the leader reads why: the ladder's level, its clause and moderation's reason (shown on the console)
                .body("proposals[0].reason", org.hamcrest.Matchers.allOf(org.hamcrest.Matchers.containsString(
                        "ward-binh-phuoc:9"), org.hamcrest.Matchers.containsString("ba lần vi phạm trong 30 ngày"))));
        assertThat(store.read(group).stream().filter(e -> e.eventType().equals("MembershipProposed")))
                .singleElement().satisfies(e -> assertThat(e.causationId()).isEqualTo(removal.eventId().toString()));

        LocalDate month = clock.instant().atZone(ActivityReports.VIETNAM).toLocalDate().withDayOfMonth(1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth()
                .oauth2(Tokens.forRole(Roles.LEADER, "mod-leader")).queryParam("period", "MONTH")
                .queryParam("start", month.toString()).get("/api/v1/groups/" + group + "/activity-report").then()
                .statusCode(200).body("violations", equalTo(1)).body("violationsByCategory.ADVERTISING", equalTo(1))
                .body("joined", equalTo(1)).body("citation", equalTo("ward-binh-phuoc:6.1")));
    }

    @Test
    void anActivityReport_forAPeriodItsRegulationDoesNotAsk_isRefusedNamingItsOwnClause_police_song_tri_20_2() {
        // the police report half-yearly and yearly (20.2); the council (9.2) and the province (6.2) on request, by
        // any period; the IOC's seed asks none, and the platform's rule answers: each names the periods it allows
        LocalDate start = clock.instant().atZone(ActivityReports.VIETNAM).toLocalDate().withDayOfMonth(1);
        for (var c : Map.of("police-song-tri", List.of("POLICE", "MONTH", "police-song-tri:20.2"),
                "council-binh-duong", List.of("COUNCIL", "WEEK", "council-binh-duong:9.2"),
                "province-lai-chau", List.of("PROVINCE", "WEEK", "province-lai-chau:6.2"),
                "ioc-dak-lak", List.of("OPERATIONS", "WEEK", "binhyen:activity-report")).entrySet()) {
            String leader = "rp-" + c.getKey();
            String group = establish(c.getKey(), c.getValue().get(0), leader, "Giàng A Páo - Chủ tịch UBND tỉnh");
            given().auth().oauth2(Tokens.forRole(Roles.LEADER, leader)).queryParam("period", c.getValue().get(1))
                    .queryParam("start", start.toString()).get("/api/v1/groups/" + group + "/activity-report").then()
                    .statusCode(400).body("errors[0].field", equalTo("period"))
                    .body("errors[0].rule", equalTo(c.getValue().get(2)));
        }
    }

    @Test
    void activityReport_asJsonAndCsv_forTheLeadership_police_song_tri_20_2() {
        String group = GroupResourceTests.establish("police-song-tri", "POLICE", "rp-leader");
        add(group, "rp-leader", "rp-1", "Lý Thị Hoa", "MEMBER");
        add(group, "rp-leader", "rp-2", "Châu Văn Kiệt", "ADMIN");
        post(Roles.LEADER, "rp-leader", "/api/v1/groups/" + group + "/directives", Map.of("text", "Thả cảm xúc khi đọc"))
                .statusCode(201);
        post(Roles.LEADER, "rp-leader", "/api/v1/groups/" + group + "/pins", Map.of("messageId", "m-1")).statusCode(200);
        // times no clock gives (the last representable instant): refused naming the field, nothing recorded
        String farthest = "+1000000000-12-31T23:59:59.999999999Z";
        post(Roles.LEADER, "rp-leader", "/api/v1/groups/" + group + "/pins", Map.of("messageId", "m-2", "expiresAt",
                farthest)).statusCode(400).body("errors[0].field", containsString("expiresAt"));
        post(Roles.LEADER, "rp-leader", "/api/v1/groups/" + group + "/directives", Map.of("text", "Đọc kỹ",
                "acknowledgeBy", farthest)).statusCode(400).body("errors[0].field", containsString("acknowledgeBy"));
        LocalDate start = clock.instant().atZone(ActivityReports.VIETNAM).toLocalDate().withDayOfMonth(1);
        String path = "/api/v1/groups/" + group + "/activity-report";

        given().auth().oauth2(Tokens.forRole(Roles.LEADER, "rp-leader")).queryParam("period", "HALF_YEAR")
                .queryParam("start", start.toString()).get(path).then().statusCode(200)
                .body("membersAtStart", equalTo(0)).body("membersAtEnd", equalTo(3)).body("joined", equalTo(2))
                .body("directivesIssued", equalTo(1)).body("acknowledgementsDue", equalTo(2))
                .body("pinsCreated", equalTo(1)).body("citation", equalTo("police-song-tri:20.2"));
        String csv = given().auth().oauth2(Tokens.forRole(Roles.ADMIN, "rp-2")).accept("text/csv")
                .queryParam("period", "YEAR").queryParam("start", start.toString()).get(path).then().statusCode(200)
                .contentType(containsString("text/csv")).extract().asString();
        assertThat(csv).startsWith("metric,value\r\n").contains("membersAtEnd,3\r\n", "directivesIssued,1\r\n",
                "period,YEAR\r\n");

        given().auth().oauth2(Tokens.forRole(Roles.MEMBER, "rp-1")).queryParam("period", "YEAR")
                .queryParam("start", start.toString()).get(path).then().statusCode(403);
        given().auth().oauth2(Tokens.forRole(Roles.LEADER, "rp-leader")).queryParam("period", "WEEK")
                .queryParam("start", "1 tháng 7").get(path).then().statusCode(400)
                .body("errors.field", contains("period", "start"));
    }

    @Test
    void snapshots_resumeTheFold_andAgreeWithAFullFold() {
        String group = GroupResourceTests.establish("ioc-dak-lak", "OPERATIONS", "sn-leader");
        for (int i = 0; i < 12; i++) { // the test profile snapshots every 5 events
            add(group, "sn-leader", "sn-" + i, "Người Thứ " + "ABCDEFGHIJKL".charAt(i), "MEMBER");
        }
        snapshots.clear(); // from the database snapshot, not memory
        var fromSnapshot = service.load(group);
        var fullFold = service.loadAt(group, Instant.MAX);
        assertThat(fromSnapshot.version()).isEqualTo(13);
        assertThat(fromSnapshot.group()).isEqualTo(fullFold);
        assertThat(((Group.Established) fromSnapshot.group()).roster()).hasSize(13);
        given().auth().oauth2(Tokens.forRole(Roles.LEADER, "sn-leader")).get("/api/v1/groups/" + group).then()
                .statusCode(200).header("ETag", "\"13\"").body("roster", hasSize(13)).body("pins", empty());
    }

    static Envelope moderationEvent(String type, ModerationEvent payload) {
        String stream = "member-" + UUID.randomUUID();
        return new Envelope(EventIds.next(), type, ModerationEvent.SCHEMA_VERSION, Envelope.streamTypeOf(stream),
                stream, 1, Instant.now(), Instant.now(), Actor.system("moderation-service"), "corr-" + UUID.randomUUID(),
                null, Json.MAPPER.valueToTree(payload), HashChain.GENESIS, null).sealed();
    }

    static void publish(Envelope... envelopes) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        p.putAll(vn.binhyen.testsupport.KafkaPrincipals.clientSettings(vn.binhyen.testsupport.KafkaPrincipals.ADMIN));
        try (var producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            long seq = 1;
            for (Envelope e : envelopes) {
                producer.send(Relay.record(Topics.MODERATION_EVENTS, "moderation-service", e, seq++)).get();
            }
        }
    }
}
