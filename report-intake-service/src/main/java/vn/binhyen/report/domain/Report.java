package vn.binhyen.report.domain;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import vn.binhyen.contracts.report.ReportEvent.Reporter;
import vn.binhyen.contracts.report.ReportEvent.TipDetails;

/** A citizen's report or crime tip, folded from its events. */
public sealed interface Report {

    record None() implements Report {
    }

    enum Status {
        RECEIVED, CLASSIFIED, WRITTEN_UP, FORWARDED_TO_PCTP, REGISTERED, RESOLVED, TRANSFERRED;

        /** The 24-hour clock stops once the tip is in the register, or the report is settled. */
        public boolean clockStopped() {
            return this == REGISTERED || this == RESOLVED || this == TRANSFERRED;
        }
    }

    enum Emergency { NONE, RAISED, ACKNOWLEDGED }

    record Open(String reportId, IntakeRules.Type type, Status status, Instant receivedAt, Instant deadline,
            Reporter reporter, TipDetails details, String content, List<String> missing, Set<Integer> warned,
            boolean breached, Emergency emergency, int emergencyRound) implements Report {

        Open with(Status s) {
            return new Open(reportId, type, s, receivedAt, deadline, reporter, details, content, missing, warned,
                    breached, emergency, emergencyRound);
        }
    }
}
