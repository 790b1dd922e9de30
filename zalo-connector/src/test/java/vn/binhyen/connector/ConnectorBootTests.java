package vn.binhyen.connector;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
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
    @Override
    protected Map<String, String> refusalsNotOwed() {
        return Map.of("POST /webhooks/zalo-bot/{bot}", "an unknown bot is answered as a wrong secret (401), so the "
                + "path tells a caller without the secret nothing about which bots exist");
    }
}
