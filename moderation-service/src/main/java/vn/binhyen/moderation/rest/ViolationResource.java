package vn.binhyen.moderation.rest;

import io.agroal.api.AgroalDataSource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import vn.binhyen.contracts.Roles;
import vn.binhyen.eventlog.EventLogException;
import vn.binhyen.eventlog.http.Problem;
import vn.binhyen.eventlog.http.ProblemResponses;
import vn.binhyen.eventlog.directory.Directory;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The violation ledger: a member's violations in one group or across groups, or a group's, in
 * the groups the caller oversees ({@link Directory#mayOversee}): their board by the roster, their
 * unit's commander and auditors, a system administrator (issue 21).
 */
@Tag(name = "Violations")
@Path("/api/v1/violations")
@Produces(MediaType.APPLICATION_JSON)
public class ViolationResource {
    private final AgroalDataSource dataSource;
    private final Directory directory;
    private final JsonWebToken token;

    ViolationResource(AgroalDataSource dataSource, Directory directory, JsonWebToken token) {
        this.dataSource = dataSource;
        this.directory = directory;
        this.token = token;
    }

    public record Entry(String violationId, String groupId, String memberId, String messageId, String ruleId,
            String category, String citation, String decision, Instant at) {
    }

    @GET
    @RolesAllowed({Roles.LEADER, Roles.DEPUTY, Roles.ADMIN, Roles.MEMBER, Roles.AUDITOR, Roles.COMMANDER,
            Roles.SYSTEM_ADMIN})
    @Operation(summary = "A member's or a group's violations", description = "memberId, groupId or both; only in "
            + "the groups the caller oversees (a group outside them is answered empty).")
    @APIResponse(responseCode = "200", description = "The violations, latest first (at most 1,000)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.ARRAY, implementation = Entry.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    public Response list(@QueryParam("memberId") String memberId, @QueryParam("groupId") String groupId) {
        if ((memberId == null || memberId.isBlank()) && (groupId == null || groupId.isBlank())) {
            return Problem.of("invalid-field", "Giá trị không hợp lệ / Invalid value", Response.Status.BAD_REQUEST,
                    "name a member, a group, or both").withErrors(List.of(
                            new Problem.FieldError("memberId", "required", "memberId or groupId is required"),
                            new Problem.FieldError("groupId", "required", "memberId or groupId is required")))
                    .toResponse();
        }
        // only the groups the caller oversees (audit L4): a group named outside them is not revealed
        if (groupId != null && !groupId.isBlank() && !directory.mayOversee(token, groupId)) {
            return Response.ok(List.of()).build();
        }
        java.util.Map<String, Boolean> oversees = new java.util.HashMap<>();
        List<Entry> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select violation_id, group_id, member_id, message_id, rule_id, category, citation, decision, at "
                        + "from violation where (?::text is null or member_id = ?) and (?::text is null or group_id = ?) "
                        + "order by at desc limit 1000")) {
            ps.setString(1, memberId);
            ps.setString(2, memberId);
            ps.setString(3, groupId);
            ps.setString(4, groupId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (!oversees.computeIfAbsent(rs.getString(2), g -> directory.mayOversee(token, g))) {
                        continue;
                    }
                    out.add(new Entry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                            rs.getTimestamp(9).toInstant()));
                }
            }
        } catch (SQLException e) {
            throw new EventLogException("violations could not be read: " + e.getMessage(), e);
        }
        return Response.ok(out).build();
    }
}
