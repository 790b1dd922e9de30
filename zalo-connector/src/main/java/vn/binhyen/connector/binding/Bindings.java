package vn.binhyen.connector.binding;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import vn.binhyen.connector.domain.Platform;

/** Which Zalo group carries which Bình Yên group ({@code binding}, written with each GroupBound). */
@ApplicationScoped
public class Bindings {
    private final AgroalDataSource dataSource;

    Bindings(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public record Binding(String groupId, Platform platform, String oaId, String zaloGroupId) {
    }

    public Optional<Binding> ofZaloGroup(String oaId, String zaloGroupId) {
        return one("where oa_id = ? and zalo_group_id = ?", oaId, zaloGroupId);
    }

    public Optional<Binding> ofGroup(String groupId) {
        return one("where group_id = ?", groupId);
    }

    /** Records the binding (in the caller's transaction); false when the group or the Zalo group is bound already. */
    public boolean insert(Binding b, String boundBy) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("insert into binding (group_id, platform, oa_id, zalo_group_id, "
                        + "bound_by) values (?, ?, ?, ?, ?) on conflict do nothing")) {
            ps.setString(1, b.groupId());
            ps.setString(2, b.platform().wireName());
            ps.setString(3, b.oaId());
            ps.setString(4, b.zaloGroupId());
            ps.setString(5, boundBy);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("binding not written: " + e.getMessage(), e);
        }
    }

    private Optional<Binding> one(String where, String... args) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "select group_id, platform, oa_id, zalo_group_id from binding " + where)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Binding(rs.getString(1), Platform.ofWireName(rs.getString(2)),
                        rs.getString(3), rs.getString(4))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("binding unreadable: " + e.getMessage(), e);
        }
    }
}
