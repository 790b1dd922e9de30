package vn.binhyen.group.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
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
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.binhyen.contracts.Roles;
import vn.binhyen.eventlog.EventIds;
import vn.binhyen.group.domain.Group;
import vn.binhyen.group.domain.GroupCommand;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.binhyen.eventlog.http.ProblemResponses;

/**
 * Council polls (council-binh-duong:7.2): the leader or a deputy opens one on an urgent
 * matter; delegates vote once before it closes, then confirm their vote in writing; the
 * results and the votes still unconfirmed are readable by the group.
 */
@Tag(name = "Polls")
@Path("/api/v1/groups/{groupId}/polls")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PollResource {
    private final GroupWriter writer;

    PollResource(GroupWriter writer) {
        this.writer = writer;
    }

    public record PollRequest(@NotBlank @Size(max = 1000) String question,
            @NotNull @Size(min = 2, max = 20) List<@NotBlank @Size(max = 200) String> options, @NotNull Instant closesAt) {
    }

    @POST
    @RolesAllowed({Roles.LEADER, Roles.DEPUTY, Roles.ADMIN, Roles.MEMBER})
    @Operation(summary = "Open a poll on an urgent matter", description = "By the roles the council's regulation "
            + "names (council-binh-duong:7.2); a group whose regulation has no polls is 422. At least two distinct "
            + "options, and closesAt in the future (400 otherwise).")
    @APIResponse(responseCode = "201", description = "The poll opened; Location names it, the ETag is the group's "
            + "new version",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PollView.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    @APIResponse(responseCode = "412", ref = ProblemResponses.PRECONDITION_FAILED)
    @APIResponse(responseCode = "422", ref = ProblemResponses.RULE_VIOLATION)
    public Response open(@PathParam("groupId") String groupId, @HeaderParam("If-Match") String ifMatch,
            @NotNull @Valid PollRequest r, @Context ContainerRequestContext request) {
        String pollId = "poll-" + EventIds.next();
        Response written = writer.write(groupId, ifMatch, new GroupCommand.OpenPoll(pollId, r.question(), r.options(),
                r.closesAt(), writer.subject(), writer.now()), request);
        return Response.created(URI.create("/api/v1/groups/" + groupId + "/polls/" + pollId))
                .tag(written.getEntityTag()).entity(view(groupId, pollId)).build();
    }

    public record VoteRequest(@NotBlank @Size(max = 200) String option) {
    }

    @POST
    @Path("/{pollId}/votes")
    @RolesAllowed({Roles.LEADER, Roles.DEPUTY, Roles.ADMIN, Roles.MEMBER})
    @Operation(summary = "Cast a vote", description = "Once, by a delegate on the group's roster, before the poll "
            + "closes (council-binh-duong:7.2); an unknown pollId is 422.")
    @APIResponse(responseCode = "200", description = "The poll's results after the vote",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PollView.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    @APIResponse(responseCode = "422", ref = ProblemResponses.RULE_VIOLATION)
    public PollView vote(@PathParam("groupId") String groupId, @PathParam("pollId") String pollId,
            @NotNull @Valid VoteRequest r, @Context ContainerRequestContext request) {
        writer.write(groupId, null, new GroupCommand.CastVote(pollId, r.option(), writer.subject(), writer.now()),
                request);
        return view(groupId, pollId);
    }

    public record ConfirmationRequest(@NotBlank @Size(max = 2000) String confirmation) {
    }

    @POST
    @Path("/{pollId}/confirmations")
    @RolesAllowed({Roles.LEADER, Roles.DEPUTY, Roles.ADMIN, Roles.MEMBER})
    @Operation(summary = "Confirm a vote in writing", description = "Once, after casting it "
            + "(council-binh-duong:7.2); an unknown pollId is 422.")
    @APIResponse(responseCode = "200", description = "The poll's results, and the votes still unconfirmed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PollView.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    @APIResponse(responseCode = "422", ref = ProblemResponses.RULE_VIOLATION)
    public PollView confirm(@PathParam("groupId") String groupId, @PathParam("pollId") String pollId,
            @NotNull @Valid ConfirmationRequest r, @Context ContainerRequestContext request) {
        writer.write(groupId, null, new GroupCommand.ConfirmVote(pollId, r.confirmation(), writer.subject(),
                writer.now()), request);
        return view(groupId, pollId);
    }

    @GET
    @Path("/{pollId}")
    @RolesAllowed({Roles.LEADER, Roles.DEPUTY, Roles.ADMIN, Roles.MEMBER, Roles.SYSTEM_ADMIN, Roles.AUDITOR,
            Roles.COMMANDER})
    @Operation(summary = "Read a poll's results and the votes not yet confirmed")
    @APIResponse(responseCode = "200", description = "The poll",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PollView.class)))
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    public PollView get(@PathParam("groupId") String groupId, @PathParam("pollId") String pollId) {
        return view(groupId, pollId);
    }

    private PollView view(String groupId, String pollId) {
        Group.Poll poll = writer.readable(groupId).polls().get(pollId);
        if (poll == null) {
            throw new Access.NotFound("no poll " + pollId + " in " + groupId);
        }
        return PollView.of(poll, writer.now());
    }

    /** Results per option, and whose votes still lack their written confirmation. */
    public record PollView(String pollId, String question, List<String> options, Instant closesAt, boolean closed,
            Map<String, Long> results, int votes, List<String> unconfirmed, Map<String, String> votesByMember) {
        static PollView of(Group.Poll p, Instant now) {
            Map<String, Long> results = new LinkedHashMap<>();
            p.options().forEach(o -> results.put(o, 0L));
            p.votes().values().forEach(o -> results.merge(o, 1L, Long::sum));
            return new PollView(p.pollId(), p.question(), p.options(), p.closesAt(), !now.isBefore(p.closesAt()),
                    results, p.votes().size(), p.votes().keySet().stream()
                            .filter(m -> !p.confirmations().containsKey(m)).toList(), p.votes());
        }
    }
}
