package vn.binhyen.report.rest;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.RestForm;
import vn.binhyen.contracts.report.ReportEvent;
import vn.binhyen.eventlog.Actor;
import vn.binhyen.eventlog.decider.CommandHandler;
import vn.binhyen.report.dashboard.Accounts;
import vn.binhyen.report.dashboard.DashboardStreams;
import vn.binhyen.report.domain.Report;
import vn.binhyen.report.domain.ReportActions;
import vn.binhyen.report.domain.ReportCommand;
import vn.binhyen.report.service.DutyRoster;
import vn.binhyen.report.service.ReportService;
import vn.binhyen.report.service.ReporterKeys;

/**
 * The duty officers' dashboard, server-rendered in Vietnamese: sign-in with a session cookie, the
 * live queue (emergencies on top, then by time left, with running countdowns), a report page
 * offering only the steps the officer's role may take now, the crime-source register with its
 * export, and the roster. Every step goes through the same decider as the API, as the officer.
 */
@Path("/dashboard")
@PermitAll
public class DashboardResource {
    static final String COOKIE = "binhyen_session";
    static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm").withZone(VIETNAM);
    static final Map<String, String> TYPES = Map.of("CRIME_TIP", "Tin báo tội phạm", "FEEDBACK", "Phản ánh, kiến nghị",
            "EMERGENCY", "Khẩn cấp");
    static final Map<String, String> STATUSES = Map.of("RECEIVED", "Mới tiếp nhận", "CLASSIFIED", "Đã phân loại",
            "WRITTEN_UP", "Đã báo cáo lãnh đạo", "FORWARDED_TO_PCTP", "Đã chuyển Đội CSHS", "REGISTERED", "Đã vào sổ",
            "RESOLVED", "Đã giải quyết", "TRANSFERRED", "Đã chuyển cơ quan có thẩm quyền");
    static final Map<String, String> ACTIONS = Map.of("classification", "Phân loại",
            "written-report", "Báo cáo bằng văn bản lên lãnh đạo", "forwarding", "Chuyển Đội Cảnh sát hình sự",
            "registration", "Vào sổ tiếp nhận nguồn tin", "resolution", "Kết thúc giải quyết",
            "transfer", "Chuyển cơ quan có thẩm quyền", "emergency-acknowledgement", "Xác nhận tin khẩn cấp");

    private final Accounts accounts;
    private final ReportService service;
    private final ReporterKeys keys;
    private final DutyRoster roster;
    private final DashboardStreams streams;
    private final Clock clock;
    private final boolean secureCookie;
    private final vn.binhyen.report.service.ReportScope scope;

    DashboardResource(Accounts accounts, ReportService service, ReporterKeys keys, DutyRoster roster,
            DashboardStreams streams, Clock clock, vn.binhyen.report.service.ReportScope scope,
            @ConfigProperty(name = "binhyen.dashboard.secure-cookie") boolean secureCookie) {
        this.accounts = accounts;
        this.service = service;
        this.keys = keys;
        this.roster = roster;
        this.streams = streams;
        this.clock = clock;
        this.scope = scope;
        this.secureCookie = secureCookie;
    }

    /** One row of the queue as the page shows it. */
    public record Row(String reportId, String type, String typeLabel, String status, String statusLabel,
            String receivedAt, String deadlineIso, String deadline, boolean emergency, int missing) {
    }

    public record Field(String label, String value) {
    }

    @CheckedTemplate(requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance login(Accounts.Officer officer, String error, String username);

        static native TemplateInstance queue(Accounts.Officer officer, List<Row> emergencies, List<Row> rows,
                boolean commander);

        static native TemplateInstance rows(List<Row> emergencies, List<Row> rows, boolean commander);

        static native TemplateInstance report(Accounts.Officer officer, Row row, List<Field> fields,
                List<String> actions, Map<String, String> labels, String error, String unit);

        static native TemplateInstance register(Accounts.Officer officer, String unit, String unitName, int year,
                List<ReportService.RegisterEntry> entries);

        static native TemplateInstance roster(Accounts.Officer officer, List<Field> days);
    }

    @GET
    @Path("/login")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance loginPage() {
        return Templates.login(null, null, "");
    }

