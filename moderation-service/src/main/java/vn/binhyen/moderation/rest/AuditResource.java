package vn.binhyen.moderation.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.binhyen.contracts.Roles;
import vn.binhyen.contracts.moderation.ModerationEvent;
import vn.binhyen.eventlog.Envelope;
import vn.binhyen.eventlog.EventStore;
import vn.binhyen.eventlog.decider.CommandHandler;
import vn.binhyen.eventlog.http.AuditQuery;
import vn.binhyen.eventlog.http.ProblemResponses;
import vn.binhyen.moderation.domain.ledger.Ledger;
import vn.binhyen.moderation.domain.ledger.LedgerCommand;
import vn.binhyen.moderation.domain.posting.Post;
import vn.binhyen.moderation.domain.posting.PostCommand;

/**
 * For auditors (issue 8): a moderation aggregate as it was at a moment, folded by its decider
 * from its events up to then, with the events' hashes: a member's violation ledger
 * ({@code ledger-…}, the sanction ladder's input) or a post in the posting workflow
 * ({@code post-…}). Other streams (screenings, reviews, policies) answer with their events only.
 * Each query is recorded as an {@code AuditQueried} event. An auditor sees the streams of their
 * unit's groups and the units' below it (issue 21); others are 404.
 */
@Tag(name = "Audit")
@Path("/api/v1/audit/streams")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {
    private final CommandHandler<LedgerCommand, Ledger, ModerationEvent> ledgers;
    private final CommandHandler<PostCommand, Post, ModerationEvent> posts;
    private final EventStore store;
    private final JsonWebToken token;
    private final Clock clock;
    private final vn.binhyen.eventlog.directory.Directory directory;

    AuditResource(CommandHandler<LedgerCommand, Ledger, ModerationEvent> ledgers,
            CommandHandler<PostCommand, Post, ModerationEvent> posts, EventStore store, JsonWebToken token,
            Clock clock, vn.binhyen.eventlog.directory.Directory directory) {
        this.directory = directory;
        this.ledgers = ledgers;
        this.posts = posts;
        this.store = store;
        this.token = token;
        this.clock = clock;
    }

    @GET
    @Path("/{streamId}")
    @RolesAllowed(Roles.AUDITOR)
    @Operation(summary = "A moderation stream as it was at a moment, for auditors", description = "Folded from its "
            + "events up to at (an ISO-8601 instant, by default now), with the events' ids and hashes: a member's "
            + "violation ledger (ledger-...) or a post (post-...); other streams with their events only. Only within "
            + "the auditor's scope (their unit's groups and those below); each query is recorded as an "
            + "AuditQueried event.")
    @APIResponse(responseCode = "200", description = "The stream at that moment: its version, its state and its "
            + "events", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = AuditQuery.StreamAt.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    public Response at(@PathParam("streamId") String streamId, @QueryParam("at") String atText) {
        return AuditQuery.answer(store, clock, token.getName(), streamId, atText,
                AuditQuery.scopedTo(token, directory), (events, at) -> {
            if (streamId.startsWith("ledger-")) {
                return fold(ledgers, events);
            }
            return streamId.startsWith("post-") ? fold(posts, events) : null;
        });
    }

    private static <S> S fold(CommandHandler<?, S, ModerationEvent> handler, List<Envelope> events) {
        return handler.decider().fold(events.stream().map(handler.codec()::decode).toList());
    }
}
