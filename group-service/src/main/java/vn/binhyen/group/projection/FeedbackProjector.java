package vn.binhyen.group.projection;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import vn.binhyen.contracts.group.FeedbackEvent;
import vn.binhyen.eventlog.EventLogException;

/**
 * Keeps the {@code feedback} read model in step with residents' feedback, on the caller's
 * transaction (as {@link UnitProjector} does for units), and lists a group's feedback by status,
 * oldest first, a page at a time.
 */
@ApplicationScoped
public class FeedbackProjector {
    private final DataSource dataSource;

    public FeedbackProjector(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void apply(List<FeedbackEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            for (FeedbackEvent e : events) {
                switch (e) {
                    case FeedbackEvent.FeedbackReceived x -> received(c, x);
                    case FeedbackEvent.FeedbackEscalated x -> status(c, x.feedbackId(), "ESCALATED");
                    case FeedbackEvent.FeedbackAnswered x -> status(c, x.feedbackId(), "ANSWERED");
                }
            }
        } catch (SQLException e) {
            throw new EventLogException("the feedback read model could not follow " + events.getFirst().feedbackId()
                    + ": " + e.getMessage(), e);
        }
    }

    private static void received(Connection c, FeedbackEvent.FeedbackReceived e) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into feedback (feedback_id, group_id, member_id, text, "
                + "status, received_at) values (?, ?, ?, ?, 'RECEIVED', ?) on conflict (feedback_id) do nothing")) {
            ps.setString(1, e.feedbackId());
            ps.setString(2, e.groupId());
            ps.setString(3, e.memberId());
            ps.setString(4, e.text());
            ps.setTimestamp(5, Timestamp.from(e.at()));
            ps.executeUpdate();
        }
    }

    private static void status(Connection c, String feedbackId, String status) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update feedback set status = ? where feedback_id = ?")) {
            ps.setString(1, status);
            ps.setString(2, feedbackId);
            ps.executeUpdate();
        }
    }

    /** One row of a group's list. */
    public record Row(String feedbackId, String memberId, String text, String status, String receivedAt) {
    }

    /**
     * The group's feedback of {@code status}, oldest first; only {@code memberId}'s when it is not
     * null (a resident lists their own); {@code size} rows from {@code page} (both bounded by the caller).
     */
    public List<Row> list(String groupId, String status, String memberId, int page, int size) {
        String sql = "select feedback_id, member_id, text, status, received_at from feedback where group_id = ? "
                + "and status = ?" + (memberId == null ? "" : " and member_id = ?")
                + " order by received_at, feedback_id limit ? offset ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setString(i++, groupId);
            ps.setString(i++, status);
            if (memberId != null) {
                ps.setString(i++, memberId);
            }
            ps.setInt(i++, size);
            ps.setLong(i, (long) page * size);
            List<Row> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getTimestamp(5).toInstant().toString()));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new EventLogException("the feedback of " + groupId + " could not be read: " + e.getMessage(), e);
        }
    }
}