    @POST
    @Path("/login")
    @Produces(MediaType.TEXT_HTML)
    public Response login(@RestForm @Size(max = 64) String username, @RestForm @Size(max = 200) String password) {
        Optional<String> session = username == null ? Optional.empty() : accounts.signIn(username.strip(), password);
        if (session.isEmpty()) {
            return Response.status(Response.Status.UNAUTHORIZED).entity(Templates.login(null,
                    "Tên đăng nhập hoặc mật khẩu không đúng.", username == null ? "" : username)).build();
        }
        return Response.seeOther(URI.create("/dashboard")).cookie(new NewCookie.Builder(COOKIE).value(session.get())
                .path("/dashboard").httpOnly(true).secure(secureCookie).sameSite(NewCookie.SameSite.STRICT).build())
                .build();
    }

    @POST
    @Path("/logout")
    public Response logout(@CookieParam(COOKIE) String cookie) {
        accounts.signOut(cookie);
        streams.signedOut(cookie);
        return Response.seeOther(URI.create("/dashboard/login")).cookie(new NewCookie.Builder(COOKIE).value("")
                .path("/dashboard").maxAge(0).httpOnly(true).secure(secureCookie)
                .sameSite(NewCookie.SameSite.STRICT).build()).build();
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response queue(@CookieParam(COOKIE) String cookie) {
        return signedIn(cookie, officer -> {
            var split = rows(officer).stream().collect(Collectors.partitioningBy(Row::emergency));
            return Response.ok(Templates.queue(officer, split.get(true), split.get(false), officer.has("COMMANDER")))
                    .build();
        });
    }

    /** The queue's rows alone, fetched again by the page whenever the stream says something changed. */
    @GET
    @Path("/queue")
    @Produces(MediaType.TEXT_HTML)
    public Response queueRows(@CookieParam(COOKIE) String cookie) {
        return signedIn(cookie, officer -> {
            var split = rows(officer).stream().collect(Collectors.partitioningBy(Row::emergency));
            return Response.ok(Templates.rows(split.get(true), split.get(false), officer.has("COMMANDER"))).build();
        });
    }

    /**
     * "The queue changed", while the session lasts; a few streams per session and a bounded number
     * per instance (429 beyond), a page that stops reading dropped ({@link DashboardStreams}).
     */
    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public Multi<String> stream(@CookieParam(COOKIE) String cookie,
            @Context io.vertx.core.http.HttpServerResponse response) {
        if (accounts.session(cookie).isEmpty()) {
            throw new jakarta.ws.rs.NotAuthorizedException("Session");
        }
        // at the session's end the connection is closed too: a page that does not read would never
        // take the stream's completion, and would keep it (and its slot) open
        return streams.follow(cookie, response::close);
    }

    @GET
    @Path("/reports/{id}")
    @Produces(MediaType.TEXT_HTML)
    public Response report(@CookieParam(COOKIE) String cookie, @PathParam("id") String id,
            @QueryParam("loi") String error) {
        return signedIn(cookie, officer -> {
            var roles = rolesFor(officer, id);
            if (!vn.binhyen.report.service.ReportScope.sees(roles) || !(service.load(id) instanceof Report.Open o)) {
                return Response.status(404).entity("Không tìm thấy tin báo " + id).type("text/plain; charset=UTF-8")
                        .build();
            }
            List<Field> fields = new ArrayList<>();
            fields.add(new Field("Nội dung", keys.open(o.reportId(), o.content())));
            ReportEvent.Reporter reporter = ReportResource.reporterSeenBy(service, keys, o, officer.username(),
                    roles);
            if (reporter != null) {
                fields.add(new Field("Người báo tin", reporter.name() != null ? reporter.name()
                        : "Ẩn danh" + (reporter.refusalReason() != null ? " (" + reporter.refusalReason() + ")" : "")));
                fields.add(new Field("Địa chỉ", reporter.address()));
                fields.add(new Field("Số điện thoại", reporter.phone()));
            }
            if (o.details() != null) {
                var d = keys.open(o.reportId(), o.details());
                fields.add(new Field("Thời gian xảy ra", d.incidentAt() == null ? null : WHEN.format(d.incidentAt())));
                fields.add(new Field("Địa điểm", d.place()));
                fields.add(new Field("Tóm tắt", d.summary()));
                fields.add(new Field("Đối tượng", d.suspect()));
                fields.add(new Field("Bị hại", d.victim()));
                fields.add(new Field("Nhân chứng", d.witnesses()));
                fields.add(new Field("Hướng tẩu thoát", d.escapeDirection()));
                fields.add(new Field("Phương tiện", d.means()));
                fields.add(new Field("Thiệt hại", d.damage()));
                fields.add(new Field("Đã xử lý ban đầu", d.actionsTaken()));
                fields.add(new Field("Vì sao biết", d.howKnown()));
            }
            if (!o.missing().isEmpty()) {
                fields.add(new Field("Còn thiếu", String.join(", ", o.missing())));
            }
            List<String> actions = ReportActions.available(o, officer.username(), roles, clock.instant());
            return Response.ok(Templates.report(officer, row(o), fields.stream().filter(f -> f.value() != null
                    && !f.value().isBlank()).toList(), actions, ACTIONS, error, scope.nameOf(placementUnit(id)))).build();
        });
    }

    @POST
    @Path("/reports/{id}/{action}")
    public Response act(@CookieParam(COOKIE) String cookie, @HeaderParam("Origin") String origin,
            @HeaderParam("Host") String host, @PathParam("id") String id, @PathParam("action") String action,
            @RestForm @Size(max = 100) String category, @RestForm @Size(max = 8) String securityRelated,
            @RestForm @Size(max = 8) String withinJurisdiction, @RestForm @Size(max = 20_000) String text,
            @RestForm @Size(max = 128) String pctpOfficer,
            @RestForm @Size(max = 300) String body, @RestForm @Size(max = 2000) String reason) {
        if (origin != null && host != null && !origin.endsWith("//" + host)) {
            return Response.status(403).entity("Yêu cầu không hợp lệ (nguồn gửi khác trang).")
                    .type("text/plain; charset=UTF-8").build();
        }
        return signedIn(cookie, officer -> {
            Instant now = clock.instant();
            String who = officer.username();
            var roles = rolesFor(officer, id);
            if (roles.isEmpty()) {
                return Response.status(404).entity("Không tìm thấy tin báo " + id).type("text/plain; charset=UTF-8")
                        .build();
            }
            var meta = new CommandHandler.Metadata(new Actor(who, roles.stream().sorted().findFirst().orElse("UNKNOWN"),
                    null), "dashboard-" + UUID.randomUUID(), null);
            try {
                switch (action) {
                    case "classification" -> service.handle(id, OptionalLong.empty(), new ReportCommand.Classify(
                            category, securityRelated != null, withinJurisdiction != null, who, roles, now), meta);
                    case "written-report" -> service.handle(id, OptionalLong.empty(),
                            new ReportCommand.WriteUp(text, who, roles, now), meta);
                    case "forwarding" -> service.handle(id, OptionalLong.empty(),
                            new ReportCommand.Forward(pctpOfficer, who, roles, now), meta);
                    // the register of the unit that received the tip, whatever the form says
                    case "registration" -> service.register(id, placementUnit(id), OptionalLong.empty(), who, roles,
                            now, meta);
                    case "resolution" -> service.handle(id, OptionalLong.empty(),
                            new ReportCommand.Resolve(text, who, roles, now), meta);
                    case "transfer" -> service.handle(id, OptionalLong.empty(),
                            new ReportCommand.Transfer(body, reason, who, roles, now), meta);
                    case "emergency-acknowledgement" -> service.handle(id, OptionalLong.empty(),
                            new ReportCommand.AcknowledgeEmergency(who, roles, now), meta);
                    default -> {
                        return Response.status(404).build();
                    }
                }
            } catch (RuntimeException refused) {
                return Response.seeOther(URI.create("/dashboard/reports/" + enc(id) + "?loi="
                        + enc("Không thực hiện được: " + refused.getMessage()))).build();
            }
            return Response.seeOther(URI.create("/dashboard/reports/" + enc(id))).build();
        });
    }

    @GET
    @Path("/register")
    @Produces(MediaType.TEXT_HTML)
    public Response register(@CookieParam(COOKIE) String cookie, @QueryParam("unit") String unitName,
            @QueryParam("year") Integer year) {
        return signedIn(cookie, officer -> {
            String u = unitName == null || unitName.isBlank() ? officer.unit() : unitName;
            var roles = scope.rolesFor(officer.caller(), u, null);
            if (!vn.binhyen.report.service.ReportScope.sees(roles)) {
                return Response.status(404).entity("Không tìm thấy sổ của đơn vị " + u)
                        .type("text/plain; charset=UTF-8").build();
            }
            int y = year == null ? LocalDate.now(clock.withZone(VIETNAM)).getYear() : year;
            return Response.ok(Templates.register(officer, u, scope.nameOf(u), y, RegisterResource.entries(service, keys, u, y,
                    officer.username(), roles))).build();
        });
    }

    @GET
    @Path("/register.csv")
    public Response registerCsv(@CookieParam(COOKIE) String cookie, @QueryParam("unit") String unitName,
            @QueryParam("year") Integer year) {
        return signedIn(cookie, officer -> {
            String u = unitName == null || unitName.isBlank() ? officer.unit() : unitName;
            var roles = scope.rolesFor(officer.caller(), u, null);
            if (!vn.binhyen.report.service.ReportScope.sees(roles)) {
                return Response.status(404).entity("Không tìm thấy sổ của đơn vị " + u)
                        .type("text/plain; charset=UTF-8").build();
            }
            int y = year == null ? LocalDate.now(clock.withZone(VIETNAM)).getYear() : year;
            return RegisterResource.csv(RegisterResource.entries(service, keys, u, y, officer.username(), roles), y);
        });
    }

    @GET
    @Path("/roster")
    @Produces(MediaType.TEXT_HTML)
    public Response roster(@CookieParam(COOKIE) String cookie) {
        return signedIn(cookie, officer -> {
            LocalDate today = LocalDate.now(clock.withZone(VIETNAM));
            DateTimeFormatter day = DateTimeFormatter.ofPattern("EEEE, dd/MM/yyyy", java.util.Locale.forLanguageTag("vi"));
            List<Field> days = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                var d = roster.day(today.plusDays(i));
                days.add(new Field((i == 0 ? "Hôm nay — " : "") + day.format(d.date()), d.officers().isEmpty()
                        ? "CHƯA PHÂN CÔNG TRỰC" : String.join(", ", d.officers())));
            }
            return Response.ok(Templates.roster(officer, days)).build();
        });
    }

