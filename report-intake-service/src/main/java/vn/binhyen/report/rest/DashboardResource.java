package vn.binhyen.report.rest;

import vn.binhyen.report.config.ReportIntakeConfig;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import vn.binhyen.contracts.report.ReportEvent;
import vn.binhyen.eventlog.Actor;
import vn.binhyen.eventlog.decider.CommandHandler;
import vn.binhyen.eventlog.http.ProblemResponses;
import vn.binhyen.report.dashboard.DashboardStreams;
import vn.binhyen.report.dashboard.OidcClient;
import vn.binhyen.report.dashboard.Sessions;
import vn.binhyen.report.domain.EmergencyTerms;
import vn.binhyen.report.domain.Report;
import vn.binhyen.report.domain.ReportActions;
import vn.binhyen.report.domain.ReportCommand;
import vn.binhyen.report.projection.ReportQueue;
import vn.binhyen.report.service.DutyRoster;
import vn.binhyen.report.service.ReportService;
import vn.binhyen.report.service.ReporterKeys;

/**
 * The duty officers' dashboard, server-rendered in Vietnamese: sign-in through Keycloak (OpenID
 * Connect's code flow with PKCE, {@link OidcClient}; issue 22) to a session cookie, the
 * live queue (emergencies on top, then by time left, with running countdowns), a report page
 * offering only the steps the officer's role may take now, the crime-source register with its
 * export, and the roster. Every step goes through the same decider as the API, as the officer.
 */
@Path("/dashboard")
@PermitAll
@Tag(name = "Dashboard pages")
public class DashboardResource {
    static final String COOKIE = "binhyen_session";
    /** The cookie a sign-in under way is bound to, from its start to Keycloak's callback. */
    static final String SIGN_IN_COOKIE = "binhyen_sign_in";
    /** A form's CSRF token is its {@code _csrf} field, or this header (a script's request). */
    static final String CSRF_HEADER = "X-CSRF-Token";
    static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm").withZone(VIETNAM);
    /** The queue's page size; emergencies awaiting a commander are always all shown above it. */
    static final int PAGE = 100;
    /** How many open tips a search looks through (its text is sealed, so it is searched after opening). */
    static final int SEARCH_SCAN = 10_000;

    private final Sessions accounts;
    private final OidcClient oidc;
    private final ReportService service;
    private final ReportQueue reportQueue;
    private final ReporterKeys keys;
    private final DutyRoster roster;
    private final DashboardStreams streams;
    private final Clock clock;
    private final boolean secureCookie;
    private final vn.binhyen.report.service.ReportScope scope;

    DashboardResource(Sessions accounts, OidcClient oidc, ReportService service, ReporterKeys keys, DutyRoster roster,
            DashboardStreams streams, Clock clock, vn.binhyen.report.service.ReportScope scope,
            ReportIntakeConfig.Dashboard dashboard, ReportQueue reportQueue) {
        this.reportQueue = reportQueue;
        boolean secureCookie = dashboard.secureCookie();
        this.accounts = accounts;
        this.oidc = oidc;
        this.service = service;
        this.keys = keys;
        this.roster = roster;
        this.streams = streams;
        this.clock = clock;
        this.scope = scope;
        this.secureCookie = secureCookie;
    }

    /**
     * One row of the queue as the page shows it: what the tip is about and where (opened for the
     * officer), when it happened and came in, from which group and channel, what is missing, who
     * handles it, and whether this officer may take it.
     */
    public record Row(String reportId, String type, String status, String channel, String groupId,
            String receivedAt, String incidentAt, String deadlineIso, String deadline, boolean emergency,
            List<String> missing, String summary, String place, String category, String handler, boolean mine,
            boolean mayTake) {
    }

    /** The queue's filters, as the page's form and its live refreshes send them. */
    public record Filter(String type, String status, boolean overdue, boolean mine, String q, int page) {
        /** The query string that asks for the same view (for the live refresh and the page links). */
        public String query(int page) {
            StringBuilder b = new StringBuilder();
            if (type != null) {
                b.append("&type=").append(enc(type));
            }
            if (status != null) {
                b.append("&status=").append(enc(status));
            }
            if (overdue) {
                b.append("&overdue=1");
            }
            if (mine) {
                b.append("&mine=1");
            }
            if (q != null) {
                b.append("&q=").append(enc(q));
            }
            if (page > 1) {
                b.append("&page=").append(page);
            }
            return b.isEmpty() ? "" : "?" + b.substring(1);
        }

