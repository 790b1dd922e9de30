package vn.binhyen.group.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.jwt.JsonWebToken;
import vn.binhyen.contracts.Roles;
import vn.binhyen.contracts.group.GroupRole;
import vn.binhyen.eventlog.http.Csv;
import vn.binhyen.eventlog.http.Problem;
import vn.binhyen.group.domain.Group;
import vn.binhyen.group.domain.RegulationProfile;
import vn.binhyen.group.service.ActivityReports;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.binhyen.eventlog.http.ProblemResponses;

/**
 * A group's activity report for a period (MONTH, HALF_YEAR, YEAR from {@code start}), as
 * JSON or as CSV ({@code Accept: text/csv}), for the group's leadership and oversight roles.
 */
@Tag(name = "Activity reports")
@Path("/api/v1/groups/{groupId}/activity-report")
public class ActivityReportResource {
    private final ActivityReports reports;
    private final GroupWriter writer;
    private final JsonWebToken token;
    private final Map<String, RegulationProfile> regulations;

    ActivityReportResource(ActivityReports reports, GroupWriter writer, JsonWebToken token,
            Map<String, RegulationProfile> regulations) {
        this.regulations = regulations;
        this.reports = reports;
        this.writer = writer;
        this.token = token;
    }

    /** JSON unless the client asks for {@code text/csv} by name (Accept) or with {@code format=csv}. */
    @GET
    @Produces({"application/json", "text/csv"})
    @RolesAllowed({Roles.LEADER, Roles.DEPUTY, Roles.ADMIN, Roles.SYSTEM_ADMIN, Roles.AUDITOR, Roles.COMMANDER})
    @Operation(summary = "A group's activity report for a period, as JSON or CSV", description = "period is one the "
            + "group's regulation names (of MONTH, HALF_YEAR, YEAR) and start its first day (ISO-8601 date), both "
            + "required; CSV when Accept names text/csv or format=csv. For the group's leadership and admins, and "
            + "oversight roles within their scope (beyond it the group is unknown, 404).")
    @APIResponse(responseCode = "200", description = "The report; as CSV, one metric,value row per figure (RFC 4180), "
            + "as an attachment", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ActivityReports.Report.class)),
            @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    public Response report(@PathParam("groupId") String groupId, @QueryParam("period") String period,
            @QueryParam("start") String start, @QueryParam("format") String format, @Context HttpHeaders headers) {
        boolean csv = "csv".equalsIgnoreCase(format) || headers.getAcceptableMediaTypes().stream()
                .anyMatch(m -> "text".equals(m.getType()) && "csv".equals(m.getSubtype()));
        return build(groupId, period, start, csv);
    }

    private Response build(String groupId, String periodText, String startText, boolean csv) {
        Group.Established g = writer.readable(groupId);
        RegulationProfile.ReportingRule rule = regulations.get(g.profile()).rules().reporting();
        List<Problem.FieldError> errors = new ArrayList<>();
        ActivityReports.Period period = null;
        LocalDate start = null;
        if (periodText != null && rule.periods().contains(periodText)) {
            period = ActivityReports.Period.valueOf(periodText);
        } else {
            errors.add(new Problem.FieldError("period", rule.citation(), "one of " + String.join(", ", rule.periods())));
        }
        try {
            start = LocalDate.parse(startText == null ? "" : startText);
        } catch (DateTimeParseException e) {
            errors.add(new Problem.FieldError("start", "ISO-8601", "a date such as 2026-07-01"));
        }
        if (!errors.isEmpty()) {
            return Problem.of("invalid-field", "Giá trị không hợp lệ / Invalid value", Response.Status.BAD_REQUEST,
                    "the report needs a period and its first day").withErrors(errors).toResponse();
        }
        GroupRole role = g.roleOf(token.getName()).orElse(null);
        if (!writer.oversees(g) && (role == null || role == GroupRole.MEMBER)) {
            return Access.forbidden("the group's leadership and admins, and oversight roles, read its report");
        }
        var report = reports.report(groupId, period, start);
        if (!csv) {
            return Response.ok(report).type("application/json").build();
        }
        String filename = "bao-cao-" + groupId + "-" + period + "-" + start + ".csv";
        return Response.ok(toCsv(report)).type("text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + filename + "\"").build();
    }

    /** One row per figure (RFC 4180): metric, value. */
    static String toCsv(ActivityReports.Report r) {
        StringBuilder out = new StringBuilder("metric,value\r\n");
        row(out, "groupId", r.groupId());
        row(out, "groupName", r.groupName());
        row(out, "profile", r.profile());
        row(out, "citation", r.citation());
        row(out, "period", r.period().name());
        row(out, "from", r.from().toString());
        row(out, "to", r.to().toString());
        row(out, "membersAtStart", r.membersAtStart());
        row(out, "membersAtEnd", r.membersAtEnd());
        row(out, "joined", r.joined());
        row(out, "left", r.left());
        row(out, "directivesIssued", r.directivesIssued());
        row(out, "acknowledgementsDue", r.acknowledgementsDue());
        row(out, "acknowledged", r.acknowledged());
        row(out, "acknowledgementRate", r.acknowledgementRate());
        row(out, "remindersRaised", r.remindersRaised());
        row(out, "pinsCreated", r.pinsCreated());
        row(out, "pinsExpired", r.pinsExpired());
        row(out, "pollsOpened", r.pollsOpened());
        row(out, "violations", r.violations());
        for (Map.Entry<String, Long> e : r.violationsByCategory().entrySet()) {
            row(out, "violations." + e.getKey(), e.getValue());
        }
        return out.toString();
    }

    private static void row(StringBuilder out, String metric, Object value) {
        out.append(metric).append(',').append(Csv.field(value)).append("\r\n");
    }
}
