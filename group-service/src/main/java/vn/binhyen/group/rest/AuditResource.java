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

/**
 * For auditors: a group as it was at a moment, folded from its events up to then, with the
 * hashes of those events so the auditor can check them against the Kafka log. The view carries
 * names and roles, never phones or Zalo ids. A group is answered only within the auditor's scope
 * (their unit and those below it; else it is unknown, 404); a unit's stream ({@code unit-…}), to
 * any auditor. Each query is itself recorded, as an {@code AuditQueried} event.
 */
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
    public Response at(@PathParam("streamId") String streamId, @QueryParam("at") String atText) {
        return AuditQuery.answer(store, clock, token.getName(), streamId, atText, (events, at) -> {
            if (streamId.startsWith(UnitCommandService.STREAM_PREFIX)) {
                String unitId = streamId.substring(UnitCommandService.STREAM_PREFIX.length());
                if (!(unitService.loadAt(unitId, at).unit() instanceof Unit.Established u)) {
                    throw new UnknownUnitException("no unit " + unitId + " at " + at);
                }
                return UnitResource.UnitView.of(u, events.getLast().streamVersion());
            }
            if (!(service.loadAt(streamId, at) instanceof Group.Established g) || !Access.mayOversee(token, g, units)) {
                throw new UnknownGroupException("no group " + streamId + " at " + at);
            }
            return GroupResource.GroupView.of(g, events.getLast().streamVersion());
        });
    }
}
