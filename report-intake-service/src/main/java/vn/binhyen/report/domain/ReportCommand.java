package vn.binhyen.report.domain;

import java.time.Instant;
import java.util.Set;
import vn.binhyen.contracts.report.ReportEvent.Reporter;
import vn.binhyen.contracts.report.ReportEvent.TipDetails;

/** What is asked of a report. {@code roles} are the actor's roles; {@code actor} who; {@code at} when. */
public sealed interface ReportCommand {
    String actor();

    Set<String> roles();

    Instant at();

    /**
     * {@code emergencyTerms}: the text matched an emergency term (police-song-tri:15.4);
     * {@code dutyDate}: the day's date when nobody is on the duty roster for it, else null;
     * {@code unit}: the unit receiving it.
     */
    record Receive(String reportId, IntakeRules.Type type, String channel, String groupId, String unit, Reporter reporter,
            TipDetails details, String content, java.time.Duration clock, String emergencyTerms,
            java.time.LocalDate nobodyOnDuty, String actor, Set<String> roles, Instant at) implements ReportCommand {
    }

    record Complete(Reporter reporter, TipDetails details, String content, String actor, Set<String> roles, Instant at)
            implements ReportCommand {
    }

    record Classify(String category, boolean securityRelated, boolean withinJurisdiction, String actor,
            Set<String> roles, Instant at) implements ReportCommand {
    }

    record WriteUp(String writtenReport, String actor, Set<String> roles, Instant at) implements ReportCommand {
    }

    record Forward(String pctpOfficer, String actor, Set<String> roles, Instant at) implements ReportCommand {
    }

    /** The register's number, drawn by the service in the same transaction. */
    record Register(String unit, int year, long number, String actor, Set<String> roles, Instant at)
            implements ReportCommand {
    }

    record Resolve(String result, String actor, Set<String> roles, Instant at) implements ReportCommand {
    }

    record Transfer(String body, String reason, String actor, Set<String> roles, Instant at) implements ReportCommand {
    }

    /** The scheduler's: a warning with {@code hoursLeft} (12, 4, 1), exactly once. */
    record Warn(int hoursLeft, String actor, Set<String> roles, Instant at) implements ReportCommand {
    }

    record Breach(String actor, Set<String> roles, Instant at) implements ReportCommand {
    }

    record AcknowledgeEmergency(String actor, Set<String> roles, Instant at) implements ReportCommand {
    }

    /** The scheduler's: every 5 minutes until a commander acknowledges. */
    record Reescalate(String actor, Set<String> roles, Instant at) implements ReportCommand {
    }

    /** Deletes the reporter's key (crypto-shredding); the commander or a system admin, with a reason. */
    record ShredReporter(String reason, String actor, Set<String> roles, Instant at) implements ReportCommand {
    }

    /** "Nhận xử lý": the actor takes the report in hand. */
    record Take(String actor, Set<String> roles, Instant at) implements ReportCommand {
    }

    /** A note between officers; the service seals it under the reporter's key before it is decided. */
    record AddNote(String note, String actor, Set<String> roles, Instant at) implements ReportCommand {
    }
}
