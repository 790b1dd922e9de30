package vn.binhyen.connector.architecture;

import org.junit.jupiter.api.Test;
import vn.binhyen.eventlog.testing.LinearTimeText;

/** zalo-connector (with the kits it runs with) matches client text in linear time; the rule can fail. */
class LinearTimeTextTests {
    @Test
    void clientTextIsMatchedInLinearTime_andTheRuleRefusesBacktrackingCode() {
        LinearTimeText.check();
    }
}
