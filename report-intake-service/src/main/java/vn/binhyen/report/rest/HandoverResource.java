package vn.binhyen.report.rest;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.binhyen.report.dashboard.Sessions;
import vn.binhyen.report.service.DutyRoster;
import vn.binhyen.report.service.ReportScope;
import vn.binhyen.report.service.ReportStatistics;
import vn.binhyen.report.projection.ReportQueue;
import vn.binhyen.report.service.ReporterKeys;

/**
 * The duty officer's shift handover (issue 24, {@code /dashboard/handover}): a shift is a day of
 * the duty roster (police-song-tri:15.2, "hàng ngày"), in Vietnam's time. For the day asked (today
 * by default): who was on duty and who is next, what came in during the day, what is open now (by
 * status, the emergencies awaiting a commander, the overdue), and what falls due during the next
 * day; printable, and the same page for the next officer to read.
 */
@Path("/dashboard/handover")
@PermitAll
@Tag(name = "Dashboard pages")
public class HandoverResource {
    private final Sessions accounts;
    private final ReportStatistics statistics;
    private final ReportQueue queue;
    private final ReportScope scope;
    private final DutyRoster roster;
    private final ReporterKeys keys;
    private final Clock clock;

    HandoverResource(Sessions accounts, ReportStatistics statistics, ReportQueue queue, ReportScope scope,
            DutyRoster roster, ReporterKeys keys, Clock clock) {
        this.accounts = accounts;
        this.statistics = statistics;
        this.queue = queue;
        this.scope = scope;
        this.roster = roster;
        this.keys = keys;
        this.clock = clock;
    }

    /** One report in a handover list. */
    public record Item(String reportId, String type, String status, String receivedAt, String deadline,
            String deadlineIso, String summary, String handler, boolean emergency) {
    }

    @CheckedTemplate(requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance handover(Sessions.Officer officer, String day, String dayLabel, String previous,
                String next, List<String> onDuty, List<String> nextOnDuty, List<Item> received, List<Item> due,
                List<Item> emergencies, Map<String, Integer> open, int openTotal, int overdue, String printedAt,
                int limit);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The shift handover of a day (today by default): on duty, received, open, emergencies, due next")
    @APIResponse(responseCode = "200", description = "The printable handover page", content = @Content(mediaType = MediaType.TEXT_HTML))
    @APIResponse(responseCode = "303", description = "No live session: to the sign-in (/dashboard/sign-in)")
    @APIResponse(responseCode = "400", description = "date is not a date (YYYY-MM-DD) or its year is outside 2000-2100", content = @Content(mediaType = MediaType.TEXT_PLAIN))
    public Response page(@CookieParam(DashboardResource.COOKIE) String cookie, @QueryParam("date") String date) {
        return DashboardResource.signedIn(accounts, cookie, o -> handover(o, date));
    }

    private Response handover(Sessions.Officer o, String date) {
        Instant now = clock.instant();
        LocalDate day;
        try {
            day = date == null || date.isBlank() ? LocalDate.now(clock.withZone(ReportStatistics.VIETNAM))
                    : LocalDate.parse(date.strip());
        } catch (DateTimeParseException e) {
            return Response.status(400).entity("Ngày không hợp lệ: date là ngày dạng YYYY-MM-DD.")
                    .type("text/plain; charset=UTF-8").build();
        }
        if (day.getYear() < 2000 || day.getYear() > 2100) {
            return Response.status(400).entity("Ngày không hợp lệ: năm từ 2000 đến 2100.")
                    .type("text/plain; charset=UTF-8").build();
        }
        List<String> units = scope.queueUnits(o.caller());
        Instant start = day.atStartOfDay(ReportStatistics.VIETNAM).toInstant();
        Instant end = day.plusDays(1).atStartOfDay(ReportStatistics.VIETNAM).toInstant();
        Instant after = day.plusDays(2).atStartOfDay(ReportStatistics.VIETNAM).toInstant();
        var received = queue.receivedBetween(units, start, end);
        var due = queue.dueBetween(units, end, after);
        var emergencies = queue.console(units, ReportQueue.QueueFilter.ALL.raised(true), now, 0, 100).items();
        int overdue = queue.console(units, new ReportQueue.QueueFilter(null, null, true, null, null), now, 0, 1)
                .total();
        var open = statistics.openByStatus(units);
        var ring = keys.keyring(Stream.of(received, due, emergencies).flatMap(List::stream)
                .map(ReportQueue.ConsoleItem::reportId).distinct().toList());
        return Response.ok(Templates.handover(o, day.toString(), StatisticsResource.DAY.format(day),
                day.minusDays(1).toString(), day.plusDays(1).toString(), roster.day(o.unit(), day).officers(),
                roster.day(o.unit(), day.plusDays(1)).officers(), items(received, ring), items(due, ring),
                items(emergencies, ring), open, open.values().stream().mapToInt(Integer::intValue).sum(), overdue,
                DashboardResource.WHEN.format(now), ReportQueue.LIST_LIMIT)).build();
    }

    private static List<Item> items(List<ReportQueue.ConsoleItem> items, ReporterKeys.Keyring ring) {
        List<Item> out = new ArrayList<>();
        for (var i : items) {
            String summary = ring.open(i.reportId(), i.summary());
            out.add(new Item(i.reportId(), i.type(), i.status(), DashboardResource.WHEN.format(i.receivedAt()),
                    DashboardResource.WHEN.format(i.deadline()), i.deadline().toString(), summary == null ? null
                    : summary.length() > 120 ? summary.substring(0, 117) + "…" : summary, i.handler(),
                    "RAISED".equals(i.emergency())));
        }
        return out;
    }
}
