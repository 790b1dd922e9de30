package vn.binhyen.group;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.is;
import static vn.binhyen.testsupport.AuthorizationMatrix.SKIPPED;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import vn.binhyen.contracts.Roles;
import vn.binhyen.testsupport.AuthorizationMatrix;
import vn.binhyen.testsupport.AuthorizationMatrix.Column;
import vn.binhyen.testsupport.AuthorizationMatrix.Row;
import vn.binhyen.testsupport.KafkaBrokerResource;
import vn.binhyen.testsupport.PostgresDatabaseResource;
import vn.binhyen.testsupport.Tokens;

/**
 * group-service's authorisation matrix (issue 21), generated from its OpenAPI document: every
 * operation asked without a token (401), by a role it does not allow (403), by the right role of
 * another unit, and by the right caller, who succeeds. Staff roles count only within their unit
 * ({@code rest/Access}): beyond it, a group is unknown (404), a group of another unit is not
 * established by its commander (403), and lists show nothing of it. What a person may do in a
 * group comes from its roster, never from the token: for those operations the other unit's
 * caller is someone on the roster of another unit's group, refused by the group's rules (403).
 * The fixture: the ward police {@link #UNIT} with its police group (leader, admin, deputy,
 * member, a bot), its council group with a poll, and another ward's police {@link #OTHER_UNIT}
 * with a group of its own; each row whose right call changes what it acts on has a fixture of
 * its own.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PostgresDatabaseResource.class)
class AuthorizationMatrixTests {
    static final String UNIT = Tokens.DEFAULT_UNIT;
    static final String OTHER_UNIT = "ca-phuong-song-cau";
    static final String LEADER = "am-leader";
    static final String ADMIN = "am-admin";
    static final String DEPUTY = "am-deputy";
    static final String MEMBER = "am-member";
    static final String BOT = "am-bot";
    /** Leads the groups a row suspends, resumes, terminates or re-profiles. */
    static final String COMMANDED_LEADER = "am-commanded-leader";
    static final String HANDOVER_LEADER = "am-handover-leader";
    static final String IOC_LEADER = "am-ioc-leader";
    static final String COUNCIL_LEADER = "am-council-leader";
    static final String DELEGATE = "am-delegate";
    static final String OTHER_LEADER = "am-other-leader";
    static final String OTHER_MEMBER = "am-other-member";
    static final String OTHER_BOT = "am-other-bot";
    static final String OTHER_COMMANDER = "am-other-commander";
    static final String OTHER_AUDITOR = "am-other-auditor";
    static final String FAR_FUTURE = Instant.now().plus(Duration.ofDays(3650)).toString();

    static String token(String role, String subject) {
        return Tokens.forRole(role, subject);
    }

    static String fresh(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static ValidatableResponse post(String role, String subject, String path, Object body) {
        var spec = given().auth().oauth2(token(role, subject)).contentType("application/json");
        return (body == null ? spec.post(path) : spec.body(body).post(path)).then();
    }

    /** Establishes the unit as a system administrator, unless it already is (409): the test classes share a database. */
    static void unit(String unitId, String name) {
        given().auth().oauth2(token(Roles.SYSTEM_ADMIN, "sysadmin-1")).contentType("application/json")
                .body(Map.of("unitId", unitId, "name", name, "kind", "WARD_POLICE")).post("/api/v1/units").then()
                .statusCode(anyOf(is(201), is(409)));
    }

    static Map<String, Object> member(String id, String name) {
        return Map.of("memberId", id, "fullName", name, "zaloId", "zalo-" + id, "phone", "0901234567");
    }

    static Map<String, Object> group(String unit, String profile, String kind, String leader) {
        return Map.of("name", "Nhóm " + fresh("ma-tran"), "purpose", "Kết nối Công an phường với Nhân dân",
                "profile", profile, "unit", unit, "kind", kind, "responsibility", "Phó Trưởng Công an phường phụ trách",
                "leader", member(leader, "Trần Văn Hùng"));
    }

    /** A group of {@code unit}, established by a system administrator; its id. */
    static String establish(String unit, String profile, String kind, String leader) {
        return given().auth().oauth2(token(Roles.SYSTEM_ADMIN, "sysadmin-1")).contentType("application/json")
                .body(group(unit, profile, kind, leader)).post("/api/v1/groups").then().statusCode(201)
                .extract().path("groupId");
    }

    /** The leader adds the member with the role (MemberAdded at once). */
    static void add(String group, String leader, String memberId, String name, String role) {
        post(Roles.LEADER, leader, "/api/v1/groups/" + group + "/membership-proposals",
                Map.of("change", "ADD", "member", member(memberId, name), "role", role)).statusCode(200);
    }

    static void bind(String group, String leader, String bot) {
        post(Roles.LEADER, leader, "/api/v1/groups/" + group + "/bots", Map.of("botId", bot)).statusCode(201);
    }

    static String issueDirective(String group) {
        return post(Roles.LEADER, LEADER, "/api/v1/groups/" + group + "/directives",
                Map.of("text", "Đề nghị các thành viên thả cảm xúc khi đã đọc thông báo")).statusCode(201)
                .extract().path("directiveId");
    }

    static String openPoll(String council) {
        return post(Roles.LEADER, COUNCIL_LEADER, "/api/v1/groups/" + council + "/polls", Map.of("question",
                "Thông qua nghị quyết bổ sung vốn?", "options", List.of("Đồng ý", "Không đồng ý"), "closesAt",
                FAR_FUTURE)).statusCode(201).extract().path("pollId");
    }

    @Test
    void everyOperation_answersEachCallerAsItsRulesSay_issue_21() {
        unit(UNIT, "Công an phường Sông Trí");
        unit(OTHER_UNIT, "Công an phường Sông Cầu");
        String police = establish(UNIT, "police-song-tri", "POLICE", LEADER);
        add(police, LEADER, ADMIN, "Lê Thị Mai", "ADMIN");
        add(police, LEADER, DEPUTY, "Phạm Văn Đức", "DEPUTY");
        add(police, LEADER, MEMBER, "Đỗ Minh Quân", "MEMBER");
        bind(police, LEADER, BOT);
        String other = establish(OTHER_UNIT, "police-song-tri", "POLICE", OTHER_LEADER);
        add(other, OTHER_LEADER, OTHER_MEMBER, "Nguyễn Thị Lan", "MEMBER");
        bind(other, OTHER_LEADER, OTHER_BOT);
        String council = establish(UNIT, "council-binh-duong", "COUNCIL", COUNCIL_LEADER);
        add(council, COUNCIL_LEADER, DELEGATE, "Võ Văn Minh", "MEMBER");
        add(council, COUNCIL_LEADER, ADMIN, "Lê Thị Mai", "ADMIN");
        String directive = issueDirective(police);
        String poll = openPoll(council);
        // an admin's addition waits for the leader only where the regulation says so (ward-binh-phuoc:6.3);
        // the police group's admins add and remove members themselves (police-song-tri:2.3)
        String ward = establish(UNIT, "ward-binh-phuoc", "AGENCY", LEADER);
        add(ward, LEADER, ADMIN, "Lê Thị Mai", "ADMIN");

        // a ward neighbourhood group takes in residents' feedback (ward-binh-phuoc:5.2)
        String neighbourhood = establish(UNIT, "ward-binh-phuoc", "NEIGHBOURHOOD", LEADER);
        add(neighbourhood, LEADER, MEMBER, "Đỗ Minh Quân", "MEMBER");
        Supplier<String> freshFeedback = () -> post(Roles.MEMBER, MEMBER, "/api/v1/groups/" + neighbourhood
                + "/feedback", Map.of("text", "Đèn đường ngõ 12 hỏng")).statusCode(201).extract().path("feedbackId");
        String feedback = freshFeedback.get();
        Supplier<String> otherMember = () -> token(Roles.MEMBER, OTHER_MEMBER);
        String otherMemberWho = "MEMBER " + OTHER_MEMBER + ", on the roster of another unit's group only";

        Map<String, String> inPolice = Map.of("groupId", police);
        Supplier<String> otherLeader = () -> token(Roles.LEADER, OTHER_LEADER);
        String otherLeaderWho = "LEADER " + OTHER_LEADER + ", on the roster of another unit's group only";
        String groups = "/api/v1/groups/";

        // a fresh member of the police group, for a row that changes or removes them
        Supplier<Map<String, String>> withFreshMember = () -> {
            String m = fresh("am-m");
            add(police, LEADER, m, "Nguyễn Thị Lan", "MEMBER");
            return Map.of("groupId", police, "memberId", m);
        };
        // a fresh group of the unit, for a row its superior authority acts on
        Supplier<Map<String, String>> commandedGroup = () -> Map.of("groupId",
                establish(UNIT, "police-song-tri", "POLICE", COMMANDED_LEADER));

        List<Row> rows = List.of(
                // ---- units: the platform's, kept by system administrators, read by every staff role
                Row.of("POST /api/v1/units").allowed(Roles.SYSTEM_ADMIN, "sysadmin-1").wrongRole(Roles.COMMANDER)
                        .unscoped("units are the platform's: a system administrator establishes them, in no unit")
                        .body(() -> Map.of("unitId", fresh("am-unit"), "name", "Công an phường Thử", "kind",
                                "WARD_POLICE"))
                        .expect(401, 403, SKIPPED, 201),
                Row.of("GET /api/v1/units").allowed(Roles.DUTY_OFFICER, "duty-1").wrongRole(Roles.LEADER)
                        .unscoped("units are not secret: every staff role lists all of them")
                        .expect(401, 403, SKIPPED, 200),
                Row.of("GET /api/v1/units/{unitId}").path(Map.of("unitId", UNIT)).allowed(Roles.DUTY_OFFICER, "duty-1")
                        .wrongRole(Roles.BOT).unscoped("units are not secret: every staff role reads each of them")
                        .expect(401, 403, SKIPPED, 200),
                Row.of("PUT /api/v1/units/{unitId}/name").path(() -> {
                    String id = fresh("am-unit");
                    unit(id, "Công an phường Thử");
                    return Map.of("unitId", id);
                }).allowed(Roles.SYSTEM_ADMIN, "sysadmin-1").wrongRole(Roles.COMMANDER)
                        .unscoped("units are the platform's: a system administrator renames them, in no unit")
                        .body(Map.of("name", "Công an phường Thử Nghiệm")).expect(401, 403, SKIPPED, 200),

                // ---- reads across groups
                Row.of("GET /api/v1/members/{memberId}/groups").path(Map.of("memberId", MEMBER))
                        .allowed(Roles.COMMANDER, "commander-1").wrongRole(Roles.DUTY_OFFICER)
                        .otherUnit(Roles.COMMANDER, OTHER_COMMANDER, OTHER_UNIT).expect(401, 403, 200, 200)
                        .answerFor(Column.RIGHT, "the member's group of the unit", a -> a.body().contains(police))
                        .answerFor(Column.OTHER_UNIT, "none of the unit's groups", a -> !a.body().contains(police)),
                Row.of("GET /api/v1/audit/streams/{streamId}").path(Map.of("streamId", police))
                        .allowed(Roles.AUDITOR, "auditor-1").wrongRole(Roles.COMMANDER)
                        .otherUnit(Roles.AUDITOR, OTHER_AUDITOR, OTHER_UNIT).expect(401, 403, 404, 200),

                // ---- establishing groups: a commander for their own unit, a system administrator for any
                Row.of("POST /api/v1/groups").allowed(Roles.COMMANDER, "commander-1").wrongRole(Roles.LEADER, LEADER)
                        .otherUnit(Roles.COMMANDER, OTHER_COMMANDER, OTHER_UNIT)
                        .body(() -> group(UNIT, "police-song-tri", "POLICE", fresh("am-new-leader")))
                        .expect(401, 403, 403, 201),
                Row.of("POST /api/v1/groups/templates/{templateId}").path(Map.of("templateId", "police-group"))
                        .allowed(Roles.COMMANDER, "commander-1").wrongRole(Roles.LEADER, LEADER)
                        .otherUnit(Roles.COMMANDER, OTHER_COMMANDER, OTHER_UNIT)
                        .body(() -> Map.of("profile", "police-song-tri", "unit", UNIT, "responsibility",
                                "Phó Trưởng Công an phường phụ trách", "leaders",
                                Map.of("police", member(fresh("am-tpl-leader"), "Trần Văn Hùng"))))
                        .expect(401, 403, 403, 201),
                Row.of("GET /api/v1/groups").query(Map.of("unit", UNIT, "size", 500))
                        .allowed(Roles.COMMANDER, "commander-1").wrongRole(Roles.DUTY_OFFICER)
                        .otherUnit(Roles.COMMANDER, OTHER_COMMANDER, OTHER_UNIT).expect(401, 403, 200, 200)
                        .answerFor(Column.RIGHT, "the unit's police group", a -> a.body().contains(police))
                        .answerFor(Column.OTHER_UNIT, "none of the unit's groups", a -> !a.body().contains(police)),

                // ---- a group's reads: its members, and oversight roles within their scope (404 beyond it)
                Row.of("GET /api/v1/groups/{groupId}").path(inPolice).allowed(Roles.COMMANDER, "commander-1")
                        .wrongRole(Roles.DUTY_OFFICER).otherUnit(Roles.COMMANDER, OTHER_COMMANDER, OTHER_UNIT)
                        .expect(401, 403, 404, 200),
                Row.of("GET /api/v1/groups/{groupId}/roles/{role}/holders")
                        .path(Map.of("groupId", police, "role", "LEADER")).query(Map.of("at", FAR_FUTURE))
                        .allowed(Roles.COMMANDER, "commander-1").wrongRole(Roles.DUTY_OFFICER)
                        .otherUnit(Roles.COMMANDER, OTHER_COMMANDER, OTHER_UNIT).expect(401, 403, 404, 200),
                Row.of("GET /api/v1/groups/{groupId}/directives").path(inPolice).allowed(Roles.COMMANDER, "commander-1")
                        .wrongRole(Roles.DUTY_OFFICER).otherUnit(Roles.COMMANDER, OTHER_COMMANDER, OTHER_UNIT)
                        .expect(401, 403, 404, 200),
                Row.of("GET /api/v1/groups/{groupId}/directives/{directiveId}")
                        .path(Map.of("groupId", police, "directiveId", directive))
                        .allowed(Roles.COMMANDER, "commander-1").wrongRole(Roles.DUTY_OFFICER)
                        .otherUnit(Roles.COMMANDER, OTHER_COMMANDER, OTHER_UNIT).expect(401, 403, 404, 200),
                Row.of("GET /api/v1/groups/{groupId}/polls/{pollId}").path(Map.of("groupId", council, "pollId", poll))
                        .allowed(Roles.COMMANDER, "commander-1").wrongRole(Roles.DUTY_OFFICER)
                        .otherUnit(Roles.COMMANDER, OTHER_COMMANDER, OTHER_UNIT).expect(401, 403, 404, 200),
                Row.of("GET /api/v1/groups/{groupId}/activity-report").path(inPolice)
                        .query(Map.of("period", "HALF_YEAR", "start",
                                LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")).withDayOfMonth(1).toString()))
                        .allowed(Roles.COMMANDER, "commander-1").wrongRole(Roles.DUTY_OFFICER)
                        .otherUnit(Roles.COMMANDER, OTHER_COMMANDER, OTHER_UNIT).expect(401, 403, 404, 200),

                // ---- the roster: by the group's own record, whatever the token says
                Row.of("POST /api/v1/groups/{groupId}/membership-proposals").path(inPolice).allowed(Roles.LEADER, LEADER)
                        .wrongRole(Roles.COMMANDER).otherUnit(otherLeaderWho, otherLeader)
                        .body(() -> Map.of("change", "ADD", "member", member(fresh("am-m"), "Nguyễn Thị Lan")))
                        .expect(401, 403, 403, 200),
                Row.of("POST /api/v1/groups/{groupId}/membership-proposals/{proposalId}/decision").path(() -> {
                    String m = fresh("am-proposed");
                    String proposal = post(Roles.ADMIN, ADMIN, groups + ward + "/membership-proposals",
                            Map.of("change", "ADD", "member", member(m, "Lê Thị Mai"))).statusCode(200).extract()
                            .path("proposals.find { it.memberId == '" + m + "' }.proposalId");
                    return Map.of("groupId", ward, "proposalId", proposal);
                }).allowed(Roles.LEADER, LEADER).wrongRole(Roles.COMMANDER).otherUnit(otherLeaderWho, otherLeader)
                        .body(Map.of("approve", true)).expect(401, 403, 403, 200),
                Row.of("POST /api/v1/groups/{groupId}/role-assignments").path(withFreshMember)
                        .allowed(Roles.LEADER, LEADER).wrongRole(Roles.ADMIN, ADMIN).otherUnit(otherLeaderWho, otherLeader)
                        .body(v -> Map.of("memberId", v.get("memberId"), "role", "ADMIN")).expect(401, 403, 403, 200),
                Row.of("POST /api/v1/groups/{groupId}/handovers")
                        .path(() -> Map.of("groupId", establish(UNIT, "police-song-tri", "POLICE", HANDOVER_LEADER)))
                        .allowed(Roles.LEADER, HANDOVER_LEADER).wrongRole(Roles.ADMIN, ADMIN)
                        .otherUnit(otherLeaderWho, otherLeader)
                        .body(() -> Map.of("role", "LEADER", "fromMemberId", HANDOVER_LEADER, "successor",
                                member(fresh("am-successor"), "Phan Thanh Bình")))
                        .expect(401, 403, 403, 200),
                Row.of("POST /api/v1/groups/{groupId}/leave-requests").path(withFreshMember)
                        .allowed("MEMBER, the fresh member", v -> token(Roles.MEMBER, v.get("memberId")))
                        .wrongRole(Roles.COMMANDER)
                        .otherUnit("MEMBER " + OTHER_MEMBER + ", on the roster of another unit's group only",
                                () -> token(Roles.MEMBER, OTHER_MEMBER))
                        .body(Map.of("reason", "Chuyển nơi ở")).expect(401, 403, 403, 200),
                Row.of("POST /api/v1/groups/{groupId}/leave-requests/{memberId}/consent").path(() -> {
                    // ioc-dak-lak:4.3.9: a member leaves with the leader's consent
                    String ioc = establish(UNIT, "ioc-dak-lak", "OPERATIONS", IOC_LEADER);
                    String m = fresh("am-leaving");
                    add(ioc, IOC_LEADER, m, "Nguyễn Thị Lan", "MEMBER");
                    post(Roles.MEMBER, m, groups + ioc + "/leave-requests", Map.of("reason", "Chuyển công tác"))
                            .statusCode(200);
                    return Map.of("groupId", ioc, "memberId", m);
                }).allowed(Roles.LEADER, IOC_LEADER).wrongRole(Roles.ADMIN, ADMIN).otherUnit(otherLeaderWho, otherLeader)
                        .expect(401, 403, 403, 200),
                Row.of("POST /api/v1/groups/{groupId}/account-changes").path(inPolice).allowed(Roles.LEADER, LEADER)
                        .wrongRole(Roles.COMMANDER).otherUnit(otherLeaderWho, otherLeader)
                        .body(Map.of("memberId", MEMBER, "newPhone", "0912000999")).expect(401, 403, 403, 200),
                Row.of("POST /api/v1/groups/{groupId}/compromised-accounts").path(withFreshMember)
                        .allowed(Roles.LEADER, LEADER).wrongRole(Roles.COMMANDER).otherUnit(otherLeaderWho, otherLeader)
                        .body(v -> Map.of("memberId", v.get("memberId"), "details", "Tài khoản gửi đường dẫn lạ"))
                        .expect(401, 403, 403, 200),
                Row.of("POST /api/v1/groups/{groupId}/info").path(inPolice).allowed(Roles.ADMIN, ADMIN)
                        .wrongRole(Roles.MEMBER, MEMBER).otherUnit(otherLeaderWho, otherLeader)
                        .body(Map.of("description", "Nhóm kết nối Công an phường với Nhân dân"))
                        .expect(401, 403, 403, 200),
                // a member tells the admins the group's messages do not arrive (police-song-tri:7(II).4); a fresh one each
                Row.of("POST /api/v1/groups/{groupId}/delivery-problems").path(withFreshMember)
                        .allowed("MEMBER, the fresh member", v -> token(Roles.MEMBER, v.get("memberId")))
                        .wrongRole(Roles.COMMANDER)
                        .otherUnit("MEMBER " + OTHER_MEMBER + ", on the roster of another unit's group only",
                                () -> token(Roles.MEMBER, OTHER_MEMBER))
                        .body(Map.of("details", "Không nhận được tin nhắn nhóm")).expect(401, 403, 403, 200),
                // an admin's change in the council's group waits for the leader (council-binh-duong:9.1)
                Row.of("POST /api/v1/groups/{groupId}/info-changes/{changeId}/decision").path(() -> {
                    String changeId = post(Roles.ADMIN, ADMIN, groups + council + "/info", Map.of("description",
                            "Nhóm điều hành " + fresh("am-info"))).statusCode(200).extract()
                            .path("infoChanges[-1].changeId");
                    return Map.of("groupId", council, "changeId", changeId);
                }).allowed(Roles.LEADER, COUNCIL_LEADER).wrongRole(Roles.ADMIN, ADMIN)
                        .otherUnit(otherLeaderWho, otherLeader).body(Map.of("approve", true))
                        .expect(401, 403, 403, 200),
                Row.of("POST /api/v1/groups/{groupId}/pins").path(inPolice).allowed(Roles.LEADER, LEADER)
                        .wrongRole(Roles.COMMANDER).otherUnit(otherLeaderWho, otherLeader)
                        .body(() -> Map.of("messageId", fresh("am-msg"))).expect(401, 403, 403, 200),
                Row.of("POST /api/v1/groups/{groupId}/bots").path(inPolice).allowed(Roles.LEADER, LEADER)
                        .wrongRole(Roles.COMMANDER).otherUnit(otherLeaderWho, otherLeader)
                        .body(() -> Map.of("botId", fresh("am-new-bot"))).expect(401, 403, 403, 201),
                Row.of("DELETE /api/v1/groups/{groupId}/bots/{botId}").path(() -> {
                    String bot = fresh("am-bound-bot");
                    bind(police, LEADER, bot);
                    return Map.of("groupId", police, "botId", bot);
                }).allowed(Roles.LEADER, LEADER).wrongRole(Roles.COMMANDER).otherUnit(otherLeaderWho, otherLeader)
                        .expect(401, 403, 403, 200),

                // ---- the superior authority: a commander of the group's unit (404 to another unit's)
                Row.of("POST /api/v1/groups/{groupId}/suspension").path(commandedGroup)
                        .allowed(Roles.COMMANDER, "commander-1").wrongRole(Roles.LEADER, COMMANDED_LEADER)
                        .otherUnit(Roles.COMMANDER, OTHER_COMMANDER, OTHER_UNIT)
                        .body(Map.of("decisionRef", "QĐ 15/QĐ-CAP", "reason", "Xác minh sai phạm", "until", FAR_FUTURE))
                        .expect(401, 403, 404, 200),
                Row.of("POST /api/v1/groups/{groupId}/resumption").path(() -> {
                    Map<String, String> g = commandedGroup.get();
                    post(Roles.SYSTEM_ADMIN, "sysadmin-1", groups + g.get("groupId") + "/suspension",
                            Map.of("decisionRef", "QĐ 16/QĐ-CAP", "reason", "Xác minh", "until", FAR_FUTURE))
                            .statusCode(200);
                    return g;
                }).allowed(Roles.COMMANDER, "commander-1").wrongRole(Roles.LEADER, COMMANDED_LEADER)
                        .otherUnit(Roles.COMMANDER, OTHER_COMMANDER, OTHER_UNIT).expect(401, 403, 404, 200),
                Row.of("POST /api/v1/groups/{groupId}/termination").path(commandedGroup)
                        .allowed(Roles.COMMANDER, "commander-1").wrongRole(Roles.LEADER, COMMANDED_LEADER)
                        .otherUnit(Roles.COMMANDER, OTHER_COMMANDER, OTHER_UNIT)
                        .body(Map.of("ground", "SERIOUS_VIOLATION", "reason", "Vi phạm nghiêm trọng quy chế"))
                        .expect(401, 403, 404, 200),
                Row.of("POST /api/v1/groups/{groupId}/profile").path(commandedGroup)
                        .allowed(Roles.COMMANDER, "commander-1").wrongRole(Roles.LEADER, COMMANDED_LEADER)
                        .otherUnit(Roles.COMMANDER, OTHER_COMMANDER, OTHER_UNIT)
                        .body(Map.of("profile", "ward-binh-phuoc", "decisionRef", "904/QĐ-UBND"))
                        .expect(401, 403, 404, 200),

                // ---- directives: the board issues; members, and a bot bound to the group, acknowledge
                Row.of("POST /api/v1/groups/{groupId}/directives").path(inPolice).allowed(Roles.DEPUTY, DEPUTY)
                        .wrongRole(Roles.COMMANDER).otherUnit(otherLeaderWho, otherLeader)
                        .body(Map.of("text", "Họp giao ban lúc 8 giờ sáng mai")).expect(401, 403, 403, 201),
                Row.of("POST /api/v1/groups/{groupId}/directives/{directiveId}/acknowledgements")
                        .path(() -> Map.of("groupId", police, "directiveId", issueDirective(police)))
                        .allowed(Roles.BOT, BOT).wrongRole(Roles.COMMANDER)
                        .otherUnit("BOT " + OTHER_BOT + ", bound to another unit's group only",
                                () -> token(Roles.BOT, OTHER_BOT))
                        .body(Map.of("via", "REACTION", "memberId", MEMBER)).expect(401, 403, 404, 200),
                // ---- residents' feedback in a neighbourhood group (ward-binh-phuoc:5.2, 6.1)
                Row.of("POST /api/v1/groups/{groupId}/feedback").path(Map.of("groupId", neighbourhood))
                        .allowed(Roles.MEMBER, MEMBER).wrongRole(Roles.COMMANDER).otherUnit(otherMemberWho, otherMember)
                        .body(Map.of("text", "Rác không được thu gom ba ngày nay")).expect(401, 403, 403, 201),
                Row.of("GET /api/v1/groups/{groupId}/feedback").path(Map.of("groupId", neighbourhood))
                        .allowed(Roles.LEADER, LEADER).wrongRole(Roles.DUTY_OFFICER)
                        .otherUnit(Roles.COMMANDER, OTHER_COMMANDER, OTHER_UNIT).expect(401, 403, 404, 200),
                Row.of("GET /api/v1/groups/{groupId}/feedback/{feedbackId}")
                        .path(Map.of("groupId", neighbourhood, "feedbackId", feedback))
                        .allowed(Roles.MEMBER, MEMBER).wrongRole(Roles.DUTY_OFFICER)
                        .otherUnit(Roles.COMMANDER, OTHER_COMMANDER, OTHER_UNIT).expect(401, 403, 404, 200),
                Row.of("POST /api/v1/groups/{groupId}/feedback/{feedbackId}/escalation")
                        .path(() -> Map.of("groupId", neighbourhood, "feedbackId", freshFeedback.get()))
                        .allowed(Roles.LEADER, LEADER).wrongRole(Roles.COMMANDER).otherUnit(otherLeaderWho, otherLeader)
                        .body(Map.of("reason", "Việc của điện lực")).expect(401, 403, 403, 200),
                Row.of("POST /api/v1/groups/{groupId}/feedback/{feedbackId}/answer")
                        .path(() -> Map.of("groupId", neighbourhood, "feedbackId", freshFeedback.get()))
                        .allowed(Roles.LEADER, LEADER).wrongRole(Roles.COMMANDER).otherUnit(otherLeaderWho, otherLeader)
                        .body(Map.of("answer", "Đã báo điện lực")).expect(401, 403, 403, 200),
                // the police group's bot reports an admin action it saw (police-song-tri:6.10)
                Row.of("POST /api/v1/groups/{groupId}/observed-actions").path(Map.of("groupId", police))
                        .allowed(Roles.BOT, BOT).wrongRole(Roles.COMMANDER)
                        .otherUnit("BOT " + OTHER_BOT + ", bound to another unit's group only",
                                () -> token(Roles.BOT, OTHER_BOT))
                        .body(Map.of("account", "zalo-unknown", "action", "ADD_MEMBER")).expect(401, 403, 404, 200),

                // ---- council polls: the board opens; delegates vote, then confirm in writing
                Row.of("POST /api/v1/groups/{groupId}/polls").path(Map.of("groupId", council))
                        .allowed(Roles.LEADER, COUNCIL_LEADER).wrongRole(Roles.COMMANDER)
                        .otherUnit(otherLeaderWho, otherLeader)
                        .body(Map.of("question", "Thông qua kế hoạch giám sát?", "options", List.of("Đồng ý",
                                "Không đồng ý"), "closesAt", FAR_FUTURE))
                        .expect(401, 403, 403, 201),
                Row.of("POST /api/v1/groups/{groupId}/polls/{pollId}/votes").path(Map.of("groupId", council, "pollId",
                        poll)).allowed(Roles.MEMBER, DELEGATE).wrongRole(Roles.COMMANDER)
                        .otherUnit(otherLeaderWho, otherLeader).body(Map.of("option", "Đồng ý"))
                        .expect(401, 403, 403, 200),
                // the decider looks for the caller's vote before the roster: an outsider, who cast none, is 422
                Row.of("POST /api/v1/groups/{groupId}/polls/{pollId}/confirmations").path(() -> {
                    String p = openPoll(council);
                    post(Roles.MEMBER, DELEGATE, groups + council + "/polls/" + p + "/votes",
                            Map.of("option", "Đồng ý")).statusCode(200);
                    return Map.of("groupId", council, "pollId", p);
                }).allowed(Roles.MEMBER, DELEGATE).wrongRole(Roles.COMMANDER).otherUnit(otherLeaderWho, otherLeader)
                        .body(Map.of("confirmation", "Tôi xác nhận biểu quyết Đồng ý.")).expect(401, 403, 422, 200),

                // ---- test-only probes of the problem mappers (ProblemProbeResource): in the document too
                Row.of("POST /test/problems/validate").allowed(Roles.SYSTEM_ADMIN, "sysadmin-1")
                        .wrongRole(Roles.COMMANDER).unscoped("a test-only probe of the problem mappers")
                        .body(Map.of("name", "thử")).expect(401, 403, SKIPPED, 200),
                Row.of("GET /test/problems/{kind}").path(Map.of("kind", "nothing")).allowed(Roles.SYSTEM_ADMIN,
                        "sysadmin-1").wrongRole(Roles.COMMANDER).unscoped("a test-only probe of the problem mappers")
                        .expect(401, 403, SKIPPED, 200),

                AuthorizationMatrix.whoAmI());

        AuthorizationMatrix.check(AuthorizationMatrix.operations(), rows);
    }
}