        public boolean any() {
            return type != null || status != null || overdue || mine || q != null;
        }
    }

    /** What the queue page shows: the emergencies awaiting a commander, one page of the rest, the count. */
    public record Queue(List<Row> emergencies, List<Row> rows, int total, int page, int pages, Filter filter) {
    }

    /** One line of a tip's history: when, who (and as what), what happened, and its particulars. */
    public record Entry(String at, String who, String role, String type, String detail) {
    }

    public record Field(String label, String value) {
    }

    @CheckedTemplate(requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance login(Sessions.Officer officer, String error, String message);

        static native TemplateInstance queue(Sessions.Officer officer, Queue queue, boolean commander, String csrf,
                List<String> types, List<String> statuses);

        static native TemplateInstance rows(Queue queue, boolean commander, String csrf);

        static native TemplateInstance report(Sessions.Officer officer, Row row, List<Field> fields,
                List<String> actions, String error, String unit, List<Entry> timeline, String writtenReport,
                boolean mayNote);

        static native TemplateInstance register(Sessions.Officer officer, String unit, String unitName, int year,
                List<ReportService.RegisterEntry> entries);

        static native TemplateInstance roster(Sessions.Officer officer, List<Field> days);
    }

    /** The sign-in page: one button to Keycloak (and, after signing out, a word that it is done). */
    @GET
    @Path("/login")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The sign-in page: one button to Keycloak, with a notice after a failed sign-in or a sign-out")
    @APIResponse(responseCode = "200", description = "The sign-in page (an unknown loi code shows the generic notice)", content = @Content(mediaType = MediaType.TEXT_HTML))
    public TemplateInstance loginPage(@QueryParam("ra") String signedOut, @QueryParam("loi") String error) {
        return Templates.login(null, error == null ? null : SIGN_IN_ERRORS.getOrDefault(error, SIGN_IN_ERRORS.get("x")),
                signedOut == null ? null : "Đã đăng xuất khỏi Bảng trực ban và hệ thống xác thực.");
    }

    static final Map<String, String> SIGN_IN_ERRORS = Map.of(
            "x", "Đăng nhập không thành công. Vui lòng thử lại.",
            "het-han", "Phiên đăng nhập đã hết hạn hoặc không thuộc trình duyệt này. Vui lòng đăng nhập lại.",
            "xac-thuc", "Hệ thống xác thực chưa phản hồi. Vui lòng thử lại sau ít phút.");

