package vn.binhyen.moderation.rest;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.binhyen.contracts.Roles;
import vn.binhyen.eventlog.Actor;
import vn.binhyen.eventlog.decider.CommandHandler;
import vn.binhyen.eventlog.http.CorrelationIdFilter;
import vn.binhyen.eventlog.http.PlausibleTime;
import vn.binhyen.eventlog.http.Problem;
import vn.binhyen.eventlog.http.ProblemResponses;
import vn.binhyen.moderation.domain.screening.Message;
import vn.binhyen.moderation.service.ScreeningService;

/**
 * Screening for the chat bots: every message of a group, answered in milliseconds with the
 * decision, the rules that fired with their evidence, the sanction and the reply to post.
 */
@Tag(name = "Screening")
@Path("/api/v1/screenings")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ScreeningResource {
    /** The longest text screened; longer is refused with 413. */
    public static final int MAX_TEXT = 10_000;

    private final ScreeningService service;
    private final JsonWebToken token;
    private final Clock clock;
    private final vn.binhyen.eventlog.directory.Directory directory;

    /**
     * The time the binding check takes ({@code binhyen.screening.binding.check}, in /q/metrics): issue
     * 21 allows it 10 % of a screening; the benchmark reads it beside the request's own time.
     */
    private final io.micrometer.core.instrument.Timer bindingCheck;

    ScreeningResource(ScreeningService service, JsonWebToken token, Clock clock,
            vn.binhyen.eventlog.directory.Directory directory, io.micrometer.core.instrument.MeterRegistry meters) {
        this.bindingCheck = io.micrometer.core.instrument.Timer.builder("binhyen.screening.binding.check")
                .description("the bot-bound-to-group check of a REST screening (issue 21)").register(meters);
        this.service = service;
        this.token = token;
        this.clock = clock;
        this.directory = directory;
    }

    public record Author(@NotBlank @Size(max = 128) @SingleLineId String id,
            @Size(max = 200) String displayName) {
    }

    public record AttachmentInput(@NotBlank @Size(max = 500) String name, @Size(max = 200) String mimeType,
            @PositiveOrZero long size, @Size(max = 1000) List<@NotBlank @Size(max = 500) String> entries) {
    }

    public record ScreeningRequest(@NotBlank @Size(max = 128) @SingleLineId String groupId,
            @NotBlank @Size(max = 128) @SingleLineId String messageId,
            @NotNull @Valid Author author,
            // over MAX_TEXT is answered 413 (not @Size's 400): the bound is the document's all the same
            @Schema(maxLength = MAX_TEXT) String text, @Size(max = 20) List<@NotNull @Valid AttachmentInput> attachments,
            @Size(max = 50) List<@NotBlank @Size(max = 2000) String> links, boolean forwarded,
            @PlausibleTime Instant postedAt) {

        /** The message to screen; {@code now} when the bot did not say when it was posted. */
        public Message toMessage(Instant now) {
            return new Message(groupId, messageId, author.id(), author.displayName(), text,
                    attachments == null ? List.of() : attachments.stream().map(a -> new Message.Attachment(a.name(),
                            a.mimeType(), a.size(), a.entries())).toList(),
                    links, forwarded, postedAt == null ? now : postedAt);
        }
    }

    /**
     * The most characters a request may carry for it to be screened on the event loop: at the
     * worst case measured (about 0.3 µs a character, bench/RESULTS.md) under a millisecond.
     * A larger request is screened on a worker thread, so that no client's text holds up the
     * event loop, and with it every other request and the health checks (issue 20).
     */
    static final int EVENT_LOOP_CHARACTERS = 2_000;

    /**
     * Runs on the event loop: the body is read without a hand-over to a worker, and a repeated
     * request or an ALLOW (most messages) is answered from memory at once. A verdict with an
     * effect (and a group whose profile only the database knows) is recorded on a worker
     * thread; so is a request of more than {@link #EVENT_LOOP_CHARACTERS} characters screened.
     */
    @POST
    @RolesAllowed(Roles.BOT)
    @io.smallrye.common.annotation.NonBlocking
    @Operation(summary = "Screen a group's message for a bot", description = "Only for a group the calling bot is "
            + "bound to (else 403, type bot-not-bound; nothing is screened). The same request again (same groupId, "
            + "messageId and content) is answered with the first answer and X-Replayed: true.")
    @APIResponse(responseCode = "200", description = "The decision, the rules that fired with their evidence, the "
            + "sanction and the reply to post; X-Replayed tells whether it is the answer to an earlier identical "
            + "request", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ScreeningService.Result.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "409", description = "The messageId was screened before with other content (type "
            + "message-id-reused), or a concurrent screening of the same message or member was written first (type "
            + "concurrent-change)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "413", description = "text has more than 10,000 characters (type text-too-long); "
            + "nothing is screened", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    public Uni<Response> screen(@NotNull @Valid ScreeningRequest r, @Context ContainerRequestContext request) {
        if (r.text() != null && r.text().length() > MAX_TEXT) {
            return Uni.createFrom().item(Problem.of("text-too-long", "Tin nhắn quá dài / Text too long", 413,
                    "text has " + r.text().length() + " characters; at most " + MAX_TEXT + " are screened")
                    .withErrors(List.of(new Problem.FieldError("text", "max-length", "at most " + MAX_TEXT
                            + " characters"))).toResponse());
        }
        boolean noText = r.text() == null || r.text().isBlank();
        boolean noAttachments = r.attachments() == null || r.attachments().isEmpty();
        if (noText && noAttachments) {
            return Uni.createFrom().item(Problem.of("invalid-field", "Giá trị không hợp lệ / Invalid value",
                    Response.Status.BAD_REQUEST, "a message has text or attachments").withErrors(List.of(
                            new Problem.FieldError("text", "required", "text or attachments are required"),
                            new Problem.FieldError("attachments", "required", "text or attachments are required")))
                    .toResponse());
        }
        // a bot screens only for the groups it is bound to (issue 21, audit F5): an answer in
        // memory is used at once; otherwise the directory is read on a worker thread
        String bot = token.getName();
        long started = System.nanoTime();
        Boolean bound = directory.servesFromMemory(r.groupId(), bot);
        if (bound == null) {
            return Uni.createFrom().item(() -> {
                // the database read, and the wait for a worker thread before it
                boolean serves = directory.serves(r.groupId(), bot);
                bindingCheck.record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
                return serves;
            }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                    .flatMap(b -> b ? screenBound(r, bot, request) : Uni.createFrom().item(notBound(r.groupId(), bot)));
        }
        bindingCheck.record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
        return bound ? screenBound(r, bot, request) : Uni.createFrom().item(notBound(r.groupId(), bot));
    }

    /** 403: the bot is not bound to the group (POST /api/v1/groups/{groupId}/bots in group-service binds it). */
    static Response notBound(String groupId, String bot) {
        return Problem.of("bot-not-bound", "Bot không phục vụ nhóm này / Bot not bound to the group",
                Response.Status.FORBIDDEN, "bot " + bot + " is not bound to group " + groupId + "; nothing was screened")
                .withErrors(List.of(new Problem.FieldError("groupId", "bot-bound", "a group this bot is bound to")))
                .toResponse();
    }

    private Uni<Response> screenBound(ScreeningRequest r, String bot, ContainerRequestContext request) {
        Message m = r.toMessage(clock.instant());
        var meta = new CommandHandler.Metadata(new Actor(bot, Roles.BOT, r.author().id()),
                CorrelationIdFilter.of(request), null);
        if (characters(r) > EVENT_LOOP_CHARACTERS) {
            return Uni.createFrom().item(() -> service.screen(m, meta)).runSubscriptionOn(
                    Infrastructure.getDefaultWorkerPool()).map(ScreeningResource::answer);
        }
        var decided = service.decideInMemory(m);
        if (decided.answered() != null) {
            return Uni.createFrom().item(answer(decided.answered()));
        }
        return Uni.createFrom().item(() -> decided.toRecord() != null ? service.record(decided.toRecord(), meta)
                : service.screen(m, meta)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .map(ScreeningResource::answer);
    }

    /** Every character of the request that screening reads. */
    static long characters(ScreeningRequest r) {
        long n = length(r.text()) + length(r.author().displayName());
        if (r.links() != null) {
            for (String link : r.links()) {
                n += length(link);
            }
        }
        if (r.attachments() != null) {
            for (AttachmentInput a : r.attachments()) {
                n += length(a.name()) + length(a.mimeType());
                if (a.entries() != null) {
                    for (String e : a.entries()) {
                        n += length(e);
                    }
                }
            }
        }
        return n;
    }

    private static int length(String s) {
        return s == null ? 0 : s.length();
    }

    private static Response answer(ScreeningService.Screened screened) {
        return Response.ok(screened.result()).header("X-Replayed", Boolean.toString(screened.replayed())).build();
    }
}
