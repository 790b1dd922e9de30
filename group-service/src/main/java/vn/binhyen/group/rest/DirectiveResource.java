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
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.jwt.JsonWebToken;
import vn.binhyen.contracts.Roles;
import vn.binhyen.eventlog.EventIds;
import vn.binhyen.eventlog.decider.InvalidInput;
import vn.binhyen.eventlog.http.PlausibleTime;
import vn.binhyen.group.domain.Group;
import vn.binhyen.group.domain.GroupCommand;
import vn.binhyen.group.domain.GroupDecider;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.binhyen.eventlog.http.ProblemResponses;

/**
 * Directives (chỉ đạo) and their acknowledgements (province-lai-chau:3.3, 7.3;
 * police-song-tri:7(II).3): the leader or a deputy issues one with a deadline; members
 * acknowledge by reply or reaction (a bot bound to the group may record the reaction it saw for
 * the member); anyone in the group sees who has not acknowledged yet.
 */
@Tag(name = "Directives")
@Path("/api/v1/groups/{groupId}/directives")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DirectiveResource {
    private final GroupWriter writer;
    private final JsonWebToken token;

    DirectiveResource(GroupWriter writer, JsonWebToken token) {
        this.writer = writer;
        this.token = token;
    }

    public record DirectiveRequest(@NotBlank @Size(max = 4000) String text, @PlausibleTime Instant acknowledgeBy) {
    }

    @POST
    @RolesAllowed({Roles.LEADER, Roles.DEPUTY, Roles.ADMIN, Roles.MEMBER})
    @Operation(summary = "Issue a directive", description = "By the roles the group's regulation names "
            + "(province-lai-chau:3.3, 7.3; police-song-tri:7(II).3), or announced on the leadership's behalf by a "
            + "role it names; addressed to everyone else on the roster, to acknowledge by acknowledgeBy (by default "
            + "the regulation's deadline).")
    @APIResponse(responseCode = "201", description = "The directive issued; Location names it, the ETag is the "
            + "group's new version", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = DirectiveView.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    @APIResponse(responseCode = "412", ref = ProblemResponses.PRECONDITION_FAILED)
    @APIResponse(responseCode = "422", ref = ProblemResponses.RULE_VIOLATION)
    public Response issue(@PathParam("groupId") String groupId, @HeaderParam("If-Match") String ifMatch,
            @NotNull @Valid DirectiveRequest r, @Context ContainerRequestContext request) {
        String directiveId = "directive-" + EventIds.next();
        Response written = writer.write(groupId, ifMatch, new GroupCommand.IssueDirective(directiveId, r.text(),
                r.acknowledgeBy(), writer.subject(), writer.now()), request);
        return Response.created(URI.create("/api/v1/groups/" + groupId + "/directives/" + directiveId))
                .tag(written.getEntityTag()).entity(view(groupId, directiveId)).build();
    }

    /** {@code memberId}: only a bot names the member whose reaction or reply it saw. */
    public record AcknowledgementRequest(@NotNull GroupCommand.Acknowledgement via, @Size(max = 128) String memberId) {
    }

    @POST
    @Path("/{directiveId}/acknowledgements")
    @RolesAllowed({Roles.LEADER, Roles.DEPUTY, Roles.ADMIN, Roles.MEMBER, Roles.BOT})
    @Operation(summary = "Acknowledge a directive", description = "A member for themselves, by reply or reaction "
            + "as the regulation accepts; a bot bound to the group for the member whose reply or reaction it saw "
            + "(memberId: required of a bot, refused from anyone else). An unknown directiveId, or one not addressed "
            + "to the member, is 422; a second acknowledgement changes nothing.")
    @APIResponse(responseCode = "200", description = "The directive, with who has acknowledged it and who has not",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = DirectiveView.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    @APIResponse(responseCode = "422", ref = ProblemResponses.RULE_VIOLATION)
    public Response acknowledge(@PathParam("groupId") String groupId, @PathParam("directiveId") String directiveId,
            @NotNull @Valid AcknowledgementRequest r, @Context ContainerRequestContext request) {
        boolean bot = token.getGroups().contains(Roles.BOT);
        if (r.memberId() != null && !bot) {
            throw new InvalidInput(GroupDecider.BOTS, "memberId",
                    "members acknowledge for themselves; only a bot names the member");
        }
        if (bot && (r.memberId() == null || r.memberId().isBlank())) {
            throw new InvalidInput(GroupDecider.BOTS, "memberId",
                    "a bot names the member whose reply or reaction it saw");
        }
        if (bot) {
            writer.readable(groupId); // a bot records only in a group it is bound to: else the group is unknown (404)
        }
        String member = bot ? r.memberId() : writer.subject();
        // at once, whatever version the caller last saw: acknowledgements do not conflict
        writer.write(groupId, null, new GroupCommand.AcknowledgeDirective(directiveId, r.via(), member, writer.now()),
                writer.meta(request, bot ? member : null));
        return Response.ok(view(groupId, directiveId)).build();
    }

    @GET
    @RolesAllowed({Roles.LEADER, Roles.DEPUTY, Roles.ADMIN, Roles.MEMBER, Roles.SYSTEM_ADMIN, Roles.AUDITOR,
            Roles.COMMANDER, Roles.BOT})
    @Operation(summary = "List the group's directives", description = "For its members, and oversight roles and "
            + "its bots within their scope; beyond it the group is unknown (404).")
    @APIResponse(responseCode = "200", description = "Each directive, with who has acknowledged it and who has not",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY,
            implementation = DirectiveView.class)))
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    public List<DirectiveView> list(@PathParam("groupId") String groupId) {
        Group.Established g = writer.readable(groupId);
        return g.directives().values().stream().map(DirectiveView::of).toList();
    }

    @GET
    @Path("/{directiveId}")
    @RolesAllowed({Roles.LEADER, Roles.DEPUTY, Roles.ADMIN, Roles.MEMBER, Roles.SYSTEM_ADMIN, Roles.AUDITOR,
            Roles.COMMANDER, Roles.BOT})
    @Operation(summary = "Read a directive, with who has acknowledged it and who has not")
    @APIResponse(responseCode = "200", description = "The directive",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = DirectiveView.class)))
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    public DirectiveView get(@PathParam("groupId") String groupId, @PathParam("directiveId") String directiveId) {
        return view(groupId, directiveId);
    }

    private DirectiveView view(String groupId, String directiveId) {
        Group.Directive d = writer.readable(groupId).directives().get(directiveId);
        if (d == null) {
            throw new Access.NotFound("no directive " + directiveId + " in " + groupId);
        }
        return DirectiveView.of(d);
    }

    /** A directive with who has acknowledged it (and how) and who has not. */
    public record DirectiveView(String directiveId, String text, String issuedBy, Instant acknowledgeBy,
            int recipients, Map<String, String> acknowledged, List<String> pending, double acknowledgementRate,
            boolean reminded) {
        static DirectiveView of(Group.Directive d) {
            return new DirectiveView(d.directiveId(), d.text(), d.issuedBy(), d.acknowledgeBy(), d.recipients().size(),
                    d.acknowledged(), d.pending(), d.recipients().isEmpty() ? 1.0
                            : (double) d.acknowledged().size() / d.recipients().size(), d.reminded());
        }
    }
}
