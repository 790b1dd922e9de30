package vn.binhyen.report;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import vn.binhyen.testsupport.KafkaBrokerResource;
import vn.binhyen.testsupport.OpenApiBounds;
import vn.binhyen.testsupport.PostgresDatabaseResource;

/**
 * Every field has a bound (issue 20): each string, list and map a client sends to report-intake-service has a
 * maximum in the service's own OpenAPI document ({@code @Size(max = …)} becomes maxLength, maxItems,
 * maxProperties), so a request can only be as large as its fields allow; the check can fail.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PostgresDatabaseResource.class)
class OpenApiBoundsTests {
    @Test
    void everyRequestField_hasAMaximum_andTheCheckFindsOneThatHasNone() {
        OpenApiBounds.assertEveryRequestFieldBounded("report-intake-service");
    }
}
