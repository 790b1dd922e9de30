package vn.binhyen.report.service;

import vn.binhyen.report.config.ReportIntakeConfig;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.OptionalLong;
import vn.binhyen.contracts.report.ReportEvent;
import vn.binhyen.eventlog.EventLogException;
import vn.binhyen.eventlog.decider.CommandHandler;
import vn.binhyen.report.domain.IntakeRules;
import vn.binhyen.report.domain.Report;
import vn.binhyen.report.domain.ReportCommand;
import vn.binhyen.report.domain.ReportDecider;
import vn.binhyen.report.domain.ReportRules;

/**
 * Load → decide → append, with the read models, the deadline rows and the register in the
 * same transaction: a report's clock is written when the report is, and a register number is
 * drawn only by a registration that commits (so the numbers have no gaps).
 */
@ApplicationScoped
public class ReportService {
    static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    private final CommandHandler<ReportCommand, Report, ReportEvent> handler;
    private final vn.binhyen.eventlog.EventStore store;
    private final vn.binhyen.eventlog.decider.EventCodec<ReportEvent> codec;
    private final AgroalDataSource dataSource;
    private final DutyRoster roster;
    private final ReporterKeys keys;
    private final Duration tipClock;
    private final Duration feedbackClock;
    private final Duration emergencyClock;
    private final Duration reescalateEvery;
    private final java.time.Clock clock;

    ReportService(CommandHandler<ReportCommand, Report, ReportEvent> handler, vn.binhyen.eventlog.EventStore store,
            vn.binhyen.eventlog.decider.EventCodec<ReportEvent> codec, AgroalDataSource dataSource, DutyRoster roster,
            ReporterKeys keys, java.time.Clock clock,
            ReportIntakeConfig.Report report) {
        Duration tipClock = report.clock().crimeTip();
        Duration feedbackClock = report.clock().feedback();
        Duration emergencyClock = report.clock().emergency();
        Duration reescalateEvery = report.emergency().reescalateEvery();
        this.handler = handler;
        this.store = store;
        this.codec = codec;
        this.dataSource = dataSource;
        this.roster = roster;
        this.keys = keys;
        this.clock = clock;
        this.tipClock = ceiling("binhyen.report.clock.crime-tip", tipClock);
        this.feedbackClock = ceiling("binhyen.report.clock.feedback", feedbackClock);
        this.emergencyClock = ceiling("binhyen.report.clock.emergency", emergencyClock);
        this.reescalateEvery = reescalateEvery;
    }

    /** police-song-tri:15.3's "trong thời hạn 24 giờ": the longest a clock may run. */
    public static final Duration CEILING = Duration.ofHours(24);

    /**
     * A configured clock, refused at start when it is not positive or longer than 24 hours
     * (police-song-tri:15.3): configuration may shorten the seed's time, never lengthen it.
     */
    public static Duration ceiling(String key, Duration configured) {
        if (configured == null || configured.isZero() || configured.isNegative() || configured.compareTo(CEILING) > 0) {
            throw new IllegalStateException(key + "=" + configured + ": a report's clock runs for more than nothing and "
                    + "at most 24 hours (" + ReportRules.cite("tips") + ", \"trong thời hạn 24 giờ\"); configuration "
                    + "may shorten it, never lengthen it");
        }
        return configured;
    }

    public Duration clockFor(IntakeRules.Type type) {
        return switch (type) {
            case CRIME_TIP -> tipClock;
            case FEEDBACK -> feedbackClock;
            case EMERGENCY -> emergencyClock;
        };
    }

    /**
     * Receives a report under {@code idempotentId} (or a new id when null): the reporter's data
     * sealed under a key of their own, emergency terms looked for, the day's duty roster checked;
     * the clock starts now.
     */
    @Transactional
    public CommandHandler.Outcome<Report, ReportEvent> receive(String idempotentId, IntakeRules.Type type,
            String channel, String groupId, String unit, ReportEvent.Reporter reporter, ReportEvent.TipDetails details,
            String content, String actor, java.util.Set<String> roles, Instant now, CommandHandler.Metadata meta) {
        String reportId = idempotentId != null ? idempotentId : "report-" + vn.binhyen.eventlog.EventIds.next();
        var emergency = vn.binhyen.report.domain.EmergencyTerms.find(content, details == null ? null : details.summary());
        var today = now.atZone(VIETNAM).toLocalDate();
        // the roster of the unit receiving the report (issue 21); a report of no unit has no roster to miss
        var nobody = unit != null && roster.day(unit, today).officers().isEmpty() ? today : null;
        // a new stream: nothing to read first; a report already under this id (a retry) is a ConcurrencyException
        // everything personal sealed under the report's own key before it is decided and stored (issue 21, F8)
        var sealed = keys.sealNew(reportId, reporter, details, content, now);
        var outcome = handler.start(reportId, new ReportCommand.Receive(reportId, type, channel, groupId, unit,
                sealed.reporter(), sealed.details(), sealed.content(), clockFor(type), emergency.orElse(null),
                nobody, actor, roles, now), meta);
        project(outcome, now);
        return outcome;
    }

