package vn.binhyen.group.projection;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import vn.binhyen.contracts.group.GroupEvent;
import vn.binhyen.eventlog.EventLogException;
import vn.binhyen.group.domain.Group;

/**
 * Keeps the read models in step with a group's events, on the caller's transaction, so
 * that the API reads its own writes.
 */
@ApplicationScoped
public class GroupProjector {
    private final AgroalDataSource dataSource;

    GroupProjector(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void apply(Group after, long version, List<GroupEvent> events, Instant at) {
        if (events.isEmpty() || !(after instanceof Group.Established g)) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("insert into group_summary (group_id, name, profile, unit, "
                    + "kind, status, member_count, version, established_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                    + "on conflict (group_id) do update set name = excluded.name, status = excluded.status, "
                    + "member_count = excluded.member_count, version = excluded.version")) {
                String unit = events.stream().filter(e -> e instanceof GroupEvent.GroupEstablished).findFirst()
                        .map(e -> ((GroupEvent.GroupEstablished) e).unit()).orElse(null); // the unit is optional
                ps.setString(1, g.groupId());
                ps.setString(2, g.name());
                ps.setString(3, g.profile());
                ps.setString(4, unit);
                ps.setString(5, g.kind());
                ps.setString(6, g.status().name());
                ps.setInt(7, g.roster().size());
                ps.setLong(8, version);
                ps.setTimestamp(9, Timestamp.from(at));
                ps.executeUpdate();
            }
            try (PreparedStatement del = c.prepareStatement("delete from group_membership where group_id = ?");
                    PreparedStatement ins = c.prepareStatement(
                            "insert into group_membership (group_id, member_id, role) values (?, ?, ?)")) {
                del.setString(1, g.groupId());
                del.executeUpdate();
                for (Group.Seat s : g.roster().values()) {
                    ins.setString(1, g.groupId());
                    ins.setString(2, s.member().memberId());
                    ins.setString(3, s.role().name());
                    ins.addBatch();
                }
                ins.executeBatch();
            }
            for (GroupEvent e : events) {
                switch (e) {
                    case GroupEvent.MessagePinned p -> pin(c, p);
                    case GroupEvent.PinExpired p -> pinState(c, p.pinId(), "EXPIRED");
                    case GroupEvent.MessageUnpinned p -> pinState(c, p.pinId(), "UNPINNED");
                    default -> {
                    }
                }
            }
        } catch (SQLException e) {
            throw new EventLogException("group read models could not follow " + g.groupId() + ": " + e.getMessage(), e);
        }
    }

    private static void pin(Connection c, GroupEvent.MessagePinned p) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into group_pin (pin_id, group_id, message_id, expires_at, "
                + "state) values (?, ?, ?, ?, 'ACTIVE')")) {
            ps.setString(1, p.pinId());
            ps.setString(2, p.groupId());
            ps.setString(3, p.messageId());
            ps.setTimestamp(4, Timestamp.from(p.expiresAt()));
            ps.executeUpdate();
        }
    }

    private static void pinState(Connection c, String pinId, String state) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update group_pin set state = ? where pin_id = ?")) {
            ps.setString(1, state);
            ps.setString(2, pinId);
            ps.executeUpdate();
        }
    }
}
