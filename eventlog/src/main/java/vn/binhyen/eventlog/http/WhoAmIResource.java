package vn.binhyen.eventlog.http;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import vn.binhyen.contracts.Roles;

/** {@code GET /api/v1/me}: what this service makes of the caller's token; every service has it. */
@Path("/api/v1/me")
public class WhoAmIResource {
    public record Me(String service, String subject, List<String> roles) {
    }

    @Inject
    JsonWebToken token;

    @ConfigProperty(name = "quarkus.application.name")
    String service;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.LEADER, Roles.DEPUTY, Roles.ADMIN, Roles.MEMBER, Roles.DUTY_OFFICER, Roles.PCTP_OFFICER,
            Roles.IT_SECURITY_OFFICER, Roles.COMMANDER, Roles.AUDITOR, Roles.BOT, Roles.SYSTEM_ADMIN})
    public Me me() {
        return new Me(service, token.getName(), token.getGroups().stream().sorted().toList());
    }
}
