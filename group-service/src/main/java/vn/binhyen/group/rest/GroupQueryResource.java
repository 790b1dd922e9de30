package vn.binhyen.group.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import vn.binhyen.contracts.Roles;
import vn.binhyen.group.projection.GroupQueries;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A member's own groups, all of them; someone else's for oversight roles, only the groups within
 * their scope ({@link Access#listScope}: a commander's unit, an auditor's and those below it).
 */
@Tag(name = "Members")
@Path("/api/v1/members")
@Produces(MediaType.APPLICATION_JSON)
public class GroupQueryResource {
    private final GroupQueries queries;
    private final JsonWebToken token;
    private final GroupWriter writer;

    GroupQueryResource(GroupQueries queries, JsonWebToken token, GroupWriter writer) {
        this.queries = queries;
        this.token = token;
        this.writer = writer;
    }

    @GET
    @Path("/{memberId}/groups")
    @RolesAllowed({Roles.LEADER, Roles.DEPUTY, Roles.ADMIN, Roles.MEMBER, Roles.SYSTEM_ADMIN, Roles.AUDITOR,
            Roles.COMMANDER})
    @Operation(summary = "The groups a member sits in, with their role", description = "A member's own, all of "
            + "them; another member's for oversight roles only (403 otherwise), only the groups within their scope. A "
            + "member who sits in no group, or is unknown, has an empty list.")
    @APIResponse(responseCode = "200", description = "The member's groups, by name, and the role in each",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY,
            implementation = GroupQueries.Membership.class)))
    public Response groupsOf(@PathParam("memberId") String memberId) {
        if (memberId.equals(token.getName())) {
            return Response.ok(queries.groupsOf(memberId, null)).build();
        }
        if (!Access.oversight(token)) {
            return Access.forbidden("a member reads only their own groups");
        }
        List<GroupQueries.Membership> groups = queries.groupsOf(memberId, writer.listScope());
        return Response.ok(groups).build();
    }
}
