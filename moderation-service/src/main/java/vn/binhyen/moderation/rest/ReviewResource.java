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
import vn.binhyen.contracts.Roles;
import vn.binhyen.eventlog.http.RequestMetadata;
import vn.binhyen.moderation.service.ReviewService;

/** The admins' review queue, their decisions, and each rule's false-positive rate. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ReviewResource {
    private final ReviewService reviews;
    private final JsonWebToken token;
    private final vn.binhyen.eventlog.directory.Directory directory;

    ReviewResource(ReviewService reviews, JsonWebToken token, vn.binhyen.eventlog.directory.Directory directory) {
        this.reviews = reviews;
        this.token = token;
        this.directory = directory;
    }

    @GET
    @Path("/reviews")
    @RolesAllowed({Roles.LEADER, Roles.DEPUTY, Roles.ADMIN, Roles.MEMBER, Roles.AUDITOR, Roles.COMMANDER,
            Roles.SYSTEM_ADMIN})
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
    public ReviewService.Review decide(@PathParam("reviewId") String reviewId, @NotNull @Valid DecisionRequest r,
            @Context ContainerRequestContext request) {
        return reviews.resolve(reviewId, r.outcome(), r.note(), RequestMetadata.of(token, request, null));
    }

    @GET
    @Path("/rules/false-positive-rates")
    @RolesAllowed({Roles.LEADER, Roles.DEPUTY, Roles.ADMIN, Roles.AUDITOR, Roles.SYSTEM_ADMIN})
    public List<ReviewService.RuleRate> falsePositiveRates() {
        return reviews.falsePositiveRates();
    }
}
