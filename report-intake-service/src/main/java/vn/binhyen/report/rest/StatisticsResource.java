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
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.binhyen.report.dashboard.Charts;
import vn.binhyen.report.dashboard.ConsoleMessages;
import vn.binhyen.report.dashboard.Sessions;
import vn.binhyen.report.service.ReportScope;
import vn.binhyen.report.service.ReportStatistics;

/**
 * The console's statistics (issue 24, {@code /dashboard/statistics}): for the units whose queue the
 * officer sees, tips per day by type, the share handled within 24 hours, the median time to
 * classification and to registration, per month and per officer, as server-drawn charts beside
 * their tables, with CSV exports; and police-song-tri:20.2's six-monthly and yearly report from
 * the same figures, printable. A period is at most {@value #MAX_DAYS} days.
 */
@Path("/dashboard/statistics")
@PermitAll
@Tag(name = "Dashboard pages")
public class StatisticsResource {
    static final int MAX_DAYS = 366;
    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private final Sessions accounts;
    private final ReportStatistics statistics;
    private final ReportScope scope;
    private final ConsoleMessages msg;
    private final Clock clock;

    StatisticsResource(Sessions accounts, ReportStatistics statistics, ReportScope scope, ConsoleMessages msg,
            Clock clock) {
        this.accounts = accounts;
        this.statistics = statistics;
        this.scope = scope;
        this.msg = msg;
        this.clock = clock;
    }

    /** A period's figures as the pages show them. */
    public record Summary(String inTime, String toClassification, String toRegistration,
            ReportStatistics.Figures figures) {
    }

    public record MonthRow(String month, Summary summary) {
    }

    public record OfficerRow(String officer, int classified, String toClassification, int registered,
            String toRegistration) {
    }

    @CheckedTemplate(requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance statistics(Sessions.Officer officer, String from, String to, String fromLabel,
                String toLabel, Summary summary, String dayChart, String shareChart, List<ReportStatistics.Day> days,
                List<MonthRow> months, List<OfficerRow> officers, List<String> types, String units);

        static native TemplateInstance report(Sessions.Officer officer, String title, String period, String units,
                Summary summary, List<MonthRow> months, String printedAt, String asked);
    }

    record Period(LocalDate from, LocalDate to) {
    }

