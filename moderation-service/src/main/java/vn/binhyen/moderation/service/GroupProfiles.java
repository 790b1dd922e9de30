package vn.binhyen.moderation.service;

import vn.binhyen.eventlog.quarkus.AfterCommit;
import vn.binhyen.moderation.config.ModerationConfig;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import vn.binhyen.eventlog.EventLogException;

/**
 * Each group's regulation profile, learned from group events; a group not heard of yet is
 * screened by the configured default profile. Read through a small cache: the profile of a
 * group changes rarely, and a bot must be answered in milliseconds.
 */
@ApplicationScoped
public class GroupProfiles {
    private final AgroalDataSource dataSource;
    private final String defaultProfile;
    private final Map<String, String> cache = new ConcurrentHashMap<>();
    private final AfterCommit afterCommit;
    /** Groups not heard of yet, until when the default is assumed without asking the database again. */
    private final Map<String, Long> unknownUntil = new ConcurrentHashMap<>();
    private static final long UNKNOWN_FOR_NANOS = 30_000_000_000L;

    GroupProfiles(AgroalDataSource dataSource, ModerationConfig config, AfterCommit afterCommit) {
        this.afterCommit = afterCommit;
        this.dataSource = dataSource;
        this.defaultProfile = config.defaultProfile();
    }

    /**
     * The profile when it is known without asking the database (learned, or the default while a
     * group is not heard of), else null.
     */
    public String knownProfileOf(String groupId) {
        String cached = cache.get(groupId);
        if (cached != null) {
            return cached;
        }
        Long until = unknownUntil.get(groupId);
        return until != null && System.nanoTime() - until < 0 ? defaultProfile : null;
    }

    public String profileOf(String groupId) {
        String known = knownProfileOf(groupId);
        if (known != null) {
            return known;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select profile from group_profile where group_id = ?")) {
            ps.setString(1, groupId);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    cache.put(groupId, rs.getString(1));
                    return rs.getString(1);
                }
            }
        } catch (SQLException e) {
            throw new EventLogException("profile of " + groupId + " could not be read: " + e.getMessage(), e);
        }
        // the group's establishment may arrive any moment (perhaps on another instance's partition):
        // assume the default for a short while only
        if (unknownUntil.size() > 100_000) {
            unknownUntil.clear();
        }
        unknownUntil.put(groupId, System.nanoTime() + UNKNOWN_FOR_NANOS);
        return defaultProfile;
    }

    /** Records the profile a group event names (establishment or a profile change). */
    public void learn(String groupId, String profile, int version, Instant at) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "insert into group_profile (group_id, profile, version, updated_at) values (?, ?, ?, ?) "
                        + "on conflict (group_id) do update set profile = excluded.profile, version = excluded.version, "
                        + "updated_at = excluded.updated_at where group_profile.updated_at <= excluded.updated_at")) {
            ps.setString(1, groupId);
            ps.setString(2, profile);
            ps.setInt(3, version);
            ps.setTimestamp(4, Timestamp.from(at));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new EventLogException("profile of " + groupId + " could not be recorded: " + e.getMessage(), e);
        }
        // now, and again once the consumer's transaction commits: a screening between the write and the commit
        // reads the old profile, and must not keep it cached after
        afterCommit.nowAndAfterCommit(() -> {
            cache.remove(groupId);
            unknownUntil.remove(groupId);
        });
    }
}
