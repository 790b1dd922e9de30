package vn.binhyen.group.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import vn.binhyen.eventlog.decider.RuleViolation;
import vn.binhyen.group.domain.GroupCommand.EarlierReport;
import vn.binhyen.group.domain.GroupCommand.ReportAccountCompromised;

/**
 * How often a hijacked account may be reported in a group (audit F13): operational limits, not a
 * regulation's. ioc-dak-lak:4.3.8 has members tell the group at once when their account is taken
 * over, and says nothing of how often; but every report pages every member CRITICAL (Zalo and
 * SMS, past quiet hours and digests), so:
 * <ul>
 * <li>the same member reported again within {@link #DUPLICATE_WINDOW} (1 h) is a duplicate:
 *     nothing is recorded, and the answer (409) says when it was reported;</li>
 * <li>a member makes at most {@link #PER_REPORTER} reports (3) in a group in
 *     {@link #PER_REPORTER_WINDOW} (24 h), and a group receives at most {@link #PER_GROUP} (10) in
 *     {@link #PER_GROUP_WINDOW} (1 h); beyond either, 429 with when to try again.</li>
 * </ul>
 * The counts are over the command's {@link ReportAccountCompromised#earlier()} reports.
 */
public final class CompromisedReportLimits {
    /** The rule id of a duplicate report. */
    public static final String DUPLICATE = "limit:compromised-report-duplicate";
    /** The rule id of the rate limits. */
    public static final String RATE = "limit:compromised-report-rate";
    public static final Duration DUPLICATE_WINDOW = Duration.ofHours(1);
    public static final int PER_REPORTER = 3;
    public static final Duration PER_REPORTER_WINDOW = Duration.ofHours(24);
    public static final int PER_GROUP = 10;
    public static final Duration PER_GROUP_WINDOW = Duration.ofHours(1);
    /** How far back the earlier reports are needed: the longest window. */
    public static final Duration LOOK_BACK = PER_REPORTER_WINDOW;

    private CompromisedReportLimits() {
    }

    /**
     * @throws AlreadyReported when the member was reported within the duplicate window
     * @throws TooManyReports  when the reporter, or the group, has had its share
     */
    static void check(ReportAccountCompromised c) {
        Instant now = c.at();
        c.earlier().stream()
                .filter(r -> r.memberId().equals(c.memberId()) && within(r, now, DUPLICATE_WINDOW))
                .max(Comparator.comparing(EarlierReport::at))
                .ifPresent(r -> {
                    throw new AlreadyReported(c.memberId(), r.at());
                });
        limit(c.earlier().stream().filter(r -> r.reportedBy().equals(c.actor())).toList(), now, PER_REPORTER,
                PER_REPORTER_WINDOW, "a member reports at most " + PER_REPORTER + " hijacked accounts in a group in "
                        + PER_REPORTER_WINDOW.toHours() + " h");
        limit(c.earlier(), now, PER_GROUP, PER_GROUP_WINDOW, "a group receives at most " + PER_GROUP
                + " reports of hijacked accounts in " + PER_GROUP_WINDOW.toHours() + " h");
    }

    /** Refuses when {@code max} of {@code reports} fall within {@code window} before {@code now}. */
    private static void limit(List<EarlierReport> reports, Instant now, int max, Duration window, String rule) {
        List<Instant> counted = reports.stream().filter(r -> within(r, now, window)).map(EarlierReport::at).sorted()
                .toList();
        if (counted.size() >= max) {
            // room again once all but max - 1 of them have left the window
            Instant room = counted.get(counted.size() - max).plus(window);
            Duration wait = Duration.between(now, room);
            throw new TooManyReports(rule + " (every report pages all members); try again after " + room,
                    wait.isNegative() ? Duration.ZERO : wait);
        }
    }

    private static boolean within(EarlierReport r, Instant now, Duration window) {
        return r.at().isAfter(now.minus(window));
    }

    /** The member was reported within the duplicate window: nothing is recorded (409). */
    public static final class AlreadyReported extends RuleViolation {
        private final Instant reportedAt;

        AlreadyReported(String memberId, Instant reportedAt) {
            super(DUPLICATE, "memberId", memberId + " was already reported as hijacked at " + reportedAt
                    + " and the group's members were told; a report within " + DUPLICATE_WINDOW.toHours()
                    + " h of it adds nothing");
            this.reportedAt = reportedAt;
        }

        public Instant reportedAt() {
            return reportedAt;
        }
    }

    /** The reporter, or the group, has had its share of reports (429). */
    public static final class TooManyReports extends RuleViolation {
        private final Duration retryAfter;

        TooManyReports(String message, Duration retryAfter) {
            super(RATE, message);
            this.retryAfter = retryAfter;
        }

        /** How long until a report would be accepted. */
        public Duration retryAfter() {
            return retryAfter;
        }
    }
}
