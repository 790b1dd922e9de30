package vn.binhyen.eventlog.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import org.eclipse.microprofile.jwt.JsonWebToken;
import vn.binhyen.eventlog.Actor;
import vn.binhyen.eventlog.decider.CommandHandler;

/** Who asks and under which correlation: the token's principal ({@code upn}) and role, the request's correlation id. */
public final class RequestMetadata {
    private RequestMetadata() {
    }

    /** {@code onBehalfOf}: whom the caller acts for (a bot for a member), else null. */
    public static CommandHandler.Metadata of(JsonWebToken token, ContainerRequestContext request, String onBehalfOf) {
        // every endpoint names its roles, so a caller here holds at least one; the first of Bình Yên's, alphabetically,
        // is recorded (an identity provider's token carries its own too: Keycloak's default roles, requires-otp)
        String role = token.getGroups().stream().filter(vn.binhyen.contracts.Roles.ALL::contains).sorted().findFirst()
                .orElse("UNKNOWN");
        return new CommandHandler.Metadata(new Actor(token.getName(), role, onBehalfOf),
                CorrelationIdFilter.of(request), null);
    }
}