    /** The officer's roles for a report ({@link vn.binhyen.report.service.ReportScope}); empty when there is none. */
    private java.util.Set<String> rolesFor(Accounts.Officer officer, String id) {
        var placement = service.placement(id);
        return placement == null ? java.util.Set.of()
                : scope.rolesFor(officer.caller(), placement.unit(), placement.groupId());
    }

    private String placementUnit(String id) {
        var placement = service.placement(id);
        return placement == null ? null : placement.unit();
    }

    /** The queue of the units the officer sees. */
    private List<Row> rows(Accounts.Officer officer) {
        return service.queue(scope.queueUnits(officer.caller())).stream().map(q -> new Row(q.reportId(), q.type(), TYPES.getOrDefault(q.type(), q.type()),
                q.status(), STATUSES.getOrDefault(q.status(), q.status()), WHEN.format(q.receivedAt()),
                q.deadline().toString(), WHEN.format(q.deadline()), "RAISED".equals(q.emergency()), q.missing()))
                .toList();
    }

    private static Row row(Report.Open o) {
        return new Row(o.reportId(), o.type().name(), TYPES.getOrDefault(o.type().name(), o.type().name()),
                o.status().name(), STATUSES.getOrDefault(o.status().name(), o.status().name()),
                WHEN.format(o.receivedAt()), o.deadline().toString(), WHEN.format(o.deadline()),
                "RAISED".equals(o.emergency().name()), o.missing().size());
    }

    private Response signedIn(String cookie, java.util.function.Function<Accounts.Officer, Response> page) {
        return accounts.session(cookie).map(page)
                .orElseGet(() -> Response.seeOther(URI.create("/dashboard/login")).build());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
