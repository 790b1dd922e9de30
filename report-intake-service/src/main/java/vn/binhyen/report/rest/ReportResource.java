package vn.binhyen.report.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import vn.binhyen.eventlog.http.Matches;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.jwt.JsonWebToken;
import vn.binhyen.contracts.Roles;
import vn.binhyen.contracts.report.ReportEvent;
import vn.binhyen.eventlog.decider.CommandHandler;
import vn.binhyen.eventlog.http.CommandEndpoint;
import vn.binhyen.eventlog.http.Problem;
import vn.binhyen.eventlog.http.PlausibleTime;
import vn.binhyen.report.domain.IntakeRules;
import vn.binhyen.report.domain.Report;
import vn.binhyen.report.domain.ReportCommand;
import vn.binhyen.report.domain.ReportRules;
import vn.binhyen.report.domain.UnknownReportException;
import vn.binhyen.report.projection.ReportQueue;
import vn.binhyen.report.service.ReportService;
import vn.binhyen.report.service.ReportScope;
import vn.binhyen.report.service.ReporterKeys;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.binhyen.eventlog.http.ProblemResponses;

/**
 * Citizens' reports and crime tips (police-song-tri:14-15): intake from the bots bound to the
 * group a report came in, and the workflow steps, each by its role only, and only for the unit
 * that received the report ({@link ReportScope}).
 */
