package vn.binhyen.report.service;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.Set;
import org.jboss.logging.Logger;
import vn.binhyen.eventlog.Actor;
import vn.binhyen.eventlog.DueWork;
import vn.binhyen.eventlog.Transactions;
import vn.binhyen.eventlog.quarkus.JtaTransactions;
import vn.binhyen.eventlog.decider.CommandHandler;
import vn.binhyen.report.domain.ReportCommand;

/**
 * The 24-hour clock, from a persistent deadline table, never in-memory timers: due rows are
 * claimed by eventlog's {@link DueWork} (several instances share the work without doubling it),
 * each turned into its command in the same transaction that marks it done; the
 * decider yields nothing for a warning already given, so a restart never repeats one.
 */
@ApplicationScoped
public class DeadlineSweep {
    private static final Logger LOG = Logger.getLogger(DeadlineSweep.class);
    private static final CommandHandler.Metadata META = new CommandHandler.Metadata(
            Actor.system("report-intake-service:clock"), "report-clock", null);
    private static final Set<String> SYSTEM = Set.of("SYSTEM");

    private static final int BATCH = 500;
    /** At most this many deadlines a sweep (the rest at the next, 10 s on): a run's work is bounded. */
    private static final int PER_SWEEP = 10 * BATCH;

    private final Transactions transactions;
    private final ReportService service;
    private final Clock clock;

    DeadlineSweep(JtaTransactions transactions, ReportService service, Clock clock) {
        this.transactions = transactions;
        this.service = service;
        this.clock = clock;
    }

    @Scheduled(every = "${binhyen.report.sweep-every:10s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        int n = sweep();
        if (n > 0) {
            LOG.infof("report clock: %d event(s)", n);
        }
    }

    /** Handles every due row, in rounds of up to 500 (each its own transaction); returns how many events that raised. */
    public int sweep() {
        return DEADLINES.drain(transactions, clock, BATCH, PER_SWEEP,
                (ps, now) -> ps.setTimestamp(1, Timestamp.from(now)), (c, due, now) -> {
                    int events = 0;
                    try (PreparedStatement done = c.prepareStatement(
                            "update report_deadline set done = true where report_id = ? and kind = ?")) {
                        for (Deadline d : due) {
                            events += service.handle(d.reportId(), OptionalLong.empty(), d.command(now),
                                    META).events().size();
                            done.setString(1, d.reportId());
                            done.setString(2, d.kind());
                            done.executeUpdate();
                        }
                    }
                    return events;
                }).done();
    }

    /** A deadline of a report's clock: a warning before 24 hours, the breach, or a re-escalation. */
    private record Deadline(String reportId, String kind) {
        ReportCommand command(Instant now) {
            return kind.startsWith("WARN_")
                    ? new ReportCommand.Warn(Integer.parseInt(kind.substring(5)), META.actor().id(), SYSTEM, now)
                    : kind.equals("BREACH") ? new ReportCommand.Breach(META.actor().id(), SYSTEM, now)
                            : new ReportCommand.Reescalate(META.actor().id(), SYSTEM, now);
        }
    }

    private static final DueWork<Deadline> DEADLINES = DueWork.of("report clock", "select report_id, kind "
            + "from report_deadline where not done and due_at <= ? order by due_at",
            rs -> new Deadline(rs.getString(1), rs.getString(2)));
}
