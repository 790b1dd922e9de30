package vn.binhyen.report.domain;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import vn.binhyen.contracts.Roles;
import vn.binhyen.contracts.report.ReportEvent;
import vn.binhyen.contracts.report.ReportEvent.Reporter;
import vn.binhyen.contracts.report.ReportEvent.TipDetails;
import vn.binhyen.eventlog.decider.Decider;
import vn.binhyen.eventlog.decider.InvalidInput;
import vn.binhyen.eventlog.decider.NotPermitted;
import vn.binhyen.eventlog.decider.RuleViolation;
import vn.binhyen.report.domain.Report.Emergency;
import vn.binhyen.report.domain.Report.Open;
import vn.binhyen.report.domain.Report.Status;

/**
 * A report's workflow (police-song-tri:15.1-15.4), each step by its role only: received →
 * classified by the duty officer → for crime tips and emergencies written up for the board →
 * forwarded by the board to the PCTP officer → registered → resolved; or transferred to a
 * competent body. The 24-hour clock warns at 12, 4 and 1 hours left and breaches at 24, each
 * exactly once, until the PCTP officer has handled the tip (resolved or transferred, 15.3c); an
 * emergency is raised at once and re-raised until a commander acknowledges it.
 */
public final class ReportDecider implements Decider<ReportCommand, Report, ReportEvent> {
    public static final String INTAKE = ReportRules.cite("tip-details");
    public static final String CLASSIFY = ReportRules.cite("classify");
    public static final String TIPS = ReportRules.cite("tips");
    public static final String EMERGENCY = ReportRules.cite("emergency");
    /** Information about citizens is handled without leaks. */
    public static final String PERSONAL_DATA = ReportRules.cite("personal-data");
    /**
     * The board that forwards and transfers tips: the commander, and the leadership of the unit's
     * police group by its roster (the service names LEADER or DEPUTY only for those on it).
     */
    public static final Set<String> BOARD = Set.of(Roles.LEADER, Roles.DEPUTY, Roles.COMMANDER);
    public static final List<Integer> WARNINGS = List.of(12, 4, 1);

    @Override
    public Report initialState() {
        return new Report.None();
    }

    /** Each command by a method of its own; a report must exist for every command but its receipt. */
    @Override
    public List<ReportEvent> decide(ReportCommand command, Report state) {
        if (command instanceof ReportCommand.Receive r) {
            return receive(r, state);
        }
        if (!(state instanceof Open o)) {
            throw new UnknownReportException("no such report");
        }
        return switch (command) {
            case ReportCommand.Receive r -> throw new IllegalStateException("handled above");
            case ReportCommand.Complete c -> complete(c, o);
            case ReportCommand.Classify c -> classify(c, o);
            case ReportCommand.WriteUp w -> writeUp(w, o);
            case ReportCommand.Forward f -> forward(f, o);
            case ReportCommand.Register g -> register(g, o);
            case ReportCommand.Resolve r -> resolve(r, o);
            case ReportCommand.Transfer t -> transfer(t, o);
            case ReportCommand.Warn w -> warn(w, o);
            case ReportCommand.Breach b -> breach(b, o);
            case ReportCommand.AcknowledgeEmergency a -> acknowledgeEmergency(a, o);
            case ReportCommand.ShredReporter x -> shredReporter(x, o);
            case ReportCommand.Reescalate r -> reescalate(r, o);
            case ReportCommand.Take t -> take(t, o);
            case ReportCommand.AddNote n -> addNote(n, o);
        };
    }

    private List<ReportEvent> classify(ReportCommand.Classify c, Open o) {
        role(c, CLASSIFY, "the duty officer classifies a report", Roles.DUTY_OFFICER);
        status(o, CLASSIFY, "classified", Status.RECEIVED);
        if (c.category() == null || c.category().isBlank()) {
            throw new InvalidInput(CLASSIFY, "category", "the category is required");
        }
        return List.of(new ReportEvent.ReportClassified(o.reportId(), c.category().strip(), c.securityRelated(),
                c.withinJurisdiction(), c.actor()), feedback(o, "CLASSIFIED",
                "Thông tin của anh/chị đã được phân loại và đang được xử lý."));
    }

