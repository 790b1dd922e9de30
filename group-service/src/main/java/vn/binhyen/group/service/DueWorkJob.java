package vn.binhyen.group.service;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.OptionalLong;
import org.jboss.logging.Logger;
import vn.binhyen.eventlog.Actor;
import vn.binhyen.eventlog.DueWork;
import vn.binhyen.eventlog.Transactions;
import vn.binhyen.eventlog.quarkus.JtaTransactions;
import vn.binhyen.eventlog.decider.CommandHandler;
import vn.binhyen.group.domain.GroupCommand;

/**
 * Work that falls due with time, each item done exactly once, as events: pins whose expiry
 * came (ioc-dak-lak:4.1.3) and directives whose acknowledgement deadline passed with members
 * still silent (province-lai-chau:7.3). Due rows are claimed by eventlog's {@link DueWork}
 * (several instances share the work without doubling it), each round in a transaction of its own,
 * and the decider yields nothing for an item already done.
 */
@ApplicationScoped
public class DueWorkJob {
    private static final Logger LOG = Logger.getLogger(DueWorkJob.class);
    private static final int BATCH = 200;
    /** At most this many items a sweep (the rest at the next): a run's work is bounded. */
    private static final int PER_SWEEP = 10 * BATCH;
    private static final CommandHandler.Metadata PIN_EXPIRY = new CommandHandler.Metadata(
            Actor.system("group-service:pin-expiry"), "pin-expiry", null);
    private static final CommandHandler.Metadata REMINDERS = new CommandHandler.Metadata(
            Actor.system("group-service:directive-reminders"), "directive-reminders", null);

    private final Transactions transactions;
    private final GroupCommandService service;
    private final Clock clock;

    DueWorkJob(JtaTransactions transactions, GroupCommandService service, Clock clock) {
        this.transactions = transactions;
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

    /** Expires the due pins, in rounds of up to 200 (each its own transaction); returns how many events that raised. */
    public int expirePins() {
        return sweep(PINS, PIN_EXPIRY, (id, now) -> new GroupCommand.ExpirePin(id, PIN_EXPIRY.actor().id(), now),
                "update group_pin set state = 'CLOSED' where pin_id = ? and state = 'ACTIVE'");
    }

    /** Raises the reminders of overdue directives in active groups, in rounds of up to 200; returns how many. */
    public int raiseDirectiveReminders() {
        return sweep(DIRECTIVES, REMINDERS,
                (id, now) -> new GroupCommand.RaiseDirectiveReminder(id, REMINDERS.actor().id(), now),
                "update group_directive set reminder_state = 'ANSWERED' where directive_id = ? "
                        + "and reminder_state = 'WAITING'");
    }

    /** A due item: its id and its group's. */
    private record Item(String itemId, String groupId) {
    }

    private static final DueWork<Item> PINS = DueWork.of("pin expiry", "select pin_id, group_id from group_pin "
            + "where state = 'ACTIVE' and expires_at <= ? order by expires_at",
            rs -> new Item(rs.getString(1), rs.getString(2)));
    private static final DueWork<Item> DIRECTIVES = DueWork.of("directive reminders", "select d.directive_id, "
            + "d.group_id from group_directive d join group_summary s on s.group_id = d.group_id "
            + "where d.reminder_state = 'WAITING' and d.acknowledge_by <= ? and s.status = 'ACTIVE' "
            + "order by d.acknowledge_by", rs -> new Item(rs.getString(1), rs.getString(2))).lockingOnly("d");

    private interface Due {
        GroupCommand command(String itemId, Instant now);
    }

    /**
     * Each due item's command, in rounds; an item the decider has nothing left to do for (a pin no longer
     * pinned, a directive everyone acknowledged) is closed by {@code nothingToDo}, so it is not claimed again.
     */
    private int sweep(DueWork<Item> work, CommandHandler.Metadata meta, Due due, String nothingToDo) {
        return work.drain(transactions, clock, BATCH, PER_SWEEP,
                (ps, now) -> ps.setTimestamp(1, Timestamp.from(now)), (c, items, now) -> {
                    int events = 0;
                    try (PreparedStatement close = c.prepareStatement(nothingToDo)) {
                        for (Item item : items) {
                            int raised = service.handle(item.groupId(), OptionalLong.empty(),
                                    due.command(item.itemId(), now), meta).events().size();
                            if (raised == 0) {
                                close.setString(1, item.itemId());
                                close.executeUpdate();
                            }
                            events += raised;
                        }
                    }
                    return events;
                }).done();
    }
}
