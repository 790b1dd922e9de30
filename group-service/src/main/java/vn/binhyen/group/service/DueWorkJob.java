package vn.binhyen.group.service;

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
import org.jboss.logging.Logger;
import vn.binhyen.eventlog.Actor;
import vn.binhyen.eventlog.EventLogException;
import vn.binhyen.eventlog.decider.CommandHandler;
import vn.binhyen.group.domain.GroupCommand;

/**
 * Work that falls due with time, each item done exactly once, as events: pins whose expiry
 * came (ioc-dak-lak:4.1.3) and directives whose acknowledgement deadline passed with members
 * still silent (province-lai-chau:7.3). Due rows are claimed with {@code FOR UPDATE SKIP
 * LOCKED}, so several instances share the work without doubling it, and the decider yields
 * nothing for an item already done.
 */
@ApplicationScoped
public class DueWorkJob {
    private static final Logger LOG = Logger.getLogger(DueWorkJob.class);
    private static final int BATCH = 200;
    private static final CommandHandler.Metadata PIN_EXPIRY = new CommandHandler.Metadata(
            Actor.system("group-service:pin-expiry"), "pin-expiry", null);
    private static final CommandHandler.Metadata REMINDERS = new CommandHandler.Metadata(
            Actor.system("group-service:directive-reminders"), "directive-reminders", null);

    private final AgroalDataSource dataSource;
    private final GroupCommandService service;
    private final Clock clock;

    DueWorkJob(AgroalDataSource dataSource, GroupCommandService service, Clock clock) {
        this.dataSource = dataSource;
        this.service = service;
        this.clock = clock;
    }

    @Scheduled(every = "${binhyen.group.sweep-every:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        int expired = expirePins();
        int reminders = raiseDirectiveReminders();
        if (expired + reminders > 0) {
            LOG.infof("expired %d pin(s), raised %d directive reminder(s)", expired, reminders);
        }
    }

    /** Expires the due pins (up to 200 per call); returns how many. */
    @Transactional
    public int expirePins() {
        return sweep("select pin_id, group_id from group_pin where state = 'ACTIVE' and expires_at <= ? "
                + "order by expires_at limit " + BATCH + " for update skip locked", PIN_EXPIRY,
                (id, now) -> new GroupCommand.ExpirePin(id, PIN_EXPIRY.actor().id(), now));
    }

    /** Raises the reminders of overdue directives in active groups (up to 200 per call); returns how many. */
    @Transactional
    public int raiseDirectiveReminders() {
        return sweep("select d.directive_id, d.group_id from group_directive d join group_summary s "
                + "on s.group_id = d.group_id where d.reminder_state = 'WAITING' and d.acknowledge_by <= ? "
                + "and s.status = 'ACTIVE' order by d.acknowledge_by limit " + BATCH + " for update of d skip locked",
                REMINDERS, (id, now) -> new GroupCommand.RaiseDirectiveReminder(id, REMINDERS.actor().id(), now));
    }

    private interface Due {
        GroupCommand command(String itemId, Instant now);
    }

    private int sweep(String dueQuery, CommandHandler.Metadata meta, Due due) {
        Instant now = clock.instant();
        int done = 0;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(dueQuery)) {
            ps.setTimestamp(1, Timestamp.from(now));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    var outcome = service.handle(rs.getString(2), OptionalLong.empty(), due.command(rs.getString(1), now),
                            meta);
                    done += outcome.events().size();
                }
            }
        } catch (SQLException e) {
            throw new EventLogException(meta.correlationId() + " sweep failed: " + e.getMessage(), e);
        }
        return done;
    }
}
