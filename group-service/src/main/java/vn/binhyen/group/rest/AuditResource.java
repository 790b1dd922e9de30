package vn.binhyen.group.rest;

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
import vn.binhyen.eventlog.EventStore;
import vn.binhyen.contracts.Roles;
import vn.binhyen.eventlog.http.AuditQuery;
import vn.binhyen.group.domain.Group;
import vn.binhyen.group.domain.UnknownGroupException;
import vn.binhyen.group.domain.unit.Unit;
import vn.binhyen.group.domain.unit.UnknownUnitException;
import vn.binhyen.group.projection.UnitTree;
import vn.binhyen.group.service.GroupCommandService;
import vn.binhyen.group.service.UnitCommandService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.binhyen.eventlog.http.ProblemResponses;

/**
 * For auditors: a group as it was at a moment, folded from its events up to then, with the
 * hashes of those events so the auditor can check them against the Kafka log. The view carries
 * names and roles, never phones or Zalo ids. A group is answered only within the auditor's scope
 * (their unit and those below it; else it is unknown, 404); a unit's stream ({@code unit-…}), to
 * any auditor. Each query is itself recorded, as an {@code AuditQueried} event.
 */
@Tag(name = "Audit")
@Path("/api/v1/audit/streams")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {
    private final GroupCommandService service;
    private final UnitCommandService unitService;
    private final UnitTree units;
    private final EventStore store;
    private final JsonWebToken token;
    private final Clock clock;

    AuditResource(GroupCommandService service, UnitCommandService unitService, UnitTree units, EventStore store,
            JsonWebToken token, Clock clock) {
        this.service = service;
        this.unitService = unitService;
        this.units = units;
        this.store = store;
        this.token = token;
        this.clock = clock;
    }

    @GET
    @Path("/{streamId}")
    @RolesAllowed(Roles.AUDITOR)
    @Operation(summary = "A group's or unit's stream as it was at a moment, for auditors", description = "Folded "
            + "from its events up to at (an ISO-8601 instant, by default now), with the events' ids and hashes; names "
            + "and roles, never phones or Zalo ids. A group only within the auditor's scope (their unit and those "
            + "below it), a unit's stream to any auditor; each query is recorded as an AuditQueried event.")
    @APIResponse(responseCode = "200", description = "The stream at that moment: its version, its state and its "
            + "events", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = AuditQuery.StreamAt.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    public Response at(@PathParam("streamId") String streamId, @QueryParam("at") String atText) {
        return AuditQuery.answer(store, clock, token.getName(), streamId, atText, (events, at) -> {
            if (streamId.startsWith(UnitCommandService.STREAM_PREFIX)) {
                String unitId = streamId.substring(UnitCommandService.STREAM_PREFIX.length());
                if (!(unitService.loadAt(unitId, at).unit() instanceof Unit.Established u)) {
                    throw new UnknownUnitException("no unit " + unitId + " at " + at);
                }
                return UnitResource.UnitView.of(u, events.getLast().streamVersion());
            }
            // a stream of something else this service keeps (residents' feedback, auditors' own queries) is no
            // group: answered as one that does not exist, not folded as a group (which failed with a 500)
            if (events.stream().anyMatch(e -> !vn.binhyen.contracts.group.GroupEvent.TYPES.containsKey(e.eventType()))
                    || !(service.loadAt(streamId, at) instanceof Group.Established g)
                    || !Access.mayOversee(token, g, units)) {
                throw new UnknownGroupException("no group " + streamId + " at " + at);
            }
            return GroupResource.GroupView.of(g, events.getLast().streamVersion());
        });
    }
}
