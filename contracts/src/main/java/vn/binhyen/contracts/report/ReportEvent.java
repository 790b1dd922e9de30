package vn.binhyen.contracts.report;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The events report-intake-service publishes to {@code binhyen.report.events}: a citizen's
 * report or crime tip through its workflow (police-song-tri:14-15), its 24-hour clock and
 * emergencies. Type names are the stable strings of {@link #TYPES}.
 */
public sealed interface ReportEvent {
    String reportId();

    /**
     * Who reported: name, address and phone, or why they refused to give them (police-song-tri:14.3a).
     * In events, name, address and phone are ciphertext ({@code enc:v1:…}) under the reporter's
     * own key; deleting the key shreds them while the hash chain still verifies.
     */
    record Reporter(String name, String address, String phone, String refusalReason) {
    }

    /** The details of police-song-tri:14.3 (b)–(đ); optional ones may be null. */
    record TipDetails(Instant incidentAt, String place, String summary, String suspect, String victim,
            String witnesses, String escapeDirection, String means, String damage, String actionsTaken,
            String howKnown) {
    }

    /**
     * The first receipt: the clock runs from {@code receivedAt}, complete or not; {@code missing}
     * names the required fields still to be asked for. {@code unit} is the unit that received it
     * (the unit of the group it came in, or of the duty officer who took it): only that unit's
     * officers and its police group's leadership handle it (issue 21).
     */
    record ReportReceived(String reportId, String type, String channel, String groupId, String unit, Reporter reporter,
            TipDetails details, String content, Instant receivedAt, Instant deadline, List<String> missing)
            implements ReportEvent {
    }

    /** Fields supplied later; {@code missing} is what is still missing afterwards. */
    record ReportCompleted(String reportId, Reporter reporter, TipDetails details, String content,
            List<String> missing) implements ReportEvent {
    }

    record ReportClassified(String reportId, String category, boolean securityRelated, boolean withinJurisdiction,
            String classifiedBy) implements ReportEvent {
    }

    /** The duty officer's written report to the board (police-song-tri:15.3, step 2). */
    record ReportWrittenUp(String reportId, String writtenReport, String writtenBy) implements ReportEvent {
    }

    /** The board hands the tip to the on-duty crime-prevention officer (step 3). */
    record ReportForwardedToPctp(String reportId, String pctpOfficer, String forwardedBy) implements ReportEvent {
    }

    /** Entered in the crime-source register, form no. 294 (Circular 119/2021/TT-BCA). */
    record ReportRegistered(String reportId, String unit, int year, long number, String registeredBy)
            implements ReportEvent {
    }

    record ReportResolved(String reportId, String result, String resolvedBy) implements ReportEvent {
    }

    /** Beyond the unit's authority: proposed for transfer to the competent body (police-song-tri:15.1). */
    record ReportTransferred(String reportId, String body, String reason, String transferredBy) implements ReportEvent {
    }

    /** {@code hoursLeft}: 12, 4 or 1. */
    record DeadlineWarning(String reportId, int hoursLeft, Instant deadline) implements ReportEvent {
    }

    /** 24 hours passed without the tip in the register: escalated to the commander. */
    record DeadlineBreached(String reportId, Instant deadline, String escalatedTo) implements ReportEvent {
    }

    /** police-song-tri:15.4: reported at once to the commander; {@code round} counts re-escalations. */
    record EmergencyRaised(String reportId, String reason, int round) implements ReportEvent {
    }

    record EmergencyAcknowledged(String reportId, String acknowledgedBy) implements ReportEvent {
    }

    /**
     * The report arrived while nobody was on the duty roster for the day (police-song-tri:15.2:
     * every day, weekends and holidays included): the commander is to be alerted.
     */
    record NobodyOnDuty(String reportId, java.time.LocalDate date) implements ReportEvent {
    }

    /** Someone read the reporter's personal data in clear; every such read is recorded. */
    record PersonalDataRead(String reportId, String readBy, String role) implements ReportEvent {
    }

    /** The reporter's key was deleted: their name, address and phone can no longer be read by anyone. */
    record ReporterShredded(String reportId, String shreddedBy, String reason) implements ReportEvent {
    }

    /**
     * An officer takes the report in hand ("nhận xử lý"): from now the queue shows who handles it.
     * {@code previous} is whoever had it before (null for the first), so a hand-over is visible.
     */
    record ReportTaken(String reportId, String takenBy, String previous) implements ReportEvent {
    }

    /**
     * A note between the officers handling the report; {@code note} is ciphertext under the
     * reporter's key (a note may repeat what the reporter said), so shredding reaches it too.
     */
    record ReportNoteAdded(String reportId, String note, String writtenBy) implements ReportEvent {
    }

    /** What the citizen is told at a public step, in Vietnamese. */
    record CitizenFeedback(String reportId, String step, String message) implements ReportEvent {
    }

    Map<String, Class<? extends ReportEvent>> TYPES = Map.ofEntries(
            Map.entry("ReportReceived", ReportReceived.class),
            Map.entry("ReportCompleted", ReportCompleted.class),
            Map.entry("ReportClassified", ReportClassified.class),
            Map.entry("ReportWrittenUp", ReportWrittenUp.class),
            Map.entry("ReportForwardedToPctp", ReportForwardedToPctp.class),
            Map.entry("ReportRegistered", ReportRegistered.class),
            Map.entry("ReportResolved", ReportResolved.class),
            Map.entry("ReportTransferred", ReportTransferred.class),
            Map.entry("DeadlineWarning", DeadlineWarning.class),
            Map.entry("DeadlineBreached", DeadlineBreached.class),
            Map.entry("EmergencyRaised", EmergencyRaised.class),
            Map.entry("EmergencyAcknowledged", EmergencyAcknowledged.class),
            Map.entry("CitizenFeedback", CitizenFeedback.class),
            Map.entry("ReportTaken", ReportTaken.class),
            Map.entry("ReportNoteAdded", ReportNoteAdded.class),
            Map.entry("NobodyOnDuty", NobodyOnDuty.class),
            Map.entry("PersonalDataRead", PersonalDataRead.class),
            Map.entry("ReporterShredded", ReporterShredded.class));

    int SCHEMA_VERSION = 1;
}
