package vn.binhyen.report.dashboard;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The calls the boards' console makes to group-service and moderation-service, as MicroProfile REST
 * Client interfaces: each names the endpoint it calls, and the person's bearer token travels in
 * {@code Authorization}. Answers are read as a {@link Response} whatever their status (the default
 * exception mapper is off): {@link BoardServices} turns them into the console's {@code Answer}.
 */
public final class BoardApis {
    private BoardApis() {
    }

    /** group-service's endpoints the console reads and steps through. */
    @RegisterRestClient
    @Path("/api/v1")
    @Produces(MediaType.APPLICATION_JSON)
    public interface Groups {
        @GET
        @Path("/members/{memberId}/groups")
        Response memberGroups(@HeaderParam("Authorization") String authorization, @PathParam("memberId") String memberId);

        @GET
        @Path("/groups/{groupId}")
        Response group(@HeaderParam("Authorization") String authorization, @PathParam("groupId") String groupId);

        @GET
        @Path("/groups/{groupId}/directives")
        Response directives(@HeaderParam("Authorization") String authorization, @PathParam("groupId") String groupId);

        @POST
        @Path("/groups/{groupId}/membership-proposals/{proposalId}/decision")
        @Consumes(MediaType.APPLICATION_JSON)
        Response decideProposal(@HeaderParam("Authorization") String authorization, @HeaderParam("If-Match") String ifMatch,
                @PathParam("groupId") String groupId, @PathParam("proposalId") String proposalId,
                Map<String, Object> decision);

        @POST
        @Path("/groups/{groupId}/leave-requests/{memberId}/consent")
        Response consentToLeave(@HeaderParam("Authorization") String authorization, @HeaderParam("If-Match") String ifMatch,
                @PathParam("groupId") String groupId, @PathParam("memberId") String memberId);

        @POST
        @Path("/groups/{groupId}/info-changes/{changeId}/decision")
        @Consumes(MediaType.APPLICATION_JSON)
        Response decideInfoChange(@HeaderParam("Authorization") String authorization,
                @HeaderParam("If-Match") String ifMatch, @PathParam("groupId") String groupId,
                @PathParam("changeId") String changeId, Map<String, Object> decision);
    }

    /** moderation-service's endpoints the console reads and steps through. */
    @RegisterRestClient
    @Path("/api/v1")
    @Produces(MediaType.APPLICATION_JSON)
    public interface Moderation {
        @GET
        @Path("/reviews")
        Response reviews(@HeaderParam("Authorization") String authorization, @QueryParam("groupId") String groupId);

        @GET
        @Path("/groups/{groupId}/posts")
        Response posts(@HeaderParam("Authorization") String authorization, @PathParam("groupId") String groupId);

        @POST
        @Path("/reviews/{reviewId}/decision")
        @Consumes(MediaType.APPLICATION_JSON)
        Response decideReview(@HeaderParam("Authorization") String authorization, @PathParam("reviewId") String reviewId,
                Map<String, Object> decision);

        /** A step that carries nothing (verification, publication). */
        @POST
        @Path("/posts/{postId}/{step}")
        Response postStep(@HeaderParam("Authorization") String authorization, @HeaderParam("If-Match") String ifMatch,
                @PathParam("postId") String postId, @PathParam("step") String step);

        /** A step with a body (a return's comments, an approval's empty object). */
        @POST
        @Path("/posts/{postId}/{step}")
        @Consumes(MediaType.APPLICATION_JSON)
        Response postStepWith(@HeaderParam("Authorization") String authorization, @HeaderParam("If-Match") String ifMatch,
                @PathParam("postId") String postId, @PathParam("step") String step, Map<String, Object> body);
    }
}