    private List<ReportEvent> writeUp(ReportCommand.WriteUp w, Open o) {
        role(w, TIPS, "the duty officer writes the tip up for the board", Roles.DUTY_OFFICER);
        tipOnly(o);
        status(o, TIPS, "written up", Status.CLASSIFIED);
        if (!o.missing().isEmpty()) {
            throw new RuleViolation(INTAKE, "details", "the tip still lacks " + o.missing()
                    + "; ask the reporter first");
        }
        if (w.writtenReport() == null || w.writtenReport().isBlank()) {
            throw new InvalidInput(TIPS, "writtenReport", "the written report is required");
        }
        return List.of(new ReportEvent.ReportWrittenUp(o.reportId(), w.writtenReport().strip(), w.actor()));
    }

    private List<ReportEvent> forward(ReportCommand.Forward f, Open o) {
        role(f, TIPS, "the board forwards a tip to the PCTP officer", BOARD.toArray(String[]::new));
        tipOnly(o);
        status(o, TIPS, "forwarded", Status.WRITTEN_UP);
        if (f.pctpOfficer() == null || f.pctpOfficer().isBlank()) {
            throw new InvalidInput(TIPS, "pctpOfficer", "the on-duty PCTP officer is required");
        }
        return List.of(new ReportEvent.ReportForwardedToPctp(o.reportId(), f.pctpOfficer().strip(), f.actor()));
    }

    private List<ReportEvent> register(ReportCommand.Register g, Open o) {
        role(g, TIPS, "the PCTP officer enters the tip in the register", Roles.PCTP_OFFICER);
        status(o, TIPS, "registered", Status.FORWARDED_TO_PCTP);
        return List.of(new ReportEvent.ReportRegistered(o.reportId(), g.unit(), g.year(), g.number(), g.actor()));
    }

    private List<ReportEvent> resolve(ReportCommand.Resolve r, Open o) {
        role(r, CLASSIFY, "the duty or PCTP officer resolves a report", Roles.DUTY_OFFICER, Roles.PCTP_OFFICER);
        status(o, CLASSIFY, "resolved", o.type() != IntakeRules.Type.FEEDBACK ? new Status[] {Status.REGISTERED}
                : new Status[] {Status.CLASSIFIED});
        if (r.result() == null || r.result().isBlank()) {
            throw new InvalidInput(CLASSIFY, "result", "the result is required");
        }
        return List.of(new ReportEvent.ReportResolved(o.reportId(), r.result().strip(), r.actor()),
                feedback(o, "RESOLVED", "Thông tin của anh/chị đã được giải quyết: " + r.result().strip()));
    }

    private List<ReportEvent> transfer(ReportCommand.Transfer t, Open o) {
        List<String> roles = new ArrayList<>(BOARD);
        roles.add(Roles.DUTY_OFFICER);
        role(t, CLASSIFY, "the duty officer or the board transfers a report", roles.toArray(String[]::new));
        status(o, CLASSIFY, "transferred", Status.CLASSIFIED, Status.WRITTEN_UP, Status.FORWARDED_TO_PCTP);
        if (t.body() == null || t.body().isBlank()) {
            throw new InvalidInput(CLASSIFY, "body", "the competent body is required");
        }
        if (t.reason() == null || t.reason().isBlank()) {
            throw new InvalidInput(CLASSIFY, "reason", "why it exceeds the unit's authority is required");
        }
        return List.of(new ReportEvent.ReportTransferred(o.reportId(), t.body().strip(), t.reason().strip(),
                t.actor()), feedback(o, "TRANSFERRED", "Thông tin của anh/chị đã được chuyển đến "
                + t.body().strip() + " để giải quyết theo thẩm quyền."));
    }

