package vn.binhyen.report.service;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.Set;
import org.jboss.logging.Logger;
import vn.binhyen.eventlog.Actor;
import vn.binhyen.eventlog.EventLogException;
import vn.binhyen.eventlog.decider.CommandHandler;
import vn.binhyen.report.domain.ReportCommand;

/**
 * The 24-hour clock, from a persistent deadline table, never in-memory timers: due rows are
 * claimed with {@code FOR UPDATE SKIP LOCKED} (several instances share the work without
 * doubling it), each turned into its command in the same transaction that marks it done; the
 * decider yields nothing for a warning already given, so a restart never repeats one.
 */
@ApplicationScoped
public class DeadlineSweep {
    private static final Logger LOG = Logger.getLogger(DeadlineSweep.class);
    private static final CommandHandler.Metadata META = new CommandHandler.Metadata(
            Actor.system("report-intake-service:clock"), "report-clock", null);
    private static final Set<String> SYSTEM = Set.of("SYSTEM");

    private final AgroalDataSource dataSource;
    private final ReportService service;
    private final Clock clock;

    DeadlineSweep(AgroalDataSource dataSource, ReportService service, Clock clock) {
        this.dataSource = dataSource;
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

    /** Handles every due row (up to 500 per call); returns how many events that raised. */
    @Transactional
    public int sweep() {
        Instant now = clock.instant();
        int events = 0;
        try (Connection c = dataSource.getConnection();
                PreparedStatement due = c.prepareStatement("select report_id, kind from report_deadline where not done "
                        + "and due_at <= ? order by due_at limit 500 for update skip locked");
                PreparedStatement done = c.prepareStatement(
                        "update report_deadline set done = true where report_id = ? and kind = ?")) {
            due.setTimestamp(1, Timestamp.from(now));
            try (ResultSet rs = due.executeQuery()) {
                while (rs.next()) {
                    String reportId = rs.getString(1);
                    String kind = rs.getString(2);
                    ReportCommand command = kind.startsWith("WARN_")
                            ? new ReportCommand.Warn(Integer.parseInt(kind.substring(5)), META.actor().id(), SYSTEM, now)
                            : kind.equals("BREACH") ? new ReportCommand.Breach(META.actor().id(), SYSTEM, now)
                                    : new ReportCommand.Reescalate(META.actor().id(), SYSTEM, now);
                    events += service.handle(reportId, OptionalLong.empty(), command, META).events().size();
                    done.setString(1, reportId);
                    done.setString(2, kind);
                    done.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new EventLogException("report clock sweep failed: " + e.getMessage(), e);
        }
        return events;
    }
}