@Tag(name = "Reports")
@Path("/api/v1/reports")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ReportResource {
    /** Vietnamese mobile (03, 05, 07, 08, 09) and landline (02x) numbers, with 0 or +84. */
    public static final String PHONE = "^(\\+84|0)([35789][0-9]{8}|2[0-9]{9})$";
    /** {@link #PHONE} in RE2/J, for checks in code: linear in the text whatever it is (issue 20). */
    static final com.google.re2j.Pattern PHONE_NUMBER = com.google.re2j.Pattern.compile(PHONE);

    /** Roles that see reporters' personal data in clear; every such read is recorded. */
    static final Set<String> CLEAR = Set.of(Roles.DUTY_OFFICER, Roles.PCTP_OFFICER, Roles.COMMANDER);

    private final ReportService service;
    private final ReportQueue reportQueue;
    private final ReporterKeys keys;
    private final JsonWebToken token;
    private final ReportScope scope;
    private final CommandEndpoint endpoint;

    ReportResource(ReportService service, ReporterKeys keys, JsonWebToken token, ReportScope scope,
            CommandEndpoint endpoint, ReportQueue reportQueue) {
        this.reportQueue = reportQueue;
        this.service = service;
        this.keys = keys;
        this.token = token;
        this.scope = scope;
        this.endpoint = endpoint;
    }

    public record ReporterInput(@Size(max = 200) String name, @Size(max = 500) String address,
            @Size(max = 20)
            @Matches(regexp = PHONE, message = "a Vietnamese phone number such as 0912345678 or +84912345678")
            String phone) {
    }

    public record RefusalInput(@NotBlank @Size(max = 1000) String reason) {
    }

    public record DetailsInput(@PlausibleTime Instant incidentAt, @Size(max = 500) String place, @Size(max = 10_000) String summary,
            @Size(max = 2000) String suspect, @Size(max = 2000) String victim, @Size(max = 2000) String witnesses,
            @Size(max = 500) String escapeDirection, @Size(max = 1000) String means, @Size(max = 2000) String damage,
            @Size(max = 2000) String actionsTaken, @Size(max = 2000) String howKnown) {
        ReportEvent.TipDetails toDetails() {
            return new ReportEvent.TipDetails(incidentAt, place, summary, suspect, victim, witnesses, escapeDirection,
                    means, damage, actionsTaken, howKnown);
        }
    }

    /**
     * {@code postedAt}: when the citizen sent the message (the Zalo message's time, as the bot saw it;
     * a duty officer's for a call): the 24-hour clock starts there, not when the report is filed
     * (police-song-tri:15.3), within {@link #POSTED_WITHIN} before now and at most 5 minutes after.
     */
    public record ReportRequest(@NotNull IntakeRules.Type type, @Size(max = 50) String channel,
            @Size(max = 128) String groupId, @Valid ReporterInput reporter, @Valid RefusalInput refusal,
            @Valid DetailsInput details, @Size(max = 10_000) String content, @PlausibleTime Instant postedAt) {
    }

    /** How long before it is filed a citizen's message may have been sent: a bot's relay after an outage. */
    static final Duration POSTED_WITHIN = Duration.ofDays(7);

    /** The answer to an intake: the clock, what is still missing, and the reply for the citizen. */
    public record Intake(String reportId, String status, Instant receivedAt, Instant deadline, List<String> missing,
            boolean emergency, String reply) {
    }

    /** A 422 problem document with the recorded report's id and the reply asking for what is missing. */
    public record IncompleteReport(URI type, String title, int status, String detail, String citation,
            List<Problem.FieldError> errors, String reportId, Instant deadline, String reply) {
    }

    /** What a client may use as its Idempotency-Key: a Zalo message id, a UUID, a form submission id. */
    static final com.google.re2j.Pattern IDEMPOTENCY_KEY = com.google.re2j.Pattern.compile("[A-Za-z0-9._:-]{1,200}");

    /**
     * Receives a report. With an {@code Idempotency-Key} (the bot's message id, the form's
     * submission id), a retry after a lost answer, a 503 or a restart gets the first answer again
     * (header {@code Idempotent-Replayed: true}) and the report is recorded once: its id is derived
     * from the caller and the key. The first body under a key wins.
     */
    @POST
    @RolesAllowed({Roles.BOT, Roles.DUTY_OFFICER})
    @Operation(summary = "Receive a citizen's report", description = "Filed by a bot bound to the group the report "
            + "came in, or by a duty officer, for the unit receiving it; its 24-hour clock starts at postedAt "
            + "(police-song-tri:15.3). With an Idempotency-Key a retry gets the first answer again (header "
            + "Idempotent-Replayed: true) and the report is recorded once.")
    @APIResponse(responseCode = "201", description = "Recorded and complete: the report's id, its clock and the "
            + "reply for the citizen; Location names the report, the ETag its version (not on a replay)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Intake.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    @APIResponse(responseCode = "422", description = "Recorded, but incomplete (type report-incomplete): the "
            + "report's id, its deadline and the reply asking the citizen for what is missing, each missing field "
            + "citing its rule (police-song-tri:14.1 to 14.3đ); or, for a duty officer, groupId is a group of "
            + "another unit (type invalid-field) and nothing is recorded", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = IncompleteReport.class)))
    public Response receive(@NotNull @Valid ReportRequest r, @HeaderParam("Idempotency-Key") String key,
            @Context ContainerRequestContext request) {
        Instant now = endpoint.now();
        String reportId = null;
        if (key != null) {
            if (!IDEMPOTENCY_KEY.matcher(key).matches()) {
                return Problem.of("invalid-field", "Giá trị không hợp lệ / Invalid value", Response.Status.BAD_REQUEST,
                        "nothing was recorded").withErrors(List.of(new Problem.FieldError("Idempotency-Key",
                                "idempotency-key", "1 to 200 characters of A-Z a-z 0-9 . _ : -"))).toResponse();
            }
            // a report already under this id (a retry) makes the receipt below a ConcurrencyException
            reportId = ReportService.idempotentId(endpoint.actor(), key);
        }
        Response future = futureIncident(r.details(), now);
        if (future != null) {
            return future;
        }
        if (r.postedAt() != null && (r.postedAt().isAfter(now.plus(Duration.ofMinutes(5)))
                || r.postedAt().isBefore(now.minus(POSTED_WITHIN)))) {
            return Problem.of("invalid-field", "Giá trị không hợp lệ / Invalid value", Response.Status.BAD_REQUEST,
                    "nothing was recorded").withErrors(List.of(new Problem.FieldError("postedAt",
                            ReportRules.cite("tips"), "thời điểm người dân gửi tin: trong 7 ngày qua, không ở tương lai / "
                                    + "when the citizen sent it: within the last 7 days, not in the future"))).toResponse();
        }
        // the clock starts when the citizen sent the message, not when the bot or the officer filed it
        Instant start = r.postedAt() != null ? r.postedAt() : now;
        // the unit receiving it: the unit of the group a bot is bound to, or the duty officer's (issue 21)
        String unit;
        if (token.getGroups().contains(Roles.BOT)) {
            var groupUnit = r.groupId() == null ? java.util.Optional.<String>empty() : scope.unitOf(r.groupId());
            if (groupUnit.isEmpty() || !scope.serves(r.groupId(), endpoint.actor())) {
                return Problem.of("bot-not-bound", "Bot không phục vụ nhóm này / Bot not bound to the group",
                        Response.Status.FORBIDDEN, "a bot files reports only for a group it is bound to; nothing was "
                                + "recorded").withErrors(List.of(new Problem.FieldError("groupId", "bot-bound",
                                        "the group the report came in, to which this bot is bound"))).toResponse();
            }
            unit = groupUnit.get();
        } else {
            var own = vn.binhyen.eventlog.http.Callers.unit(token);
            if (own.isEmpty()) {
                return Problem.of("no-unit", "Tài khoản chưa thuộc đơn vị nào / No unit", Response.Status.FORBIDDEN,
                        "the token names no unit to receive the report; nothing was recorded").toResponse();
            }
            unit = own.get();
            if (r.groupId() != null && !scope.unitOf(r.groupId()).filter(unit::equals).isPresent()) {
                return Problem.of("invalid-field", "Giá trị không hợp lệ / Invalid value", 422,
                        "nothing was recorded").withErrors(List.of(new Problem.FieldError("groupId", "unit-group",
                                "a group of your unit " + unit))).toResponse();
            }
        }
        CommandHandler.Outcome<Report, ReportEvent> outcome;
        try {
            outcome = service.receive(reportId, r.type(), r.channel(), r.groupId(), unit, reporter(r.reporter(),
                    r.refusal()), r.details() == null ? null : r.details().toDetails(), r.content(),
                    endpoint.actor(), Set.copyOf(token.getGroups()), start, endpoint.meta(request));
        } catch (vn.binhyen.eventlog.ConcurrencyException raced) {
            // the same key again, or concurrently: answered as the first receipt was
            if (reportId != null && service.load(reportId) instanceof Report.Open first) {
                return intake(first, OptionalLong.empty(), true);
            }
            throw raced;
        }
        return intake((Report.Open) outcome.state(), OptionalLong.of(outcome.version()), false);
    }

    /** 201 with the intake, or 422 with what is missing (the report is recorded either way). */
    private Response intake(Report.Open o, OptionalLong version, boolean replayed) {
        var missing = IntakeRules.missing(o.type(), o.reporter(), o.details(), o.content());
        String reply = IntakeRules.reply(missing);
        URI location = URI.create("/api/v1/reports/" + o.reportId());
        Response.ResponseBuilder answer;
        if (!missing.isEmpty()) {
            // recorded: the clock runs from this first receipt; the citizen is asked for the rest
            answer = Response.status(422).location(location).type(Problem.MEDIA_TYPE)
                    .entity(new IncompleteReport(URI.create("https://binhyen.vn/problems/report-incomplete"),
                            "Thiếu thông tin bắt buộc / Required information missing", 422,
                            "the report is recorded and its clock runs; it lacks " + missing.stream()
                                    .map(IntakeRules.Missing::field).collect(Collectors.joining(", ")),
                            missing.getFirst().citation(), missing.stream().map(m -> new Problem.FieldError(m.field(),
                                    m.citation(), m.vietnamese() + " / " + m.english())).toList(),
                            o.reportId(), o.deadline(), reply));
        } else {
            answer = Response.created(location).entity(new Intake(o.reportId(), o.status().name(), o.receivedAt(),
                    o.deadline(), List.of(), o.emergency() != Report.Emergency.NONE, reply));
        }
        if (version.isPresent()) {
            endpoint.tagged(answer, version.getAsLong());
        }
        if (replayed) {
            answer.header("Idempotent-Replayed", "true");
        }
        return answer.build();
    }

    public record CompletionRequest(@Valid ReporterInput reporter, @Valid RefusalInput refusal,
            @Valid DetailsInput details, @Size(max = 10_000) String content) {
    }

    @POST
    @Path("/{reportId}/completion")
    @RolesAllowed({Roles.BOT, Roles.DUTY_OFFICER})
    @Operation(summary = "Complete a report with what was missing", description = "Adds the reporter, details or "
            + "content the citizen sent later, until the report is resolved or transferred (police-song-tri:14.3).")
    @APIResponse(responseCode = "200", description = "The report completed, as the caller may see it; its new "
            + "version in the ETag", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReportView.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", description = "A concurrent change to the report was written first (type "
            + "concurrent-change; read again and retry), or the reporter's personal data was shredded and nothing "
            + "more is recorded for the report (type reporter-shredded)", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "422", ref = ProblemResponses.RULE_VIOLATION)
    public Response complete(@PathParam("reportId") String reportId, @NotNull @Valid CompletionRequest r,
            @Context ContainerRequestContext request) {
        Response future = futureIncident(r.details(), endpoint.now());
        if (future != null) {
            return future;
        }
        Set<String> roles = rolesFor(reportId);
        var outcome = service.complete(reportId, reporter(r.reporter(), r.refusal()),
                r.details() == null ? null : r.details().toDetails(), r.content(), endpoint.actor(), roles,
                endpoint.now(), endpoint.meta(request));
        return view(outcome, roles);
    }

    public record ClassificationRequest(@NotBlank @Size(max = 100) String category, boolean securityRelated,
            boolean withinJurisdiction) {
    }

    @POST
    @Path("/{reportId}/classification")
    @RolesAllowed({Roles.DUTY_OFFICER, Roles.PCTP_OFFICER, Roles.COMMANDER, Roles.LEADER, Roles.DEPUTY, Roles.MEMBER})
    @Operation(summary = "Classify a received report", description = "The duty officer classifies a report still "
            + "RECEIVED (police-song-tri:15.1).")
    @APIResponse(responseCode = "200", description = "The report after the step, as the caller may see it; its new "
            + "version in the ETag", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReportView.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    @APIResponse(responseCode = "412", ref = ProblemResponses.PRECONDITION_FAILED)
    @APIResponse(responseCode = "422", ref = ProblemResponses.RULE_VIOLATION)
    public Response classify(@PathParam("reportId") String reportId, @HeaderParam("If-Match") String ifMatch,
            @NotNull @Valid ClassificationRequest r, @Context ContainerRequestContext request) {
        return act(reportId, ifMatch, new ReportCommand.Classify(r.category(), r.securityRelated(),
                r.withinJurisdiction(), endpoint.actor(), rolesFor(reportId), endpoint.now()), request);
    }

    public record WrittenReportRequest(@NotBlank @Size(max = 20_000) String writtenReport) {
    }

    @POST
    @Path("/{reportId}/written-report")
    @RolesAllowed({Roles.DUTY_OFFICER, Roles.PCTP_OFFICER, Roles.COMMANDER, Roles.LEADER, Roles.DEPUTY, Roles.MEMBER})
    @Operation(summary = "Write a crime tip up for the board", description = "The duty officer writes up a "
            + "classified crime tip or emergency once it carries every item of police-song-tri:14.3 "
            + "(police-song-tri:15.3).")
    @APIResponse(responseCode = "200", description = "The report after the step, as the caller may see it; its new "
            + "version in the ETag", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReportView.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    @APIResponse(responseCode = "412", ref = ProblemResponses.PRECONDITION_FAILED)
    @APIResponse(responseCode = "422", ref = ProblemResponses.RULE_VIOLATION)
    public Response writeUp(@PathParam("reportId") String reportId, @HeaderParam("If-Match") String ifMatch,
            @NotNull @Valid WrittenReportRequest r, @Context ContainerRequestContext request) {
        return act(reportId, ifMatch, new ReportCommand.WriteUp(r.writtenReport(), endpoint.actor(), rolesFor(reportId),
                endpoint.now()), request);
    }

    public record ForwardRequest(@NotBlank @Size(max = 128) String pctpOfficer) {
    }

    @POST
    @Path("/{reportId}/forwarding")
    @RolesAllowed({Roles.DUTY_OFFICER, Roles.PCTP_OFFICER, Roles.COMMANDER, Roles.LEADER, Roles.DEPUTY, Roles.MEMBER})
    @Operation(summary = "Forward a crime tip to the PCTP officer", description = "The board (the commander, or the "
            + "leader or deputy of the unit's police group by its roster) forwards a written-up tip "
            + "(police-song-tri:15.3).")
    @APIResponse(responseCode = "200", description = "The report after the step, as the caller may see it; its new "
            + "version in the ETag", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReportView.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    @APIResponse(responseCode = "412", ref = ProblemResponses.PRECONDITION_FAILED)
    @APIResponse(responseCode = "422", ref = ProblemResponses.RULE_VIOLATION)
    public Response forward(@PathParam("reportId") String reportId, @HeaderParam("If-Match") String ifMatch,
            @NotNull @Valid ForwardRequest r, @Context ContainerRequestContext request) {
        return act(reportId, ifMatch, new ReportCommand.Forward(r.pctpOfficer(), endpoint.actor(), rolesFor(reportId),
                endpoint.now()), request);
    }

    /**
     * {@code unit}: optional; a tip is entered in the register of the unit that received it, so a
     * unit named here must be that one.
     */
    public record RegistrationRequest(@Size(max = 100) String unit) {
    }

    @POST
    @Path("/{reportId}/registration")
    @RolesAllowed({Roles.DUTY_OFFICER, Roles.PCTP_OFFICER, Roles.COMMANDER, Roles.LEADER, Roles.DEPUTY, Roles.MEMBER})
    @Operation(summary = "Enter a crime tip in the register", description = "The PCTP officer enters a forwarded tip "
            + "in the crime-source register (form no. 294) of the unit that received it, under its next number for "
            + "the year (police-song-tri:15.3).")
    @APIResponse(responseCode = "200", description = "The report after the step, as the caller may see it; its new "
            + "version in the ETag", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReportView.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", description = "A concurrent change to the report was written first (type "
            + "concurrent-change; read again and retry), or the reporter's personal data was shredded and nothing "
            + "more is recorded for the report (type reporter-shredded)", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "412", ref = ProblemResponses.PRECONDITION_FAILED)
    @APIResponse(responseCode = "422", description = "A rule refuses the step (type rule-violation, e.g. the tip is "
            + "not forwarded yet: police-song-tri:15.3), or unit names another unit than the one that received the "
            + "tip (type invalid-field, police-song-tri:15.3)", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    public Response register(@PathParam("reportId") String reportId, @HeaderParam("If-Match") String ifMatch,
            @Valid RegistrationRequest r, @Context ContainerRequestContext request) {
        Set<String> roles = rolesFor(reportId);
        String unit = reportQueue.placement(reportId).unit();
        if (r.unit() != null && !r.unit().isBlank() && !r.unit().strip().equals(unit)) {
            return Problem.of("invalid-field", "Giá trị không hợp lệ / Invalid value", 422, "nothing was registered")
                    .withErrors(List.of(new Problem.FieldError("unit", vn.binhyen.report.domain.ReportDecider.TIPS,
                            "a tip is entered in the register of the unit that received it: " + unit))).toResponse();
        }
        return view(service.register(reportId, unit, endpoint.expected(ifMatch), endpoint.actor(), roles,
                endpoint.now(), endpoint.meta(request)), roles);
    }

    public record ResolutionRequest(@NotBlank @Size(max = 5000) String result) {
    }

    @POST
    @Path("/{reportId}/resolution")
    @RolesAllowed({Roles.DUTY_OFFICER, Roles.PCTP_OFFICER, Roles.COMMANDER, Roles.LEADER, Roles.DEPUTY, Roles.MEMBER})
    @Operation(summary = "Resolve a report", description = "The duty or PCTP officer resolves a registered tip or "
            + "emergency, or classified feedback (police-song-tri:15.1).")
    @APIResponse(responseCode = "200", description = "The report after the step, as the caller may see it; its new "
            + "version in the ETag", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReportView.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    @APIResponse(responseCode = "412", ref = ProblemResponses.PRECONDITION_FAILED)
    @APIResponse(responseCode = "422", ref = ProblemResponses.RULE_VIOLATION)
    public Response resolve(@PathParam("reportId") String reportId, @HeaderParam("If-Match") String ifMatch,
            @NotNull @Valid ResolutionRequest r, @Context ContainerRequestContext request) {
        return act(reportId, ifMatch, new ReportCommand.Resolve(r.result(), endpoint.actor(), rolesFor(reportId),
                endpoint.now()), request);
    }

    public record TransferRequest(@NotBlank @Size(max = 300) String body, @NotBlank @Size(max = 2000) String reason) {
    }

    @POST
    @Path("/{reportId}/transfer")
    @RolesAllowed({Roles.DUTY_OFFICER, Roles.PCTP_OFFICER, Roles.COMMANDER, Roles.LEADER, Roles.DEPUTY, Roles.MEMBER})
    @Operation(summary = "Transfer a report to a competent body", description = "The duty officer or the board hands "
            + "a classified, written-up or forwarded report beyond the unit's authority to the competent body "
            + "(police-song-tri:15.1).")
    @APIResponse(responseCode = "200", description = "The report after the step, as the caller may see it; its new "
            + "version in the ETag", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReportView.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    @APIResponse(responseCode = "412", ref = ProblemResponses.PRECONDITION_FAILED)
    @APIResponse(responseCode = "422", ref = ProblemResponses.RULE_VIOLATION)
    public Response transfer(@PathParam("reportId") String reportId, @HeaderParam("If-Match") String ifMatch,
            @NotNull @Valid TransferRequest r, @Context ContainerRequestContext request) {
        return act(reportId, ifMatch, new ReportCommand.Transfer(r.body(), r.reason(), endpoint.actor(), rolesFor(reportId),
                endpoint.now()), request);
    }

    @POST
    @Path("/{reportId}/emergency-acknowledgement")
    // no body: a client sending none, and no Content-Type, is answered by its rights, not with a 415
    @jakarta.ws.rs.Consumes(jakarta.ws.rs.core.MediaType.WILDCARD)
    @RolesAllowed({Roles.DUTY_OFFICER, Roles.PCTP_OFFICER, Roles.COMMANDER, Roles.LEADER, Roles.DEPUTY, Roles.MEMBER})
    @Operation(summary = "Acknowledge an emergency", description = "A commander acknowledges a raised emergency, "
            + "which stops its re-escalation (police-song-tri:15.4).")
    @APIResponse(responseCode = "200", description = "The report after the step, as the caller may see it; its new "
            + "version in the ETag", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReportView.class)))
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    @APIResponse(responseCode = "422", ref = ProblemResponses.RULE_VIOLATION)
    public Response acknowledge(@PathParam("reportId") String reportId, @Context ContainerRequestContext request) {
        return act(reportId, null, new ReportCommand.AcknowledgeEmergency(endpoint.actor(), rolesFor(reportId), endpoint.now()),
                request);
    }

    /** "Nhận xử lý": the caller takes the report in hand (a hand-over when another officer had it). */
    @POST
    @Path("/{reportId}/taking")
    @jakarta.ws.rs.Consumes(jakarta.ws.rs.core.MediaType.WILDCARD)
    @RolesAllowed({Roles.DUTY_OFFICER, Roles.PCTP_OFFICER, Roles.COMMANDER, Roles.LEADER, Roles.DEPUTY, Roles.MEMBER})
    @Operation(summary = "Take a report in hand", description = "The duty officer, the PCTP officer or the commander "
            + "takes a report whose clock still runs; taking it from another officer is a hand-over "
            + "(police-song-tri:15.3).")
    @APIResponse(responseCode = "200", description = "The report after the step, as the caller may see it; its new "
            + "version in the ETag", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReportView.class)))
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    @APIResponse(responseCode = "422", ref = ProblemResponses.RULE_VIOLATION)
    public Response take(@PathParam("reportId") String reportId, @Context ContainerRequestContext request) {
        Set<String> roles = rolesFor(reportId);
        return view(service.take(reportId, endpoint.actor(), roles, endpoint.now(), endpoint.meta(request)), roles);
    }

    public record NoteRequest(@NotBlank @Size(max = vn.binhyen.report.domain.ReportDecider.NOTE_LIMIT) String note) {
    }

    /** A note between the officers who handle the report; sealed under the reporter's key. */
    @POST
    @Path("/{reportId}/notes")
    @RolesAllowed({Roles.DUTY_OFFICER, Roles.PCTP_OFFICER, Roles.COMMANDER, Roles.LEADER, Roles.DEPUTY, Roles.MEMBER})
    @Operation(summary = "Add a note between the officers handling a report")
    @APIResponse(responseCode = "200", description = "The report with the note added, as the caller may see it; its "
            + "new version in the ETag", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReportView.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", description = "A concurrent change to the report was written first (type "
            + "concurrent-change; read again and retry), or the reporter's personal data was shredded and nothing "
            + "more is recorded for the report (type reporter-shredded)", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    public Response note(@PathParam("reportId") String reportId, @NotNull @Valid NoteRequest r,
            @Context ContainerRequestContext request) {
        Set<String> roles = rolesFor(reportId);
        return view(service.note(reportId, r.note(), endpoint.actor(), roles, endpoint.now(), endpoint.meta(request)), roles);
    }

    @GET
    @Path("/{reportId}")
    @RolesAllowed({Roles.DUTY_OFFICER, Roles.PCTP_OFFICER, Roles.COMMANDER, Roles.LEADER, Roles.DEPUTY, Roles.MEMBER,
            Roles.AUDITOR})
    @Operation(summary = "Read a report")
    @APIResponse(responseCode = "200", description = "The report: the reporter in clear (and the read recorded) for "
            + "duty and PCTP officers and commanders, masked for everyone else", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReportView.class)))
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    public Response get(@PathParam("reportId") String reportId) {
        Set<String> roles = rolesFor(reportId);
        if (!ReportScope.sees(roles) || !(service.load(reportId) instanceof Report.Open o)) {
            throw new UnknownReportException("no report " + reportId);
        }
        return Response.ok(view(o, roles)).build();
    }

    public record ShredRequest(@NotBlank @Size(max = 1000) String reason) {
    }

    /** Crypto-shredding: the reporter's key is deleted; the events keep their ciphertext and still verify. */
    @POST
    @Path("/{reportId}/reporter-shredding")
    @RolesAllowed({Roles.COMMANDER, Roles.SYSTEM_ADMIN})
    @Operation(summary = "Shred a reporter's personal data", description = "Deletes the key the report's personal "
            + "data is sealed under (police-song-tri:15.2); the events keep their ciphertext and still verify.")
    @APIResponse(responseCode = "200", description = "The report after the shredding, its personal data shredded; "
            + "its new version in the ETag", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReportView.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    public Response shred(@PathParam("reportId") String reportId, @NotNull @Valid ShredRequest r,
            @Context ContainerRequestContext request) {
        Set<String> roles = rolesFor(reportId);
        var outcome = service.shred(reportId, r.reason(), endpoint.actor(), roles, endpoint.now(), endpoint.meta(request));
        return view(outcome, roles);
    }

    /** The open queue: emergencies first, then by time left. */
    @GET
    @RolesAllowed({Roles.DUTY_OFFICER, Roles.PCTP_OFFICER, Roles.COMMANDER, Roles.LEADER, Roles.DEPUTY, Roles.MEMBER,
            Roles.AUDITOR})
    @Operation(summary = "The open queue of the caller's units", description = "Emergencies first, then by time "
            + "left.")
    @APIResponse(responseCode = "200", description = "The open reports, most urgent first (at most 500)", content =
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY,
            implementation = ReportQueue.QueueItem.class)))
    public List<ReportQueue.QueueItem> queue() {
        return reportQueue.queue(scope.queueUnits(ReportScope.Caller.of(token)));
    }

    /** A report as officers see it: the reporter in clear for duty, PCTP officers and commanders, masked otherwise. */
    public record ReportView(String reportId, String type, String status, Instant receivedAt, Instant deadline,
            long secondsLeft, String emergency, int emergencyRound, List<String> missing, ReportEvent.Reporter reporter,
            ReportEvent.TipDetails details, String content) {
        /**
         * {@code details} and {@code content} as the reader may see them (in clear, or sealed);
         * {@code secondsLeft} as of {@code now}, the service's clock (or an audit's moment).
         */
        static ReportView of(Report.Open o, ReportEvent.Reporter reporter, ReportEvent.TipDetails details,
                String content, Instant now) {
            return new ReportView(o.reportId(), o.type().name(), o.status().name(), o.receivedAt(), o.deadline(),
                    Duration.between(now, o.deadline()).toSeconds(), o.emergency().name(), o.emergencyRound(),
                    o.missing(), reporter, details, content);
        }
    }

    private Response act(String reportId, String ifMatch, ReportCommand command, ContainerRequestContext request) {
        return endpoint.handle(service::handle, reportId, ifMatch, command, request,
                (report, version) -> view((Report.Open) report, command.roles()));
    }

    /** The report after a step, as the caller sees it with the roles the step was decided under (looked up once). */
    private Response view(CommandHandler.Outcome<Report, ReportEvent> outcome, Set<String> roles) {
        return endpoint.ok(outcome, (report, version) -> view((Report.Open) report, roles));
    }

    /** Clear for the roles that handle the report (and the read recorded), masked for everyone else. */
    private ReportView view(Report.Open o, Set<String> roles) {
        // the details and content in clear for those who see the report at all (its officers, board, auditors)
        return ReportView.of(o, reporterSeenBy(service, keys, o, endpoint.actor(), roles),
                keys.open(o.reportId(), o.details()), keys.open(o.reportId(), o.content()), endpoint.now());
    }

    /**
     * The caller's roles for this report ({@link ReportScope}): a caller with none that may act on
     * it, or a report that does not exist, is answered 404 alike, so a tip's existence is not
     * revealed to another unit (issue 21).
     */
    private Set<String> rolesFor(String reportId) {
        var placement = reportQueue.placement(reportId);
        if (placement == null) {
            throw new UnknownReportException("no report " + reportId);
        }
        Set<String> roles = scope.rolesFor(ReportScope.Caller.of(token), placement.unit(), placement.groupId());
        if (roles.isEmpty()) {
            throw new UnknownReportException("no report " + reportId);
        }
        return roles;
    }

    /**
     * The reporter as {@code reader} with {@code roles} may see them: in clear for the roles that
     * handle reports (each such read recorded as an event), masked for everyone else.
     */
    static ReportEvent.Reporter reporterSeenBy(ReportService service, ReporterKeys keys, Report.Open o, String reader,
            Set<String> roles) {
        if (roles.stream().noneMatch(CLEAR::contains)) {
            return keys.mask(o.reportId(), o.reporter());
        }
        ReportEvent.Reporter reporter = keys.open(o.reportId(), o.reporter());
        // every clear read of anything that identifies the reporter is recorded, a name or not (audit F14)
        if (o.reporter() != null && (o.reporter().name() != null || o.reporter().address() != null
                || o.reporter().phone() != null)) {
            service.recordRead(o.reportId(), reader, clearRole(roles));
        }
        return reporter;
    }

    /** The role a clear read is recorded under: the first, alphabetically, of the reader's handling roles. */
    static String clearRole(Set<String> roles) {
        return roles.stream().filter(CLEAR::contains).sorted().findFirst().orElseThrow();
    }

    private static ReportEvent.Reporter reporter(ReporterInput r, RefusalInput refusal) {
        if (r == null && refusal == null) {
            return null;
        }
        return new ReportEvent.Reporter(r == null ? null : r.name(), r == null ? null : r.address(),
                r == null ? null : r.phone(), refusal == null ? null : refusal.reason());
    }

    private static Response futureIncident(DetailsInput d, Instant now) {
        if (d != null && d.incidentAt() != null && d.incidentAt().isAfter(now.plus(Duration.ofMinutes(5)))) {
            return Problem.of("invalid-field", "Giá trị không hợp lệ / Invalid value", Response.Status.BAD_REQUEST,
                    "the incident cannot be in the future").withErrors(List.of(new Problem.FieldError(
                            "details.incidentAt", ReportRules.cite("tip-when-where"), "thời gian xảy ra vụ việc không thể ở "
                                    + "tương lai / the incident time is in the future"))).toResponse();
        }
        return null;
    }
}
