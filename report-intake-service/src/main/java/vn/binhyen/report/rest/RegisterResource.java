package vn.binhyen.report.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import vn.binhyen.contracts.Roles;
import vn.binhyen.eventlog.http.Csv;
import vn.binhyen.report.service.ReportScope;
import vn.binhyen.report.service.ReportService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.binhyen.eventlog.http.ProblemResponses;

/**
 * The crime-source register (form no. 294, Circular 119/2021/TT-BCA) of a unit for a year,
 * as JSON, or CSV with {@code Accept: text/csv}.
 */
@Tag(name = "Crime-source register")
@Path("/api/v1/register")
public class RegisterResource {
    private final ReportService service;
    private final vn.binhyen.report.service.ReporterKeys keys;
    private final org.eclipse.microprofile.jwt.JsonWebToken token;
    private final ReportScope scope;

    RegisterResource(ReportService service, vn.binhyen.report.service.ReporterKeys keys,
            org.eclipse.microprofile.jwt.JsonWebToken token, ReportScope scope) {
        this.scope = scope;
        this.service = service;
        this.keys = keys;
        this.token = token;
    }

    @io.quarkus.qute.CheckedTemplate
    static class Templates {
        static native io.quarkus.qute.TemplateInstance printable(String unit, int year,
                java.util.List<ReportService.RegisterEntry> entries);
    }

    /** The register as a printable page (form no. 294), for the roles that may read it. */
    @GET
    @Path("/printable")
    @Produces("text/html")
    @RolesAllowed({Roles.PCTP_OFFICER, Roles.DUTY_OFFICER, Roles.COMMANDER, Roles.AUDITOR})
    @Operation(summary = "The register as a printable page (form no. 294)")
    @APIResponse(responseCode = "200", description = "The unit's register for the year as an HTML page; the reporter "
            + "in clear (each such read recorded) for duty and PCTP officers and commanders, masked for auditors",
            content = @Content(mediaType = "text/html", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    public io.quarkus.qute.TemplateInstance printable(@QueryParam("unit") @NotBlank @jakarta.validation.constraints.Size(max = 64) String unit,
            @QueryParam("year") @Min(2000) @Max(2100) int year) {
        var entries = entries(unit, year);
        return Templates.printable(scope.nameOf(unit), year, entries);
    }

    @GET
    @Produces({"application/json", "text/csv"})
    @RolesAllowed({Roles.PCTP_OFFICER, Roles.DUTY_OFFICER, Roles.COMMANDER, Roles.AUDITOR})
    @Operation(summary = "The crime-source register of a unit for a year", description = "Form no. 294 (Circular "
            + "119/2021/TT-BCA), as JSON, or as CSV with Accept: text/csv.")
    @APIResponse(responseCode = "200", description = "The entries in the order of their numbers; the reporter in "
            + "clear (each such read recorded) for duty and PCTP officers and commanders, masked for auditors",
            content = {
                @Content(mediaType = "application/json", schema = @Schema(type = SchemaType.ARRAY,
                        implementation = ReportService.RegisterEntry.class)),
                @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    public Response register(@QueryParam("unit") @NotBlank @jakarta.validation.constraints.Size(max = 64) String unit,
            @QueryParam("year") @Min(2000) @Max(2100) int year, @Context HttpHeaders headers) {
        var entries = entries(unit, year);
        boolean csv = headers.getAcceptableMediaTypes().stream()
                .anyMatch(m -> "text".equals(m.getType()) && "csv".equals(m.getSubtype()));
        if (!csv) {
            return Response.ok(entries).type("application/json").build();
        }
        return csv(entries, year);
    }

    /**
     * The entries, the reporter in clear (and the read recorded) for the roles that handle tips,
     * masked otherwise; the register of a unit the caller is not of (or, for an auditor, above) does
     * not exist for them (issue 21).
     */
    private java.util.List<ReportService.RegisterEntry> entries(String unit, int year) {
        var roles = scope.rolesFor(ReportScope.Caller.of(token), unit, null);
        if (!ReportScope.sees(roles)) {
            throw new UnknownRegister("no register of unit " + unit + " for you");
        }
        return entries(service, keys, unit, year, token.getName(), roles);
    }

    /** A register the caller may not see, answered as one that does not exist. */
    public static final class UnknownRegister extends RuntimeException {
        UnknownRegister(String detail) {
            super(detail);
        }
    }

    /** The entries as {@code reader} with {@code roles} may see them (clear reads recorded). */
    static java.util.List<ReportService.RegisterEntry> entries(ReportService service,
            vn.binhyen.report.service.ReporterKeys keys, String unit, int year, String reader,
            java.util.Set<String> roles) {
        boolean clear = roles.stream().anyMatch(ReportResource.CLEAR::contains);
        return service.register(unit, year).stream().map(e -> {
            String reporter = e.reporter();
            if (reporter != null && reporter.startsWith("enc:")) {
                String name = keys.open(e.reportId(), reporter);
                if (clear) {
                    service.recordRead(e.reportId(), reader, ReportResource.clearRole(roles));
                }
                reporter = clear ? name : vn.binhyen.report.service.ReporterKeys.maskName(name);
            }
            // the summary is sealed too (F8): in clear for everyone who may see the register, shredded after a shred
            return new ReportService.RegisterEntry(e.unit(), e.year(), e.number(), e.reportId(), e.receivedAt(),
                    e.sourceType(), reporter, keys.open(e.reportId(), e.summary()), e.receivingOfficer(),
                    e.registeredBy(), e.registeredAt());
        }).toList();
    }

    static Response csv(java.util.List<ReportService.RegisterEntry> entries, int year) {
        StringBuilder out = new StringBuilder("Số thứ tự,Ngày tiếp nhận,Loại nguồn tin,Người báo tin,Nội dung tóm tắt,"
                + "Cán bộ tiếp nhận,Cán bộ vào sổ,Ngày vào sổ\r\n");
        for (var e : entries) {
            out.append(e.number()).append(',').append(e.receivedAt()).append(',').append(Csv.field(e.sourceType())).append(',')
                    .append(Csv.field(e.reporter())).append(',').append(Csv.field(e.summary())).append(',')
                    .append(Csv.field(e.receivingOfficer())).append(',').append(Csv.field(e.registeredBy())).append(',')
                    .append(e.registeredAt()).append("\r\n");
        }
        return Response.ok(out.toString()).type("text/csv; charset=UTF-8").header("Content-Disposition",
                "attachment; filename=\"so-tiep-nhan-nguon-tin-" + year + ".csv\"").build();
    }
}
