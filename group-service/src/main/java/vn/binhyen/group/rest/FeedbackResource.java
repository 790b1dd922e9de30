package vn.binhyen.group.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Map;
import java.util.OptionalLong;
import org.eclipse.microprofile.jwt.JsonWebToken;
import vn.binhyen.contracts.Roles;
import vn.binhyen.eventlog.EventIds;
import vn.binhyen.eventlog.decider.InvalidInput;
import vn.binhyen.group.domain.Group;
import vn.binhyen.group.domain.GroupDecider;
import vn.binhyen.group.domain.RegulationProfile;
import vn.binhyen.group.domain.feedback.Feedback;
import vn.binhyen.group.domain.feedback.FeedbackCommand;
import vn.binhyen.group.domain.feedback.FeedbackDecider;
import vn.binhyen.group.domain.feedback.UnknownFeedbackException;
import vn.binhyen.group.projection.FeedbackProjector;
import vn.binhyen.group.service.FeedbackCommandService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.binhyen.eventlog.http.Problem;
import vn.binhyen.eventlog.http.ProblemResponses;

/**
 * Residents' feedback in a neighbourhood group (ward-binh-phuoc:5.2, 6.1): a member files their own,
 * or the group's bot the one it saw; the group's leader, deputies or admin answer it; the leader
 * reports one beyond the group's authority to the ward's commanders first. Readable by the resident,
 * those who answer, the group's bot and the oversight roles of its unit; to anyone else it does not exist.
 */
