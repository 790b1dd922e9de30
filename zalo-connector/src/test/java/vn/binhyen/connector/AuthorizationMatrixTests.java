package vn.binhyen.connector;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static vn.binhyen.testsupport.AuthorizationMatrix.SKIPPED;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import vn.binhyen.connector.support.ZaloSimResource;
import vn.binhyen.connector.rest.ZaloSignature;
import vn.binhyen.contracts.Roles;
import vn.binhyen.eventlog.testing.GroupEventsOnTheTopic;
import vn.binhyen.testsupport.AuthorizationMatrix;
import vn.binhyen.testsupport.AuthorizationMatrix.Row;
import vn.binhyen.testsupport.KafkaBrokerResource;
import vn.binhyen.testsupport.PostgresDatabaseResource;
import vn.binhyen.testsupport.Tokens;

/**
 * zalo-connector's authorisation matrix (issues 21 and 26), generated from its OpenAPI document:
 * every operation asked without a token (401), by a role it does not allow (403), by someone the
 * group's roster does not make its leader or board (403 or 404), and by the right caller, who
 * succeeds. A person's token says only that they are a person: the roster, as group-service's
 * events tell it, says who leads. The webhooks' credential is Zalo's (the OA's signature, the
 * bot's secret token): a bearer token grants nothing there. The fixture: two groups led by one
 * leader, one bound here to a simulated OA group in which an account is on no roster, the other
 * bound by the matrix's own call to a bot-platform group.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PostgresDatabaseResource.class)
@QuarkusTestResource(ZaloSimResource.class)
class AuthorizationMatrixTests {
    @Inject
    AgroalDataSource dataSource;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "binhyen.connector.bot.sim.secret")
    String botSecret;

    long count(String sql) throws Exception {
        try (var c = dataSource.getConnection(); var s = c.createStatement(); var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void everyOperation_answersEachCallerAsItsRulesSay_issue_21() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String leader = "am-leader-" + suffix;
        String member = "am-member-" + suffix;
        String bound = GroupEventsOnTheTopic.newGroupId();
        String toBind = GroupEventsOnTheTopic.newGroupId();
        try (var events = new GroupEventsOnTheTopic(bootstrap)) {
            events.unit("ca-phuong-song-tri", "Công an phường Sông Trí", "WARD_POLICE", null)
                    .group(bound, "ca-phuong-song-tri", "POLICE", "police-song-tri", leader)
                    .member(bound, member, "MEMBER")
                    .group(toBind, "ca-phuong-song-tri", "AGENCY", "ward-binh-phuoc", leader);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> count("select count(*) from roster_member where group_id in ('"
                + bound + "', '" + toBind + "')") == 3);
        String leaderToken = Tokens.forRole(Roles.MEMBER, leader);
        var sim = ZaloSimResource.sim();
        given().auth().oauth2(leaderToken).contentType("application/json").body(Map.of("groupId", bound, "platform",
                "zalo-oa", "oaId", sim.config().oaId(), "zaloGroupId", ZaloSimResource.MATRIX))
                .post("/api/v1/bindings").then().statusCode(201);
        String notTheLeader = "MEMBER " + member + ", on the group's roster but not its leader";

        long now = Instant.now().toEpochMilli();
        String oaEvent = "{\"app_id\":\"" + sim.config().appId() + "\",\"user_id_by_app\":\"u1\",\"event_name\":"
                + "\"user_send_group_text\",\"timestamp\":\"" + now + "\",\"sender\":{\"id\":\""
                + ZaloSimResource.MATRIX_STRANGER + "\"},\"recipient\":{\"id\":\"zg-unbound-am-" + suffix + "\"},"
                + "\"message\":{\"msg_id\":\"am-" + suffix + "\",\"text\":\"Xin chào\"}}";
        String signature = "mac=" + ZaloSignature.mac(sim.config().appId(), oaEvent, String.valueOf(now),
                sim.config().secretKey());
        String botEvent = "{\"event_name\":\"message.text.received\",\"message\":{\"message_id\":\"am-bot-" + suffix
                + "\",\"text\":\"Xin chào\",\"chat\":{\"id\":\"zg-unbound-bot-" + suffix + "\",\"chat_type\":\"GROUP\"},"
                + "\"from\":{\"id\":\"zb-am\",\"display_name\":\"Người lạ\"},\"date\":" + now + "}}";

        List<Row> rows = List.of(
                // ---- bindings: the group's leader by its roster, or a system administrator
                Row.of("POST /api/v1/bindings").allowed(Roles.MEMBER, leader).wrongRole(Roles.BOT)
                        .otherUnit(notTheLeader, () -> Tokens.forRole(Roles.MEMBER, member))
                        .body(Map.of("groupId", toBind, "platform", "zalo-bot", "oaId", "sim", "zaloGroupId",
                                "zg-am-bot-" + suffix)).expect(401, 403, 403, 201),
                Row.of("GET /api/v1/bindings/{groupId}").path(Map.of("groupId", bound)).allowed(Roles.MEMBER, leader)
                        .wrongRole(Roles.BOT)
                        .otherUnit("MEMBER am-someone-" + suffix + ", on no roster of the group",
                                () -> Tokens.forRole(Roles.MEMBER, "am-someone-" + suffix))
                        .expect(401, 403, 404, 200),
                Row.of("POST /api/v1/bindings/{groupId}/accounts/{zaloUserId}/removal")
                        .path(Map.of("groupId", bound, "zaloUserId", ZaloSimResource.MATRIX_STRANGER))
                        .allowed(Roles.MEMBER, leader).wrongRole(Roles.BOT)
                        .otherUnit(notTheLeader, () -> Tokens.forRole(Roles.MEMBER, member)).expect(401, 403, 404, 202),
                Row.of("POST /api/v1/bindings/{groupId}/settings").path(Map.of("groupId", bound))
                        .allowed(Roles.MEMBER, leader).wrongRole(Roles.BOT)
                        .otherUnit(notTheLeader, () -> Tokens.forRole(Roles.MEMBER, member))
                        .body(Map.of("lockSendMsg", false, "reason", "Kiểm tra phân quyền"))
                        .expect(401, 403, 404, 202),

                // ---- Zalo's webhooks: the credential is Zalo's
                Row.of("POST /webhooks/zalo-oa").open("the OA's signature of the body is the credential", 401)
                        .credential("Zalo, signing with the OA's secret key", () -> Map.of("X-ZEvent-Signature",
                                signature), 200)
                        .unscoped("an event is the OA's whose app id it names; no unit").body(oaEvent),
                Row.of("POST /webhooks/zalo-bot/{bot}").path(Map.of("bot", "sim"))
                        .open("the bot's webhook secret is the credential", 401)
                        .credential("Zalo, with the secret set by setWebhook", () -> Map.of("X-Bot-Api-Secret-Token",
                                botSecret), 200)
                        .unscoped("an event is the bot's whose path it comes to; no unit").body(botEvent),

                // ---- auditors: a group's binding as it was, within the auditor's unit (eventlog's one audit resource)
                Row.of("GET /api/v1/audit/streams/{streamId}").path(Map.of("streamId", "binding-" + bound))
                        .allowed(Roles.AUDITOR, "am-auditor-" + suffix).wrongRole(Roles.COMMANDER)
                        .otherUnit(Roles.AUDITOR, "am-other-auditor-" + suffix, "ca-phuong-song-cau")
                        .expect(401, 403, 404, 200)
                        .answerFor(AuthorizationMatrix.Column.RIGHT,
                                "the binding's stream: its version and its GroupBound event",
                                a -> a.body().contains("GroupBound") && a.body().contains("\"version\":")),

                AuthorizationMatrix.whoAmI());

        AuthorizationMatrix.check(AuthorizationMatrix.operations(), rows);
    }
}