    /**
     * The id of the report a caller files under an idempotency key: the same caller and key, the
     * same report (a name-based UUID; distinct from the time-ordered ids of reports without a key).
     */
    public static String idempotentId(String caller, String key) {
        return "report-" + java.util.UUID.nameUUIDFromBytes((caller + "\n" + key)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * Completes a report with what the citizen sent later: sealed under the report's key and
     * decided in one transaction, so nothing sealed is kept for a refused completion.
     */
    @Transactional
    public CommandHandler.Outcome<Report, ReportEvent> complete(String reportId, ReportEvent.Reporter reporter,
            ReportEvent.TipDetails details, String content, String actor, java.util.Set<String> roles, Instant now,
            CommandHandler.Metadata meta) {
        var sealed = keys.seal(reportId, reporter, details, content, now);
        return handle(reportId, OptionalLong.empty(), new ReportCommand.Complete(sealed.reporter(), sealed.details(),
                sealed.content(), actor, roles, now), meta);
    }

    /**
     * Crypto-shredding: the decision recorded and the reporter's key deleted in one transaction; the
     * events keep their ciphertext and still verify.
     */
    @Transactional
    public CommandHandler.Outcome<Report, ReportEvent> shred(String reportId, String reason, String actor,
            java.util.Set<String> roles, Instant now, CommandHandler.Metadata meta) {
        var outcome = handle(reportId, OptionalLong.empty(), new ReportCommand.ShredReporter(reason, actor, roles, now),
                meta);
        keys.shred(reportId);
        return outcome;
    }

    @Transactional
    public CommandHandler.Outcome<Report, ReportEvent> handle(String reportId, OptionalLong ifMatch,
            ReportCommand command, CommandHandler.Metadata meta) {
        var outcome = handler.handle(reportId, ifMatch, command, meta);
        project(outcome, command.at());
        return outcome;
    }

    /**
     * Form 294's "cán bộ tiếp nhận": the duty officer who received the information (police-song-tri:15.1,
     * 15.3a): the one who filed it, when a duty officer did (a call, a visit), else the one who first
     * classified what a bot relayed. Never the PCTP officer who registers it.
     */
    String receivingOfficer(String reportId) {
        String classifier = null;
        for (vn.binhyen.eventlog.Envelope e : store.read(reportId)) {
            if (e.eventType().equals("ReportReceived") && vn.binhyen.contracts.Roles.DUTY_OFFICER.equals(e.actor().role())) {
                return e.actor().id();
            }
            if (e.eventType().equals("ReportClassified") && classifier == null) {
                classifier = e.payload().path("classifiedBy").asText(null);
            }
        }
        return classifier;
    }

    /**
     * Registers a forwarded tip, drawing the unit's next number for the year in this transaction:
     * a registration the rules refuse rolls the number back with it, so the register has no gaps,
     * and the register's row commits with the event or not at all.
     */
    @Transactional
    public CommandHandler.Outcome<Report, ReportEvent> register(String reportId, String unit, OptionalLong ifMatch,
            String actor, java.util.Set<String> roles, Instant at, CommandHandler.Metadata meta) {
        int year = at.atZone(VIETNAM).getYear();
        long number = nextNumber(unit, year);
        var outcome = handle(reportId, ifMatch, new ReportCommand.Register(unit, year, number, actor, roles, at), meta);
        if (outcome.state() instanceof Report.Open o) {
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                    "insert into crime_register (unit, year, number, report_id, received_at, source_type, reporter, "
                            + "summary, receiving_officer, registered_by, registered_at) "
                            + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, unit);
                ps.setInt(2, year);
                ps.setLong(3, number);
                ps.setString(4, reportId);
                ps.setTimestamp(5, Timestamp.from(o.receivedAt()));
                ps.setString(6, o.type().name());
                // the register holds the sealed name, or a sealed "anonymous (why)", and the sealed summary (F8)
                var clearReporter = keys.open(reportId, o.reporter());
                ps.setString(7, o.reporter() == null || o.reporter().name() == null
                        ? keys.sealText(reportId, "Ẩn danh" + (clearReporter != null
                                && clearReporter.refusalReason() != null ? " (" + clearReporter.refusalReason() + ")" : ""))
                        : o.reporter().name());
                ps.setString(8, o.details() != null && o.details().summary() != null ? o.details().summary()
                        : o.content() != null ? o.content() : "");
                ps.setString(9, receivingOfficer(reportId));
                ps.setString(10, actor);
                ps.setTimestamp(11, Timestamp.from(at));
                ps.executeUpdate();
            } catch (SQLException e) {
                throw new EventLogException("register entry for " + reportId + " failed: " + e.getMessage(), e);
            }
        }
        return outcome;
    }

