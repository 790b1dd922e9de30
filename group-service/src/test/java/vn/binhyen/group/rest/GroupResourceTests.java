package vn.binhyen.group.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.is;

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

/** The group API through the real stack: REST, PostgreSQL, Kafka relay. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PostgresDatabaseResource.class)
class GroupResourceTests {
    @Inject
    AgroalDataSource dataSource;

    /** The ward police the tests' staff tokens name ({@link Tokens#DEFAULT_UNIT}): the unit of their groups. */
    static final String UNIT = Tokens.DEFAULT_UNIT;

    static String token(String role, String subject) {
        return Tokens.forRole(role, subject);
    }

    /**
     * Establishes the unit as a system administrator, unless it already is (409, binhyen:units):
     * the test classes share one database, and a group is established only for an established unit.
     */
    static void unit(String unitId, String name, String kind, String parentUnitId) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("unitId", unitId, "name", name, "kind", kind));
        if (parentUnitId != null) {
            body.put("parentUnitId", parentUnitId);
        }
        given().auth().oauth2(token(Roles.SYSTEM_ADMIN, "sysadmin-1")).contentType("application/json").body(body)
                .post("/api/v1/units").then().statusCode(anyOf(is(201), is(409)));
    }

    /** {@link #UNIT}, established (once). */
    static void wardPolice() {
        unit(UNIT, "Công an phường Sông Trí", "WARD_POLICE", null);
    }

    static Map<String, Object> member(String id, String name) {
        return Map.of("memberId", id, "fullName", name, "zaloId", "zalo-" + id, "phone", "0901234567");
    }

    /** Establishes a group of {@link #UNIT} led by {@code leaderId} and returns its id. */
    static String establish(String profile, String kind, String leaderId) {
        return establishIn(UNIT, profile, kind, leaderId);
    }

    /** Establishes a group of {@code unit} (established already, unless it is {@link #UNIT}) and returns its id. */
    static String establishIn(String unit, String profile, String kind, String leaderId) {
        wardPolice();
        return given().auth().oauth2(token(Roles.SYSTEM_ADMIN, "sysadmin-1")).contentType("application/json")
                .body(Map.of("name", "Khu phố " + UUID.randomUUID().toString().substring(0, 4), "purpose", "Trao đổi công việc",
                        "profile", profile, "unit", unit, "kind", kind,
                        "responsibility", "Trưởng khu phố quản lý, vận hành", "leader", member(leaderId, "Trần Văn Hùng")))
                .post("/api/v1/groups").then().statusCode(201).header("ETag", "\"1\"")
                .header("Location", containsString("/api/v1/groups/group-")).extract().path("groupId");
    }

    static ValidatableResponse post(String role, String subject, String path, Object body) {
        var spec = given().auth().oauth2(token(role, subject)).contentType("application/json");
        return (body == null ? spec.post(path) : spec.body(body).post(path)).then();
    }

    long events() throws Exception {
        try (var c = dataSource.getConnection(); var s = c.createStatement(); ResultSet rs = s.executeQuery("select count(*) from event")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void establish_thenRead_showsTheLeaderOnTheRoster() {
        String group = establish("ward-binh-phuoc", "NEIGHBOURHOOD", "leader-a");

        given().auth().oauth2(token(Roles.LEADER, "leader-a")).get("/api/v1/groups/" + group).then().statusCode(200)
                .header("ETag", "\"1\"")
                .body("status", equalTo("ACTIVE"))
                .body("unit", equalTo(UNIT))
                .body("bots", org.hamcrest.Matchers.empty())
                .body("roster.find { it.memberId == 'leader-a' }.role", equalTo("LEADER"));
    }

    @Test
    void establish_withoutResponsibility_is400NamingTheField_police_song_tri_8_1_andWritesNothing() throws Exception {
        wardPolice();
        long before = events();
        given().auth().oauth2(token(Roles.SYSTEM_ADMIN, "sysadmin-1")).contentType("application/json")
                .body(Map.of("name", "Zalo kết nối bình yên", "purpose", "An ninh trật tự", "profile", "police-song-tri",
                        "unit", UNIT, "kind", "POLICE", "leader", member("leader-p", "Lê Văn Tám")))
                .post("/api/v1/groups").then().statusCode(400)
                .body("citation", equalTo("police-song-tri:8.1"))
                .body("errors[0].field", equalTo("responsibility"));
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void unknownGroup_is404() {
        given().auth().oauth2(token(Roles.SYSTEM_ADMIN, "sysadmin-1")).get("/api/v1/groups/group-" + UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void adminProposes_leaderApproves_memberJoins_ward_binh_phuoc_6_3() {
        String group = establish("ward-binh-phuoc", "NEIGHBOURHOOD", "leader-b");
        post(Roles.LEADER, "leader-b", "/api/v1/groups/" + group + "/membership-proposals",
                Map.of("change", "ADD", "member", member("admin-b", "Lê Thị Mai"), "role", "ADMIN")).statusCode(200);

        String proposal = post(Roles.ADMIN, "admin-b", "/api/v1/groups/" + group + "/membership-proposals",
                Map.of("change", "ADD", "member", member("citizen-b", "Nguyễn Thị Lan"), "reason", "hộ mới"))
                .statusCode(200).body("proposals[0].proposedBy", equalTo("admin-b")).extract().path("proposals[0].proposalId");
        post(Roles.ADMIN, "admin-b", "/api/v1/groups/" + group + "/membership-proposals/" + proposal + "/decision",
                Map.of("approve", true)).statusCode(403).body("citation", org.hamcrest.Matchers.startsWith("ward-binh-phuoc:6"));
        post(Roles.LEADER, "leader-b", "/api/v1/groups/" + group + "/membership-proposals/" + proposal + "/decision",
                Map.of("approve", true)).statusCode(200).header("ETag", "\"4\"")
                .body("roster.memberId", hasItem("citizen-b"));
    }

    @Test
    void memberTriesToPin_is403WithCitation_police_song_tri_3_4() {
        String group = establish("police-song-tri", "POLICE", "leader-c");
        post(Roles.LEADER, "leader-c", "/api/v1/groups/" + group + "/membership-proposals",
                Map.of("change", "ADD", "member", member("member-c", "Đỗ Minh Quân"))).statusCode(200);

        post(Roles.MEMBER, "member-c", "/api/v1/groups/" + group + "/pins", Map.of("messageId", "msg-1"))
                .statusCode(403).body("citation", equalTo("police-song-tri:3.4"));
        post(Roles.LEADER, "leader-c", "/api/v1/groups/" + group + "/pins", Map.of("messageId", "msg-1"))
                .statusCode(200).body("pins[0].messageId", equalTo("msg-1"));
    }

    @Test
    void tokenWithoutTheEndpointsRole_is403() {
        String group = establish("police-song-tri", "POLICE", "leader-d");
        post(Roles.AUDITOR, "auditor-1", "/api/v1/groups/" + group + "/pins", Map.of("messageId", "m")).statusCode(403);
        post(Roles.LEADER, "leader-d", "/api/v1/groups/" + group + "/suspension",
                Map.of("decisionRef", "QĐ 1", "reason", "x", "until", Instant.now().plus(1, ChronoUnit.DAYS).toString()))
                .statusCode(403);
    }

    @Test
    void nonMemberReadingTheRoster_is403() {
        String group = establish("police-song-tri", "POLICE", "leader-e");
        given().auth().oauth2(token(Roles.MEMBER, "stranger")).get("/api/v1/groups/" + group).then().statusCode(403);
    }

    @Test
    void staleIfMatch_is412_andWritesNothing() throws Exception {
        String group = establish("ward-binh-phuoc", "AGENCY", "leader-f");
        post(Roles.LEADER, "leader-f", "/api/v1/groups/" + group + "/pins", Map.of("messageId", "m-1")).statusCode(200);
        long before = events();

        given().auth().oauth2(token(Roles.LEADER, "leader-f")).contentType("application/json").header("If-Match", "\"1\"")
                .body(Map.of("messageId", "m-2")).post("/api/v1/groups/" + group + "/pins").then().statusCode(412);
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void memberWithoutFullName_is400NamingTheField_police_song_tri_3_2() {
        String group = establish("police-song-tri", "POLICE", "leader-g");
        post(Roles.LEADER, "leader-g", "/api/v1/groups/" + group + "/membership-proposals",
                Map.of("change", "ADD", "member", member("m-g", "lan nguyen"))).statusCode(400)
                .body("citation", equalTo("police-song-tri:3.2"))
                .body("errors[0].field", equalTo("member.fullName"));
    }

    @Test
    void suspendedGroup_refusesChanges_422_police_song_tri_9_2_thenResumes() {
        String group = establish("police-song-tri", "POLICE", "leader-h");
        post(Roles.COMMANDER, "commander-1", "/api/v1/groups/" + group + "/suspension",
                Map.of("decisionRef", "QĐ 15/QĐ-CAP", "reason", "Xác minh sai phạm",
                        "until", Instant.now().plus(7, ChronoUnit.DAYS).toString())).statusCode(200)
                .body("status", equalTo("SUSPENDED"));

        post(Roles.LEADER, "leader-h", "/api/v1/groups/" + group + "/pins", Map.of("messageId", "m")).statusCode(422)
                .body("citation", equalTo("police-song-tri:9.2"));
        post(Roles.COMMANDER, "commander-1", "/api/v1/groups/" + group + "/resumption", null).statusCode(200)
                .body("status", equalTo("ACTIVE"));
    }

    @Test
    void terminate_withoutGround_is400_thenTerminatedGroupRefusesEverything_police_song_tri_9_3() {
        String group = establish("police-song-tri", "POLICE", "leader-i");
        post(Roles.COMMANDER, "commander-1", "/api/v1/groups/" + group + "/termination", Map.of("reason", "sáp nhập"))
                .statusCode(400).body("errors.field", hasItem("ground"));
        post(Roles.COMMANDER, "commander-1", "/api/v1/groups/" + group + "/termination",
                Map.of("ground", "UNIT_DISSOLVED_WITHOUT_HANDOVER", "reason", "Đơn vị sáp nhập, không bàn giao"))
                .statusCode(200).body("status", equalTo("TERMINATED"));
        post(Roles.LEADER, "leader-i", "/api/v1/groups/" + group + "/pins", Map.of("messageId", "m")).statusCode(422)
                .body("citation", equalTo("police-song-tri:9.3"));
    }

    @Test
    void handOverLeader_movesTheRoleAtomically_ward_binh_phuoc_6_1() {
        String group = establish("ward-binh-phuoc", "AGENCY", "leader-j");
        post(Roles.LEADER, "leader-j", "/api/v1/groups/" + group + "/handovers",
                Map.of("role", "LEADER", "fromMemberId", "leader-j", "successor", member("leader-j2", "Phan Thanh Bình")))
                .statusCode(200)
                .body("roster.find { it.memberId == 'leader-j2' }.role", equalTo("LEADER"))
                .body("roster.find { it.memberId == 'leader-j' }.role", equalTo("MEMBER"));
    }

    @Test
    void councilTemplate_createsExactlyTheTwelveGroupsInOneCall_council_binh_duong_4() {
        String unit = "hdnd-" + UUID.randomUUID(); // a council of its own: its twelve groups alone in the list
        unit(unit, "HĐND tỉnh Bình Dương", "PROVINCIAL_COUNCIL", null);
        Map<String, Object> leaders = new java.util.LinkedHashMap<>();
        for (String key : List.of("delegates", "standing", "committee-economy", "committee-culture", "committee-legal",
                "delegation-thu-dau-mot", "delegation-thuan-an", "delegation-di-an", "delegation-ben-cat",
                "delegation-tan-uyen", "delegation-dau-tieng-bau-bang", "delegation-phu-giao-bac-tan-uyen")) {
            leaders.put(key, member("council-" + key, "Nguyễn Văn Lộc"));
        }
        var body = Map.of("profile", "council-binh-duong", "unit", unit, "responsibility", "Văn phòng HĐND tỉnh",
                "leaders", leaders);

        given().auth().oauth2(token(Roles.SYSTEM_ADMIN, "sysadmin-1")).contentType("application/json").body(body)
                .post("/api/v1/groups/templates/council-term-x").then().statusCode(201)
                .body("size()", equalTo(12))
                .body("name", hasItem("HĐND - Tổ ĐB Phú Giáo - Bắc Tân Uyên"));
        given().auth().oauth2(Tokens.forUnit(Roles.AUDITOR, "auditor-1", unit)).queryParam("unit", unit)
                .queryParam("size", 100).get("/api/v1/groups").then().statusCode(200).body("total", equalTo(12))
                .body("items.name", hasItem("HĐND - Đại biểu khóa X"));
    }

    @Test
    void councilTemplate_missingALeader_is400_andCreatesNone() throws Exception {
        unit("hdnd-tinh-binh-duong", "HĐND tỉnh Bình Dương", "PROVINCIAL_COUNCIL", null);
        long before = events();
        given().auth().oauth2(token(Roles.SYSTEM_ADMIN, "sysadmin-1")).contentType("application/json")
                .body(Map.of("profile", "council-binh-duong", "unit", "hdnd-tinh-binh-duong",
                        "responsibility", "Văn phòng HĐND tỉnh",
                        "leaders", Map.of("delegates", member("c-1", "Nguyễn Văn Lộc"))))
                .post("/api/v1/groups/templates/council-term-x").then().statusCode(400)
                .body("citation", equalTo("council-binh-duong:4"))
                .body("errors[0].field", equalTo("leaders.standing"));
        assertThat(events()).isEqualTo(before);
    }
}
