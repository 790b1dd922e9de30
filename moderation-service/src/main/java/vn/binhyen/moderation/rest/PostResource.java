package vn.binhyen.moderation.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.binhyen.contracts.Roles;
import vn.binhyen.eventlog.directory.Directory;
import vn.binhyen.eventlog.http.CommandEndpoint;
import vn.binhyen.eventlog.http.Problem;
import vn.binhyen.eventlog.http.ProblemResponses;
import vn.binhyen.moderation.domain.posting.Post;
import vn.binhyen.moderation.domain.posting.PostCommand;
import vn.binhyen.moderation.service.PostingService;

/**
 * The police group's publishing workflow (police-song-tri:13.2): a member submits a draft
 * from an official source; the board (checked against the group's board as group events tell
 * it, never a token's role: issue 21) verifies it or returns it with comments, approves it and
 * publishes it. Only the group's members and those who oversee it see a post.
 */
@Tag(name = "Posts")
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PostResource {
    private final PostingService posting;
    private final JsonWebToken token;
    private final Directory directory;
    private final CommandEndpoint endpoint;

    PostResource(PostingService posting, JsonWebToken token, Directory directory, CommandEndpoint endpoint) {
        this.posting = posting;
        this.token = token;
        this.directory = directory;
        this.endpoint = endpoint;
    }

    /**
     * {@code sourceKind}: which of 13.1's official sources (the point's letter: a, b, c, d, đ, e);
     * {@code source}: the source itself, as the board will verify it (a document's number, a case, an
     * article's address).
     */
    public record DraftRequest(@NotBlank @Size(max = 10_000) String text, @Size(max = 2) String sourceKind,
            @NotBlank @Size(max = 500) String source) {
    }

    @POST
    @Path("/groups/{groupId}/posts")
    @RolesAllowed({Roles.MEMBER, Roles.LEADER, Roles.DEPUTY, Roles.ADMIN})
    @Operation(summary = "Submit a draft post to the group's board", description = "By a member on the group's "
            + "roster (police-song-tri:13.2), naming which official source of police-song-tri:13.1 it comes from and "
            + "the source itself; the text is screened, and a text a rule takes down is refused (422). A group whose "
            + "regulation makes no publishing workflow refuses it (422, binhyen:profiles).")
    @APIResponse(responseCode = "201", description = "The draft, submitted; Location names it, the ETag is its "
            + "version", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PostingService.PostView.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    @APIResponse(responseCode = "422", ref = ProblemResponses.RULE_VIOLATION)
    public Response submit(@PathParam("groupId") String groupId, @NotNull @Valid DraftRequest r,
            @Context ContainerRequestContext request) {
        // a member of the group by its roster, whatever the token's role says (issue 21, audit L4)
        if (directory.roleIn(groupId, token.getName()).isEmpty()) {
            return Problem.of("unknown-group", "Không tìm thấy nhóm / Unknown group", Response.Status.NOT_FOUND,
                    "no group " + groupId + " has you on its roster").toResponse();
        }
        var view = posting.submit(groupId, r.text(), r.sourceKind(), r.source(), endpoint.meta(request));
        return endpoint.created(URI.create("/api/v1/posts/" + view.postId()), view, view.version());
    }

    @GET
    @Path("/groups/{groupId}/posts")
    @RolesAllowed({Roles.MEMBER, Roles.LEADER, Roles.DEPUTY, Roles.ADMIN})
    @Operation(summary = "The group's posts at the stages asked, for its board (police-song-tri:13.2)",
            description = "For a member of the group's board by its roster (leader, deputy, administrator), whatever "
                    + "the token's role: the posts waiting at each stage, the longest waiting first, at most 200. "
                    + "stage is one or more of SUBMITTED, RETURNED, VERIFIED, APPROVED, PUBLISHED, comma-separated "
                    + "(default SUBMITTED,VERIFIED,APPROVED: what waits for the board).")
    @APIResponse(responseCode = "200", description = "The posts", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY,
            implementation = PostingService.Waiting.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "422", description = "The group's regulation makes no publishing workflow "
            + "(binhyen:profiles): no list to give", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(ref = "Problem")))
    public Response waiting(@PathParam("groupId") String groupId,
            @QueryParam("stage") @DefaultValue("SUBMITTED,VERIFIED,APPROVED") @Size(max = 64) String stage) {
        java.util.Set<Post.Stage> stages = java.util.EnumSet.noneOf(Post.Stage.class);
        for (String s : vn.binhyen.contracts.text.Split.on(stage, ',', true)) {
            try {
                stages.add(Post.Stage.valueOf(s.strip()));
            } catch (IllegalArgumentException e) {
                return Problem.of("invalid-field", "Giá trị không hợp lệ / Invalid value", Response.Status.BAD_REQUEST,
                        "stage: one or more of " + java.util.Arrays.toString(Post.Stage.values()))
                        .withErrors(List.of(new Problem.FieldError("stage", "one-of",
                                "một hoặc nhiều trong " + java.util.Arrays.toString(Post.Stage.values()))))
                        .toResponse();
            }
        }
        // the board by the roster (issue 21): anyone else is told there is no such group for them
        if (!directory.onBoard(groupId, token.getName())) {
            return Problem.of("unknown-group", "Không tìm thấy nhóm / Unknown group", Response.Status.NOT_FOUND,
                    "no group " + groupId + " has you on its board").toResponse();
        }
        if (!posting.hasWorkflow(groupId)) {
            throw new vn.binhyen.eventlog.decider.RuleViolation("binhyen:profiles", "groupId",
                    "this group's regulation makes no publishing workflow; its members post in the group");
        }
        return Response.ok(posting.waiting(groupId, stages)).build();
    }

    @GET
    @Path("/posts/{postId}")
    @RolesAllowed({Roles.MEMBER, Roles.LEADER, Roles.DEPUTY, Roles.ADMIN, Roles.AUDITOR, Roles.COMMANDER,
            Roles.SYSTEM_ADMIN})
    @Operation(summary = "Read a post and its whole history", description = "To its author, its group's members "
            + "by the roster and those who oversee the group; to anyone else it does not exist (404).")
    @APIResponse(responseCode = "200", description = "The post, its stage and its history; the ETag is its version",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PostingService.PostView.class)))
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    public Response get(@PathParam("postId") String postId) {
        var view = posting.view(postId);
        // its author, its group's members by the roster, and those who oversee the group; to anyone else it does not exist
        if (!view.authorId().equals(token.getName()) && directory.roleIn(view.groupId(), token.getName()).isEmpty()
                && !directory.mayOversee(token, view.groupId())) {
            throw new PostingService.UnknownPost("no post " + postId);
        }
        return endpoint.ok(view, view.version());
    }

    public record CommentsRequest(@NotBlank @Size(max = 2000) String comments) {
    }

    @POST
    @Path("/posts/{postId}/return")
    @RolesAllowed({Roles.LEADER, Roles.DEPUTY, Roles.ADMIN, Roles.MEMBER})
    @Operation(summary = "Return a submitted or verified post to its author for edits", description = "By the "
            + "group's board only (police-song-tri:13.2; else 403), with comments saying what to change. A post "
            + "that does not exist, or is at another stage, is refused with 422.")
    @APIResponse(responseCode = "200", description = "The post after the step; the ETag is its new version",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PostingService.PostView.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    @APIResponse(responseCode = "412", ref = ProblemResponses.PRECONDITION_FAILED)
    @APIResponse(responseCode = "422", ref = ProblemResponses.RULE_VIOLATION)
    public Response returnForEdits(@PathParam("postId") String postId, @HeaderParam("If-Match") String ifMatch,
            @NotNull @Valid CommentsRequest r, @Context ContainerRequestContext request) {
        return act(postId, ifMatch, new PostCommand.Return(r.comments(), board(postId), token.getName()), request);
    }

    @POST
    @Path("/posts/{postId}/revision")
    @RolesAllowed({Roles.MEMBER, Roles.LEADER, Roles.DEPUTY, Roles.ADMIN})
    @Operation(summary = "Revise a returned post", description = "By its author only (police-song-tri:13.2; else "
            + "403), naming its official source (police-song-tri:13.1); the new text is screened, and a text a rule "
            + "takes down is refused (422). A post that does not exist, or is not returned, is refused with 422.")
    @APIResponse(responseCode = "200", description = "The post after the step; the ETag is its new version",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PostingService.PostView.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    @APIResponse(responseCode = "412", ref = ProblemResponses.PRECONDITION_FAILED)
    @APIResponse(responseCode = "422", ref = ProblemResponses.RULE_VIOLATION)
    public Response revise(@PathParam("postId") String postId, @HeaderParam("If-Match") String ifMatch,
            @NotNull @Valid DraftRequest r, @Context ContainerRequestContext request) {
        return act(postId, ifMatch, new PostCommand.Revise(r.text(), r.sourceKind(), r.source(),
                posting.screenFor(postId, r.text(), token.getName()), token.getName()), request);
    }

    @POST
    @Path("/posts/{postId}/verification")
    // no body: a client sending none, and no Content-Type, is answered by its rights, not with a 415
    @jakarta.ws.rs.Consumes(jakarta.ws.rs.core.MediaType.WILDCARD)
    @RolesAllowed({Roles.LEADER, Roles.DEPUTY, Roles.ADMIN, Roles.MEMBER})
    @Operation(summary = "Verify a submitted post's source", description = "By the group's board only "
            + "(police-song-tri:13.2; else 403). A post that does not exist, or is not submitted, is refused with 422.")
    @APIResponse(responseCode = "200", description = "The post after the step; the ETag is its new version",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PostingService.PostView.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    @APIResponse(responseCode = "412", ref = ProblemResponses.PRECONDITION_FAILED)
    @APIResponse(responseCode = "422", ref = ProblemResponses.RULE_VIOLATION)
    public Response verify(@PathParam("postId") String postId, @HeaderParam("If-Match") String ifMatch,
            @Context ContainerRequestContext request) {
        return act(postId, ifMatch, new PostCommand.Verify(board(postId), token.getName()), request);
    }

    public record ApprovalRequest(@Size(max = 10_000) String finalText) {
    }

    @POST
    @Path("/posts/{postId}/approval")
    @RolesAllowed({Roles.LEADER, Roles.DEPUTY, Roles.ADMIN, Roles.MEMBER})
    @Operation(summary = "Approve a verified post, optionally with the board's edited text", description = "By the "
            + "group's board only (police-song-tri:13.2; else 403). What is approved is short (police-song-tri:7(I).2) "
            + "and an edited text is screened again; a text a rule refuses, a post that does not exist or one not "
            + "verified is refused with 422.")
    @APIResponse(responseCode = "200", description = "The post after the step; the ETag is its new version",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PostingService.PostView.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    @APIResponse(responseCode = "412", ref = ProblemResponses.PRECONDITION_FAILED)
    @APIResponse(responseCode = "422", ref = ProblemResponses.RULE_VIOLATION)
    public Response approve(@PathParam("postId") String postId, @HeaderParam("If-Match") String ifMatch,
            @Valid ApprovalRequest r, @Context ContainerRequestContext request) {
        String finalText = r == null ? null : r.finalText();
        // the board's edit is screened again: an approved text is what is published
        PostCommand.Screening screening = finalText == null || finalText.isBlank()
                ? new PostCommand.Screening(java.util.List.of(), null, null) : posting.screenFor(postId, finalText, token.getName());
        return act(postId, ifMatch, new PostCommand.Approve(finalText, screening, board(postId), token.getName()),
                request);
    }

    @POST
    @Path("/posts/{postId}/publication")
    // no body: a client sending none, and no Content-Type, is answered by its rights, not with a 415
    @jakarta.ws.rs.Consumes(jakarta.ws.rs.core.MediaType.WILDCARD)
    @RolesAllowed({Roles.LEADER, Roles.DEPUTY, Roles.ADMIN, Roles.MEMBER})
    @Operation(summary = "Publish an approved post", description = "By the group's board only "
            + "(police-song-tri:13.2; else 403). A post that does not exist, or is not approved, is refused with 422.")
    @APIResponse(responseCode = "200", description = "The post after the step; the ETag is its new version",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PostingService.PostView.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    @APIResponse(responseCode = "412", ref = ProblemResponses.PRECONDITION_FAILED)
    @APIResponse(responseCode = "422", ref = ProblemResponses.RULE_VIOLATION)
    public Response publish(@PathParam("postId") String postId, @HeaderParam("If-Match") String ifMatch,
            @Context ContainerRequestContext request) {
        return act(postId, ifMatch, new PostCommand.Publish(board(postId), token.getName()), request);
    }

    private boolean board(String postId) {
        return posting.onBoard(postId, token.getName());
    }

    private Response act(String postId, String ifMatch, PostCommand command, ContainerRequestContext request) {
        var view = posting.act(postId, endpoint.expected(ifMatch), command, endpoint.meta(request));
        return endpoint.ok(view, view.version());
    }
}