    private List<ReportEvent> warn(ReportCommand.Warn w, Open o) {
        if (o.status().clockStopped() || o.warned().contains(w.hoursLeft())) {
            return List.of();
        }
        if (w.at().isBefore(o.deadline().minus(Duration.ofHours(w.hoursLeft())))) {
            throw new RuleViolation(TIPS, "hoursLeft", "not yet " + w.hoursLeft() + " h before the deadline");
        }
        return List.of(new ReportEvent.DeadlineWarning(o.reportId(), w.hoursLeft(), o.deadline()));
    }

    private List<ReportEvent> breach(ReportCommand.Breach b, Open o) {
        if (o.status().clockStopped() || o.breached()) {
            return List.of();
        }
        if (b.at().isBefore(o.deadline())) {
            throw new RuleViolation(TIPS, "deadline", "the deadline is " + o.deadline());
        }
        return List.of(new ReportEvent.DeadlineBreached(o.reportId(), o.deadline(), Roles.COMMANDER));
    }

    private List<ReportEvent> acknowledgeEmergency(ReportCommand.AcknowledgeEmergency a, Open o) {
        role(a, EMERGENCY, "the commander acknowledges an emergency", Roles.COMMANDER);
        if (o.emergency() != Emergency.RAISED) {
            throw new RuleViolation(EMERGENCY, "reportId", "no emergency awaits acknowledgement");
        }
        return List.of(new ReportEvent.EmergencyAcknowledged(o.reportId(), a.actor()));
    }

    private List<ReportEvent> shredReporter(ReportCommand.ShredReporter x, Open o) {
        role(x, PERSONAL_DATA, "the commander or a system admin shreds a reporter's data", Roles.COMMANDER,
                Roles.SYSTEM_ADMIN);
        if (x.reason() == null || x.reason().isBlank()) {
            throw new InvalidInput(PERSONAL_DATA, "reason", "why the data is shredded is required");
        }
        return List.of(new ReportEvent.ReporterShredded(o.reportId(), x.actor(), x.reason().strip()));
    }

    /** An emergency no commander has acknowledged is raised again, one round more; else nothing. */
    private List<ReportEvent> reescalate(ReportCommand.Reescalate r, Open o) {
        return o.emergency() != Emergency.RAISED ? List.of()
                : List.of(new ReportEvent.EmergencyRaised(o.reportId(), "chưa có chỉ huy xác nhận", o.emergencyRound() + 1));
    }

    private List<ReportEvent> receive(ReportCommand.Receive r, Report state) {
        if (state instanceof Open) {
            throw new RuleViolation(INTAKE, "reportId", "this report was already received");
        }
        if (r.type() == null) {
            throw new InvalidInput(INTAKE, "type", "FEEDBACK, CRIME_TIP or EMERGENCY");
        }
        var missing = IntakeRules.missing(r.type(), r.reporter(), r.details(), r.content());
        List<ReportEvent> events = new ArrayList<>();
        events.add(new ReportEvent.ReportReceived(r.reportId(), r.type().name(), r.channel(), r.groupId(), r.unit(),
                r.reporter(),
                r.details(), r.content(), r.at(), r.at().plus(r.clock()),
                missing.stream().map(IntakeRules.Missing::field).toList()));
        if (r.type() == IntakeRules.Type.EMERGENCY || r.emergencyTerms() != null) {
            events.add(new ReportEvent.EmergencyRaised(r.reportId(), r.type() == IntakeRules.Type.EMERGENCY
                    ? "báo tin khẩn cấp" : "nội dung có dấu hiệu khẩn cấp: " + r.emergencyTerms(), 1));
        }
        if (r.nobodyOnDuty() != null) {
            events.add(new ReportEvent.NobodyOnDuty(r.reportId(), r.nobodyOnDuty()));
        }
        events.add(new ReportEvent.CitizenFeedback(r.reportId(), "RECEIVED", IntakeRules.reply(missing)));
        return events;
    }

