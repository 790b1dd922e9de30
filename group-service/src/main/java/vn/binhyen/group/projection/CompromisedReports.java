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

    /** The reports of {@code groupId} made after {@code since}, oldest first. */
    public List<GroupCommand.EarlierReport> since(String groupId, Instant since) {
        List<GroupCommand.EarlierReport> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select payload->>'memberId', payload->>'reportedBy', occurred_at from event "
                        + "where stream_id = ? and event_type = ? and occurred_at > ? order by stream_version")) {
            ps.setString(1, groupId);
            ps.setString(2, TYPE);
            ps.setTimestamp(3, Timestamp.from(since));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new GroupCommand.EarlierReport(rs.getString(1), rs.getString(2),
                            rs.getTimestamp(3).toInstant()));
                }
            }
        } catch (SQLException e) {
            throw new EventLogException("earlier reports of hijacked accounts could not be read: " + e.getMessage(), e);
        }
        return out;
    }
}
