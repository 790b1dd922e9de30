package vn.binhyen.moderation.rest;

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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.binhyen.contracts.Roles;
import vn.binhyen.eventlog.http.ProblemResponses;
import vn.binhyen.eventlog.http.CommandEndpoint;
import vn.binhyen.moderation.service.ReviewService;

/** The admins' review queue, their decisions, and each rule's false-positive rate. */
@Tag(name = "Reviews")
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ReviewResource {
    private final ReviewService reviews;
    private final JsonWebToken token;
    private final vn.binhyen.eventlog.directory.Directory directory;
    private final CommandEndpoint endpoint;

    ReviewResource(ReviewService reviews, JsonWebToken token, vn.binhyen.eventlog.directory.Directory directory,
            CommandEndpoint endpoint) {
        this.reviews = reviews;
        this.token = token;
        this.directory = directory;
        this.endpoint = endpoint;
    }

    @GET
    @Path("/reviews")
    @RolesAllowed({Roles.LEADER, Roles.DEPUTY, Roles.ADMIN, Roles.MEMBER, Roles.AUDITOR, Roles.COMMANDER,
            Roles.SYSTEM_ADMIN})
    @Operation(summary = "List a group's open reviews", description = "Only for a group the caller oversees; "
            + "the queue of any other group is answered empty.")
    @APIResponse(responseCode = "200", description = "The group's open reviews, oldest first (at most 500)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.ARRAY, implementation = ReviewService.Review.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    public List<ReviewService.Review> open(@QueryParam("groupId") @NotBlank @Size(max = 128)
            String groupId) {
        // the queue of a group the caller does not oversee is empty to them (audit L4)
        return directory.mayOversee(token, groupId) ? reviews.open(groupId) : List.of();
    }

    public record DecisionRequest(@NotNull ReviewService.Outcome outcome, @Size(max = 2000) String note) {
    }

    @POST
    @Path("/reviews/{reviewId}/decision")
    @RolesAllowed({Roles.LEADER, Roles.DEPUTY, Roles.ADMIN, Roles.MEMBER})
    @Operation(summary = "Confirm or overturn a held or flagged message", description = "By the group's board only "
            + "(the regulation's review rule, e.g. police-song-tri:13.3; else 403); a confirmed violation is recorded "
            + "in the member's ledger. A review already decided is refused with 422.")
    @APIResponse(responseCode = "200", description = "The review, decided",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ReviewService.Review.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    @APIResponse(responseCode = "422", ref = ProblemResponses.RULE_VIOLATION)
    public ReviewService.Review decide(@PathParam("reviewId") String reviewId, @NotNull @Valid DecisionRequest r,
            @Context ContainerRequestContext request) {
        return reviews.resolve(reviewId, r.outcome(), r.note(), endpoint.meta(request));
    }

    @GET
    @Path("/rules/false-positive-rates")
    @RolesAllowed({Roles.LEADER, Roles.DEPUTY, Roles.ADMIN, Roles.AUDITOR, Roles.SYSTEM_ADMIN})
    @Operation(summary = "Each rule's false-positive rate", description = "Per rule, of its decisions the board "
            + "reviewed, how many it overturned.")
    @APIResponse(responseCode = "200", description = "Each rule's reviewed and overturned decisions and their ratio",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.ARRAY, implementation = ReviewService.RuleRate.class)))
    public List<ReviewService.RuleRate> falsePositiveRates() {
        return reviews.falsePositiveRates();
    }
}
