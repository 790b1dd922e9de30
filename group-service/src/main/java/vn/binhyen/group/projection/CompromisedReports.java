package vn.binhyen.group.projection;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import vn.binhyen.contracts.group.GroupEvent;
import vn.binhyen.eventlog.EventLogException;
import vn.binhyen.group.domain.GroupCommand;

/**
 * A group's recent reports of hijacked accounts, each with when it was made (its envelope's
 * time): the event carries no time of its own, and the limits on how often a report may be made
 * count by time ({@link vn.binhyen.group.domain.CompromisedReportLimits}). Read from the log itself,
 * by the event's stable type name, so that only those few events are read, not the group's stream.
 */
@ApplicationScoped
public class CompromisedReports {
    static final String TYPE = GroupEvent.TYPES.entrySet().stream()
            .filter(e -> e.getValue() == GroupEvent.AccountCompromisedReported.class).map(Map.Entry::getKey)
            .findFirst().orElseThrow();

    private final AgroalDataSource dataSource;

    CompromisedReports(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * A group's reports made after a time, oldest first, and the group's version they were read
     * at: the report is appended at that version or not at all, so that one made meanwhile is
     * never missed by the count.
     */
    public record Recent(long version, List<GroupCommand.EarlierReport> reports) {
    }

    /** The reports of {@code groupId} made after {@code since}, and the version of the group then (one snapshot). */
    public Recent since(String groupId, Instant since) {
        List<GroupCommand.EarlierReport> out = new ArrayList<>();
        long version = 0;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "with v as (select coalesce(max(stream_version), 0) as version from event where stream_id = ?) "
                        + "select v.version, e.payload->>'memberId', e.payload->>'reportedBy', e.occurred_at from v "
                        + "left join event e on e.stream_id = ? and e.event_type = ? and e.occurred_at > ? "
                        + "order by e.stream_version")) {
            ps.setString(1, groupId);
            ps.setString(2, groupId);
            ps.setString(3, TYPE);
            ps.setTimestamp(4, Timestamp.from(since));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    version = rs.getLong(1);
                    if (rs.getString(2) != null) {
                        out.add(new GroupCommand.EarlierReport(rs.getString(2), rs.getString(3),
                                rs.getTimestamp(4).toInstant()));
                    }
                }
            }
        } catch (SQLException e) {
            throw new EventLogException("earlier reports of hijacked accounts could not be read: " + e.getMessage(), e);
        }
        return new Recent(version, out);
    }
}
