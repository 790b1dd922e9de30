package vn.binhyen.connector.service;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import vn.binhyen.connector.domain.Platform;

/**
 * Which Zalo group carries which Bình Yên group ({@code binding}, written with each GroupBound).
 * Every message asks: answers are kept in memory for {@link #CACHE_FOR} (a binding made on
 * another instance is seen within that time, one made here at once).
 */
@ApplicationScoped
public class Bindings {
    static final java.time.Duration CACHE_FOR = java.time.Duration.ofSeconds(5);

    private final AgroalDataSource dataSource;
    private final com.github.benmanes.caffeine.cache.Cache<String, Optional<Binding>> answers =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(CACHE_FOR)
                    .build();

    Bindings(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public record Binding(String groupId, Platform platform, String oaId, String zaloGroupId) {
    }

    public Optional<Binding> ofZaloGroup(String oaId, String zaloGroupId) {
        return answers.get("zalo\n" + oaId + "\n" + zaloGroupId,
                k -> one("where oa_id = ? and zalo_group_id = ?", oaId, zaloGroupId));
    }

    /** The binding of a Zalo group, whichever OA or bot carries it (notification-service names only the group). */
    public Optional<Binding> ofZaloGroup(String zaloGroupId) {
        return answers.get("any\n" + zaloGroupId, k -> one("where zalo_group_id = ? order by group_id limit 1",
                zaloGroupId));
    }

    public Optional<Binding> ofGroup(String groupId) {
        return answers.get("group\n" + groupId, k -> one("where group_id = ?", groupId));
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
            boolean inserted = ps.executeUpdate() == 1;
            answers.invalidateAll();
            return inserted;
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
