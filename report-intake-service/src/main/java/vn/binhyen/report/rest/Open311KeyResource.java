package vn.binhyen.report.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.binhyen.contracts.Roles;
import vn.binhyen.eventlog.http.Problem;
import vn.binhyen.eventlog.http.ProblemResponses;
import vn.binhyen.report.service.Open311Clients;
import vn.binhyen.report.service.ReportScope;

/**
 * A system administrator issues and revokes Open311 clients' api_keys. A client is a bot
 * identity bound to groups (issue 21): its key files only for those groups' units.
 */
@Path("/api/v1/open311/clients/{client}/key")
@Tag(name = "Open311 GeoReport v2")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.SYSTEM_ADMIN)
public class Open311KeyResource {
    private final Open311Clients clients;
    private final ReportScope scope;
    private final JsonWebToken token;

    Open311KeyResource(Open311Clients clients, ReportScope scope, JsonWebToken token) {
        this.clients = clients;
        this.scope = scope;
        this.token = token;
    }

    public record Issued(String client, String api_key) {
    }

    @POST
    @Operation(summary = "Issue an api_key for a bot bound to groups, replacing the one it had; shown only now")
    @APIResponse(responseCode = "201", description = "The new key (only its hash is kept)", content = @Content(
            schema = @Schema(implementation = Issued.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    public Response issue(@PathParam("client") String client) {
        if (client.length() > 100 || scope.unitsServedBy(client).isEmpty()) {
            return Problem.of("invalid-field", "Giá trị không hợp lệ / Invalid value", Response.Status.BAD_REQUEST,
                    "an api_key acts as a bot bound to groups; " + (client.length() > 100 ? "this name is too long"
                            : "this one is bound to no group, so it could file nowhere"))
                    .withErrors(java.util.List.of(new Problem.FieldError("client", "bound-bot",
                            "a bot bound to at least one group")))
                    .toResponse();
        }
        return Response.status(201).entity(new Issued(client, clients.issue(client, token.getName()))).build();
    }

    @DELETE
    @Operation(summary = "Revoke a client's api_key; it stops working at once")
    @APIResponse(responseCode = "204", description = "Revoked")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    public Response revoke(@PathParam("client") String client) {
        return clients.revoke(client, token.getName()) ? Response.noContent().build()
                : Problem.of("not-found", "Không tìm thấy / Not found", Response.Status.NOT_FOUND,
                        "no live api_key for this client").toResponse();
    }
}
