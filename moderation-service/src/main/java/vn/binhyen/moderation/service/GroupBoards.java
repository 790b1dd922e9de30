package vn.binhyen.moderation.service;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Set;
import vn.binhyen.eventlog.EventLogException;

/** Who sits on each group's management board, as group events tell it. */
@ApplicationScoped
public class GroupBoards {
    /** The management board (Ban quản trị): leader, deputies, admins. */
    public static final Set<String> BOARD = Set.of("LEADER", "DEPUTY", "ADMIN");

    private final AgroalDataSource dataSource;

    GroupBoards(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Records a member's role; a role off the board (or a departure, as MEMBER) removes the seat. */
    public void seat(String groupId, String memberId, String role) {
        boolean board = BOARD.contains(role);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(board
                ? "insert into group_board (group_id, member_id, role) values (?, ?, ?) "
                        + "on conflict (group_id, member_id) do update set role = excluded.role"
                : "delete from group_board where group_id = ? and member_id = ?")) {
            ps.setString(1, groupId);
            ps.setString(2, memberId);
            if (board) {
                ps.setString(3, role);
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new EventLogException("board of " + groupId + " could not be updated: " + e.getMessage(), e);
        }
    }

    public boolean onBoard(String groupId, String memberId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select 1 from group_board where group_id = ? and member_id = ?")) {
            ps.setString(1, groupId);
            ps.setString(2, memberId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new EventLogException("board of " + groupId + " could not be read: " + e.getMessage(), e);
        }
    }
}
