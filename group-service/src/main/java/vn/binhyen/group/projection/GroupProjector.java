package vn.binhyen.group.projection;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import vn.binhyen.contracts.group.GroupEvent;
import vn.binhyen.contracts.group.GroupRole;
import vn.binhyen.eventlog.EventLogException;
import vn.binhyen.group.domain.Group;

/**
 * Keeps the read models in step with a group's events, on the caller's transaction, so
 * that the API reads its own writes. Each event touches only the rows it changes: adding a
 * member to a 5,000-member group writes one membership row, not 5,000. JDBC on purpose: these are
 * upserts and counter updates ({@code on conflict … do update}, {@code member_count + 1}) beside the
 * event append, which Hibernate would turn into a read and a write per row; the reads are Panache's
 * ({@link GroupQueries}).
 */
@ApplicationScoped
public class GroupProjector {
    private final DataSource dataSource;

    public GroupProjector(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void apply(Group after, long version, List<GroupEvent> events, Instant at) {
        if (events.isEmpty() || !(after instanceof Group.Established g)) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            summary(c, g, version, at);
            for (GroupEvent e : events) {
                switch (e) {
                    case GroupEvent.GroupEstablished x -> seat(c, g.groupId(), x.leader().memberId(), GroupRole.LEADER);
                    case GroupEvent.MemberAdded x -> seat(c, g.groupId(), x.member().memberId(), x.role());
                    case GroupEvent.RoleAssigned x -> seat(c, g.groupId(), x.memberId(), x.role());
                    case GroupEvent.RoleHandedOver x -> {
                        seat(c, g.groupId(), x.fromMemberId(), GroupRole.MEMBER);
                        seat(c, g.groupId(), x.successor().memberId(), x.role());
                    }
                    case GroupEvent.MemberRemoved x -> unseat(c, g.groupId(), x.memberId());
                    case GroupEvent.MemberLeft x -> unseat(c, g.groupId(), x.memberId());
                    case GroupEvent.MessagePinned p -> pin(c, p);
                    case GroupEvent.PinExpired p -> update(c, "update group_pin set state = 'EXPIRED' where pin_id = ?",
                            p.pinId());
                    case GroupEvent.MessageUnpinned p -> update(c,
                            "update group_pin set state = 'UNPINNED' where pin_id = ?", p.pinId());
                    case GroupEvent.DirectiveIssued d -> directive(c, d);
                    case GroupEvent.DirectiveAcknowledged a -> {
                        // everyone answered: nothing left to remind, so the sweep does not claim it again
                        var d = g.directives().get(a.directiveId());
                        if (d != null && d.pending().isEmpty()) {
                            update(c, "update group_directive set reminder_state = 'ANSWERED' where directive_id = ? "
                                    + "and reminder_state = 'WAITING'", a.directiveId());
                        }
                    }
                    case GroupEvent.DirectiveReminderDue d -> update(c,
                            "update group_directive set reminder_state = 'RAISED' where directive_id = ?",
                            d.directiveId());
                    case GroupEvent.GroupTerminated t -> {
                        // nothing is swept in a terminated group any more
                        update(c, "update group_pin set state = 'CLOSED' where group_id = ? and state = 'ACTIVE'",
                                t.groupId());
                        update(c, "update group_directive set reminder_state = 'CLOSED' where group_id = ? "
                                + "and reminder_state = 'WAITING'", t.groupId());
                    }
                    default -> {
                    }
                }
            }
        } catch (SQLException e) {
            throw new EventLogException("group read models could not follow " + g.groupId() + ": " + e.getMessage(), e);
        }
    }

    private static void summary(Connection c, Group.Established g, long version, Instant at)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into group_summary (group_id, name, profile, unit, "
                + "kind, status, member_count, version, established_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                + "on conflict (group_id) do update set name = excluded.name, profile = excluded.profile, "
                + "status = excluded.status, member_count = excluded.member_count, version = excluded.version")) {
            ps.setString(1, g.groupId());
            ps.setString(2, g.name());
            ps.setString(3, g.profile());
            ps.setString(4, g.unit()); // the unit's id; it never changes
            ps.setString(5, g.kind());
            ps.setString(6, g.status().name());
            ps.setInt(7, g.roster().size());
            ps.setLong(8, version);
            ps.setTimestamp(9, Timestamp.from(at));
            ps.executeUpdate();
        }
    }

    private static void seat(Connection c, String groupId, String memberId, GroupRole role) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into group_membership (group_id, member_id, role) "
                + "values (?, ?, ?) on conflict (group_id, member_id) do update set role = excluded.role")) {
            ps.setString(1, groupId);
            ps.setString(2, memberId);
            ps.setString(3, role.name());
            ps.executeUpdate();
        }
    }

    private static void unseat(Connection c, String groupId, String memberId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "delete from group_membership where group_id = ? and member_id = ?")) {
            ps.setString(1, groupId);
            ps.setString(2, memberId);
            ps.executeUpdate();
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

    private static void directive(Connection c, GroupEvent.DirectiveIssued d) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into group_directive (directive_id, group_id, "
                + "acknowledge_by, reminder_state) values (?, ?, ?, 'WAITING')")) {
            ps.setString(1, d.directiveId());
            ps.setString(2, d.groupId());
            ps.setTimestamp(3, Timestamp.from(d.acknowledgeBy()));
            ps.executeUpdate();
        }
    }

    private static void update(Connection c, String sql, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, key);
            ps.executeUpdate();
        }
    }
}