    /** The period asked for (the last 30 days by default), or empty when it is not one. */
    Optional<Period> period(String from, String to) {
        LocalDate today = LocalDate.now(clock.withZone(ReportStatistics.VIETNAM));
        try {
            LocalDate t = to == null || to.isBlank() ? today : LocalDate.parse(to.strip());
            LocalDate f = from == null || from.isBlank() ? t.minusDays(29) : LocalDate.parse(from.strip());
            if (f.isAfter(t) || f.plusDays(MAX_DAYS - 1).isBefore(t) || f.getYear() < 2000 || t.getYear() > 2100) {
                return Optional.empty();
            }
            return Optional.of(new Period(f, t));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    static Response badPeriod() {
        return Response.status(400).entity("Khoảng thời gian không hợp lệ: from và to là ngày dạng YYYY-MM-DD, from không "
                + "sau to, dài nhiều nhất " + MAX_DAYS + " ngày.").type("text/plain; charset=UTF-8").build();
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "Statistics of a period (the last 30 days by default): tips per day, share handled in 24 hours, medians")
    @APIResponse(responseCode = "200", description = "The statistics page, charts beside their tables", content = @Content(mediaType = MediaType.TEXT_HTML))
    @APIResponse(responseCode = "303", description = "No live session: to the sign-in (/dashboard/sign-in)")
    @APIResponse(responseCode = "400", description = "from/to are not dates (YYYY-MM-DD), from is after to, the period is longer than 366 days, or outside 2000-2100", content = @Content(mediaType = MediaType.TEXT_PLAIN))
    public Response page(@CookieParam(DashboardResource.COOKIE) String cookie, @QueryParam("from") String from,
            @QueryParam("to") String to) {
        return inPeriod(cookie, from, to, (officer, p) -> {
            List<String> units = scope.queueUnits(officer.caller());
            var figures = statistics.figures(units, p.from(), p.to(), clock.instant());
            var days = statistics.days(units, p.from(), p.to());
            var months = months(units, p);
            List<String> labels = ReportStatistics.TYPES.stream().map(msg::type).toList();
            String shareChart = Charts.shares(months.stream().map(MonthRow::month).toList(),
                    months.stream().map(m -> m.summary().figures().inTimeShare()).toList(),
                    "Tỷ lệ xử lý trong 24 giờ theo tháng");
            return Response.ok(Templates.statistics(officer, p.from().toString(), p.to().toString(),
                    DAY.format(p.from()), DAY.format(p.to()), summary(figures), Charts.perDay(days, labels), shareChart,
                    days, months, officers(units, p), ReportStatistics.TYPES, unitNames(units))).build();
        });
    }

    /** Per day and type, for a spreadsheet. */
    @GET
    @Path("/days.csv")
    @Operation(summary = "Tips per day and type in a period, as CSV")
    @APIResponse(responseCode = "200", description = "A CSV attachment", content = @Content(mediaType = "text/csv"))
    @APIResponse(responseCode = "303", description = "No live session: to the sign-in (/dashboard/sign-in)")
    @APIResponse(responseCode = "400", description = "from/to are not dates (YYYY-MM-DD), from is after to, the period is longer than 366 days, or outside 2000-2100", content = @Content(mediaType = MediaType.TEXT_PLAIN))
    public Response daysCsv(@CookieParam(DashboardResource.COOKIE) String cookie, @QueryParam("from") String from,
            @QueryParam("to") String to) {
        return inPeriod(cookie, from, to, (officer, p) -> {
            StringBuilder csv = new StringBuilder("\uFEFFngay");
            ReportStatistics.TYPES.forEach(t -> csv.append(',').append(t));
            csv.append(",tong\r\n");
            for (var d : statistics.days(scope.queueUnits(officer.caller()), p.from(), p.to())) {
                csv.append(d.day());
                ReportStatistics.TYPES.forEach(t -> csv.append(',').append(d.byType().getOrDefault(t, 0)));
                csv.append(',').append(d.total()).append("\r\n");
            }
            return csv(csv, "tin-bao-theo-ngay-" + p.from() + "-" + p.to() + ".csv");
        });
    }

    /** Per month: received, handled in time, late, pending, the medians in minutes. */
    @GET
    @Path("/months.csv")
    @Operation(summary = "Per month of a period: received, handled in time, late, pending, medians in minutes, as CSV")
    @APIResponse(responseCode = "200", description = "A CSV attachment", content = @Content(mediaType = "text/csv"))
    @APIResponse(responseCode = "303", description = "No live session: to the sign-in (/dashboard/sign-in)")
    @APIResponse(responseCode = "400", description = "from/to are not dates (YYYY-MM-DD), from is after to, the period is longer than 366 days, or outside 2000-2100", content = @Content(mediaType = MediaType.TEXT_PLAIN))
    public Response monthsCsv(@CookieParam(DashboardResource.COOKIE) String cookie, @QueryParam("from") String from,
            @QueryParam("to") String to) {
        return inPeriod(cookie, from, to, (officer, p) -> {
            StringBuilder csv = new StringBuilder("\uFEFFthang,tiep_nhan,khan_cap,xu_ly_trong_24_gio,qua_han,dang_trong_han,"
                    + "vao_so,chuyen_co_quan_khac,ty_le_trong_24_gio,trung_vi_phut_den_phan_loai,trung_vi_phut_den_vao_so\r\n");
            for (var m : months(scope.queueUnits(officer.caller()), p)) {
                var f = m.summary().figures();
                csv.append(m.month()).append(',').append(f.received()).append(',').append(f.emergencies()).append(',')
                        .append(f.closedInTime()).append(',').append(f.late()).append(',').append(f.pending()).append(',')
                        .append(f.registered()).append(',').append(f.transferred()).append(',')
                        .append(f.inTimeShare() == null ? "" : String.format(java.util.Locale.ROOT, "%.3f", f.inTimeShare()))
                        .append(',').append(minutes(f.medianToClassification())).append(',')
                        .append(minutes(f.medianToRegistration())).append("\r\n");
            }
            return csv(csv, "tin-bao-theo-thang-" + p.from() + "-" + p.to() + ".csv");
        });
    }

    /**
     * police-song-tri:20.2's report, "định kỳ 6 tháng, 01 năm": {@code period} is a year
     * ({@code 2026}) or its half ({@code 2026-H1}, {@code 2026-H2}). A page to print, sign and send;
     * nothing is sent from here.
     */
    @GET
    @Path("/report")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The six-monthly or yearly report, a page to print", description = "police-song-tri:20.2: period is a "
            + "year (2026) or its half (2026-H1, 2026-H2); the current half-year by default. Nothing is sent from here.")
    @APIResponse(responseCode = "200", description = "The printable report", content = @Content(mediaType = MediaType.TEXT_HTML))
    @APIResponse(responseCode = "303", description = "No live session: to the sign-in (/dashboard/sign-in)")
    @APIResponse(responseCode = "400", description = "period is not a year or a half-year, or its year is outside 2000-2100", content = @Content(mediaType = MediaType.TEXT_PLAIN))
    public Response report(@CookieParam(DashboardResource.COOKIE) String cookie, @QueryParam("period") String period) {
        return signedIn(cookie, officer -> {
            LocalDate today = LocalDate.now(clock.withZone(ReportStatistics.VIETNAM));
            String asked = period == null || period.isBlank() ? today.getYear() + (today.getMonthValue() <= 6 ? "-H1"
                    : "-H2") : period.strip();
            Period p;
            String title;
            if (asked.length() == 4 && asked.chars().allMatch(Character::isDigit)) {
                int y = Integer.parseInt(asked);
                p = new Period(LocalDate.of(y, 1, 1), LocalDate.of(y, 12, 31));
                title = "năm " + y;
            } else if (asked.length() == 7 && asked.substring(0, 4).chars().allMatch(Character::isDigit)
                    && (asked.endsWith("-H1") || asked.endsWith("-H2"))) {
                int y = Integer.parseInt(asked.substring(0, 4));
                boolean first = asked.endsWith("-H1");
                p = new Period(LocalDate.of(y, first ? 1 : 7, 1), first ? LocalDate.of(y, 6, 30) : LocalDate.of(y, 12, 31));
                title = "6 tháng " + (first ? "đầu" : "cuối") + " năm " + y;
            } else {
                return Response.status(400).entity("Kỳ báo cáo không hợp lệ: period là năm (2026) hoặc nửa năm (2026-H1, "
                        + "2026-H2).").type("text/plain; charset=UTF-8").build();
            }
            if (p.from().getYear() < 2000 || p.from().getYear() > 2100) {
                return Response.status(400).entity("Kỳ báo cáo không hợp lệ: năm từ 2000 đến 2100.")
                        .type("text/plain; charset=UTF-8").build();
            }
            List<String> units = scope.queueUnits(officer.caller());
            return Response.ok(Templates.report(officer, title, DAY.format(p.from()) + " – " + DAY.format(p.to()),
                    unitNames(units), summary(statistics.figures(units, p.from(), p.to(), clock.instant())),
                    months(units, p), DashboardResource.WHEN.format(clock.instant()), asked)).build();
        });
    }

    private List<MonthRow> months(List<String> units, Period p) {
        List<MonthRow> out = new ArrayList<>();
        var found = statistics.months(units, p.from(), p.to(), clock.instant());
        // every month of the period, an empty one included
        for (YearMonth m = YearMonth.from(p.from()); !m.isAfter(YearMonth.from(p.to())); m = m.plusMonths(1)) {
            YearMonth month = m;
            var f = found.stream().filter(x -> x.month().equals(month)).findFirst().map(ReportStatistics.Month::figures)
                    .orElse(new ReportStatistics.Figures(0, 0, 0, 0, 0, 0, 0, null, null));
            out.add(new MonthRow(String.format("%02d/%d", m.getMonthValue(), m.getYear()), summary(f)));
        }
        return out;
    }

    private List<OfficerRow> officers(List<String> units, Period p) {
        return statistics.officers(units, p.from(), p.to()).stream().map(o -> new OfficerRow(o.officer(), o.classified(),
                duration(o.medianToClassification()), o.registered(), duration(o.medianToRegistration()))).toList();
    }

    private String unitNames(List<String> units) {
        return units.isEmpty() ? "không có đơn vị nào" : String.join(", ", units.stream().map(scope::nameOf).toList());
    }

    static Summary summary(ReportStatistics.Figures f) {
        Double share = f.inTimeShare();
        return new Summary(share == null ? "chưa có" : String.format(java.util.Locale.ROOT, "%.0f%%", share * 100)
                .replace('.', ','), duration(f.medianToClassification()), duration(f.medianToRegistration()), f);
    }

    /** "2 giờ 5 phút", "45 phút", "—" for none. */
    static String duration(Duration d) {
        if (d == null) {
            return "—";
        }
        long minutes = Math.round(d.toSeconds() / 60.0);
        if (minutes < 60) {
            return minutes + " phút";
        }
        return minutes / 60 + " giờ" + (minutes % 60 == 0 ? "" : " " + minutes % 60 + " phút");
    }

    private static String minutes(Duration d) {
        return d == null ? "" : Long.toString(Math.round(d.toSeconds() / 60.0));
    }

    private static Response csv(CharSequence body, String filename) {
        return Response.ok(body.toString()).type("text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + filename + "\"").build();
    }

    /** A page of a period: signed in, then the period read (400 when it is not one). */
    private Response inPeriod(String cookie, String from, String to,
            java.util.function.BiFunction<Sessions.Officer, Period, Response> page) {
        return signedIn(cookie, officer -> period(from, to).map(p -> page.apply(officer, p))
                .orElseGet(StatisticsResource::badPeriod));
    }

    private Response signedIn(String cookie, Function<Sessions.Officer, Response> page) {
        return DashboardResource.signedIn(accounts, cookie, page);
    }
}
