package vn.binhyen.group.projection;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import vn.binhyen.eventlog.EventLogException;

/** Reads of the group read models. */
@ApplicationScoped
public class GroupQueries {
    private final AgroalDataSource dataSource;

    GroupQueries(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public record Summary(String groupId, String name, String profile, String unit, String kind, String status,
            int memberCount, long version) {
    }

    public record Page(List<Summary> items, long total, int page, int size) {
    }

    public record Membership(String groupId, String name, String profile, String status, String role) {
    }

    /**
     * Groups filtered by unit, profile and status (each optional), by name, one page at a time;
     * only those of the units in {@code scope} (null: every unit's).
     */
    public Page groups(String unit, String profile, String status, Set<String> scope, int page, int size) {
        String where = " where (?::text is null or unit = ?) and (?::text is null or profile = ?) "
                + "and (?::text is null or status = ?) and (?::boolean or unit = any(?::text[]))";
        try (Connection c = dataSource.getConnection()) {
            long total;
            try (PreparedStatement ps = c.prepareStatement("select count(*) from group_summary" + where)) {
                bind(ps, unit, profile, status);
                scope(c, ps, 7, scope);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<Summary> items = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select group_id, name, profile, unit, kind, status, "
                    + "member_count, version from group_summary" + where + " order by name, group_id limit ? offset ?")) {
                bind(ps, unit, profile, status);
                scope(c, ps, 7, scope);
                ps.setInt(9, size);
                ps.setLong(10, (long) page * size);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        items.add(new Summary(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getString(6), rs.getInt(7), rs.getLong(8)));
                    }
                }
            }
            return new Page(items, total, page, size);
        } catch (SQLException e) {
            throw new EventLogException("group list failed: " + e.getMessage(), e);
        }
    }

    /** The groups the member sits in, and in which role; only those of the units in {@code scope} (null: all). */
    public List<Membership> groupsOf(String memberId, Set<String> scope) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select s.group_id, s.name, s.profile, s.status, m.role from group_membership m "
                        + "join group_summary s on s.group_id = m.group_id where m.member_id = ? "
                        + "and (?::boolean or s.unit = any(?::text[])) order by s.name")) {
            ps.setString(1, memberId);
            scope(c, ps, 2, scope);
            List<Membership> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Membership(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new EventLogException("member's groups failed: " + e.getMessage(), e);
        }
    }

    /** Binds {@code (?::boolean or unit = any(?::text[]))} at {@code index}: every unit when {@code scope} is null. */
    private static void scope(Connection c, PreparedStatement ps, int index, Set<String> scope) throws SQLException {
        ps.setBoolean(index, scope == null);
        ps.setArray(index + 1, c.createArrayOf("text", scope == null ? new String[0] : scope.toArray(new String[0])));
    }

    private static void bind(PreparedStatement ps, String unit, String profile, String status) throws SQLException {
        ps.setString(1, unit);
        ps.setString(2, unit);
        ps.setString(3, profile);
        ps.setString(4, profile);
        ps.setString(5, status);
        ps.setString(6, status);
    }
}