    private List<ReportEvent> complete(ReportCommand.Complete c, Open o) {
        if (o.status().clockStopped()) {
            throw new RuleViolation(INTAKE, "reportId", "the report is " + o.status());
        }
        Reporter reporter = merge(o.reporter(), c.reporter());
        TipDetails details = merge(o.details(), c.details());
        String content = c.content() != null && !c.content().isBlank() ? c.content() : o.content();
        var missing = IntakeRules.missing(o.type(), reporter, details, content);
        return List.of(new ReportEvent.ReportCompleted(o.reportId(), reporter, details, content,
                missing.stream().map(IntakeRules.Missing::field).toList()),
                new ReportEvent.CitizenFeedback(o.reportId(), "COMPLETED", IntakeRules.reply(missing)));
    }

    private static String pick(String later, String earlier) {
        return later != null && !later.isBlank() ? later : earlier;
    }

    static Reporter merge(Reporter a, Reporter b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return new Reporter(pick(b.name(), a.name()), pick(b.address(), a.address()), pick(b.phone(), a.phone()),
                pick(b.refusalReason(), a.refusalReason()));
    }

    static TipDetails merge(TipDetails a, TipDetails b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return new TipDetails(b.incidentAt() != null ? b.incidentAt() : a.incidentAt(), pick(b.place(), a.place()),
                pick(b.summary(), a.summary()), pick(b.suspect(), a.suspect()), pick(b.victim(), a.victim()),
                pick(b.witnesses(), a.witnesses()), pick(b.escapeDirection(), a.escapeDirection()),
                pick(b.means(), a.means()), pick(b.damage(), a.damage()), pick(b.actionsTaken(), a.actionsTaken()),
                pick(b.howKnown(), a.howKnown()));
    }

    /** The officers who take a report in hand: those who do its steps (the duty officer, the PCTP officer, the commander). */
    public static final Set<String> HANDLERS = Set.of(Roles.DUTY_OFFICER, Roles.PCTP_OFFICER, Roles.COMMANDER);
    /** The longest note between officers, in characters. */
    public static final int NOTE_LIMIT = 4_000;

    /**
     * "Nhận xử lý": an officer who does the report's steps takes it in hand while its 24-hour
     * clock runs (police-song-tri:15.3 puts the tip in the duty officer's hands first); taking it
     * from another is a hand-over, recorded with whom it came from; taking one's own again does nothing.
     */
    private List<ReportEvent> take(ReportCommand.Take t, Open o) {
        role(t, TIPS, "the duty officer, the PCTP officer or the commander takes a report in hand",
                HANDLERS.toArray(String[]::new));
        if (o.status().clockStopped()) {
            throw new RuleViolation(TIPS, "reportId", "a report " + o.status() + " is no longer handled");
        }
        if (t.actor().equals(o.handler())) {
            return List.of();
        }
        return List.of(new ReportEvent.ReportTaken(o.reportId(), t.actor(), o.handler()));
    }

    /**
     * A note between the officers who see the report (its handlers and its board), at any stage;
     * the note arrives sealed ({@link #checkNote} has read it in clear).
     */
    private List<ReportEvent> addNote(ReportCommand.AddNote n, Open o) {
        List<String> roles = new ArrayList<>(HANDLERS);
        roles.addAll(BOARD);
        role(n, TIPS, "the officers handling the report and its board write notes", roles.toArray(String[]::new));
        if (n.note() == null || n.note().isBlank()) {
            throw new InvalidInput(TIPS, "note", "the note is empty");
        }
        return List.of(new ReportEvent.ReportNoteAdded(o.reportId(), n.note(), n.actor()));
    }

    /** A note in clear, stripped: not empty and at most {@link #NOTE_LIMIT} characters, else an {@link InvalidInput}. */
    public static String checkNote(String note) {
        if (note == null || note.isBlank()) {
            throw new InvalidInput(TIPS, "note", "the note is empty");
        }
        if (note.length() > NOTE_LIMIT) {
            throw new InvalidInput(TIPS, "note", "a note holds at most " + NOTE_LIMIT + " characters");
        }
        return note.strip();
    }

    private static ReportEvent.CitizenFeedback feedback(Open o, String step, String message) {
        return new ReportEvent.CitizenFeedback(o.reportId(), step, message);
    }