    private long nextNumber(String unit, int year) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "insert into register_counter (unit, year, last) values (?, ?, 1) on conflict (unit, year) "
                        + "do update set last = register_counter.last + 1 returning last")) {
            ps.setString(1, unit);
            ps.setInt(2, year);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new EventLogException("register number for " + unit + " could not be drawn: " + e.getMessage(), e);
        }
    }

    private void project(CommandHandler.Outcome<Report, ReportEvent> outcome, Instant at) {
        if (outcome.events().isEmpty() || !(outcome.state() instanceof Report.Open o)) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("insert into report_summary (report_id, type, status, "
                    + "channel, group_id, received_at, deadline, emergency, missing, version, unit, incident_at, place, "
                    + "summary, missing_fields, category, handler) values "
                    + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (report_id) do update set "
                    + "status = excluded.status, emergency = excluded.emergency, missing = excluded.missing, "
                    + "version = excluded.version, incident_at = excluded.incident_at, place = excluded.place, "
                    + "summary = excluded.summary, missing_fields = excluded.missing_fields, "
                    + "category = coalesce(excluded.category, report_summary.category), handler = excluded.handler")) {
                String channel = null;
                String group = null;
                String unit = null;
                String category = null;
                for (ReportEvent e : outcome.events()) {
                    if (e instanceof ReportEvent.ReportReceived r) {
                        channel = r.channel();
                        group = r.groupId();
                        unit = r.unit();
                    } else if (e instanceof ReportEvent.ReportClassified r) {
                        category = r.category();
                    }
                }
                ps.setString(1, o.reportId());
                ps.setString(2, o.type().name());
                ps.setString(3, o.status().name());
                ps.setString(4, channel);
                ps.setString(5, group);
                ps.setTimestamp(6, Timestamp.from(o.receivedAt()));
                ps.setTimestamp(7, Timestamp.from(o.deadline()));
                ps.setString(8, o.emergency().name());
                ps.setInt(9, o.missing().size());
                ps.setLong(10, outcome.version());
                ps.setString(11, unit);
                // the state's details are the sealed ones: the read model holds ciphertext, as the events do
                var d = o.details();
                ps.setTimestamp(12, d == null || d.incidentAt() == null ? null : Timestamp.from(d.incidentAt()));
                ps.setString(13, d == null ? null : d.place());
                ps.setString(14, d != null && d.summary() != null && !d.summary().isBlank() ? d.summary() : o.content());
                ps.setArray(15, c.createArrayOf("text", o.missing().toArray()));
                ps.setString(16, category);
                ps.setString(17, o.handler());
                ps.executeUpdate();
            }
            for (ReportEvent e : outcome.events()) {
                switch (e) {
                    case ReportEvent.ReportClassified r -> stamp(c, r.reportId(), "classified", r.classifiedBy(), at);
                    case ReportEvent.ReportRegistered r -> stamp(c, r.reportId(), "registered", r.registeredBy(), at);
                    case ReportEvent.ReportResolved r -> stamp(c, r.reportId(), "closed", null, at);
                    case ReportEvent.ReportTransferred r -> stamp(c, r.reportId(), "closed", null, at);
                    default -> {
                    }
                }
            }
            for (ReportEvent e : outcome.events()) {
                switch (e) {
                    case ReportEvent.ReportReceived r -> clock(c, r.reportId(), r.deadline());
                    case ReportEvent.EmergencyRaised r -> due(c, r.reportId(), "REESCALATE_" + r.round(),
                            at.plus(reescalateEvery));
                    default -> {
                    }
                }
            }
        } catch (SQLException e) {
            throw new EventLogException("report read models could not follow " + o.reportId() + ": " + e.getMessage(), e);
        }
    }

    /** When a step happened, and by whom, for the statistics ({@code step}: classified, registered, closed). */
    private static void stamp(Connection c, String reportId, String step, String by, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update report_summary set " + step + "_at = ?"
                + (by == null ? "" : ", " + step + "_by = ?") + " where report_id = ?")) {
            ps.setTimestamp(1, Timestamp.from(at));
            int p = 2;
            if (by != null) {
                ps.setString(p++, by);
            }
            ps.setString(p, reportId);
            ps.executeUpdate();
        }
    }

    /** The warnings and the breach of a new report, in one statement. */
    private static void clock(Connection c, String reportId, Instant deadline) throws SQLException {
        StringBuilder sql = new StringBuilder("insert into report_deadline (report_id, kind, due_at) values ");
        int rows = ReportDecider.WARNINGS.size() + 1;
        for (int i = 0; i < rows; i++) {
            sql.append(i == 0 ? "" : ", ").append("(?, ?, ?)");
        }
        try (PreparedStatement ps = c.prepareStatement(sql.append(" on conflict do nothing").toString())) {
            int p = 1;
            for (int hours : ReportDecider.WARNINGS) {
                ps.setString(p++, reportId);
                ps.setString(p++, "WARN_" + hours);
                ps.setTimestamp(p++, Timestamp.from(deadline.minus(Duration.ofHours(hours))));
            }
            ps.setString(p++, reportId);
            ps.setString(p++, "BREACH");
            ps.setTimestamp(p, Timestamp.from(deadline));
            ps.executeUpdate();
        }
    }

    private static void due(Connection c, String reportId, String kind, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "insert into report_deadline (report_id, kind, due_at) values (?, ?, ?) on conflict do nothing")) {
            ps.setString(1, reportId);
            ps.setString(2, kind);
            ps.setTimestamp(3, Timestamp.from(at));
            ps.executeUpdate();
        }
    }

    /**
     * Records a clear read of a reporter's personal data, in the report's access stream (so the
     * report's own version, its ETag, does not move with reads).
     */
    @Transactional
    public void recordRead(String reportId, String readBy, String role) {
        var read = new ReportEvent.PersonalDataRead(reportId, readBy, role);
        String stream = "access-" + java.util.UUID.nameUUIDFromBytes(reportId.getBytes(
                java.nio.charset.StandardCharsets.UTF_8));
        store.append(stream, vn.binhyen.eventlog.EventStore.ANY_VERSION, List.of(new vn.binhyen.eventlog.NewEvent(
                vn.binhyen.eventlog.EventIds.next(), codec.typeName(read), codec.schemaVersion(read), clock.instant(),
                vn.binhyen.eventlog.Actor.of(readBy, role), "personal-data-read", null, codec.payload(read))));
    }

    public Report load(String reportId) {
        return handler.load(reportId);
    }

    /** Takes the report in hand for {@code actor} ("nhận xử lý"). */
    @Transactional
    public CommandHandler.Outcome<Report, ReportEvent> take(String reportId, String actor, java.util.Set<String> roles,
            Instant at, CommandHandler.Metadata meta) {
        return handle(reportId, OptionalLong.empty(), new ReportCommand.Take(actor, roles, at), meta);
    }

    /**
     * A note between officers: checked in clear ({@link ReportDecider#checkNote}), then sealed under
     * the reporter's key before it is decided and stored.
     */
    @Transactional
    public CommandHandler.Outcome<Report, ReportEvent> note(String reportId, String note, String actor,
            java.util.Set<String> roles, Instant at, CommandHandler.Metadata meta) {
        String clear = ReportDecider.checkNote(note);
        return handle(reportId, OptionalLong.empty(), new ReportCommand.AddNote(keys.sealText(reportId, clear), actor,
                roles, at), meta);
    }

    /** The report's events, oldest first: its history as the console's timeline tells it. */
    public List<vn.binhyen.eventlog.Envelope> history(String reportId) {
        return store.read(reportId);
    }

    public ReportEvent decode(vn.binhyen.eventlog.Envelope e) {
        return codec.decode(e);
    }

    public record RegisterEntry(String unit, int year, long number, String reportId, Instant receivedAt,
            String sourceType, String reporter, String summary, String receivingOfficer, String registeredBy,
            Instant registeredAt) {
    }

    public List<RegisterEntry> register(String unit, int year) {
        List<RegisterEntry> out = new java.util.ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select unit, year, number, report_id, received_at, source_type, reporter, summary, receiving_officer, "
                        + "registered_by, registered_at from crime_register where unit = ? and year = ? order by number")) {
            ps.setString(1, unit);
            ps.setInt(2, year);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new RegisterEntry(rs.getString(1), rs.getInt(2), rs.getLong(3), rs.getString(4),
                            rs.getTimestamp(5).toInstant(), rs.getString(6), rs.getString(7), rs.getString(8),
                            rs.getString(9), rs.getString(10), rs.getTimestamp(11).toInstant()));
                }
            }
        } catch (SQLException e) {
            throw new EventLogException("register could not be read: " + e.getMessage(), e);
        }
        return out;
    }
}
