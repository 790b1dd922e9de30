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

/**
 * A member's own groups, all of them; someone else's for oversight roles, only the groups within
 * their scope ({@link Access#listScope}: a commander's unit, an auditor's and those below it).
 */
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
