package vn.binhyen.notification.rest;

import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;
import vn.binhyen.contracts.Roles;
import vn.binhyen.contracts.notification.NotificationEvent;
import vn.binhyen.eventlog.EventStore;
import vn.binhyen.notification.projection.Feed;
import vn.binhyen.notification.service.Acknowledgements;
import vn.binhyen.eventlog.http.Problem;
import vn.binhyen.eventlog.http.ProblemResponses;

/** The in-app feed: a user's own notifications and those of the roles they hold, newest first. */
@Tag(name = "Notifications")
@Path("/api/v1/notifications")
@Produces(MediaType.APPLICATION_JSON)
public class FeedResource {
    private final Feed feed;
    private final JsonWebToken token;
    private final Clock clock;
    private final FeedStream stream;
    private final Acknowledgements acknowledgements;

    FeedResource(Feed feed, JsonWebToken token, Clock clock, FeedStream stream,
            Acknowledgements acknowledgements) {
        this.acknowledgements = acknowledgements;
        this.feed = feed;
        this.token = token;
        this.clock = clock;
        this.stream = stream;
    }

    /**
     * The newest 200, newest first; with {@code since}, the 200 oldest of those created after it,
     * oldest first: what a stream that was dropped (or ended with its token) missed, read page by
     * page, each next page {@code since} the last item's {@code createdAt}.
     */
    @GET
    @RolesAllowed({Roles.LEADER, Roles.DEPUTY, Roles.ADMIN, Roles.MEMBER, Roles.DUTY_OFFICER, Roles.PCTP_OFFICER,
            Roles.IT_SECURITY_OFFICER, Roles.COMMANDER, Roles.SYSTEM_ADMIN})
    @Operation(summary = "The caller's feed: their own notifications and their roles'", description = "The newest "
            + "200, newest first; with since (an ISO-8601 instant), the 200 oldest created after it, oldest first.")
    @APIResponse(responseCode = "200", description = "The notifications",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.ARRAY, implementation = Feed.Item.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    public List<Feed.Item> feed(@QueryParam("since") Instant since) {
        return feed.items(recipients(), since);
    }

    /**
     * New items as they arrive (Server-Sent Events, one JSON item per event), until the token
     * expires. A user holds a few streams at once, the instance a bounded number (429 with
     * {@code Retry-After} beyond either); a stream that stops reading is dropped. A client that
     * reconnects reads what it missed with {@code GET ?since=}.
     */
    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.LEADER, Roles.DEPUTY, Roles.ADMIN, Roles.MEMBER, Roles.DUTY_OFFICER, Roles.PCTP_OFFICER,
            Roles.IT_SECURITY_OFFICER, Roles.COMMANDER, Roles.SYSTEM_ADMIN})
    @Operation(summary = "New feed items as they arrive (Server-Sent Events), until the token expires",
            description = "One JSON item per event. A client that reconnects reads what it missed with GET ?since=.")
    @APIResponse(responseCode = "200", description = "The stream of feed items; it ends when the token expires, or "
            + "when the client stops reading", content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS,
            schema = @Schema(implementation = Feed.Item.class)))
    @APIResponse(responseCode = "429", description = "The user, or this instance, already holds its streams (type "
            + "too-many-streams, Retry-After)", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(ref = "Problem")))
    public Multi<Feed.Item> stream() {
        // the verifier's clock, not the application's (which tests move): the token is valid until exp by it
        Duration left = Duration.between(Instant.now(), Instant.ofEpochSecond(token.getExpirationTime()));
        if (!left.isPositive()) {
            throw new WebApplicationException(Response.fromResponse(Problem.of("token-expired",
                    "Phiên đăng nhập đã hết hạn / Token expired", Response.Status.UNAUTHORIZED,
                    "the token has expired; sign in again").toResponse())
                    .header("WWW-Authenticate", "Bearer error=\"invalid_token\"").build());
        }
        return stream.follow(token.getName(), Set.copyOf(recipients()), left);
    }

    /**
     * The recipient (or a holder of the addressed role) acknowledges a notification; once, as an
     * event. Acknowledging again changes nothing.
     */
    @POST
    @Path("/{id}/acknowledgement")
    @RolesAllowed({Roles.LEADER, Roles.DEPUTY, Roles.ADMIN, Roles.MEMBER, Roles.DUTY_OFFICER, Roles.PCTP_OFFICER,
            Roles.IT_SECURITY_OFFICER, Roles.COMMANDER, Roles.SYSTEM_ADMIN})
    @Operation(summary = "Acknowledge a notification", description = "By its recipient or a holder of the "
            + "addressed role; once, recorded as an event. Acknowledging again, or one not delivered, changes nothing.")
    @APIResponse(responseCode = "204", description = "Acknowledged (or nothing to change)")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    public Response acknowledge(@PathParam("id") String id) {
        if (acknowledgements.acknowledge(id, recipients(), "member:" + token.getName())
                == Acknowledgements.Outcome.NOT_FOUND) {
            return Problem.of("not-found", "Không tìm thấy / Not found", Response.Status.NOT_FOUND,
                    "no notification " + id + " for you").toResponse();
        }
        return Response.noContent().build();
    }

    /** Who the caller answers for: themselves, and every role they hold (a staff role in their unit only, issue 21). */
    private List<String> recipients() {
        List<String> out = new ArrayList<>();
        out.add("member:" + token.getName());
        out.addAll(vn.binhyen.notification.service.RoleRecipients.forCaller(token));
        return out;
    }
}
