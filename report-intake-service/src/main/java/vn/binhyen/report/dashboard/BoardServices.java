package vn.binhyen.report.dashboard;

import vn.binhyen.report.config.ReportIntakeConfig;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jboss.logging.Logger;
import vn.binhyen.eventlog.Json;

/**
 * The boards' console's calls to group-service and moderation-service ({@link BoardApis}, REST Client
 * interfaces), made as the signed-in person: their access token from Keycloak (kept sealed with the session, refreshed when it is
 * about to end), so those services' own rules and deciders judge each read and step, and record
 * the person as its actor. Each call is bounded (2 s to connect, 5 s to answer).
 */
@ApplicationScoped
public class BoardServices {
    private static final Logger LOG = Logger.getLogger(BoardServices.class);
    static final Duration RENEW_BEFORE = Duration.ofSeconds(30);

    public enum Service { GROUP, MODERATION }

    /** A service's answer: its status and body (null when empty or not JSON). */
    public record Answer(int status, JsonNode body) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }

        /** The problem document's detail, or the status. */
        public String problem() {
            if (body != null && body.hasNonNull("detail")) {
                return body.path("detail").asText() + (body.hasNonNull("citation") ? " (" + body.path("citation").asText()
                        + ")" : "");
            }
            return "HTTP " + status;
        }
    }

    /** The session holds no usable token any more: the person signs in again. */
    public static final class SignInAgain extends RuntimeException {
        SignInAgain(String why) {
            super(why, null, false, false);
        }
    }

    /** The service, or Keycloak, did not answer. */
    public static final class Unreachable extends RuntimeException {
        Unreachable(String why) {
            super(why, null, false, false);
        }
    }

    private final Sessions sessions;
    private final OidcClient oidc;
    private final Clock clock;
    private final BoardApis.Groups groups;
    private final BoardApis.Moderation moderation;

    BoardServices(Sessions sessions, OidcClient oidc, Clock clock, ReportIntakeConfig.Console console) {
        this.sessions = sessions;
        this.oidc = oidc;
        this.clock = clock;
        this.groups = client(BoardApis.Groups.class, console.groupServiceUrl());
        this.moderation = client(BoardApis.Moderation.class, console.moderationServiceUrl());
    }

    private static <T> T client(Class<T> api, String url) {
        return QuarkusRestClientBuilder.newBuilder().baseUri(URI.create(trimmed(url)))
                .connectTimeout(2, TimeUnit.SECONDS).readTimeout(5, TimeUnit.SECONDS)
                .property("microprofile.rest.client.disable.default.mapper", true).build(api);
    }

    /** A call to group-service as the session's person: {@code call} gets the API and the Authorization header. */
    public Answer group(String cookie, BiFunction<BoardApis.Groups, String, Response> call) {
        return call(cookie, Service.GROUP, authorization -> call.apply(groups, authorization));
    }

    /** A call to moderation-service as the session's person. */
    public Answer moderation(String cookie, BiFunction<BoardApis.Moderation, String, Response> call) {
        return call(cookie, Service.MODERATION, authorization -> call.apply(moderation, authorization));
    }

    private static String trimmed(String url) {
        String u = url.strip();
        while (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        return u;
    }

    private Answer call(String cookie, Service service, Function<String, Response> call) {
        String authorization = "Bearer " + bearer(cookie);
        int status;
        String text;
        try (Response response = call.apply(authorization)) {
            status = response.getStatus();
            text = response.hasEntity() ? response.readEntity(String.class) : "";
        } catch (ProcessingException e) {
            LOG.warnf("boards' console: %s did not answer: %s", service, e.getMessage());
            throw new Unreachable(service + " did not answer: " + e.getMessage());
        }
        if (status == 401) {
            throw new SignInAgain(service + " refused the session's token");
        }
        JsonNode json = null;
        try {
            json = text.isBlank() ? null : Json.MAPPER.readTree(text);
        } catch (IOException notJson) {
            // a proxy's page, say: the status tells
        }
        return new Answer(status, json);
    }

    /** The session's access token, renewed by its refresh token when it ends within 30 s. */
    String bearer(String cookie) {
        var grant = sessions.grant(cookie).orElseThrow(() -> new SignInAgain("the session keeps no token"));
        if (grant.accessExpiresAt().isAfter(clock.instant().plus(RENEW_BEFORE))) {
            return grant.accessToken();
        }
        if (grant.refreshToken() == null) {
            throw new SignInAgain("the access token ended and there is no refresh token");
        }
        try {
            var renewed = oidc.refresh(grant.refreshToken());
            sessions.renewed(cookie, renewed);
            return renewed.accessToken();
        } catch (OidcClient.Refused e) {
            throw new SignInAgain(e.getMessage());
        } catch (OidcClient.Unavailable e) {
            throw new Unreachable(e.getMessage());
        }
    }
}
