package vn.binhyen.connector;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import vn.binhyen.connector.support.ZaloSimResource;
import vn.binhyen.eventlog.testing.ServiceContractTests;
import vn.binhyen.testsupport.KafkaBrokerResource;
import vn.binhyen.testsupport.PostgresDatabaseResource;

/** zalo-connector boots against a real Kafka broker, a throwaway PostgreSQL database and zalo-sim. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PostgresDatabaseResource.class)
@QuarkusTestResource(ZaloSimResource.class)
class ConnectorBootTests extends ServiceContractTests {
}
