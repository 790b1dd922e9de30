package vn.binhyen.notification.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.binhyen.contracts.Roles;
import vn.binhyen.contracts.notification.NotificationEvent;
import vn.binhyen.eventlog.EventStore;
import vn.binhyen.eventlog.decider.EventCodec;
import vn.binhyen.eventlog.http.AuditQuery;
import vn.binhyen.eventlog.http.ProblemResponses;
import vn.binhyen.notification.domain.NotificationHistory;

/**
 * For auditors (issue 8): a notification as it was at a moment ({@link NotificationHistory}:
 * for whom, why, on which channels, delivered, acknowledged, escalated), folded from its events
 * up to then, with their hashes. Addresses stay masked as the events hold them. Other streams
 * answer with their events only. Each query is recorded as an {@code AuditQueried} event. An
 * auditor sees the notifications made of their unit's events and the units' below it (issue 21).
 */
@Tag(name = "Audit")
@Path("/api/v1/audit/streams")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {
    private final EventCodec<NotificationEvent> codec;
    private final EventStore store;
    private final JsonWebToken token;
    private final Clock clock;

    private final javax.sql.DataSource dataSource;
    private final vn.binhyen.eventlog.directory.Directory directory;

    AuditResource(EventCodec<NotificationEvent> codec, EventStore store, JsonWebToken token, Clock clock,
            io.agroal.api.AgroalDataSource dataSource, vn.binhyen.eventlog.directory.Directory directory) {
        this.dataSource = dataSource;
        this.directory = directory;
        this.codec = codec;
        this.store = store;
        this.token = token;
        this.clock = clock;
    }

    @GET
    @Path("/{streamId}")
    @RolesAllowed(Roles.AUDITOR)
    @Operation(summary = "A notification's stream as it was at a moment, for auditors", description = "Folded from "
            + "its events up to at (an ISO-8601 instant, by default now), with the events' ids and hashes: for whom, "
            + "why, on which channels, delivered, acknowledged, escalated; addresses masked. Other streams with their "
            + "events only. Only within the auditor's scope (their unit and those below); each query is recorded as "
            + "an AuditQueried event.")
    @APIResponse(responseCode = "200", description = "The stream at that moment: its version, its state and its "
            + "events", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = AuditQuery.StreamAt.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    public Response at(@PathParam("streamId") String streamId, @QueryParam("at") String atText) {
        return AuditQuery.answer(store, clock, token.getName(), streamId, atText, events -> visible(streamId),
                (events, at) -> {
            boolean notification = !events.isEmpty() && events.stream().allMatch(e ->
                    NotificationEvent.TYPES.containsKey(e.eventType()));
            return notification ? NotificationHistory.fold(events.stream().map(codec::decode).toList()) : null;
        });
    }

    /**
     * Whether the auditor sees a notification (issue 21): one made of an event of a unit is seen by
     * that unit's auditors and those above it; one of no unit (a platform event) by every auditor.
     */
    private boolean visible(String streamId) {
        String unit;
        try (var c = dataSource.getConnection(); var ps = c.prepareStatement(
                "select unit from notification where notification_id = ?")) {
            ps.setString(1, streamId);
            try (var rs = ps.executeQuery()) {
                unit = rs.next() ? rs.getString(1) : null;
            }
        } catch (java.sql.SQLException e) {
            throw new vn.binhyen.eventlog.EventLogException("the unit of " + streamId + " could not be read: "
                    + e.getMessage(), e);
        }
        return unit == null || vn.binhyen.eventlog.http.Callers.unit(token).filter(scope -> directory.within(unit, scope))
                .isPresent();
    }
}
