package vn.binhyen.moderation;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static vn.binhyen.testsupport.AuthorizationMatrix.SKIPPED;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import vn.binhyen.contracts.Roles;
import vn.binhyen.eventlog.testing.GroupEventsOnTheTopic;
import vn.binhyen.testsupport.AuthorizationMatrix;
import vn.binhyen.testsupport.AuthorizationMatrix.Column;
import vn.binhyen.testsupport.AuthorizationMatrix.Row;
import vn.binhyen.testsupport.KafkaBrokerResource;
import vn.binhyen.testsupport.PostgresDatabaseResource;
import vn.binhyen.testsupport.Tokens;

/**
 * moderation-service's authorisation matrix (issue 21), generated from its OpenAPI document:
 * every operation asked without a token (401), by a role it does not allow (403), by the right
 * role of another unit, and by the right caller, who succeeds. Who may act where comes from
 * group-service's events (eventlog's Directory), never from the token: a bot screens only for a
 * group it is bound to (403, bot-not-bound); a post's group's board, by the roster, verifies,
 * returns, approves and publishes it (403 to another group's board); a commander or an auditor
 * oversees the groups of their own unit ({@code Directory#mayOversee}): another unit's is told a
 * post is unknown (404), and its review queue and violations are empty to them (200, nothing).
 * The fixture: a police group of {@link #UNIT} (leader, admin, member, a bot) and one of
 * {@link #OTHER_UNIT}, announced on the group events topic; each row whose right call moves a
 * post or a review on has a post or a review of its own.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PostgresDatabaseResource.class)
class AuthorizationMatrixTests {
    static final String UNIT = Tokens.DEFAULT_UNIT;
    static final String OTHER_UNIT = "ca-phuong-song-cau";
    static final String LEADER = "am-leader";
    static final String ADMIN = "am-admin";
    static final String MEMBER = "am-member";
    static final String BOT = "am-bot";
    static final String OTHER_LEADER = "am-other-leader";
    static final String OTHER_ADMIN = "am-other-admin";
    static final String OTHER_MEMBER = "am-other-member";
    static final String OTHER_BOT = "am-other-bot";
    static final String OTHER_COMMANDER = "am-other-commander";

    @Inject
    AgroalDataSource dataSource;

    static String fresh(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static ValidatableResponse post(String role, String subject, String path, Object body) {
        var spec = given().auth().oauth2(Tokens.forRole(role, subject)).contentType("application/json");
        return (body == null ? spec.post(path) : spec.body(body).post(path)).then();
    }

    static Map<String, Object> message(String group, String messageId, String author, String text) {
        return Map.of("groupId", group, "messageId", messageId, "author", Map.of("id", author,
                "displayName", "Nguyễn Văn An"), "text", text);
    }

    /** The group's bot screens a message; its answer. */
    static ValidatableResponse screen(String group, String author, String text) {
        return post(Roles.BOT, BOT, "/api/v1/screenings", message(group, fresh("am-msg"), author, text))
                .statusCode(200);
    }

    /** A message held for the board (FLAG, police-song-tri:13.1, an unverified rumour): its review's id. */
    static String flagged(String group) {
        String review = screen(group, fresh("am-rumour"), "Nghe đồn mai cắt điện cả phường, mọi người chuẩn bị")
                .extract().path("reviewId");
        if (review == null) {
            throw new AssertionError("the rumour was not held for review in " + group);
        }
        return review;
    }

    /** A post the group's member submits (police-song-tri:13.2): its id. */
    static String submitted(String group) {
        return post(Roles.MEMBER, MEMBER, "/api/v1/groups/" + group + "/posts", Map.of("text",
                "Cảnh báo thủ đoạn giả danh công an gọi điện", "sourceKind", "d", "source",
                "https://bocongan.gov.vn/tin-tuc/canh-bao"))
                .statusCode(201).extract().path("postId");
    }

    static void step(String role, String subject, String postId, String step, Object body) {
        post(role, subject, "/api/v1/posts/" + postId + "/" + step, body).statusCode(200);
    }

    long count(String sql, String... values) throws Exception {
        try (var c = dataSource.getConnection(); var ps = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                ps.setString(i + 1, values[i]);
            }
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Test
    void everyOperation_answersEachCallerAsItsRulesSay_issue_21() throws Exception {
        String police = GroupEventsOnTheTopic.newGroupId();
        String other = GroupEventsOnTheTopic.newGroupId();
        try (var events = new GroupEventsOnTheTopic()) {
            events.group(police, UNIT, "POLICE", "police-song-tri", LEADER).member(police, ADMIN, "ADMIN")
                    .member(police, MEMBER, "MEMBER").bot(police, BOT)
                    .group(other, OTHER_UNIT, "POLICE", "police-song-tri", OTHER_LEADER)
                    .member(other, OTHER_ADMIN, "ADMIN").member(other, OTHER_MEMBER, "MEMBER").bot(other, OTHER_BOT);
        }
        // each group's bot is its last event: once both are bound, both rosters and profiles are known
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> count(
                "select count(*) from directory_bot where group_id in (?, ?)", police, other) == 2);

        String post = submitted(police);
        String review = flagged(police);
        // a classified marking: removed in the police group (police-song-tri:6.1), a violation on the record
        screen(police, fresh("am-leaker"), "Gửi anh em tài liệu Tối mật về kế hoạch tuần tra");

        Supplier<String> otherAdmin = () -> Tokens.forRole(Roles.ADMIN, OTHER_ADMIN);
        String otherAdminWho = "ADMIN " + OTHER_ADMIN + ", on the board of another unit's group only";
        Supplier<String> otherMember = () -> Tokens.forRole(Roles.MEMBER, OTHER_MEMBER);
        String otherMemberWho = "MEMBER " + OTHER_MEMBER + ", on the roster of another unit's group only";

        List<Row> rows = List.of(
                // ---- screening, for the bots bound to the group
                Row.of("POST /api/v1/screenings").allowed(Roles.BOT, BOT).wrongRole(Roles.MEMBER)
                        .otherUnit("BOT " + OTHER_BOT + ", bound to another unit's group only",
                                () -> Tokens.forRole(Roles.BOT, OTHER_BOT))
                        .body(() -> message(police, fresh("am-msg"), MEMBER, "Xin chào cả nhà"))
                        .expect(401, 403, 403, 200),

                // ---- the publishing workflow (police-song-tri:13.2): the roster, not the token
                Row.of("POST /api/v1/groups/{groupId}/posts").path(Map.of("groupId", police))
                        .allowed(Roles.MEMBER, MEMBER).wrongRole(Roles.COMMANDER).otherUnit(otherMemberWho, otherMember)
                        .body(Map.of("text", "Cảnh báo thủ đoạn giả danh công an gọi điện", "sourceKind", "d", "source",
                                "https://bocongan.gov.vn/tin-tuc/canh-bao"))
                        .expect(401, 403, 404, 201),
                Row.of("GET /api/v1/groups/{groupId}/posts").path(Map.of("groupId", police))
                        .allowed(Roles.ADMIN, ADMIN).wrongRole(Roles.COMMANDER).otherUnit(otherAdminWho, otherAdmin)
                        .expect(401, 403, 404, 200),
                Row.of("GET /api/v1/posts/{postId}").path(Map.of("postId", post)).allowed(Roles.COMMANDER, "commander-1")
                        .wrongRole(Roles.BOT).otherUnit(Roles.COMMANDER, OTHER_COMMANDER, OTHER_UNIT)
                        .expect(401, 403, 404, 200),
                Row.of("POST /api/v1/posts/{postId}/return").path(() -> Map.of("postId", submitted(police)))
                        .allowed(Roles.ADMIN, ADMIN).wrongRole(Roles.COMMANDER).otherUnit(otherAdminWho, otherAdmin)
                        .body(Map.of("comments", "Bổ sung thời gian, địa điểm")).expect(401, 403, 403, 200),
                Row.of("POST /api/v1/posts/{postId}/revision").path(() -> {
                    String p = submitted(police);
                    step(Roles.ADMIN, ADMIN, p, "return", Map.of("comments", "Bổ sung thời gian, địa điểm"));
                    return Map.of("postId", p);
                }).allowed(Roles.MEMBER, MEMBER).wrongRole(Roles.COMMANDER).otherUnit(otherMemberWho, otherMember)
                        .body(Map.of("text", "Cảnh báo thủ đoạn giả danh công an gọi điện (22/11, phường Sông Trí)",
                                "sourceKind", "d", "source", "https://bocongan.gov.vn/tin-tuc/canh-bao"))
                        .expect(401, 403, 403, 200),
                Row.of("POST /api/v1/posts/{postId}/verification").path(() -> Map.of("postId", submitted(police)))
                        .allowed(Roles.ADMIN, ADMIN).wrongRole(Roles.COMMANDER).otherUnit(otherAdminWho, otherAdmin)
                        .expect(401, 403, 403, 200),
                Row.of("POST /api/v1/posts/{postId}/approval").path(() -> {
                    String p = submitted(police);
                    step(Roles.ADMIN, ADMIN, p, "verification", null);
                    return Map.of("postId", p);
                }).allowed(Roles.LEADER, LEADER).wrongRole(Roles.COMMANDER).otherUnit(otherAdminWho, otherAdmin)
                        .body(Map.of()).expect(401, 403, 403, 200),
                Row.of("POST /api/v1/posts/{postId}/publication").path(() -> {
                    String p = submitted(police);
                    step(Roles.ADMIN, ADMIN, p, "verification", null);
                    step(Roles.LEADER, LEADER, p, "approval", Map.of());
                    return Map.of("postId", p);
                }).allowed(Roles.LEADER, LEADER).wrongRole(Roles.COMMANDER).otherUnit(otherAdminWho, otherAdmin)
                        .expect(401, 403, 403, 200),

                // ---- reviews and the ledger: to those who oversee the group (Directory#mayOversee)
                Row.of("GET /api/v1/reviews").query(Map.of("groupId", police)).allowed(Roles.COMMANDER, "commander-1")
                        .wrongRole(Roles.BOT).otherUnit(Roles.COMMANDER, OTHER_COMMANDER, OTHER_UNIT)
                        .expect(401, 403, 200, 200)
                        .answerFor(Column.RIGHT, "the group's open review", a -> a.body().contains(review))
                        .answerFor(Column.OTHER_UNIT, "an empty queue", a -> a.body().strip().equals("[]")),
                Row.of("POST /api/v1/reviews/{reviewId}/decision").path(() -> Map.of("reviewId", flagged(police)))
                        .allowed(Roles.ADMIN, ADMIN).wrongRole(Roles.COMMANDER).otherUnit(otherAdminWho, otherAdmin)
                        .body(Map.of("outcome", "OVERTURNED", "note", "Đã xác minh: tin có nguồn chính thức"))
                        .expect(401, 403, 403, 200),
                Row.of("GET /api/v1/rules/false-positive-rates").allowed(Roles.AUDITOR, "auditor-1")
                        .wrongRole(Roles.MEMBER)
                        .unscoped("a rate per rule, across every group: no group's records, nothing of a unit's")
                        .expect(401, 403, SKIPPED, 200),
                Row.of("GET /api/v1/violations").query(Map.of("groupId", police)).allowed(Roles.COMMANDER, "commander-1")
                        .wrongRole(Roles.BOT).otherUnit(Roles.COMMANDER, OTHER_COMMANDER, OTHER_UNIT)
                        .expect(401, 403, 200, 200)
                        .answerFor(Column.RIGHT, "the group's violation", a -> a.body().contains(police))
                        .answerFor(Column.OTHER_UNIT, "no violation", a -> a.body().strip().equals("[]")),

                // ---- audits: every auditor, every stream (AuditQuery); the reads are themselves audited
                Row.of("GET /api/v1/audit/streams/{streamId}").path(Map.of("streamId", post))
                        .allowed(Roles.AUDITOR, "auditor-1").wrongRole(Roles.COMMANDER)
                        .unscoped("moderation's audit answers any auditor for any stream: it matches no stream to a unit")
                        .expect(401, 403, SKIPPED, 200),

                AuthorizationMatrix.whoAmI());

        AuthorizationMatrix.check(AuthorizationMatrix.operations(), rows);
    }
}
