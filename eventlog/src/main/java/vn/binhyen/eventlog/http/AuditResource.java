package vn.binhyen.eventlog.http;

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
import vn.binhyen.eventlog.EventStore;

/**
 * The audit endpoint, one for every service ({@code GET /api/v1/audit/streams/{id}?at=}, role
 * {@code AUDITOR}): a stream as it was at a moment, folded by the service's {@link AuditStreams}
 * from its events up to then, with the events' ids and hashes so the auditor can check them against
 * the Kafka log ({@link AuditQuery}); only the streams the auditor's scope reaches; each query
 * recorded as an {@code AuditQueried} event.
 */
@Tag(name = "Audit")
@Path("/api/v1/audit/streams")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {
    private final AuditStreams streams;
    private final EventStore store;
    private final JsonWebToken token;
    private final Clock clock;

    AuditResource(AuditStreams streams, EventStore store, JsonWebToken token, Clock clock) {
        this.streams = streams;
        this.store = store;
        this.token = token;
        this.clock = clock;
    }

    @GET
    @Path("/{streamId}")
    @RolesAllowed(Roles.AUDITOR)
    @Operation(summary = "A stream of this service as it was at a moment, for auditors", description = "Folded from "
            + "its events up to at (an ISO-8601 instant, by default now) by the service that owns it, with the events' "
            + "ids and hashes; personal data masked; a stream the service keeps no aggregate for with its events only. "
            + "Only within the auditor's scope (their unit and those below it); each query is recorded as an "
            + "AuditQueried event.")
    @APIResponse(responseCode = "200", description = "The stream at that moment: its version, its state (null where "
            + "the service keeps no aggregate for it) and its events", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AuditQuery.StreamAt.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    public Response at(@PathParam("streamId") String streamId, @QueryParam("at") String atText) {
        return AuditQuery.answer(store, clock, token.getName(), streamId, atText,
                events -> streams.visible(token, streamId, events),
                (events, at) -> streams.fold(token, streamId, events, at));
    }
}
