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
import vn.binhyen.contracts.Roles;
import vn.binhyen.contracts.notification.NotificationEvent;
import vn.binhyen.eventlog.EventStore;
import vn.binhyen.eventlog.decider.EventCodec;
import vn.binhyen.eventlog.http.AuditQuery;
import vn.binhyen.notification.domain.NotificationHistory;

/**
 * For auditors (issue 8): a notification as it was at a moment ({@link NotificationHistory}:
 * for whom, why, on which channels, delivered, acknowledged, escalated), folded from its events
 * up to then, with their hashes. Addresses stay masked as the events hold them. Other streams
 * answer with their events only. Each query is recorded as an {@code AuditQueried} event.
 */
@Path("/api/v1/audit/streams")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {
    private final EventCodec<NotificationEvent> codec;
    private final EventStore store;
    private final JsonWebToken token;
    private final Clock clock;

    AuditResource(EventCodec<NotificationEvent> codec, EventStore store, JsonWebToken token, Clock clock) {
        this.codec = codec;
        this.store = store;
        this.token = token;
        this.clock = clock;
    }

    @GET
    @Path("/{streamId}")
    @RolesAllowed(Roles.AUDITOR)
    public Response at(@PathParam("streamId") String streamId, @QueryParam("at") String atText) {
        return AuditQuery.answer(store, clock, token.getName(), streamId, atText, (events, at) -> {
            boolean notification = !events.isEmpty() && events.stream().allMatch(e ->
                    NotificationEvent.TYPES.containsKey(e.eventType()));
            return notification ? NotificationHistory.fold(events.stream().map(codec::decode).toList()) : null;
        });
    }
}