    private static void role(ReportCommand c, String citation, String who, String... allowed) {
        for (String r : allowed) {
            if (c.roles().contains(r)) {
                return;
            }
        }
        throw new NotPermitted(citation, who);
    }

    /** Crime tips, and emergencies, which are tips too (police-song-tri:15.4 adds the alarm, not another path). */
    private static void tipOnly(Open o) {
        if (o.type() == IntakeRules.Type.FEEDBACK) {
            throw new RuleViolation(TIPS, "reportId", "only crime tips and emergencies are written up, forwarded and "
                    + "registered");
        }
    }

    private static void status(Open o, String citation, String verb, Status... allowed) {
        for (Status s : allowed) {
            if (o.status() == s) {
                return;
            }
        }
        throw new RuleViolation(citation, "reportId", "a report " + o.status() + " cannot be " + verb);
    }

    @Override
    public Report evolve(Report state, ReportEvent event) {
        if (event instanceof ReportEvent.ReportReceived e) {
            return new Open(e.reportId(), IntakeRules.Type.valueOf(e.type()), Status.RECEIVED, e.receivedAt(),
                    e.deadline(), e.reporter(), e.details(), e.content(), List.copyOf(e.missing()), Set.of(), false,
                    Emergency.NONE, 0, null);
        }
        if (!(state instanceof Open o)) {
            return state;
        }
        return switch (event) {
            case ReportEvent.ReportReceived e -> o;
            case ReportEvent.ReportCompleted e -> new Open(o.reportId(), o.type(), o.status(), o.receivedAt(),
                    o.deadline(), e.reporter(), e.details(), e.content(), List.copyOf(e.missing()), o.warned(),
                    o.breached(), o.emergency(), o.emergencyRound(), o.handler());
            case ReportEvent.ReportClassified e -> o.with(Status.CLASSIFIED);
            case ReportEvent.ReportWrittenUp e -> o.with(Status.WRITTEN_UP);
            case ReportEvent.ReportForwardedToPctp e -> o.with(Status.FORWARDED_TO_PCTP);
            case ReportEvent.ReportRegistered e -> o.with(Status.REGISTERED);
            case ReportEvent.ReportResolved e -> o.with(Status.RESOLVED);
            case ReportEvent.ReportTransferred e -> o.with(Status.TRANSFERRED);
            case ReportEvent.DeadlineWarning e -> {
                Set<Integer> warned = new HashSet<>(o.warned());
                warned.add(e.hoursLeft());
                yield new Open(o.reportId(), o.type(), o.status(), o.receivedAt(), o.deadline(), o.reporter(),
                        o.details(), o.content(), o.missing(), Set.copyOf(warned), o.breached(), o.emergency(),
                        o.emergencyRound(), o.handler());
            }
            case ReportEvent.DeadlineBreached e -> new Open(o.reportId(), o.type(), o.status(), o.receivedAt(),
                    o.deadline(), o.reporter(), o.details(), o.content(), o.missing(), o.warned(), true, o.emergency(),
                    o.emergencyRound(), o.handler());
            case ReportEvent.EmergencyRaised e -> new Open(o.reportId(), o.type(), o.status(), o.receivedAt(),
                    o.deadline(), o.reporter(), o.details(), o.content(), o.missing(), o.warned(), o.breached(),
                    Emergency.RAISED, e.round(), o.handler());
            case ReportEvent.EmergencyAcknowledged e -> new Open(o.reportId(), o.type(), o.status(), o.receivedAt(),
                    o.deadline(), o.reporter(), o.details(), o.content(), o.missing(), o.warned(), o.breached(),
                    Emergency.ACKNOWLEDGED, o.emergencyRound(), o.handler());
            case ReportEvent.CitizenFeedback e -> o;
            case ReportEvent.NobodyOnDuty e -> o;
            case ReportEvent.PersonalDataRead e -> o;
            case ReportEvent.ReporterShredded e -> o;
            case ReportEvent.ReportTaken e -> o.handledBy(e.takenBy());
            case ReportEvent.ReportNoteAdded e -> o;
        };
    }
}
