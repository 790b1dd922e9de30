package vn.binhyen.notification.rest;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import vn.binhyen.contracts.notification.NotificationEvent;
import vn.binhyen.eventlog.Envelope;
import vn.binhyen.eventlog.EventLogException;
import vn.binhyen.eventlog.decider.EventCodec;
import vn.binhyen.eventlog.directory.Directory;
import vn.binhyen.eventlog.http.AuditStreams;
import vn.binhyen.eventlog.http.Callers;
import vn.binhyen.notification.domain.NotificationHistory;

/**
 * notification-service's streams for eventlog's audit endpoint: a notification folded from its
 * events (for whom, why, on which channels, delivered, acknowledged, escalated; addresses masked),
 * other streams with their events only. One made of an event of a unit is seen by that unit's
 * auditors and those above it; one of no unit (a platform event) by every auditor (issue 21).
 */
@ApplicationScoped
public class NotificationAuditStreams implements AuditStreams {
    private final EventCodec<NotificationEvent> codec;
    private final AgroalDataSource dataSource;
    private final Directory directory;

    NotificationAuditStreams(EventCodec<NotificationEvent> codec, AgroalDataSource dataSource, Directory directory) {
        this.codec = codec;
        this.dataSource = dataSource;
        this.directory = directory;
    }

    @Override
    public boolean visible(JsonWebToken auditor, String streamId, List<Envelope> events) {
        String unit;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select unit from notification where notification_id = ?")) {
            ps.setString(1, streamId);
            try (ResultSet rs = ps.executeQuery()) {
                unit = rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new EventLogException("the unit of " + streamId + " could not be read: " + e.getMessage(), e);
        }
        return unit == null || Callers.unit(auditor).filter(scope -> directory.within(unit, scope)).isPresent();
    }

    @Override
    public Object fold(JsonWebToken auditor, String streamId, List<Envelope> events, Instant at) {
        boolean notification = !events.isEmpty()
                && events.stream().allMatch(e -> NotificationEvent.TYPES.containsKey(e.eventType()));
        return notification ? NotificationHistory.fold(events.stream().map(codec::decode).toList()) : null;
    }
}
