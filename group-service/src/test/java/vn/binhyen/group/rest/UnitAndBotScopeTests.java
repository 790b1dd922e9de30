package vn.binhyen.group.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static vn.binhyen.group.rest.GroupResourceTests.UNIT;
import static vn.binhyen.group.rest.GroupResourceTests.establish;
import static vn.binhyen.group.rest.GroupResourceTests.establishIn;
import static vn.binhyen.group.rest.GroupResourceTests.member;
import static vn.binhyen.group.rest.GroupResourceTests.post;
import static vn.binhyen.group.rest.GroupResourceTests.unit;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import vn.binhyen.contracts.Roles;
import vn.binhyen.testsupport.KafkaBrokerResource;
import vn.binhyen.testsupport.PostgresDatabaseResource;
import vn.binhyen.testsupport.Tokens;

/**
 * Who may see and do what (issue 21; audit F5, F9, L5) through the real stack: units kept by a
 * system administrator, every group of an established unit, bots bound by the roster's leader,
 * and staff roles within their unit only: beyond it, a group is unknown (404), not forbidden.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PostgresDatabaseResource.class)
class UnitAndBotScopeTests {
    /** Another ward's police, which no group here belongs to. */
    static final String OTHER_UNIT = "ca-phuong-khac";

    @Inject
    AgroalDataSource dataSource;

    long events() throws Exception {
        try (var c = dataSource.getConnection(); var s = c.createStatement();
                ResultSet rs = s.executeQuery("select count(*) from event")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static String fresh(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static ValidatableResponse getAs(String token, String path) {
        return given().auth().oauth2(token).get(path).then();
    }

    static ValidatableResponse postAs(String token, String path, Object body) {
        var spec = given().auth().oauth2(token).contentType("application/json");
        return (body == null ? spec.post(path) : spec.body(body).post(path)).then();
    }

    static Map<String, Object> suspension() {
        return Map.of("decisionRef", "QĐ 9/QĐ-CAP", "reason", "Xác minh",
                "until", Instant.now().plus(3650, ChronoUnit.DAYS).toString());
    }

    // ---- units ----

    @Test
    void units_areEstablishedOnlyBySystemAdministrators_once_thenReadByStaff_binhyen_units() {
        String id = fresh("ca-phuong");
        Map<String, Object> body = Map.of("unitId", id, "name", "Công an phường Thử", "kind", "WARD_POLICE");

        postAs(Tokens.forRole(Roles.COMMANDER, "commander-1"), "/api/v1/units", body).statusCode(403);
        postAs(Tokens.forRole(Roles.SYSTEM_ADMIN, "sysadmin-1"), "/api/v1/units", body).statusCode(201)
                .header("Location", containsString("/api/v1/units/" + id)).header("ETag", "\"1\"")
                .body("unitId", equalTo(id)).body("kind", equalTo("WARD_POLICE"));
        postAs(Tokens.forRole(Roles.SYSTEM_ADMIN, "sysadmin-1"), "/api/v1/units", body).statusCode(409)
                .contentType("application/problem+json").body("citation", equalTo("binhyen:units"))
                .body("errors[0].field", equalTo("unitId"));

        getAs(Tokens.forRole(Roles.DUTY_OFFICER, "duty-1"), "/api/v1/units/" + id).statusCode(200)
                .body("name", equalTo("Công an phường Thử"));
        getAs(Tokens.forRole(Roles.AUDITOR, "auditor-1"), "/api/v1/units?size=500").statusCode(200)
                .body("items.unitId", hasItem(id));
        getAs(Tokens.forRole(Roles.SYSTEM_ADMIN, "sysadmin-1"), "/api/v1/units/" + fresh("khong-co")).statusCode(404)
                .contentType("application/problem+json").body("type", containsString("unknown-unit"));
        given().auth().oauth2(Tokens.forRole(Roles.SYSTEM_ADMIN, "sysadmin-1")).contentType("application/json")
                .body(Map.of("name", "Công an phường Thử Nghiệm")).put("/api/v1/units/" + id + "/name").then()
                .statusCode(200).header("ETag", "\"2\"").body("name", equalTo("Công an phường Thử Nghiệm"));
    }

    @Test
    void aUnitId_outsideLowercaseLettersDigitsAndHyphens_is400NamingIt_binhyen_units() {
        postAs(Tokens.forRole(Roles.SYSTEM_ADMIN, "sysadmin-1"), "/api/v1/units",
                Map.of("unitId", "Công an phường", "name", "Công an phường", "kind", "WARD_POLICE")).statusCode(400)
                .body("citation", equalTo("binhyen:units")).body("errors[0].field", equalTo("unitId"));
    }

    @Test
    void establishingAGroup_forAUnitNotEstablished_is422NamingTheUnit_andWritesNothing_binhyen_units()
            throws Exception {
        GroupResourceTests.wardPolice();
        long before = events();
        postAs(Tokens.forRole(Roles.SYSTEM_ADMIN, "sysadmin-1"), "/api/v1/groups", Map.of("name", "Khu phố 9",
                "purpose", "Trao đổi công việc", "profile", "ward-binh-phuoc", "unit", fresh("ubnd-khong-co"),
                "kind", "NEIGHBOURHOOD", "responsibility", "Trưởng khu phố quản lý",
                "leader", member("leader-nounit", "Trần Văn Hùng"))).statusCode(422)
                .contentType("application/problem+json").body("citation", equalTo("binhyen:units"))
                .body("errors[0].field", equalTo("unit"));
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void aCommander_establishesGroupsOfTheirOwnUnitOnly_binhyen_units() {
        GroupResourceTests.wardPolice();
        String other = fresh("ca-phuong");
        unit(other, "Công an phường Khác", "WARD_POLICE", null);
        Map<String, Object> group = Map.of("name", "Zalo kết nối bình yên", "purpose", "An ninh trật tự",
                "profile", "police-song-tri", "kind", "POLICE", "responsibility", "Phó Trưởng Công an phường",
                "leader", member("leader-cmd", "Lê Văn Tám"));
        var there = new java.util.HashMap<>(group);
        there.put("unit", other);
        postAs(Tokens.forRole(Roles.COMMANDER, "commander-1"), "/api/v1/groups", there).statusCode(403)
                .body("citation", equalTo("binhyen:units"));
        var own = new java.util.HashMap<>(group);
        own.put("unit", UNIT);
        postAs(Tokens.forRole(Roles.COMMANDER, "commander-1"), "/api/v1/groups", own).statusCode(201)
                .body("unit", equalTo(UNIT));
        // a token's LEADER role establishes nothing: who leads a group is the group's own record
        postAs(Tokens.forRole(Roles.LEADER, "leader-cmd"), "/api/v1/groups", own).statusCode(403);
    }

    // ---- bots ----

    @Test
    void aBot_boundAndUnboundByTheRostersLeader_isShownInTheGroup_binhyen_bots() {
        String group = establish("police-song-tri", "POLICE", "leader-bots");
        String bots = "/api/v1/groups/" + group + "/bots";
        // the leader by the roster, whatever the token's role says
        post(Roles.MEMBER, "leader-bots", bots, Map.of("botId", "zalo-bot")).statusCode(201)
                .header("Location", containsString(bots + "/zalo-bot")).body("bots", contains("zalo-bot"));
        given().auth().oauth2(Tokens.forRole(Roles.LEADER, "leader-bots")).get("/api/v1/groups/" + group).then()
                .statusCode(200).body("bots", contains("zalo-bot"));
        post(Roles.LEADER, "leader-bots", bots, Map.of("botId", "zalo-bot")).statusCode(409)
                .body("citation", equalTo("binhyen:bots")).body("errors[0].field", equalTo("botId"));

        given().auth().oauth2(Tokens.forRole(Roles.LEADER, "leader-bots")).delete(bots + "/zalo-bot").then()
                .statusCode(200).body("bots", empty());
        given().auth().oauth2(Tokens.forRole(Roles.LEADER, "leader-bots")).delete(bots + "/zalo-bot").then()
                .statusCode(409).body("citation", equalTo("binhyen:bots"));
    }

    @Test
    void bindingABot_byAMemberWhoIsNotTheLeader_is403_binhyen_bots() {
        String group = establish("police-song-tri", "POLICE", "leader-nb");
        post(Roles.LEADER, "leader-nb", "/api/v1/groups/" + group + "/membership-proposals",
                Map.of("change", "ADD", "member", member("admin-nb", "Phạm Văn Đức"), "role", "ADMIN"))
                .statusCode(200);
        post(Roles.LEADER, "admin-nb", "/api/v1/groups/" + group + "/bots", Map.of("botId", "rogue-bot"))
                .statusCode(403).contentType("application/problem+json").body("citation", equalTo("binhyen:bots"));
        given().auth().oauth2(Tokens.forRole(Roles.LEADER, "leader-nb")).get("/api/v1/groups/" + group).then()
                .statusCode(200).body("bots", empty());
    }

    // ---- scope ----

    @Test
    void aCommanderOfAnotherUnit_neitherSeesNorSuspendsTheGroup_itIsUnknown404() {
        String group = establish("police-song-tri", "POLICE", "leader-scope");
        String elsewhere = Tokens.forUnit(Roles.COMMANDER, "cmd-x", OTHER_UNIT);

        getAs(elsewhere, "/api/v1/groups/" + group).statusCode(404).contentType("application/problem+json")
                .body("type", containsString("unknown-group"));
        postAs(elsewhere, "/api/v1/groups/" + group + "/suspension", suspension()).statusCode(404)
                .body("type", containsString("unknown-group"));
        postAs(elsewhere, "/api/v1/groups/" + group + "/termination",
                Map.of("ground", "SERIOUS_VIOLATION", "reason", "x")).statusCode(404);
        given().auth().oauth2(elsewhere).queryParam("unit", UNIT).queryParam("size", 500).get("/api/v1/groups")
                .then().statusCode(200).body("items.groupId", not(hasItem(group)));
        given().auth().oauth2(elsewhere).get("/api/v1/members/leader-scope/groups").then().statusCode(200)
                .body("groupId", not(hasItem(group)));

        // the commander of the group's own unit sees it, lists it and suspends it
        String own = Tokens.forRole(Roles.COMMANDER, "commander-1");
        getAs(own, "/api/v1/groups/" + group).statusCode(200);
        given().auth().oauth2(own).get("/api/v1/members/leader-scope/groups").then().statusCode(200)
                .body("groupId", hasItem(group));
        postAs(own, "/api/v1/groups/" + group + "/suspension", suspension()).statusCode(200)
                .body("status", equalTo("SUSPENDED"));
    }

    @Test
    void anAuditorOfAProvince_readsTheGroupsOfAWardBelowIt_butNotOfAnotherProvince() {
        String province = fresh("ca-tinh");
        String ward = fresh("ca-phuong");
        unit(province, "Công an tỉnh Thử", "PROVINCIAL_POLICE", null);
        unit(ward, "Công an phường Thử", "WARD_POLICE", province);
        String group = establishIn(ward, "police-song-tri", "POLICE", "leader-prov");

        getAs(Tokens.forUnit(Roles.AUDITOR, "auditor-prov", province), "/api/v1/groups/" + group).statusCode(200)
                .body("unit", equalTo(ward));
        given().auth().oauth2(Tokens.forUnit(Roles.AUDITOR, "auditor-prov", province)).queryParam("size", 500)
                .get("/api/v1/groups").then().statusCode(200).body("items.groupId", hasItem(group));
        getAs(Tokens.forUnit(Roles.AUDITOR, "auditor-ward", ward), "/api/v1/groups/" + group).statusCode(200);
        // a ward's auditor does not see up the tree; a province's commander commands only its own unit's groups
        getAs(Tokens.forRole(Roles.AUDITOR, "auditor-1"), "/api/v1/groups/" + group).statusCode(404);
        getAs(Tokens.forUnit(Roles.COMMANDER, "cmd-prov", province), "/api/v1/groups/" + group).statusCode(404);
        getAs(Tokens.forUnit(Roles.AUDITOR, "auditor-none", null), "/api/v1/groups/" + group).statusCode(404);
    }

    @Test
    void aBot_readsOnlyTheGroupsItIsBoundTo() {
        String group = establish("police-song-tri", "POLICE", "leader-botread");
        String bot = Tokens.forRole(Roles.BOT, "bot-read");
        getAs(bot, "/api/v1/groups/" + group).statusCode(404).body("type", containsString("unknown-group"));

        post(Roles.SYSTEM_ADMIN, "sysadmin-1", "/api/v1/groups/" + group + "/bots", Map.of("botId", "bot-read"))
                .statusCode(201);
        getAs(bot, "/api/v1/groups/" + group).statusCode(200).body("bots", contains("bot-read"));
        getAs(Tokens.forRole(Roles.BOT, "another-bot"), "/api/v1/groups/" + group).statusCode(404);
    }

    @Test
    void aBotsAcknowledgementOfADirective_isRecordedOnlyWhereItIsBound_404Otherwise() {
        String group = establish("police-song-tri", "POLICE", "leader-ack");
        post(Roles.LEADER, "leader-ack", "/api/v1/groups/" + group + "/membership-proposals",
                Map.of("change", "ADD", "member", member("dan-ack", "Nguyễn Thị Lan"))).statusCode(200);
        String path = "/api/v1/groups/" + group + "/directives";
        String directive = post(Roles.LEADER, "leader-ack", path, Map.of("text", "Thả cảm xúc khi đã đọc"))
                .statusCode(201).extract().path("directiveId");
        String ack = path + "/" + directive + "/acknowledgements";
        Map<String, Object> reaction = Map.of("via", "REACTION", "memberId", "dan-ack");

        post(Roles.BOT, "bot-ack", ack, reaction).statusCode(404).body("type", containsString("unknown-group"));
        given().auth().oauth2(Tokens.forRole(Roles.LEADER, "leader-ack")).get(path + "/" + directive).then()
                .statusCode(200).body("pending", contains("dan-ack"));

        post(Roles.LEADER, "leader-ack", "/api/v1/groups/" + group + "/bots", Map.of("botId", "bot-ack"))
                .statusCode(201);
        post(Roles.BOT, "bot-ack", ack, reaction).statusCode(200).body("acknowledged.dan-ack", equalTo("REACTION"))
                .body("pending", empty());
    }

    long misuses(String group) throws Exception {
        try (var c = dataSource.getConnection(); var ps = c.prepareStatement(
                "select count(*) from event where stream_id = ? and event_type = 'AdminRightsMisused'")) {
            ps.setString(1, group);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Test
    void anAdminActionTheBotSawByAnAccountWithoutAdminRights_isRecorded_onlyFromABoundBot_police_song_tri_6_10()
            throws Exception {
        String group = establish("police-song-tri", "POLICE", "leader-watch");
        post(Roles.LEADER, "leader-watch", "/api/v1/groups/" + group + "/membership-proposals",
                Map.of("change", "ADD", "member", member("dan-watch", "Nguyễn Thị Lan"))).statusCode(200);
        String path = "/api/v1/groups/" + group + "/observed-actions";
        Map<String, Object> removal = Map.of("account", "zalo-dan-watch", "action", "REMOVE_MEMBER");
        // a bot not bound to the group: the group is unknown to it, and nothing is recorded
        post(Roles.BOT, "bot-watch", path, removal).statusCode(404).body("type", containsString("unknown-group"));
        // only a bot reports what it saw
        post(Roles.MEMBER, "dan-watch", path, removal).statusCode(403);
        assertThat(misuses(group)).isZero();
        post(Roles.LEADER, "leader-watch", "/api/v1/groups/" + group + "/bots", Map.of("botId", "bot-watch"))
                .statusCode(201);
        // an unknown action names the field, and writes nothing
        post(Roles.BOT, "bot-watch", path, Map.of("account", "zalo-dan-watch", "action", "DELETE_GROUP"))
                .statusCode(400).body(containsString("action"));
        // the leader's own admin action is no intrusion
        post(Roles.BOT, "bot-watch", path, Map.of("account", "leader-watch", "action", "ADD_MEMBER")).statusCode(200);
        assertThat(misuses(group)).isZero();
        // a member, known by their Zalo id, removing someone is recorded for the board
        post(Roles.BOT, "bot-watch", path, removal).statusCode(200);
        assertThat(misuses(group)).isEqualTo(1);
    }

    @Test
    void aResidentsFeedback_isAnsweredByTheLeadership_andSeenOnlyByThemAndTheResident_ward_binh_phuoc_5_2() {
        String group = establish("ward-binh-phuoc", "NEIGHBOURHOOD", "leader-fb");
        for (String m : List.of("dan-fb", "dan-fb-2")) {
            post(Roles.LEADER, "leader-fb", "/api/v1/groups/" + group + "/membership-proposals",
                    Map.of("change", "ADD", "member", member(m, "Nguyễn Thị Lan"))).statusCode(200);
        }
        String path = "/api/v1/groups/" + group + "/feedback";
        // a member files their own; naming another resident is a bot's alone, and names the field
        post(Roles.MEMBER, "dan-fb", path, Map.of("memberId", "dan-fb-2", "text", "Rác chưa thu gom"))
                .statusCode(400).body("errors[0].field", equalTo("memberId"));
        String id = post(Roles.MEMBER, "dan-fb", path, Map.of("text", "Đèn đường ngõ 12 hỏng cả tuần nay"))
                .statusCode(201).body("status", equalTo("RECEIVED")).body("memberId", equalTo("dan-fb"))
                .extract().path("feedbackId");
        // another resident of the group does not see it; the resident and the leader do
        getAs(Tokens.forRole(Roles.MEMBER, "dan-fb-2"), path + "/" + id).statusCode(404);
        getAs(Tokens.forRole(Roles.MEMBER, "dan-fb"), path + "/" + id).statusCode(200);
        // another resident does not even see it; the resident answers nothing; the leader does, once
        post(Roles.MEMBER, "dan-fb-2", path + "/" + id + "/answer", Map.of("answer", "Tôi biết")).statusCode(404);
        post(Roles.MEMBER, "dan-fb", path + "/" + id + "/answer", Map.of("answer", "Tôi tự trả lời")).statusCode(403)
                .body("citation", equalTo("ward-binh-phuoc:5.2"));
        post(Roles.LEADER, "leader-fb", path + "/" + id + "/answer", Map.of("answer", "Đã báo điện lực, mai thay."))
                .statusCode(200).body("status", equalTo("ANSWERED")).body("answeredBy", equalTo("leader-fb"));
        post(Roles.LEADER, "leader-fb", path + "/" + id + "/answer", Map.of("answer", "Lần nữa")).statusCode(409);
        // the leader lists what waits, oldest first, and what was answered; a resident lists their own only
        String second = post(Roles.MEMBER, "dan-fb-2", path, Map.of("text", "Rác chưa thu gom ba ngày"))
                .statusCode(201).extract().path("feedbackId");
        getAs(Tokens.forRole(Roles.LEADER, "leader-fb"), path).statusCode(200)
                .body("feedbackId", contains(second)).body("text", contains("Rác chưa thu gom ba ngày"));
        getAs(Tokens.forRole(Roles.LEADER, "leader-fb"), path + "?status=ANSWERED").statusCode(200)
                .body("feedbackId", contains(id));
        getAs(Tokens.forRole(Roles.MEMBER, "dan-fb"), path).statusCode(200).body("feedbackId", empty());
        getAs(Tokens.forRole(Roles.MEMBER, "dan-fb-2"), path).statusCode(200).body("feedbackId", contains(second));
        getAs(Tokens.forRole(Roles.LEADER, "leader-fb"), path + "?status=OPEN").statusCode(400)
                .body("errors[0].field", equalTo("status"));
        getAs(Tokens.forRole(Roles.LEADER, "leader-fb"), path + "?size=1000").statusCode(400);
        // the group's bot records a resident's message once, however often it sends it
        post(Roles.LEADER, "leader-fb", "/api/v1/groups/" + group + "/bots", Map.of("botId", "bot-fb")).statusCode(201);
        Map<String, Object> seen = Map.of("memberId", "dan-fb", "text", "Cống ngõ 7 bị tắc", "messageId", "zmsg-1");
        String byBot = post(Roles.BOT, "bot-fb", path, seen).statusCode(201).extract().path("feedbackId");
        post(Roles.BOT, "bot-fb", path, seen).statusCode(200).header("Idempotent-Replayed", "true")
                .body("feedbackId", equalTo(byBot));
        post(Roles.BOT, "bot-fb", path, Map.of("memberId", "dan-fb", "text", "Khác hẳn", "messageId", "zmsg-1"))
                .statusCode(409).body("errors[0].field", equalTo("messageId"));
        // a police group makes no such workflow
        String police = establish("police-song-tri", "POLICE", "leader-fb-police");
        post(Roles.LEADER, "leader-fb-police", "/api/v1/groups/" + police + "/feedback", Map.of("text", "Phản ánh"))
                .statusCode(422).body("citation", equalTo("binhyen:profiles"));
    }
}