    /** Off to Keycloak: the authorization request, its state bound to this browser by a cookie of its own. */
    @GET
    @Path("/sign-in")
    @Operation(summary = "Start the sign-in: off to Keycloak (code flow with PKCE), its state bound to this browser by a cookie")
    @APIResponse(responseCode = "303", description = "To Keycloak's authorization endpoint, setting the binhyen_sign_in cookie")
    @APIResponse(responseCode = "503", description = "Keycloak is unreachable: the sign-in page with a notice and Retry-After: 30 "
            + "(or, the database being down, a problem document)", content = {@Content(mediaType = MediaType.TEXT_HTML),
                @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem"))})
    public Response signIn() {
        OidcClient.Start start;
        try {
            start = oidc.start();
        } catch (OidcClient.Unavailable e) {
            return Response.status(503).header("Retry-After", "30").entity(Templates.login(null,
                    SIGN_IN_ERRORS.get("xac-thuc"), null)).type(MediaType.TEXT_HTML).build();
        }
        String browser = accounts.pending(start);
        // Lax, not Strict: the callback is a navigation from Keycloak's site, and must carry it
        return Response.seeOther(start.redirect()).cookie(new NewCookie.Builder(SIGN_IN_COOKIE).value(browser)
                .path("/dashboard").maxAge(600).httpOnly(true).secure(secureCookie).sameSite(NewCookie.SameSite.LAX)
                .build()).build();
    }

    /** Back from Keycloak: the code exchanged, the ID token validated, a session opened. */
    @GET
    @Path("/callback")
    @Operation(summary = "Back from Keycloak: the code exchanged, the ID token checked, a session opened")
    @APIResponse(responseCode = "303", description = "Signed in: to the queue (/dashboard) with the session cookie; or, when the "
            + "sign-in is not this browser's or has expired, Keycloak refused or is unreachable, to /dashboard/login?loi=...")
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    public Response callback(@QueryParam("code") @Size(max = 4096) String code,
            @QueryParam("state") @Size(max = 200) String state, @QueryParam("error") @Size(max = 200) String error,
            @CookieParam(SIGN_IN_COOKIE) String browser) {
        NewCookie spent = new NewCookie.Builder(SIGN_IN_COOKIE).value("").path("/dashboard").maxAge(0).httpOnly(true)
                .secure(secureCookie).sameSite(NewCookie.SameSite.LAX).build();
        var pending = accounts.takePending(state, browser);
        if (pending.isEmpty()) {
            return Response.seeOther(URI.create("/dashboard/login?loi=het-han")).cookie(spent).build();
        }
        if (error != null || code == null || code.isBlank()) {
            return Response.seeOther(URI.create("/dashboard/login?loi=x")).cookie(spent).build();
        }
        OidcClient.Identity who;
        try {
            who = oidc.finish(code, pending.get().codeVerifier(), pending.get().nonce());
        } catch (OidcClient.Unavailable e) {
            return Response.seeOther(URI.create("/dashboard/login?loi=xac-thuc")).cookie(spent).build();
        } catch (OidcClient.Refused e) {
            return Response.seeOther(URI.create("/dashboard/login?loi=x")).cookie(spent).build();
        }
        // Lax: the first page after the callback is still the navigation Keycloak started; the forms carry CSRF tokens
        return Response.seeOther(URI.create("/dashboard")).cookie(spent, new NewCookie.Builder(COOKIE)
                .value(accounts.open(who)).path("/dashboard").httpOnly(true).secure(secureCookie)
                .sameSite(NewCookie.SameSite.LAX).build()).build();
    }

    /**
     * Keycloak's back-channel logout (OpenID Connect Back-Channel Logout 1.0): the officer signed out
     * there (or an administrator ended the session), so the dashboard's sessions of it end too.
     */
    @POST
    @Path("/backchannel-logout")
    @jakarta.ws.rs.Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Keycloak's back-channel logout: the sessions of the signed-out Keycloak session end")
    @APIResponse(responseCode = "200", description = "The sessions of that Keycloak session are ended (no body, Cache-Control: no-store)")
    @APIResponse(responseCode = "400", description = "logout_token is missing or is not a valid logout token (text naming why), "
            + "or is longer than 16384 characters (a problem document)", content = {@Content(mediaType = MediaType.TEXT_PLAIN),
                @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem"))})
    @APIResponse(responseCode = "415", description = "The body is not application/x-www-form-urlencoded")
    @APIResponse(responseCode = "503", description = "Keycloak's keys cannot be fetched to check the token (no body, Retry-After: 30), "
            + "or the database is down (a problem document)", content = @Content(mediaType = "application/problem+json",
                schema = @Schema(ref = "Problem")))
    public Response backchannelLogout(@RestForm("logout_token") @Size(max = 16_384) String logoutToken) {
        if (logoutToken == null) {
            return Response.status(400).entity("logout_token is required").type("text/plain; charset=UTF-8").build();
        }
        try {
            accounts.signedOutAtProvider(oidc.loggedOutSession(logoutToken));
        } catch (OidcClient.Refused e) {
            return Response.status(400).entity(e.getMessage()).type("text/plain; charset=UTF-8").build();
        } catch (OidcClient.Unavailable e) {
            return Response.status(503).header("Retry-After", "30").build();
        }
        return Response.ok().header("Cache-Control", "no-store").build();
    }

    /** Signs out here, then at Keycloak (whose page comes back to the sign-in page). */
    @POST
    @Path("/logout")
    @Operation(summary = "Sign out here, then at Keycloak")
    @APIResponse(responseCode = "303", description = "Signed out (the session cookie cleared): to Keycloak's end-session page, or "
            + "to /dashboard/login?ra=1 when there was no session or Keycloak is unreachable")
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "403", description = "A live session, but without its CSRF token (_csrf field or X-CSRF-Token "
            + "header); still signed in", content = @Content(mediaType = MediaType.TEXT_PLAIN))
    public Response logout(@CookieParam(COOKIE) String cookie, @RestForm("_csrf") @Size(max = 100) String csrf,
            @HeaderParam(CSRF_HEADER) @Size(max = 100) String csrfHeader) {
        var officer = accounts.session(cookie);
        if (officer.isPresent() && !officer.get().sent(csrf != null ? csrf : csrfHeader)) {
            return forged();
        }
        var idToken = accounts.signOut(cookie);
        streams.signedOut(cookie);
        URI next = URI.create("/dashboard/login?ra=1");
        if (idToken.isPresent()) {
            try {
                next = oidc.endSession(idToken.get());
            } catch (OidcClient.Unavailable e) {
                // signed out here; Keycloak's own session ends at its expiry
            }
        }
        return Response.seeOther(next).cookie(new NewCookie.Builder(COOKIE).value("")
                .path("/dashboard").maxAge(0).httpOnly(true).secure(secureCookie)
                .sameSite(NewCookie.SameSite.LAX).build()).build();
    }

    private static Response forged() {
        return Response.status(403).entity("Yêu cầu không hợp lệ (thiếu mã chống giả mạo của phiên).")
                .type("text/plain; charset=UTF-8").build();
    }

    static final List<String> TYPE_CODES = List.of("CRIME_TIP", "EMERGENCY", "FEEDBACK");
    static final List<String> STATUS_CODES = java.util.Arrays.stream(Report.Status.values())
            .filter(st -> !st.clockStopped()).map(Enum::name).toList();

    /**
     * The queue: emergencies awaiting a commander on top, then the rest by time left, narrowed by
     * type, status, overdue, "mine" and a search; a filter value that is not one of the page's own
     * is answered 400 with its name, not ignored.
     */
    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The queue: emergencies awaiting a commander on top, then the rest by time left, filtered")
    @APIResponse(responseCode = "200", description = "The queue page", content = @Content(mediaType = MediaType.TEXT_HTML))
    @APIResponse(responseCode = "303", description = "No live session: to the sign-in (/dashboard/sign-in)")
    @APIResponse(responseCode = "400", description = "A filter is not one of the page's values (type, status), q is longer "
            + "than 100 characters, or page is not 1-9999; the text names it", content = @Content(mediaType = MediaType.TEXT_PLAIN))
    public Response queue(@CookieParam(COOKIE) String cookie, @QueryParam("type") String type,
            @QueryParam("status") String status, @QueryParam("overdue") String overdue, @QueryParam("mine") String mine,
            @QueryParam("q") String q, @QueryParam("page") String page) {
        return signedIn(cookie, officer -> {
            var filter = filter(type, status, overdue, mine, q, page);
            if (filter.isEmpty()) {
                return badFilter(type, status, q, page);
            }
            return Response.ok(Templates.queue(officer, queueOf(officer, filter.get()), officer.has("COMMANDER"),
                    officer.csrf(), TYPE_CODES, STATUS_CODES)).build();
        });
    }

    /** The queue's rows alone, fetched again by the page (with its filters) whenever the stream says something changed. */
    @GET
    @Path("/queue")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The queue's rows alone, fetched again by the page when the stream says something changed")
    @APIResponse(responseCode = "200", description = "The rows, an HTML fragment", content = @Content(mediaType = MediaType.TEXT_HTML))
    @APIResponse(responseCode = "400", description = "A filter is not one of the page's values (type, status), q is longer "
            + "than 100 characters, or page is not 1-9999; the text names it", content = @Content(mediaType = MediaType.TEXT_PLAIN))
    @APIResponse(responseCode = "401", description = "No live session (no body): the page reloads and goes to the sign-in")
    public Response queueRows(@CookieParam(COOKIE) String cookie, @QueryParam("type") String type,
            @QueryParam("status") String status, @QueryParam("overdue") String overdue, @QueryParam("mine") String mine,
            @QueryParam("q") String q, @QueryParam("page") String page) {
        if (accounts.session(cookie).isEmpty()) {
            // the page's own fetch: it reloads, and the page itself goes to the sign-in (no sign-in started per fetch)
            return Response.status(401).build();
        }
        return signedIn(cookie, officer -> {
            var filter = filter(type, status, overdue, mine, q, page);
            if (filter.isEmpty()) {
                return badFilter(type, status, q, page);
            }
            return Response.ok(Templates.rows(queueOf(officer, filter.get()), officer.has("COMMANDER"),
                    officer.csrf())).build();
        });
    }

    /** The filters read, or empty when one is not a value the page offers (or is too long). */
    static Optional<Filter> filter(String type, String status, String overdue, String mine, String q, String page) {
        String t = blankToNull(type);
        String st = blankToNull(status);
        String query = blankToNull(q);
        if (t != null && !TYPE_CODES.contains(t) || st != null && !STATUS_CODES.contains(st)
                || query != null && query.length() > 100) {
            return Optional.empty();
        }
        int p = 1;
        if (blankToNull(page) != null) {
            if (page.length() > 4 || !page.chars().allMatch(ch -> ch >= '0' && ch <= '9') || Integer.parseInt(page) < 1) {
                return Optional.empty();
            }
            p = Integer.parseInt(page);
        }
        return Optional.of(new Filter(t, st, "1".equals(overdue), "1".equals(mine), query == null ? null
                : query.strip(), p));
    }

    private static Response badFilter(String type, String status, String q, String page) {
        String field = type != null && !type.isBlank() && !TYPE_CODES.contains(type) ? "type"
                : status != null && !status.isBlank() && !STATUS_CODES.contains(status) ? "status"
                : q != null && q.length() > 100 ? "q" : "page";
        return Response.status(400).entity("Bộ lọc không hợp lệ: " + field + " (type: " + String.join(", ", TYPE_CODES)
                + "; status: " + String.join(", ", STATUS_CODES) + "; q: tối đa 100 ký tự; page: 1–9999).")
                .type("text/plain; charset=UTF-8").build();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /**
     * The queue as {@code officer} sees it under {@code filter}. Without a search, one page comes
     * from the read model; a search looks through up to {@link #SEARCH_SCAN} of the most urgent open
     * tips, opened here (the summary and place are sealed), matching the id, type, category, group,
     * handler, summary and place without regard to case or diacritics.
     */
    Queue queueOf(Sessions.Officer officer, Filter f) {
        List<String> units = scope.queueUnits(officer.caller());
        Instant now = clock.instant();
        var base = new ReportQueue.QueueFilter(f.type(), f.status(), f.overdue(), f.mine() ? officer.username()
                : null, null);
        var emergencies = reportQueue.console(units, base.raised(true), now, 0, PAGE).items();
        List<ReportQueue.ConsoleItem> page;
        int total;
        ReporterKeys.Keyring searched = null;
        if (f.q() == null) {
            var p = reportQueue.console(units, base.raised(false), now, (f.page() - 1) * PAGE, PAGE);
            page = p.items();
            total = p.total();
        } else {
            var all = new ArrayList<>(reportQueue.console(units, base.raised(false), now, 0, SEARCH_SCAN).items());
            all.addAll(emergencies);
            var ring = keys.keyring(all.stream().map(ReportQueue.ConsoleItem::reportId).toList());
            searched = ring;
            String needle = EmergencyTerms.fold(f.q());
            java.util.function.Predicate<ReportQueue.ConsoleItem> matches = i -> EmergencyTerms.fold(String.join("\n",
                    nonNull(i.reportId(), i.type(), i.category(), i.groupId(), i.handler(),
                            ring.open(i.reportId(), i.summary()),
                            ring.open(i.reportId(), i.place())))).contains(needle);
            var found = all.subList(0, all.size() - emergencies.size()).stream().filter(matches).toList();
            emergencies = emergencies.stream().filter(matches).toList();
            total = found.size();
            page = found.stream().skip((long) (f.page() - 1) * PAGE).limit(PAGE).toList();
        }
        List<ReportQueue.ConsoleItem> shown = new ArrayList<>(emergencies);
        shown.addAll(page);
        // a search read every key it looked through, the shown rows' among them
        var ring = searched != null ? searched
                : keys.keyring(shown.stream().map(ReportQueue.ConsoleItem::reportId).toList());
        return new Queue(emergencies.stream().map(i -> row(officer, i, ring)).toList(),
                page.stream().map(i -> row(officer, i, ring)).toList(), total, f.page(),
                Math.max(1, (total + PAGE - 1) / PAGE), f);
    }

    private static String[] nonNull(String... values) {
        return java.util.Arrays.stream(values).map(v -> v == null ? "" : v).toArray(String[]::new);
    }


    private Row row(Sessions.Officer officer, ReportQueue.ConsoleItem i, ReporterKeys.Keyring ring) {
        String summary = ring.open(i.reportId(), i.summary());
        boolean mine = officer.username().equals(i.handler());
        boolean handles = officer.roles().stream().anyMatch(vn.binhyen.report.domain.ReportDecider.HANDLERS::contains)
                && i.unit() != null && i.unit().equals(officer.unit());
        return new Row(i.reportId(), i.type(), i.status(), i.channel(), i.groupId(), WHEN.format(i.receivedAt()),
                i.incidentAt() == null ? null : WHEN.format(i.incidentAt()), i.deadline().toString(),
                WHEN.format(i.deadline()), "RAISED".equals(i.emergency()), i.missingFields(),
                summary == null ? null : summary.length() > 160 ? summary.substring(0, 157) + "…" : summary,
                ring.open(i.reportId(), i.place()), i.category(), i.handler(), mine, handles && !mine);
    }

    /**
     * "The queue changed", while the session lasts; a few streams per session and a bounded number
     * per instance (429 beyond), a page that stops reading dropped ({@link DashboardStreams}).
     */
    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Server-sent events saying the queue changed, while the session lasts")
    @APIResponse(responseCode = "200", description = "The stream of change notices; it ends with the session", content = @Content(
            mediaType = MediaType.SERVER_SENT_EVENTS))
    @APIResponse(responseCode = "401", description = "No live session (no body, WWW-Authenticate: Session)")
    @APIResponse(responseCode = "429", description = "The session, or this instance, already holds its streams (type "
            + "too-many-streams, Retry-After)", content = @Content(mediaType = "application/problem+json",
                schema = @Schema(ref = "Problem")))
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
    @Operation(summary = "A report's page: its particulars opened for the officer, its timeline, and the steps they may take now")
    @APIResponse(responseCode = "200", description = "The report page (loi is shown as the refusal of the last step)", content = @Content(mediaType = MediaType.TEXT_HTML))
    @APIResponse(responseCode = "303", description = "No live session: to the sign-in (/dashboard/sign-in)")
    @APIResponse(responseCode = "404", description = "No such report, or one the officer may not see", content = @Content(mediaType = MediaType.TEXT_PLAIN))
    public Response report(@CookieParam(COOKIE) String cookie, @PathParam("id") String id,
            @QueryParam("loi") @Size(max = 500) String refusal, @QueryParam("ky") @Size(max = 64) String signature) {
        return signedIn(cookie, officer -> {
            // the refusal of the last step, shown only when it is signed for this session
            String error = vn.binhyen.report.dashboard.RefusalLinks.verified(refusal, signature, officer.csrf());
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
            List<String> actions = ReportActions.available(o, officer.username(), roles, clock.instant());
            var item = reportQueue.consoleItem(id);
            var ring = keys.keyring(List.of(id));
            String written = null;
            List<Entry> timeline = new ArrayList<>();
            var clear = roles.stream().filter(ReportResource.CLEAR::contains).toList();
            for (var e : service.history(id)) {
                ReportEvent event = service.decode(e);
                if (event instanceof ReportEvent.ReportWrittenUp w) {
                    written = w.writtenReport();
                }
                // a note may repeat what the reporter said: in clear only for those who see the reporter in clear
                String detail = event instanceof ReportEvent.ReportNoteAdded && clear.isEmpty()
                        ? "[nội dung ghi chú chỉ cán bộ xử lý xem được]" : detail(event, ring);
                timeline.add(new Entry(WHEN_SECONDS.format(e.occurredAt()), e.actor().id(), e.actor().role(),
                        e.eventType(), detail));
            }
            boolean mayNote = roles.stream().anyMatch(r -> vn.binhyen.report.domain.ReportDecider.HANDLERS.contains(r)
                    || vn.binhyen.report.domain.ReportDecider.BOARD.contains(r));
            return Response.ok(Templates.report(officer, row(officer, item, ring), fields.stream().filter(f ->
                    f.value() != null && !f.value().isBlank()).toList(), actions, error,
                    scope.nameOf(placementUnit(id)), timeline, written, mayNote)).build();
        });
    }

    static final DateTimeFormatter WHEN_SECONDS = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss").withZone(VIETNAM);

    /** The particulars of one event on a tip's timeline, in Vietnamese; a note opened for the reader. */
    static String detail(ReportEvent event, ReporterKeys.Keyring ring) {
        return switch (event) {
            case ReportEvent.ReportReceived r -> (r.channel() == null ? "" : "Kênh: " + r.channel())
                    + (r.groupId() == null ? "" : (r.channel() == null ? "" : "; ") + "nhóm " + r.groupId())
                    + (r.missing().isEmpty() ? "" : "; còn thiếu " + r.missing().size() + " mục");
            case ReportEvent.ReportCompleted r -> r.missing().isEmpty() ? "Đã đủ thông tin"
                    : "Còn thiếu " + r.missing().size() + " mục";
            case ReportEvent.ReportClassified r -> r.category() + (r.securityRelated() ? "; liên quan an ninh" : "")
                    + (r.withinJurisdiction() ? "" : "; không thuộc thẩm quyền của đơn vị");
            case ReportEvent.ReportWrittenUp r -> r.writtenReport();
            case ReportEvent.ReportForwardedToPctp r -> "Cán bộ nhận: " + r.pctpOfficer();
            case ReportEvent.ReportRegistered r -> "Số " + r.number() + "/" + r.year();
            case ReportEvent.ReportResolved r -> r.result();
            case ReportEvent.ReportTransferred r -> r.body() + ": " + r.reason();
            case ReportEvent.DeadlineWarning r -> "Còn " + r.hoursLeft() + " giờ (hạn " + WHEN.format(r.deadline()) + ")";
            case ReportEvent.DeadlineBreached r -> "Hạn " + WHEN.format(r.deadline());
            case ReportEvent.EmergencyRaised r -> r.reason() + (r.round() > 1 ? " (lần " + r.round() + ")" : "");
            case ReportEvent.EmergencyAcknowledged r -> "";
            case ReportEvent.CitizenFeedback r -> r.message();
            case ReportEvent.NobodyOnDuty r -> "Ngày " + r.date().format(DateTimeFormatter.ofPattern("dd/MM/yyyy"));
            case ReportEvent.PersonalDataRead r -> "";
            case ReportEvent.ReporterShredded r -> r.reason();
            case ReportEvent.ReportTaken r -> r.previous() == null ? "" : "Nhận lại từ " + r.previous();
            case ReportEvent.ReportNoteAdded r -> ring.open(r.reportId(), r.note());
        };
    }

    @POST
    @Path("/reports/{id}/{action}")
    @Operation(summary = "A step on a report from its page (classification, written-report, forwarding, registration, resolution, "
            + "transfer, emergency-acknowledgement, taking, notes), through the same decider as the API",
            description = "A refusal by the decider (a rule, a stale or concurrent change, a shredded report) is not an "
            + "error status: it redirects back to the report page with the reason in loi.")
    @APIResponse(responseCode = "303", description = "Done: back to the queue view named by back, or to the report page; refused: "
            + "to the report page with loi giving the reason; no live session: to /dashboard/sign-in")
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "403", description = "The form came from another origin, or without the session's CSRF "
            + "token (_csrf field or X-CSRF-Token header); nothing is done", content = @Content(mediaType = MediaType.TEXT_PLAIN))
    @APIResponse(responseCode = "404", description = "No such report, or one the officer has no role for (text); or an "
            + "unknown action (no body)", content = @Content(mediaType = MediaType.TEXT_PLAIN))
    public Response act(@CookieParam(COOKIE) String cookie, @HeaderParam("Origin") String origin,
            @HeaderParam("Host") String host, @PathParam("id") String id, @PathParam("action") String action,
            @RestForm @Size(max = 100) String category, @RestForm @Size(max = 8) String securityRelated,
            @RestForm @Size(max = 8) String withinJurisdiction, @RestForm @Size(max = 20_000) String text,
            @RestForm @Size(max = 128) String pctpOfficer,
            @RestForm @Size(max = 300) String body, @RestForm @Size(max = 2000) String reason,
            @RestForm @Size(max = vn.binhyen.report.domain.ReportDecider.NOTE_LIMIT) String note,
            @RestForm @Size(max = 300) String back, @RestForm("_csrf") @Size(max = 100) String csrf, @HeaderParam(CSRF_HEADER) @Size(max = 100) String csrfHeader) {
        return posted(accounts, cookie, origin, host, csrf != null ? csrf : csrfHeader, officer -> {
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
                    case "taking" -> service.take(id, who, roles, now, meta);
                    case "notes" -> service.note(id, note, who, roles, now, meta);
                    default -> {
                        return Response.status(404).build();
                    }
                }
            } catch (vn.binhyen.eventlog.decider.RuleViolation
                    | vn.binhyen.eventlog.ConcurrencyException | vn.binhyen.report.service.ReporterKeys.Shredded
                    | vn.binhyen.report.domain.UnknownReportException refused) {
                // a refusal, shown on the page; anything else (the database down, a bug) is the mappers' 503 or 500
                return Response.seeOther(URI.create("/dashboard/reports/" + enc(id) + "?"
                        + vn.binhyen.report.dashboard.RefusalLinks.query("Không thực hiện được: "
                                + refused.getMessage(), officer.csrf()))).build();
            }
            // from the queue, back to the same view of it (a path of this page only, never elsewhere)
            if (back != null && (back.equals("/dashboard") || back.startsWith("/dashboard?")
                    && back.chars().allMatch(ch -> ch < 128 && (Character.isLetterOrDigit(ch) || "?=&%._~+-*".indexOf(ch) >= 0
                    || ch == '/')) && back.indexOf('/', 1) == -1)) {
                try {
                    return Response.seeOther(URI.create(back)).build();
                } catch (IllegalArgumentException malformed) {
                    return Response.seeOther(URI.create("/dashboard")).build();
                }
            }
            return Response.seeOther(URI.create("/dashboard/reports/" + enc(id))).build();
        });
    }

    @GET
    @Path("/register")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The crime-source register of a unit for a year (the officer's unit and this year by default)")
    @APIResponse(responseCode = "200", description = "The register page", content = @Content(mediaType = MediaType.TEXT_HTML))
    @APIResponse(responseCode = "303", description = "No live session: to the sign-in (/dashboard/sign-in)")
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", description = "No register of that unit the officer may see", content =
            @Content(mediaType = MediaType.TEXT_PLAIN))
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
    @Operation(summary = "The crime-source register of a unit for a year, as CSV")
    @APIResponse(responseCode = "200", description = "The register as a CSV attachment", content = @Content(mediaType = "text/csv"))
    @APIResponse(responseCode = "303", description = "No live session: to the sign-in (/dashboard/sign-in)")
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", description = "No register of that unit the officer may see", content =
            @Content(mediaType = MediaType.TEXT_PLAIN))
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
    @Operation(summary = "The duty roster of the officer's unit for the next seven days")
    @APIResponse(responseCode = "200", description = "The roster page", content = @Content(mediaType = MediaType.TEXT_HTML))
    @APIResponse(responseCode = "303", description = "No live session: to the sign-in (/dashboard/sign-in)")
    public Response roster(@CookieParam(COOKIE) String cookie) {
        return signedIn(cookie, officer -> {
            LocalDate today = LocalDate.now(clock.withZone(VIETNAM));
            DateTimeFormatter day = DateTimeFormatter.ofPattern("EEEE, dd/MM/yyyy", java.util.Locale.forLanguageTag("vi"));
            List<Field> days = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                var d = roster.day(officer.unit(), today.plusDays(i));
                days.add(new Field((i == 0 ? "Hôm nay — " : "") + day.format(d.date()), d.officers().isEmpty()
                        ? "CHƯA PHÂN CÔNG TRỰC" : String.join(", ", d.officers())));
            }
            return Response.ok(Templates.roster(officer, days)).build();
        });
    }

    /** The officer's roles for a report ({@link vn.binhyen.report.service.ReportScope}); empty when there is none. */
    private java.util.Set<String> rolesFor(Sessions.Officer officer, String id) {
        var placement = reportQueue.placement(id);
        return placement == null ? java.util.Set.of()
                : scope.rolesFor(officer.caller(), placement.unit(), placement.groupId());
    }

    private String placementUnit(String id) {
        var placement = reportQueue.placement(id);
        return placement == null ? null : placement.unit();
    }

    private Response signedIn(String cookie, java.util.function.Function<Sessions.Officer, Response> page) {
        return signedIn(accounts, cookie, page);
    }

    /** A console page: its officer's, or without a session straight to Keycloak's sign-in (and back to the queue). */
    static Response signedIn(Sessions accounts, String cookie,
            java.util.function.Function<Sessions.Officer, Response> page) {
        return accounts.session(cookie).map(page)
                .orElseGet(() -> Response.seeOther(URI.create("/dashboard/sign-in")).build());
    }

    /**
     * A console form's step: refused (403) when it comes from another origin or without the session's
     * CSRF token (its form field, or a script's header), to the sign-in without a session.
     */
    static Response posted(Sessions accounts, String cookie, String origin, String host, String csrf,
            java.util.function.Function<Sessions.Officer, Response> step) {
        if (origin != null && host != null && !origin.endsWith("//" + host)) {
            return Response.status(403).entity("Yêu cầu không hợp lệ (nguồn gửi khác trang).")
                    .type("text/plain; charset=UTF-8").build();
        }
        return signedIn(accounts, cookie, officer -> officer.sent(csrf) ? step.apply(officer) : forged());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
