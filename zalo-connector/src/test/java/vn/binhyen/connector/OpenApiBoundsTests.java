package vn.binhyen.connector;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import vn.binhyen.connector.support.ZaloSimResource;
import vn.binhyen.testsupport.KafkaBrokerResource;
import vn.binhyen.testsupport.OpenApiBounds;
import vn.binhyen.testsupport.PostgresDatabaseResource;

/**
 * Every field has a bound (issue 20): each string a client sends to zalo-connector has a maximum in
 * its OpenAPI document; Zalo's webhook bodies are bounded by the service's body size (256 KB).
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PostgresDatabaseResource.class)
@QuarkusTestResource(ZaloSimResource.class)
class OpenApiBoundsTests {
    @Test
    void everyRequestField_hasAMaximum_andTheCheckFindsOneThatHasNone() {
        OpenApiBounds.assertEveryRequestFieldBounded("zalo-connector");
    }
}
