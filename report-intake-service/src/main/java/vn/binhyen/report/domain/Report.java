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

        /**
         * The 24-hour clock stops once the report is handled or transferred: the PCTP officer "phân loại,
         * xử lý trong thời hạn không quá 24 giờ kể từ khi tiếp nhận" (police-song-tri:15.3c), the
         * register entry made "đồng thời" being one step on the way, not the end of it.
         */
        public boolean clockStopped() {
            return this == RESOLVED || this == TRANSFERRED;
        }
    }

    enum Emergency { NONE, RAISED, ACKNOWLEDGED }

    record Open(String reportId, IntakeRules.Type type, Status status, Instant receivedAt, Instant deadline,
            Reporter reporter, TipDetails details, String content, List<String> missing, Set<Integer> warned,
            boolean breached, Emergency emergency, int emergencyRound, String handler) implements Report {

        Open with(Status s) {
            return new Open(reportId, type, s, receivedAt, deadline, reporter, details, content, missing, warned,
                    breached, emergency, emergencyRound, handler);
        }

        /** {@code handler}: the officer who took the report in hand ("nhận xử lý"), null until one does. */
        Open handledBy(String officer) {
            return new Open(reportId, type, status, receivedAt, deadline, reporter, details, content, missing, warned,
                    breached, emergency, emergencyRound, officer);
        }
    }
}
