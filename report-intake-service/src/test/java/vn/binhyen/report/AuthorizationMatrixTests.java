package vn.binhyen.report;

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
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import vn.binhyen.contracts.Roles;
import vn.binhyen.report.support.World;
import vn.binhyen.testsupport.AuthorizationMatrix;
import vn.binhyen.testsupport.AuthorizationMatrix.Answer;
import vn.binhyen.testsupport.AuthorizationMatrix.Column;
import vn.binhyen.testsupport.AuthorizationMatrix.Row;
import vn.binhyen.testsupport.KafkaBrokerResource;
import vn.binhyen.testsupport.DashboardSignIn;
import vn.binhyen.testsupport.KeycloakResource;
import vn.binhyen.testsupport.KeycloakTokens;
import vn.binhyen.testsupport.PostgresDatabaseResource;
import vn.binhyen.testsupport.Tokens;

/**
 * report-intake-service's authorisation matrix (issue 21), generated from its OpenAPI document:
 * every operation asked without a token (401), by a role it does not allow (403), by the right
 * role of another unit, and by the right caller, who succeeds. A report belongs to the unit that
 * received it ({@code ReportScope}): to another unit's officers it does not exist (404), and
 * their queue, their Open311 lookups and their register show nothing of it; a bot files and
 * reads only through a group it is bound to (403 otherwise). The dashboard ({@code /dashboard})
 * is no bearer API: its pages answer a request without a session, or with a bearer token, by
 * sending it to the sign-in page (303), and a signed-in officer's session cookie as its right
 * caller; an officer of another unit is told a report or a register is unknown (404).
 * The fixture: {@link World} (the ward police and another ward's, their police groups and
 * bots), a tip of the unit, and dashboard officers of both units; each row whose right call
 * moves a report on has a report of its own.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PostgresDatabaseResource.class)
@QuarkusTestResource(KeycloakResource.class)
class AuthorizationMatrixTests {
    static final String UNIT = Tokens.DEFAULT_UNIT;
    static final String OTHER_UNIT = World.OTHER_UNIT;
    /** Bound to the unit's police group ({@link World#BOTS}). */
    static final String BOT = "bot-police";
    /** Bound to the other unit's police group only. */
    static final String OTHER_BOT = "bot-other";
    static final String COOKIE = "binhyen_session";
    static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    static String fresh(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static ValidatableResponse post(String role, String subject, String path, Object body) {
        var spec = given().auth().oauth2(Tokens.forRole(role, subject)).contentType("application/json");
        return (body == null ? spec.post(path) : spec.body(body).post(path)).then();
    }

    /** A complete crime tip, relayed by the unit's bot from its police group. */
    static Map<String, Object> tip(String summary) {
        return Map.of("type", "CRIME_TIP", "channel", "zalo", "groupId", World.POLICE_GROUP,
                "reporter", Map.of("name", "Nguyễn Văn Bình", "address", "12 Lê Lợi", "phone", "0912345678"),
                "details", Map.of("incidentAt", Instant.now().minus(Duration.ofHours(1)).toString(),
                        "place", "Chợ Sông Trí", "summary", summary, "howKnown", "tôi chứng kiến"));
    }

    /** A report the unit received (201, or 422 with what it still lacks: recorded either way); its id. */
    static String received(Map<String, Object> body) {
        return post(Roles.BOT, BOT, "/api/v1/reports", body).statusCode(anyOf(is(201), is(422)))
                .extract().path("reportId");
    }

    static String tip() {
        return received(tip("Hai đối tượng trộm xe máy tại chợ"));
    }

    static String step(String role, String subject, String reportId, String step, Object body) {
        post(role, subject, "/api/v1/reports/" + reportId + "/" + step, body).statusCode(200);
        return reportId;
    }

    static String classified(String reportId) {
        return step(Roles.DUTY_OFFICER, "duty-1", reportId, "classification", Map.of("category", "Trộm cắp tài sản",
                "securityRelated", true, "withinJurisdiction", true));
    }

    static String writtenUp(String reportId) {
        return step(Roles.DUTY_OFFICER, "duty-1", classified(reportId), "written-report",
                Map.of("writtenReport", "Báo cáo: trộm xe tại chợ"));
    }

    static String forwarded(String reportId) {
        return step(Roles.COMMANDER, "commander-1", writtenUp(reportId), "forwarding", Map.of("pctpOfficer", "pctp-1"));
    }

    /**
     * A dashboard officer of {@code unit}, signed in through Keycloak's pages (issue 22): the
     * session's cookie and CSRF token, as the headers of a request.
     */
    static Map<String, String> signedIn(String unit) {
        String username = fresh("am-officer");
        KeycloakResource.tokens().user(username, Roles.DUTY_OFFICER, unit, true);
        try {
            String session = DashboardSignIn.session(KeycloakResource.dashboard(), username,
                    KeycloakTokens.password(username), KeycloakTokens.nextUnusedCode(username));
            String page = given().cookie(COOKIE, session).get("/dashboard").then().statusCode(200).extract().asString();
            return Map.of("Cookie", COOKIE + "=" + session, "X-CSRF-Token", DashboardSignIn.csrf(page));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Made once, when first asked for. */
    static <T> Supplier<T> once(Supplier<T> make) {
        AtomicReference<T> made = new AtomicReference<>();
        return () -> {
            if (made.get() == null) {
                made.set(make.get());
            }
            return made.get();
        };
    }

    /** The dashboard's answer to a request without a session: to the sign-in page. */
    static final Predicate<Answer> TO_SIGN_IN = a -> a.header("Location") != null
            && a.header("Location").endsWith("/dashboard/sign-in");

    /** A dashboard page: 303 to the sign-in page without a session, {@code right} with the unit's officer's. */
    static Row page(String operation, Supplier<Map<String, String>> officer, int right) {
        return Row.of(operation).open("the dashboard signs officers in with a session cookie, not a bearer token", 303)
                .credential("a signed-in duty officer of the unit", officer, right)
                .answerFor(Column.NO_TOKEN, "a redirect to the sign-in page", TO_SIGN_IN)
                .answerFor(Column.WRONG_ROLE, "a redirect to the sign-in page", TO_SIGN_IN);
    }

    @Test
    void everyOperation_answersEachCallerAsItsRulesSay_issue_21() {
        World.ensure();
        String report = tip();
        int year = LocalDate.now(VIETNAM).getYear();
        Supplier<Map<String, String>> officer = once(() -> signedIn(UNIT));
        Supplier<Map<String, String>> otherOfficer = once(() -> signedIn(OTHER_UNIT));
        String otherOfficerWho = "a signed-in duty officer of " + OTHER_UNIT;
        Map<String, String> ofReport = Map.of("reportId", report);
        String otherBotWho = "BOT " + OTHER_BOT + ", bound to another unit's group only";
        Supplier<String> otherBot = () -> Tokens.forRole(Roles.BOT, OTHER_BOT);

        List<Row> rows = List.of(
                // ---- intake: bots through the groups they are bound to, duty officers for their unit
                Row.of("POST /api/v1/reports").allowed(Roles.BOT, BOT).wrongRole(Roles.MEMBER)
                        .otherUnit(otherBotWho, otherBot).body(() -> tip("Đối tượng lạ theo dõi nhà dân"))
                        .expect(401, 403, 403, 201),
                Row.of("POST /api/v1/reports/{reportId}/completion").path(() -> Map.of("reportId", tip()))
                        .allowed(Roles.BOT, BOT).wrongRole(Roles.COMMANDER).otherUnit(otherBotWho, otherBot)
                        .body(Map.of("details", Map.of("witnesses", "Bà Lan bán nước đầu hẻm")))
                        .expect(401, 403, 404, 200),

                // ---- reads: the unit's officers (another unit's: unknown, or nothing of it)
                Row.of("GET /api/v1/reports").allowed(Roles.DUTY_OFFICER, "duty-1").wrongRole(Roles.BOT)
                        .otherUnit(Roles.DUTY_OFFICER, "am-duty-song-cau", OTHER_UNIT).expect(401, 403, 200, 200)
                        .answerFor(Column.OTHER_UNIT, "none of the unit's reports", a -> !a.body().contains(report)),
                Row.of("GET /api/v1/reports/{reportId}").path(ofReport).allowed(Roles.DUTY_OFFICER, "duty-1")
                        .wrongRole(Roles.BOT).otherUnit(Roles.DUTY_OFFICER, "am-duty-song-cau", OTHER_UNIT)
                        .expect(401, 403, 404, 200),

                // ---- the workflow (police-song-tri:15.1-15.4), each step by its role, for the unit only
                Row.of("POST /api/v1/reports/{reportId}/classification").path(() -> Map.of("reportId", tip()))
                        .allowed(Roles.DUTY_OFFICER, "duty-1").wrongRole(Roles.AUDITOR)
                        .otherUnit(Roles.DUTY_OFFICER, "am-duty-song-cau", OTHER_UNIT)
                        .body(Map.of("category", "Trộm cắp tài sản", "securityRelated", true, "withinJurisdiction", true))
                        .expect(401, 403, 404, 200),
                Row.of("POST /api/v1/reports/{reportId}/written-report")
                        .path(() -> Map.of("reportId", classified(tip()))).allowed(Roles.DUTY_OFFICER, "duty-1")
                        .wrongRole(Roles.AUDITOR).otherUnit(Roles.DUTY_OFFICER, "am-duty-song-cau", OTHER_UNIT)
                        .body(Map.of("writtenReport", "Báo cáo: trộm xe tại chợ")).expect(401, 403, 404, 200),
                Row.of("POST /api/v1/reports/{reportId}/forwarding").path(() -> Map.of("reportId", writtenUp(tip())))
                        .allowed(Roles.COMMANDER, "commander-1").wrongRole(Roles.AUDITOR)
                        .otherUnit(Roles.COMMANDER, "am-commander-song-cau", OTHER_UNIT)
                        .body(Map.of("pctpOfficer", "pctp-1")).expect(401, 403, 404, 200),
                Row.of("POST /api/v1/reports/{reportId}/registration").path(() -> Map.of("reportId", forwarded(tip())))
                        .allowed(Roles.PCTP_OFFICER, "pctp-1").wrongRole(Roles.AUDITOR)
                        .otherUnit(Roles.PCTP_OFFICER, "am-pctp-song-cau", OTHER_UNIT).body(Map.of())
                        .expect(401, 403, 404, 200),
                Row.of("POST /api/v1/reports/{reportId}/resolution").path(() -> Map.of("reportId", classified(received(
                        Map.of("type", "FEEDBACK", "channel", "zalo", "groupId", World.POLICE_GROUP, "reporter",
                                Map.of("name", "Trần Thị Hoa", "address", "5 Nguyễn Huệ", "phone", "0987654321"),
                                "content", "Đèn đường hẻm 12 bị hỏng nhiều ngày")))))
                        .allowed(Roles.DUTY_OFFICER, "duty-1").wrongRole(Roles.AUDITOR)
                        .otherUnit(Roles.DUTY_OFFICER, "am-duty-song-cau", OTHER_UNIT)
                        .body(Map.of("result", "Đã báo điện lực thay bóng đèn")).expect(401, 403, 404, 200),
                Row.of("POST /api/v1/reports/{reportId}/transfer").path(() -> Map.of("reportId", classified(tip())))
                        .allowed(Roles.DUTY_OFFICER, "duty-1").wrongRole(Roles.AUDITOR)
                        .otherUnit(Roles.DUTY_OFFICER, "am-duty-song-cau", OTHER_UNIT)
                        .body(Map.of("body", "Công an tỉnh", "reason", "Vượt thẩm quyền của Công an phường"))
                        .expect(401, 403, 404, 200),
                Row.of("POST /api/v1/reports/{reportId}/emergency-acknowledgement").path(() -> Map.of("reportId",
                        received(Map.of("type", "EMERGENCY", "channel", "zalo", "groupId", World.POLICE_GROUP,
                                "details", Map.of("place", "Tiệm vàng Kim Thành", "summary", "Có người đang cướp")))))
                        .allowed(Roles.COMMANDER, "commander-1").wrongRole(Roles.AUDITOR)
                        .otherUnit(Roles.COMMANDER, "am-commander-song-cau", OTHER_UNIT).expect(401, 403, 404, 200),
                // ---- the console's "nhận xử lý" and notes between officers (issue 24)
                Row.of("POST /api/v1/reports/{reportId}/taking").path(() -> Map.of("reportId", tip()))
                        .allowed(Roles.PCTP_OFFICER, "pctp-1").wrongRole(Roles.AUDITOR)
                        .otherUnit(Roles.PCTP_OFFICER, "am-pctp-song-cau", OTHER_UNIT).expect(401, 403, 404, 200),
                Row.of("POST /api/v1/reports/{reportId}/notes").path(ofReport)
                        .allowed(Roles.DUTY_OFFICER, "duty-1").wrongRole(Roles.AUDITOR)
                        .otherUnit(Roles.DUTY_OFFICER, "am-duty-song-cau", OTHER_UNIT)
                        .body(Map.of("note", "Đã gọi lại người báo, hẹn 9 giờ gặp tại chợ")).expect(401, 403, 404, 200),
                Row.of("POST /api/v1/reports/{reportId}/reporter-shredding").path(() -> Map.of("reportId", tip()))
                        .allowed(Roles.COMMANDER, "commander-1").wrongRole(Roles.DUTY_OFFICER)
                        .otherUnit(Roles.COMMANDER, "am-commander-song-cau", OTHER_UNIT)
                        .body(Map.of("reason", "Người báo tin yêu cầu xóa dữ liệu")).expect(401, 403, 404, 200),

                // ---- the crime-source register of a unit (form no. 294)
                Row.of("GET /api/v1/register").query(Map.of("unit", UNIT, "year", year))
                        .allowed(Roles.PCTP_OFFICER, "pctp-1").wrongRole(Roles.BOT)
                        .otherUnit(Roles.PCTP_OFFICER, "am-pctp-song-cau", OTHER_UNIT).expect(401, 403, 404, 200),
                Row.of("GET /api/v1/register/printable").query(Map.of("unit", UNIT, "year", year))
                        .allowed(Roles.COMMANDER, "commander-1").wrongRole(Roles.BOT)
                        .otherUnit(Roles.COMMANDER, "am-commander-song-cau", OTHER_UNIT).expect(401, 403, 404, 200),

                // ---- the duty roster: each unit's own (another unit's officers set and read theirs: ReportResourceTests)
                Row.of("PUT /api/v1/duty-roster/{date}")
                        .path(Map.of("date", LocalDate.now(VIETNAM).plusDays(400).toString()))
                        .allowed(Roles.COMMANDER, "commander-1").wrongRole(Roles.DUTY_OFFICER)
                        .unscoped("a commander sets their own unit's roster: another unit's commander sets theirs")
                        .body(Map.of("officers", List.of("duty-1", "duty-2"))).expect(401, 403, SKIPPED, 200),
                Row.of("GET /api/v1/duty-roster/today").query(Map.of("unit", UNIT))
                        .allowed(Roles.DUTY_OFFICER, "duty-1").wrongRole(Roles.BOT)
                        .otherUnit(Roles.DUTY_OFFICER, "am-duty-song-cau", OTHER_UNIT).expect(401, 403, 404, 200),


                // ---- audits: every auditor, every stream (AuditQuery), the reporter masked
                Row.of("GET /api/v1/audit/streams/{streamId}").path(Map.of("streamId", report))
                        .allowed(Roles.AUDITOR, "auditor-1").wrongRole(Roles.COMMANDER)
                        .unscoped("report-intake's audit answers any auditor for any stream, the reporter masked: "
                                + "it matches no stream to a unit")
                        .expect(401, 403, SKIPPED, 200),

                // ---- Open311 GeoReport v2: discovery and the service catalogue are public; a request is filed and
                // read with a client's api_key (Open311Tests) or a bot's bearer token, each for the units of the
                // groups its bot is bound to; GeoReport answers a missing credential with 403, not 401
                Row.of("GET /open311/discovery.{format}").path(Map.of("format", "json")).open("the GeoReport discovery document, for anyone", 200),
                Row.of("GET /open311/v2/services.{format}").path(Map.of("format", "xml")).open("the report types, the same for every unit", 200),
                Row.of("GET /open311/v2/services/{code}.{format}").path(Map.of("code", "crime-tip", "format", "json"))
                        .open("a service's definition, for anyone", 200),
                Row.of("POST /open311/v2/requests.{format}").path(Map.of("format", "json")).allowed(Roles.BOT, "open311-client").wrongRole(Roles.DUTY_OFFICER)
                        .otherUnit(otherBotWho, otherBot)
                        .form(Map.of("jurisdiction_id", UNIT, "service_code", "feedback", "description",
                                "Den duong hem 12 bi hong", "first_name", "Lan", "last_name", "Tran Thi", "phone",
                                "0905123456"))
                        .expect(403, 403, 403, 200),
                Row.of("GET /open311/v2/requests/{id}.{format}").path(Map.of("id", report, "format", "json")).allowed(Roles.BOT, BOT)
                        .wrongRole(Roles.MEMBER).otherUnit(otherBotWho, otherBot).expect(403, 404, 404, 200),
                Row.of("GET /open311/v2/requests.{format}").path(Map.of("format", "json")).query(Map.of("service_request_id", report))
                        .allowed(Roles.BOT, BOT).wrongRole(Roles.MEMBER).otherUnit(otherBotWho, otherBot)
                        .expect(403, 200, 200, 200)
                        .answerFor(Column.RIGHT, "the unit's request", a -> a.body().contains(report))
                        .answerFor(Column.WRONG_ROLE, "no request", a -> a.body().strip().equals("[]"))
                        .answerFor(Column.OTHER_UNIT, "no request", a -> a.body().strip().equals("[]")),
                Row.of("POST /api/v1/open311/clients/{client}/key").path(Map.of("client", "open311-client"))
                        .allowed(Roles.SYSTEM_ADMIN, "sa-1").wrongRole(Roles.DUTY_OFFICER)
                        .unscoped("system administrators issue keys; a key files only where its bot is bound")
                        .expect(401, 403, SKIPPED, 201),
                Row.of("DELETE /api/v1/open311/clients/{client}/key").path(() -> {
                    given().auth().oauth2(Tokens.forRole(Roles.SYSTEM_ADMIN, "sa-1"))
                            .post("/api/v1/open311/clients/open311-client/key").then().statusCode(201);
                    return Map.of("client", "open311-client");
                }).allowed(Roles.SYSTEM_ADMIN, "sa-1").wrongRole(Roles.DUTY_OFFICER)
                        .unscoped("system administrators revoke keys").expect(401, 403, SKIPPED, 204),

                AuthorizationMatrix.whoAmI(),

                // ---- the dashboard: a session cookie, no bearer token
                Row.of("GET /dashboard/login").open("the sign-in page, for anyone", 200),
                // signing in is Keycloak's (issue 22): a sign-in that works is each session of this test
                Row.of("GET /dashboard/sign-in").open("off to Keycloak's sign-in, for anyone", 303)
                        .answerFor(Column.NO_TOKEN, "a redirect to Keycloak's authorization endpoint, with PKCE",
                                a -> a.header("Location") != null && a.header("Location").contains("/realms/binhyen/")
                                        && a.header("Location").contains("code_challenge_method=S256")),
                Row.of("GET /dashboard/callback").query(Map.of("code", "a-guessed-code", "state", "a-guessed-state"))
                        .open("Keycloak's callback: a state this browser did not start signs nobody in", 303)
                        .answerFor(Column.NO_TOKEN, "back to the sign-in page, told to sign in again",
                                a -> a.header("Location") != null && a.header("Location").endsWith("loi=het-han")),
                Row.of("POST /dashboard/backchannel-logout")
                        .open("Keycloak's back-channel logout: a logout token that does not validate is 400", 400)
                        .form(Map.of("logout_token", "not.a.token")),
                Row.of("POST /dashboard/logout").open("the dashboard signs officers in with a session cookie", 303)
                        .credential("a signed-in duty officer of the unit, signing out (with the session's CSRF token)",
                                () -> signedIn(UNIT), 303)
                        .answerFor(Column.NO_TOKEN, "to the page saying so", a -> a.header("Location") != null
                                && a.header("Location").endsWith("/dashboard/login?ra=1"))
                        .answerFor(Column.RIGHT, "to Keycloak's end-session endpoint", a -> a.header("Location") != null
                                && a.header("Location").contains("/protocol/openid-connect/logout")),
                page("GET /dashboard", officer, 200),
                Row.of("GET /dashboard/queue")
                        .open("the page's own fetch of its rows follows a session cookie: without one it is 401", 401)
                        .credential("a signed-in duty officer of the unit", officer, 200),
                Row.of("GET /dashboard/stream").eventStream()
                        .open("the dashboard's stream follows a session cookie: without one it is 401", 401)
                        .credential("a signed-in duty officer of the unit", officer, 200),
                page("GET /dashboard/reports/{id}", officer, 200).path(Map.of("id", report))
                        .otherUnitCredential(otherOfficerWho, otherOfficer, 404),
                page("POST /dashboard/reports/{id}/{action}", officer, 303)
                        .path(() -> Map.of("id", tip(), "action", "classification"))
                        .form(Map.of("category", "Trom cap tai san", "withinJurisdiction", "on"))
                        .otherUnitCredential(otherOfficerWho, otherOfficer, 404)
                        .answerFor(Column.RIGHT, "back to the report, the step done", a -> a.header("Location") != null
                                && a.header("Location").contains("/dashboard/reports/")
                                && !a.header("Location").contains("loi=")),
                page("GET /dashboard/register", officer, 200).query(Map.of("unit", UNIT))
                        .otherUnitCredential(otherOfficerWho, otherOfficer, 404),
                page("GET /dashboard/register.csv", officer, 200).query(Map.of("unit", UNIT))
                        .otherUnitCredential(otherOfficerWho, otherOfficer, 404),
                page("GET /dashboard/roster", officer, 200),
                // the console's figures and handover: of the units whose queue the officer sees (issue 24)
                page("GET /dashboard/statistics", officer, 200),
                page("GET /dashboard/statistics/days.csv", officer, 200),
                page("GET /dashboard/statistics/months.csv", officer, 200),
                page("GET /dashboard/statistics/report", officer, 200),
                page("GET /dashboard/handover", officer, 200),
                // the boards' console calls group- and moderation-service as the person: not running here, so
                // the page says so (200) and a step is not done (back to the page, told why)
                page("GET /dashboard/approvals", officer, 200),
                page("POST /dashboard/approvals/{groupId}/proposals/{proposalId}", officer, 303)
                        .path(Map.of("groupId", "group-x", "proposalId", "proposal-x")).form(Map.of("approve", "1")),
                page("POST /dashboard/approvals/{groupId}/leave-requests/{memberId}", officer, 303)
                        .path(Map.of("groupId", "group-x", "memberId", "member-x")).form(Map.of("version", "3")),
                page("POST /dashboard/approvals/{groupId}/info-changes/{changeId}", officer, 303)
                        .path(Map.of("groupId", "group-x", "changeId", "change-x")).form(Map.of("approve", "0")),
                page("POST /dashboard/approvals/reviews/{reviewId}", officer, 303)
                        .path(Map.of("reviewId", "review-x")).form(Map.of("outcome", "CONFIRMED")),
                page("POST /dashboard/approvals/posts/{postId}/{step}", officer, 303)
                        .path(Map.of("postId", "post-x", "step", "verification")).form(Map.of("version", "1")));

        AuthorizationMatrix.check(AuthorizationMatrix.operations(), rows);
    }
}
