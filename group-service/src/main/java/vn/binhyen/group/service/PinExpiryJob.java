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
import java.util.OptionalLong;
import org.jboss.logging.Logger;
import vn.binhyen.eventlog.Actor;
import vn.binhyen.eventlog.EventLogException;
import vn.binhyen.eventlog.decider.CommandHandler;
import vn.binhyen.group.domain.GroupCommand;

/**
 * Expires pins whose time has come (ioc-dak-lak:4.1.3), each exactly once, as events: due
 * pins are claimed with {@code FOR UPDATE SKIP LOCKED}, so several instances share the work
 * without doubling it, and the decider yields nothing for a pin already expired.
 */
@ApplicationScoped
public class PinExpiryJob {
    private static final Logger LOG = Logger.getLogger(PinExpiryJob.class);
    private static final CommandHandler.Metadata META = new CommandHandler.Metadata(
            Actor.system("group-service:pin-expiry"), "pin-expiry", null);

    private final AgroalDataSource dataSource;
    private final GroupCommandService service;
    private final Clock clock;

    PinExpiryJob(AgroalDataSource dataSource, GroupCommandService service, Clock clock) {
        this.dataSource = dataSource;
        this.service = service;
        this.clock = clock;
    }

    @Scheduled(every = "${binhyen.group.pin-sweep-every:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        int expired = sweep();
        if (expired > 0) {
            LOG.infof("expired %d pin(s)", expired);
        }
    }

    /** Expires the due pins (up to 200 per call); returns how many. */
    @Transactional
    public int sweep() {
        var now = clock.instant();
        int expired = 0;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select pin_id, group_id from group_pin where state = 'ACTIVE' and expires_at <= ? "
                        + "order by expires_at limit 200 for update skip locked")) {
            ps.setTimestamp(1, Timestamp.from(now));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    var outcome = service.handle(rs.getString(2), OptionalLong.empty(),
                            new GroupCommand.ExpirePin(rs.getString(1), META.actor().id(), now), META);
                    expired += outcome.events().size();
                }
            }
        } catch (SQLException e) {
            throw new EventLogException("pin sweep failed: " + e.getMessage(), e);
        }
        return expired;
    }
}
