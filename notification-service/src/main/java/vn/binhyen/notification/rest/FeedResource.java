package vn.binhyen.notification.rest;

import io.agroal.api.AgroalDataSource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import vn.binhyen.contracts.Roles;
import vn.binhyen.eventlog.EventLogException;
import vn.binhyen.eventlog.http.Problem;

/** The in-app feed: a user's own notifications and those of the roles they hold, newest first. */
@Path("/api/v1/notifications")
@Produces(MediaType.APPLICATION_JSON)
public class FeedResource {
    private final AgroalDataSource dataSource;
    private final JsonWebToken token;
    private final Clock clock;

    FeedResource(AgroalDataSource dataSource, JsonWebToken token, Clock clock) {
        this.dataSource = dataSource;
        this.token = token;
        this.clock = clock;
    }

    public record Item(String notificationId, String recipient, String kind, String urgency, String citation,
            String text, String state, Instant createdAt) {
    }

    @GET
    @RolesAllowed({Roles.LEADER, Roles.DEPUTY, Roles.ADMIN, Roles.MEMBER, Roles.DUTY_OFFICER, Roles.PCTP_OFFICER,
            Roles.COMMANDER, Roles.SYSTEM_ADMIN})
    public List<Item> feed() {
        List<String> recipients = recipients();
        List<Item> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select notification_id, recipient, kind, urgency, citation, text, state, created_at from notification "
                        + "where recipient = any(?) order by created_at desc limit 200")) {
            ps.setArray(1, c.createArrayOf("text", recipients.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Item(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getTimestamp(8).toInstant()));
                }
            }
        } catch (SQLException e) {
            throw new EventLogException("feed could not be read: " + e.getMessage(), e);
        }
        return out;
    }

    /** The recipient (or a holder of the addressed role) acknowledges a notification. */
    @POST
    @Path("/{id}/acknowledgement")
    @RolesAllowed({Roles.LEADER, Roles.DEPUTY, Roles.ADMIN, Roles.MEMBER, Roles.DUTY_OFFICER, Roles.PCTP_OFFICER,
            Roles.COMMANDER, Roles.SYSTEM_ADMIN})
    public Response acknowledge(@PathParam("id") String id) {
        List<String> recipients = recipients();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "update notification set state = 'ACKNOWLEDGED', acknowledged_at = ? where notification_id = ? "
                        + "and recipient = any(?)")) {
            ps.setTimestamp(1, Timestamp.from(clock.instant()));
            ps.setString(2, id);
            ps.setArray(3, c.createArrayOf("text", recipients.toArray()));
            if (ps.executeUpdate() == 0) {
                return Problem.of("not-found", "Không tìm thấy / Not found", Response.Status.NOT_FOUND,
                        "no notification " + id + " for you").toResponse();
            }
        } catch (SQLException e) {
            throw new EventLogException("acknowledgement could not be recorded: " + e.getMessage(), e);
        }
        return Response.noContent().build();
    }

    /** Who the caller answers for: themselves, and every role they hold. */
    private List<String> recipients() {
        List<String> out = new ArrayList<>();
        out.add("member:" + token.getSubject());
        token.getGroups().forEach(g -> out.add("role:" + g));
        return out;
    }
}