@Tag(name = "Feedback")
@Path("/api/v1/groups/{groupId}/feedback")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class FeedbackResource {
    private final GroupWriter writer;
    private final FeedbackCommandService service;
    private final Map<String, RegulationProfile> profiles;
    private final JsonWebToken token;
    private final FeedbackProjector projector;

    FeedbackResource(GroupWriter writer, FeedbackCommandService service, Map<String, RegulationProfile> profiles,
            JsonWebToken token, FeedbackProjector projector) {
        this.writer = writer;
        this.service = service;
        this.profiles = profiles;
        this.token = token;
        this.projector = projector;
    }

    /**
     * {@code memberId}: only a bot names the resident whose message it saw; a member files their own.
     * {@code messageId}: the chat message it came in (a bot's retry sends the same, and gets the
     * feedback recorded the first time, not a second one).
     */
    public record FeedbackRequest(@Size(max = 128) String memberId,
            @NotBlank @Size(max = FeedbackDecider.MAX_TEXT) String text, @Size(max = 128) String messageId) {
    }

    public record EscalationRequest(@NotBlank @Size(max = FeedbackDecider.MAX_TEXT) String reason) {
    }

    public record AnswerRequest(@NotBlank @Size(max = FeedbackDecider.MAX_TEXT) String answer) {
    }

    public record FeedbackView(String feedbackId, String groupId, String memberId, String text, String status,
            String escalatedBy, String answer, String answeredBy, long version) {
        static FeedbackView of(Feedback.Open o, long version) {
            return new FeedbackView(o.feedbackId(), o.groupId(), o.memberId(), o.text(), o.status().name(),
                    o.escalatedBy(), o.answer(), o.answeredBy(), version);
        }
    }

    @POST
    @RolesAllowed({Roles.MEMBER, Roles.LEADER, Roles.DEPUTY, Roles.ADMIN, Roles.BOT})
    @Operation(summary = "File a resident's feedback", description = "Where the group's regulation has it receive "
            + "residents' feedback (ward-binh-phuoc:5.2): a member files their own; a bot bound to the group the one "
            + "it saw (memberId: required of a bot, refused from anyone else). With messageId a retry gets the "
            + "feedback recorded the first time.")
    @APIResponse(responseCode = "201", description = "The feedback recorded; Location names it, the ETag is its "
            + "version",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = FeedbackView.class)))
    @APIResponse(responseCode = "200", description = "The same messageId again, for the same resident and text: "
            + "the feedback recorded the first time (header Idempotent-Replayed: true), nothing recorded again",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = FeedbackView.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", description = "The messageId was recorded before as another feedback (type "
            + "state-conflict); or a concurrent change was written first (type concurrent-change)", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "412", description = "The same messageId was recorded meanwhile by a concurrent "
            + "request (type stale-version); a retry gets the feedback it made", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "422", ref = ProblemResponses.RULE_VIOLATION)
    public Response receive(@PathParam("groupId") String groupId, @NotNull @Valid FeedbackRequest r,
            @Context ContainerRequestContext request) {
        boolean bot = bot();
        if (r.memberId() != null && !bot) {
            throw new InvalidInput(GroupDecider.BOTS, "memberId", "members file their own feedback; only a bot "
                    + "names the resident");
        }
        if (bot && (r.memberId() == null || r.memberId().isBlank())) {
            throw new InvalidInput(GroupDecider.BOTS, "memberId", "a bot names the resident whose feedback it saw");
        }
        Group.Established g = writer.readable(groupId);
        String resident = bot ? r.memberId().strip() : writer.subject();
        String feedbackId = r.messageId() == null || r.messageId().isBlank() ? "fb-" + EventIds.next()
                : "fb-" + java.util.UUID.nameUUIDFromBytes((groupId + "\n" + r.messageId().strip())
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        var earlier = service.load(feedbackId);
        if (earlier.state() instanceof Feedback.Open o) {
            // the same chat message again: the feedback it made, once; another feedback under its id is a conflict
            if (!o.groupId().equals(groupId) || !o.memberId().equals(resident) || !o.text().equals(r.text().strip())) {
                throw new vn.binhyen.group.domain.Conflict(GroupDecider.BOTS, "messageId",
                        "this message was recorded before as another feedback");
            }
            return Response.fromResponse(writer.endpoint().ok(FeedbackView.of(o, earlier.version()), earlier.version()))
                    .header("Idempotent-Replayed", "true").build();
        }
        var outcome = service.handle(feedbackId, OptionalLong.of(0), new FeedbackCommand.Receive(feedbackId, resident,
                r.text(), writer.now(), writer.subject(), facts(g, resident)), writer.meta(request, bot ? resident : null));
        return writer.endpoint().created(URI.create("/api/v1/groups/" + groupId + "/feedback/" + feedbackId),
                FeedbackView.of((Feedback.Open) outcome.state(), outcome.version()), outcome.version());
    }

    /**
     * The group's feedback of {@code status} (RECEIVED by default: waiting for an answer), oldest
     * first, {@code size} (at most 100) from {@code page}: all of it for those who answer and for
     * the unit's oversight roles, a resident's own for anyone else in the group.
     */
    @GET
    @RolesAllowed({Roles.MEMBER, Roles.LEADER, Roles.DEPUTY, Roles.ADMIN, Roles.BOT, Roles.COMMANDER, Roles.AUDITOR,
            Roles.SYSTEM_ADMIN})
    @Operation(summary = "List the group's feedback of a status, oldest first", description = "RECEIVED (waiting "
            + "for an answer) by default: all of it for those who answer and for the unit's oversight roles, a "
            + "resident's own for anyone else in the group.")
    @APIResponse(responseCode = "200", description = "One page of the feedback", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY,
            implementation = FeedbackProjector.Row.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", description = "No such group, or one the caller may not see (type "
            + "unknown-group)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    public java.util.List<FeedbackProjector.Row> list(@PathParam("groupId") String groupId,
            @jakarta.ws.rs.QueryParam("status") @jakarta.ws.rs.DefaultValue("RECEIVED") @Size(max = 16) String status,
            @jakarta.ws.rs.QueryParam("page") @jakarta.ws.rs.DefaultValue("0") @jakarta.validation.constraints.Min(0)
            @jakarta.validation.constraints.Max(100_000) int page,
            @jakarta.ws.rs.QueryParam("size") @jakarta.ws.rs.DefaultValue("50") @jakarta.validation.constraints.Min(1)
            @jakarta.validation.constraints.Max(100) int size) {
        if (java.util.Arrays.stream(Feedback.Status.values()).noneMatch(s -> s.name().equals(status))) {
            throw new InvalidInput(GroupDecider.PROFILES, "status", "one of "
                    + java.util.Arrays.toString(Feedback.Status.values()));
        }
        Group.Established g = writer.readable(groupId);
        boolean all = answers(g) || writer.oversees(g);
        return projector.list(groupId, status, all ? null : writer.subject(), page, size);
    }

    private boolean answers(Group.Established g) {
        RegulationProfile.FeedbackRule rule = profiles.get(g.profile()).rules().feedback();
        return rule != null && g.roleOf(writer.subject()).filter(rule.answerers()::contains).isPresent();
    }

    @GET
    @Path("/{feedbackId}")
    @RolesAllowed({Roles.MEMBER, Roles.LEADER, Roles.DEPUTY, Roles.ADMIN, Roles.BOT, Roles.COMMANDER, Roles.AUDITOR,
            Roles.SYSTEM_ADMIN})
    @Operation(summary = "Read a feedback", description = "For the resident, those who answer it and the unit's "
            + "oversight roles; to anyone else it does not exist (404).")
    @APIResponse(responseCode = "200", description = "The feedback; its version in the ETag",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = FeedbackView.class)))
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    public Response get(@PathParam("groupId") String groupId, @PathParam("feedbackId") String feedbackId) {
        Group.Established g = writer.readable(groupId);
        var loaded = open(groupId, feedbackId);
        visible(g, loaded, feedbackId);
        return writer.endpoint().ok(FeedbackView.of((Feedback.Open) loaded.state(), loaded.version()),
                loaded.version());
    }

    @POST
    @Path("/{feedbackId}/escalation")
    @RolesAllowed({Roles.LEADER, Roles.DEPUTY, Roles.ADMIN, Roles.MEMBER})
    @Operation(summary = "Report a feedback beyond the group's authority to the unit's leadership", description = "By "
            + "the roles the regulation names (ward-binh-phuoc:6.1), while the feedback waits for an answer; at "
            + "whatever version it is.")
    @APIResponse(responseCode = "200", description = "The feedback escalated; its new version in the ETag",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = FeedbackView.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", description = "The feedback is already escalated or answered (type "
            + "state-conflict); or a concurrent change was written first (type concurrent-change)", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "422", ref = ProblemResponses.RULE_VIOLATION)
    public Response escalate(@PathParam("groupId") String groupId, @PathParam("feedbackId") String feedbackId,
            @NotNull @Valid EscalationRequest r, @Context ContainerRequestContext request) {
        return act(groupId, feedbackId, facts -> new FeedbackCommand.Escalate(r.reason(), writer.subject(), facts),
                request);
    }

    @POST
    @Path("/{feedbackId}/answer")
    @RolesAllowed({Roles.LEADER, Roles.DEPUTY, Roles.ADMIN, Roles.MEMBER})
    @Operation(summary = "Answer a feedback", description = "By the roles the regulation names "
            + "(ward-binh-phuoc:5.2), once; at whatever version it is.")
    @APIResponse(responseCode = "200", description = "The feedback answered; its new version in the ETag",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = FeedbackView.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", description = "The feedback is already answered (type state-conflict); or a "
            + "concurrent change was written first (type concurrent-change)", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "422", ref = ProblemResponses.RULE_VIOLATION)
    public Response answer(@PathParam("groupId") String groupId, @PathParam("feedbackId") String feedbackId,
            @NotNull @Valid AnswerRequest r, @Context ContainerRequestContext request) {
        return act(groupId, feedbackId, facts -> new FeedbackCommand.Answer(r.answer(), writer.subject(), facts),
                request);
    }

    /** The leadership's command on the group's feedback, at whatever version it is: answers it as it stands. */
    private Response act(String groupId, String feedbackId,
            java.util.function.Function<FeedbackCommand.Facts, FeedbackCommand> command, ContainerRequestContext request) {
        Group.Established g = writer.readable(groupId);
        visible(g, open(groupId, feedbackId), feedbackId);
        var outcome = service.handle(feedbackId, OptionalLong.empty(), command.apply(facts(g, null)),
                writer.meta(request));
        return writer.endpoint().ok(FeedbackView.of((Feedback.Open) outcome.state(), outcome.version()),
                outcome.version());
    }

    /** The resident, those who answer and the oversight roles see a feedback; to anyone else it does not exist. */
    private void visible(Group.Established g, vn.binhyen.eventlog.decider.Snapshots.Snapshot<Feedback> loaded,
            String feedbackId) {
        Feedback.Open o = (Feedback.Open) loaded.state();
        if (!writer.subject().equals(o.memberId()) && !answers(g) && !writer.oversees(g)) {
            throw new UnknownFeedbackException("no feedback " + feedbackId + " in group " + g.groupId());
        }
    }

    private boolean bot() {
        return token.getGroups().contains(Roles.BOT);
    }

    /** The feedback, if it is this group's; else it does not exist (404). */
    private vn.binhyen.eventlog.decider.Snapshots.Snapshot<Feedback> open(String groupId, String feedbackId) {
        var loaded = service.load(feedbackId);
        if (!(loaded.state() instanceof Feedback.Open o) || !o.groupId().equals(groupId)) {
            throw new UnknownFeedbackException("no feedback " + feedbackId + " in group " + groupId);
        }
        return loaded;
    }

    private FeedbackCommand.Facts facts(Group.Established g, String resident) {
        RegulationProfile.Rules rules = profiles.get(g.profile()).rules();
        return new FeedbackCommand.Facts(g.groupId(), rules.feedback(), rules.feedbackEscalation(), g.kind(), g.unit(),
                g.roleOf(writer.subject()).orElse(null), bot() && g.servedBy(writer.subject()),
                resident != null && g.seat(resident).isPresent());
    }
}
