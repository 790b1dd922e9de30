package vn.binhyen.group.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static vn.binhyen.group.rest.GroupResourceTests.establish;
import static vn.binhyen.group.rest.GroupResourceTests.member;
import static vn.binhyen.group.rest.GroupResourceTests.post;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.binhyen.contracts.Roles;
import vn.binhyen.testsupport.KafkaBrokerResource;
import vn.binhyen.testsupport.PostgresDatabaseResource;

/**
 * Reports of hijacked accounts through the real stack (audit F13): the same member again within
 * the hour is 409 and records nothing; a reporter's fourth in a day is 429 with Retry-After. Both
 * limits are operational ({@code limit:compromised-report-*}), not a regulation's.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PostgresDatabaseResource.class)
class CompromisedReportTests {
    @Inject
    AgroalDataSource dataSource;

    long reports(String group) throws Exception {
        try (var c = dataSource.getConnection(); var ps = c.prepareStatement(
                "select count(*) from event where stream_id = ? and event_type = 'AccountCompromisedReported'")) {
            ps.setString(1, group);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static void report(String group, String reporter, String memberId, int status) {
        post(Roles.MEMBER, reporter, "/api/v1/groups/" + group + "/compromised-accounts",
                Map.of("memberId", memberId, "details", "tài khoản Zalo bị chiếm")).statusCode(status);
    }

    @Test
    void aDuplicateIs409_andAReportersFourthInADayIs429WithRetryAfter_limit_compromised_report() throws Exception {
        String group = establish("police-song-tri", "POLICE", "leader-f13");
        for (String m : new String[] {"f13-a", "f13-b", "f13-c", "f13-d", "f13-e"}) {
            post(Roles.LEADER, "leader-f13", "/api/v1/groups/" + group + "/membership-proposals",
                    Map.of("change", "ADD", "member", member(m, "Đỗ Minh Quân"))).statusCode(200);
        }

        report(group, "f13-a", "f13-b", 200);
        post(Roles.MEMBER, "f13-c", "/api/v1/groups/" + group + "/compromised-accounts",
                Map.of("memberId", "f13-b", "details", "lại nữa")).statusCode(409)
                .contentType("application/problem+json")
                .body("type", containsString("already-reported"))
                .body("citation", equalTo("limit:compromised-report-duplicate"))
                .body("detail", containsString("already reported"));
        assertThat(reports(group)).as("the duplicate recorded nothing").isEqualTo(1);

        report(group, "f13-a", "f13-c", 200);
        report(group, "f13-a", "f13-d", 200);
        String retryAfter = post(Roles.MEMBER, "f13-a", "/api/v1/groups/" + group + "/compromised-accounts",
                Map.of("memberId", "f13-e", "details", "cũng bị")).statusCode(429)
                .contentType("application/problem+json")
                .body("citation", equalTo("limit:compromised-report-rate"))
                .body("detail", containsString("at most 3"))
                .extract().header("Retry-After");
        assertThat(Long.parseLong(retryAfter)).isPositive().isLessThanOrEqualTo(24 * 3600);
        assertThat(reports(group)).isEqualTo(3);

        report(group, "f13-e", "f13-a", 200); // another member still reports
    }
}
