package vn.binhyen.notification;

import static org.awaitility.Awaitility.await;
import static vn.binhyen.notification.support.Events.event;
import static vn.binhyen.notification.support.Events.publish;
import static vn.binhyen.testsupport.AuthorizationMatrix.SKIPPED;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import vn.binhyen.contracts.Roles;
import vn.binhyen.contracts.Topics;
import vn.binhyen.testsupport.AuthorizationMatrix;
import vn.binhyen.testsupport.AuthorizationMatrix.Column;
import vn.binhyen.testsupport.AuthorizationMatrix.Row;
import vn.binhyen.testsupport.KafkaBrokerResource;
import vn.binhyen.testsupport.PostgresDatabaseResource;
import vn.binhyen.testsupport.Tokens;

/**
 * notification-service's authorisation matrix (issue 21), generated from its OpenAPI document:
 * every operation asked without a token (401), by a role it does not allow (403), by the right
 * role elsewhere, and by the right caller, who succeeds. The feed is its caller's own (their
 * {@code member:} and {@code role:} recipients): someone else finds nothing of it (200, nothing;
 * 404 for an acknowledgement). A bot sets the contact of a citizen only for a report relayed
 * through a group it is bound to (404 otherwise). (Zalo's webhooks are zalo-connector's, issue 26.) The fixture: a police group of the ward police with a member and a bot, another
 * unit's group with its bot, a report that came in through the first, and a directive reminder
 * for the member (a notification in their feed), announced on the topics as the other services
 * would.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PostgresDatabaseResource.class)
class AuthorizationMatrixTests {
    @Inject
    AgroalDataSource dataSource;

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

    String one(String sql, String value) throws Exception {
        try (var c = dataSource.getConnection(); var ps = c.prepareStatement(sql)) {
            ps.setString(1, value);
            try (var rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    @Test
    void everyOperation_answersEachCallerAsItsRulesSay_issue_21() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String group = "group-am-" + suffix;
        String otherGroup = "group-am-other-" + suffix;
        String member = "am-member-" + suffix;
        String bot = "am-bot-" + suffix;
        String otherBot = "am-other-bot-" + suffix;
        String report = "report-am-" + suffix;
        publish(Topics.GROUP_EVENTS,
                event(group, 1, "GroupEstablished", Map.of("groupId", group, "unit", Tokens.DEFAULT_UNIT, "kind",
                        "POLICE", "profile", "police-song-tri", "leader", Map.of("memberId", "am-leader-" + suffix,
                                "fullName", "Trần Văn Dũng"))),
                event(group, 2, "MemberAdded", Map.of("groupId", group, "member", Map.of("memberId", member,
                        "fullName", "Lê Thị Mai", "zaloId", "zl-" + member, "phone", "0912000002"), "role", "MEMBER")),
                event(group, 3, "BotBound", Map.of("groupId", group, "botId", bot, "boundBy", "sysadmin")),
                event(otherGroup, 1, "GroupEstablished", Map.of("groupId", otherGroup, "unit", "ca-phuong-song-cau",
                        "kind", "POLICE", "leader", Map.of("memberId", "am-other-leader-" + suffix, "fullName",
                                "Phan Thanh Bình"))),
                event(otherGroup, 2, "BotBound", Map.of("groupId", otherGroup, "botId", otherBot, "boundBy",
                        "sysadmin")),
                // a reminder of a directive the member has not acknowledged: a notification in their feed
                event(group, 10, "DirectiveReminderDue", Map.of("groupId", group, "directiveId", "am-directive-"
                        + suffix, "acknowledgeBy", "2026-11-23T10:00:00Z", "pending", List.of(member))));
        publish(Topics.REPORT_EVENTS, event(report, 1, "ReportReceived", Map.of("reportId", report, "type",
                "CRIME_TIP", "groupId", group, "unit", Tokens.DEFAULT_UNIT)));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> count(
                "select count(*) from directory_bot where group_id in (?, ?)", group, otherGroup) == 2
                && count("select count(*) from report_origin where report_id = ?", report) == 1
                && count("select count(*) from contact where recipient = ?", "member:" + member) == 1
                && count("select count(*) from notification where recipient = ?", "member:" + member) >= 1);
        String notification = one("select notification_id from notification where recipient = ? limit 1",
                "member:" + member);

        String someoneElse = "am-someone-else-" + suffix;

        List<Row> rows = List.of(
                // ---- contacts
                Row.of("PUT /api/v1/contacts/me").allowed(Roles.MEMBER, member).wrongRole(Roles.BOT)
                        .unscoped("everyone sets their own contact (member:<subject>) only")
                        .body(Map.of("phone", "0912000002")).expect(401, 403, SKIPPED, 204),
                Row.of("PUT /api/v1/contacts/{recipient}").path(Map.of("recipient", "citizen:" + report))
                        .allowed(Roles.BOT, bot).wrongRole(Roles.MEMBER)
                        .otherUnit("BOT " + otherBot + ", bound to another unit's group only",
                                () -> Tokens.forRole(Roles.BOT, otherBot))
                        .body(Map.of("zaloUserId", "zl-citizen-" + suffix)).expect(401, 403, 404, 204),
                Row.of("GET /api/v1/contacts/{recipient}").path(Map.of("recipient", "member:" + member))
                        .allowed(Roles.SYSTEM_ADMIN, "sysadmin-1").wrongRole(Roles.BOT)
                        .unscoped("a system administrator reads anyone's contact, in no unit")
                        .expect(401, 403, SKIPPED, 200),

                // ---- the feed: the caller's own notifications and those of their roles
                Row.of("GET /api/v1/notifications").allowed(Roles.MEMBER, member).wrongRole(Roles.BOT)
                        .otherUnit("MEMBER " + someoneElse + ", not the recipient",
                                () -> Tokens.forRole(Roles.MEMBER, someoneElse))
                        .expect(401, 403, 200, 200)
                        .answerFor(Column.RIGHT, "the member's notification", a -> a.body().contains(notification))
                        .answerFor(Column.OTHER_UNIT, "nothing of the member's", a -> !a.body().contains(notification)),
                Row.of("GET /api/v1/notifications/stream").eventStream().allowed(Roles.MEMBER, member)
                        .wrongRole(Roles.BOT)
                        .unscoped("the caller's own live feed: what it carries is the feed's, whose scope "
                                + "GET /api/v1/notifications checks")
                        .expect(401, 403, SKIPPED, 200),
                Row.of("POST /api/v1/notifications/{id}/acknowledgement").path(Map.of("id", notification))
                        .allowed(Roles.MEMBER, member).wrongRole(Roles.BOT)
                        .otherUnit("MEMBER " + someoneElse + ", not the recipient",
                                () -> Tokens.forRole(Roles.MEMBER, someoneElse))
                        .expect(401, 403, 404, 204),

                // ---- audits: every auditor, every stream (AuditQuery)
                Row.of("GET /api/v1/audit/streams/{streamId}").path(Map.of("streamId", notification))
                        .allowed(Roles.AUDITOR, "auditor-1").wrongRole(Roles.COMMANDER)
                        .unscoped("notification's audit answers any auditor for any stream: it matches no stream to "
                                + "a unit")
                        .expect(401, 403, SKIPPED, 200),

                AuthorizationMatrix.whoAmI());

        AuthorizationMatrix.check(AuthorizationMatrix.operations(), rows);
    }
}
