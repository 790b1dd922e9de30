package vn.binhyen.group;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import vn.binhyen.eventlog.testing.ServiceContractTests;
import vn.binhyen.testsupport.KafkaBrokerResource;
import vn.binhyen.testsupport.PostgresDatabaseResource;

/** group-service boots against a real Kafka broker and a throwaway PostgreSQL database. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PostgresDatabaseResource.class)
class GroupServiceBootTests extends ServiceContractTests {
}
