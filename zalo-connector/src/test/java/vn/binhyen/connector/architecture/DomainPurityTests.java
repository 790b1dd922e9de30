package vn.binhyen.connector.architecture;

import org.junit.jupiter.api.Test;
import vn.binhyen.eventlog.testing.DomainPurity;

/** domain/ is pure Java (docs/design.md); the rule is shown to fail on the REST layer, which is not. */
class DomainPurityTests {
    @Test
    void domain_importsNoFramework_andTheRuleCanFail() {
        DomainPurity.check("vn.binhyen.connector");
    }
}
