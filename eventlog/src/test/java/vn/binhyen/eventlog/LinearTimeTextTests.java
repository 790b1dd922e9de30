package vn.binhyen.eventlog;

import org.junit.jupiter.api.Test;
import vn.binhyen.eventlog.testing.LinearTimeText;

/** eventlog and contracts match client text in linear time; the rule refuses backtracking code. */
class LinearTimeTextTests {
    @Test
    void clientTextIsMatchedInLinearTime_andTheRuleRefusesBacktrackingCode() {
        LinearTimeText.check();
    }
}
