package vn.binhyen.report.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import vn.binhyen.contracts.Roles;
import vn.binhyen.eventlog.http.Problem;
import vn.binhyen.report.service.DutyRoster;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.binhyen.eventlog.http.ProblemResponses;

/**
 * A unit's duty roster (police-song-tri:15.2; issue 21): its commander sets who is on duty each
 * day; its officers, and the leadership of its police group by its roster, read it.
 */
@Tag(name = "Duty roster")
@Path("/api/v1/duty-roster")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DutyRosterResource {
    private final DutyRoster roster;
    private final JsonWebToken token;
    private final Clock clock;
    private final vn.binhyen.report.service.ReportScope scope;

    DutyRosterResource(DutyRoster roster, JsonWebToken token, Clock clock, vn.binhyen.report.service.ReportScope scope) {
        this.scope = scope;
        this.roster = roster;
        this.token = token;
        this.clock = clock;
    }

    public record DayRequest(@NotNull @Size(min = 1, max = 50) List<@NotBlank @Size(max = 128) String> officers) {
    }

    @PUT
    @Path("/{date}")
    @RolesAllowed(Roles.COMMANDER)
    @Operation(summary = "Set who is on duty on a day", description = "A commander sets the roster of their own unit "
            + "for the date, replacing whoever was set before (police-song-tri:15.2).")
    @APIResponse(responseCode = "200", description = "The unit's roster for the date as set", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DutyRoster.Day.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    public Response assign(@PathParam("date") String date, @NotNull @Valid DayRequest r) {
        LocalDate day;
        try {
            day = LocalDate.parse(date);
        } catch (DateTimeParseException e) {
            return Problem.of("invalid-field", "Giá trị không hợp lệ / Invalid value", Response.Status.BAD_REQUEST,
                    "a date such as 2026-11-22").withErrors(List.of(new Problem.FieldError("date", "ISO-8601",
                            "not a date: " + date))).toResponse();
        }
        var unit = vn.binhyen.eventlog.http.Callers.unit(token);
        if (unit.isEmpty()) {
            return Problem.of("forbidden", "Không được phép / Forbidden", Response.Status.FORBIDDEN,
                    "a commander sets the roster of their own unit: the token names none (claim unit)").toResponse();
        }
        return Response.ok(roster.assign(unit.get(), day, r.officers(), token.getName(), clock.instant())).build();
    }

    /** Today's roster of {@code unit}: by default the caller's own; another's only for whom it concerns. */
    @GET
    @Path("/today")
    @RolesAllowed({Roles.DUTY_OFFICER, Roles.PCTP_OFFICER, Roles.COMMANDER, Roles.LEADER, Roles.DEPUTY, Roles.MEMBER})
    @Operation(summary = "Today's duty roster of a unit", description = "By default the caller's own unit; another "
            + "unit's only for its officers and the leadership of its police group by its roster.")
    @APIResponse(responseCode = "200", description = "The unit's officers on duty today (Vietnam's calendar)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = DutyRoster.Day.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    public Response today(@jakarta.ws.rs.QueryParam("unit") @Size(max = 128) String unitParam) {
        var caller = vn.binhyen.report.service.ReportScope.Caller.of(token);
        String unit = unitParam != null && !unitParam.isBlank() ? unitParam : caller.unit().orElse(null);
        if (unit == null || !vn.binhyen.report.service.ReportScope.sees(scope.rolesFor(caller, unit, null))) {
            return Problem.of("unknown-unit", "Không tìm thấy / Not found", Response.Status.NOT_FOUND,
                    "no roster of a unit this caller serves or whose police group they lead (query unit)").toResponse();
        }
        return Response.ok(roster.day(unit, clock.instant().atZone(java.time.ZoneId.of("Asia/Ho_Chi_Minh"))
                .toLocalDate())).build();
    }
}
