package vn.binhyen.report.architecture;

import org.junit.jupiter.api.Test;
import vn.binhyen.eventlog.testing.LinearTimeText;

/** report-intake-service (with the kits it runs with) matches client text in linear time; the rule can fail. */
class LinearTimeTextTests {
    @Test
    void clientTextIsMatchedInLinearTime_andTheRuleRefusesBacktrackingCode() {
        LinearTimeText.check();
    }
}
