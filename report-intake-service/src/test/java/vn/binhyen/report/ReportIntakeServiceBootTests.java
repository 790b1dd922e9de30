package vn.binhyen.report;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import vn.binhyen.eventlog.testing.ServiceContractTests;
import vn.binhyen.testsupport.KafkaBrokerResource;
import vn.binhyen.testsupport.PostgresDatabaseResource;

/** report-intake-service boots against a real Kafka broker and a throwaway PostgreSQL database. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PostgresDatabaseResource.class)
class ReportIntakeServiceBootTests extends ServiceContractTests {
    private static final String ANSWERED_ON_THE_PAGE = "an unknown id is the owning service's refusal, shown on the "
            + "approvals page after a 303, not a 404";

    @Override
    protected Map<String, String> refusalsNotOwed() {
        return Map.ofEntries(
                Map.entry("GET /dashboard/login", "the sign-in page: its parameters only pick the message shown"),
                Map.entry("GET /dashboard/sign-in", "off to Keycloak (303), or 503 while Keycloak is away"),
                Map.entry("GET /dashboard/roster", "the roster page: 200, or 303 to sign in"),
                Map.entry("GET /dashboard/reports/{id}", "its one query parameter only picks the message shown"),
                Map.entry("POST /dashboard/approvals/{groupId}/proposals/{proposalId}", ANSWERED_ON_THE_PAGE),
                Map.entry("POST /dashboard/approvals/{groupId}/leave-requests/{memberId}", ANSWERED_ON_THE_PAGE),
                Map.entry("POST /dashboard/approvals/{groupId}/info-changes/{changeId}", ANSWERED_ON_THE_PAGE),
                Map.entry("POST /dashboard/approvals/reviews/{reviewId}", ANSWERED_ON_THE_PAGE));
    }
}
