package vn.binhyen.report.rest;

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
import vn.binhyen.contracts.report.ReportEvent;
import vn.binhyen.eventlog.EventStore;
import vn.binhyen.eventlog.decider.CommandHandler;
import vn.binhyen.eventlog.http.AuditQuery;
import vn.binhyen.report.domain.Report;
import vn.binhyen.report.domain.ReportCommand;
import vn.binhyen.report.service.ReporterKeys;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.binhyen.eventlog.http.ProblemResponses;

/**
 * For auditors (issue 8): a report as it was at a moment, folded by {@link vn.binhyen.report.domain.ReportDecider}
 * from its events up to then, with the events' hashes. The reporter is masked, as for every
 * role that does not handle reports (a shredded reporter stays shredded; the events still
 * verify). Streams that are not reports (personal-data reads, dashboard sessions) answer with
 * their events only. Each query is recorded as an {@code AuditQueried} event. An auditor sees the
 * reports their unit or a unit below it received (issue 21); others are 404.
 */
@Tag(name = "Audit")
@Path("/api/v1/audit/streams")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {
    private final CommandHandler<ReportCommand, Report, ReportEvent> reports;
    private final ReporterKeys keys;
    private final EventStore store;
    private final JsonWebToken token;
    private final Clock clock;
    private final vn.binhyen.eventlog.directory.Directory directory;
    private final vn.binhyen.report.service.ReportService service;

    AuditResource(CommandHandler<ReportCommand, Report, ReportEvent> reports, ReporterKeys keys, EventStore store,
            JsonWebToken token, Clock clock, vn.binhyen.eventlog.directory.Directory directory,
            vn.binhyen.report.service.ReportService service) {
        this.service = service;
        this.directory = directory;
        this.reports = reports;
        this.keys = keys;
        this.store = store;
        this.token = token;
        this.clock = clock;
    }

    @GET
    @Path("/{streamId}")
    @RolesAllowed(Roles.AUDITOR)
    @Operation(summary = "A stream as it was at a moment, for auditors", description = "A report folded from its "
            + "events up to at (by default now), its reporter masked, with the events' ids and hashes; any other "
            + "stream with its events only. Only the streams of the auditor's unit or a unit below it; each query is "
            + "recorded as an AuditQueried event.")
    @APIResponse(responseCode = "200", description = "The stream at that moment: its version, its state (null for a "
            + "stream that is not a report) and its events", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AuditQuery.StreamAt.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    public Response at(@PathParam("streamId") String streamId, @QueryParam("at") String atText) {
        return AuditQuery.answer(store, clock, token.getName(), streamId, atText,
                AuditQuery.scopedTo(token, directory, report -> java.util.Optional.ofNullable(service.placement(report))
                        .map(vn.binhyen.report.service.ReportService.Placement::unit)), (events, at) -> {
            if (!streamId.startsWith("report-")) {
                return null;
            }
            Report state = reports.decider().fold(events.stream().map(reports.codec()::decode).toList());
            return state instanceof Report.Open o ? ReportResource.ReportView.of(o, keys.mask(o.reportId(), o.reporter()),
                    o.details(), o.content(), at)
                    : null;
        });
    }
}
