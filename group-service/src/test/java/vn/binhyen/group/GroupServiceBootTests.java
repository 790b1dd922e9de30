package vn.binhyen.group;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import vn.binhyen.eventlog.testing.ServiceContractTests;
import vn.binhyen.testsupport.KafkaBrokerResource;
import vn.binhyen.testsupport.PostgresDatabaseResource;

/** group-service boots against a real Kafka broker and a throwaway PostgreSQL database. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PostgresDatabaseResource.class)
class GroupServiceBootTests extends ServiceContractTests {
    @Override
    protected Map<String, String> refusalsNotOwed() {
        return Map.of("GET /api/v1/members/{memberId}/groups",
                "a member of no group (or of none the caller sees) has an empty list, not a 404",
                "GET /test/problems/{kind}", "ProblemDocumentTests' own resource, in the test build only: it throws "
                        + "each kind of problem");
    }
}
