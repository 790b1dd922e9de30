package vn.binhyen.group.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import vn.binhyen.contracts.Roles;
import vn.binhyen.eventlog.http.CommandEndpoint;
import vn.binhyen.group.domain.unit.Unit;
import vn.binhyen.group.domain.unit.UnitCommand;
import vn.binhyen.group.domain.unit.UnknownUnitException;
import vn.binhyen.group.projection.UnitTree;
import vn.binhyen.group.service.UnitCommandService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.binhyen.eventlog.http.Problem;
import vn.binhyen.eventlog.http.ProblemResponses;

/**
 * Units (đơn vị, issue 21): a system administrator establishes and renames them; every staff
 * role reads them (they are not secret). A unit's id is the {@code unit} claim of its staff's
 * tokens and the {@code unit} of its groups. Writes return the unit's stream version as the ETag;
 * a unit established twice is 409 (binhyen:units).
 */
@Tag(name = "Units")
@Path("/api/v1/units")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class UnitResource {
    private final UnitCommandService service;
    private final UnitTree units;
    private final CommandEndpoint endpoint;

    UnitResource(UnitCommandService service, UnitTree units, CommandEndpoint endpoint) {
        this.service = service;
        this.units = units;
        this.endpoint = endpoint;
    }

    /**
     * {@code unitId}: 2 to 64 of a-z, 0-9 and '-' (checked by the decider); {@code kind}: one of
     * {@code UnitEvent.KINDS}; {@code parentUnitId}: an established unit, or none.
     */
    public record UnitRequest(@NotBlank @Size(max = 64) String unitId, @NotBlank @Size(max = 200) String name,
            @NotBlank @Size(max = 32) String kind, @Size(max = 64) String parentUnitId) {
    }

    @POST
    @RolesAllowed(Roles.SYSTEM_ADMIN)
    @Operation(summary = "Establish a unit", description = "By a system administrator (binhyen:units): unitId 2 to "
            + "64 of a-z, 0-9 and '-', kind one of the known kinds (400 otherwise), a parent established before it "
            + "(422 otherwise).")
    @APIResponse(responseCode = "201", description = "The unit established; Location names it, the ETag is its version",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = UnitView.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "409", description = "The unit is already established (type state-conflict, "
            + "binhyen:units); or a concurrent change was written first (type concurrent-change)", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "422", ref = ProblemResponses.RULE_VIOLATION)
    public Response establish(@NotNull @Valid UnitRequest r, @Context ContainerRequestContext request) {
        var outcome = service.establish(r.unitId(), r.name(), r.kind(), r.parentUnitId(), endpoint.actor(),
                endpoint.roles(), endpoint.now(), endpoint.meta(request));
        return endpoint.created(UriBuilder.fromPath("/api/v1/units/{unitId}").build(r.unitId()),
                UnitView.of(outcome.state(), outcome.version()), outcome.version());
    }

    /** Every unit, by id, a page at a time. */
    @GET
    @RolesAllowed({Roles.SYSTEM_ADMIN, Roles.AUDITOR, Roles.COMMANDER, Roles.DUTY_OFFICER, Roles.PCTP_OFFICER})
    @Operation(summary = "List every unit, by id, a page at a time")
    @APIResponse(responseCode = "200", description = "One page of the units, and how many there are in all",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = UnitTree.UnitPage.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    public UnitTree.UnitPage list(@QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("100") @Min(1) @Max(500) int size) {
        return units.units(page, size);
    }

    @GET
    @Path("/{unitId}")
    @RolesAllowed({Roles.SYSTEM_ADMIN, Roles.AUDITOR, Roles.COMMANDER, Roles.DUTY_OFFICER, Roles.PCTP_OFFICER})
    @Operation(summary = "Read a unit")
    @APIResponse(responseCode = "200", description = "The unit; its version in the ETag",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = UnitView.class)))
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    public Response get(@PathParam("unitId") String unitId) {
        var loaded = service.load(unitId);
        if (!(loaded.unit() instanceof Unit.Established)) {
            throw new UnknownUnitException("no unit " + unitId);
        }
        return endpoint.ok(UnitView.of(loaded.unit(), loaded.version()), loaded.version());
    }

    public record UnitNameRequest(@NotBlank @Size(max = 200) String name) {
    }

    /** Renames the unit (an event); the same name again records nothing. */
    @PUT
    @Path("/{unitId}/name")
    @RolesAllowed(Roles.SYSTEM_ADMIN)
    @Operation(summary = "Rename a unit", description = "By a system administrator (binhyen:units); the same name "
            + "again records nothing.")
    @APIResponse(responseCode = "200", description = "The unit renamed; its new version in the ETag",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = UnitView.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    @APIResponse(responseCode = "412", ref = ProblemResponses.PRECONDITION_FAILED)
    public Response rename(@PathParam("unitId") String unitId, @HeaderParam("If-Match") String ifMatch,
            @NotNull @Valid UnitNameRequest r, @Context ContainerRequestContext request) {
        return endpoint.handle(service::handle, unitId, ifMatch, new UnitCommand.RenameUnit(r.name(),
                endpoint.actor(), endpoint.roles(), endpoint.now()), request,
                UnitView::of);
    }

    /** A unit as the API shows it; {@code parentUnitId} null for a unit with none above it. */
    public record UnitView(String unitId, String name, String kind, String parentUnitId, long version) {
        static UnitView of(Unit unit, long version) {
            if (!(unit instanceof Unit.Established u)) {
                throw new UnknownUnitException("no such unit");
            }
            return new UnitView(u.unitId(), u.name(), u.kind(), u.parentUnitId(), version);
        }
    }
}
