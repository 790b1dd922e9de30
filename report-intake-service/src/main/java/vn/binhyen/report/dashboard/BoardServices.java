package vn.binhyen.report.dashboard;

import vn.binhyen.report.config.ReportIntakeConfig;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.jboss.logging.Logger;
import vn.binhyen.eventlog.Json;

/**
 * The boards' console's calls to group-service and moderation-service, made as the signed-in
 * person: their access token from Keycloak (kept sealed with the session, refreshed when it is
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
    private final String groupService;
    private final String moderationService;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    BoardServices(Sessions sessions, OidcClient oidc, Clock clock,
            ReportIntakeConfig.Console console) {
        String groupService = console.groupServiceUrl();
        String moderationService = console.moderationServiceUrl();
        this.sessions = sessions;
        this.oidc = oidc;
        this.clock = clock;
        this.groupService = trimmed(groupService);
        this.moderationService = trimmed(moderationService);
    }

    public Answer get(String cookie, Service service, String path) {
        return send(cookie, service, path, "GET", null, null);
    }

    /** A step; {@code ifMatch} (the version the page showed) may be null. */
    public Answer post(String cookie, Service service, String path, Object body, String ifMatch) {
        return send(cookie, service, path, "POST", body, ifMatch);
    }

    private static String trimmed(String url) {
        String u = url.strip();
        while (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        return u;
    }

    public static String enc(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private Answer send(String cookie, Service service, String path, String method, Object body, String ifMatch) {
        String bearer = bearer(cookie);
        try {
            var request = HttpRequest.newBuilder(URI.create((service == Service.GROUP ? groupService : moderationService)
                    + path)).timeout(Duration.ofSeconds(5)).header("Authorization", "Bearer " + bearer)
                    .header("Accept", "application/json");
            if (ifMatch != null) {
                request.header("If-Match", ifMatch);
            }
            if (body != null) {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(Json.MAPPER.writeValueAsString(body)));
            } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
            var response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = null;
            try {
                json = response.body().isBlank() ? null : Json.MAPPER.readTree(response.body());
            } catch (IOException notJson) {
                // a proxy's page, say: the status tells
            }
            if (response.statusCode() == 401) {
                throw new SignInAgain(service + " refused the session's token");
            }
            return new Answer(response.statusCode(), json);
        } catch (IOException e) {
            LOG.warnf("boards' console: %s did not answer %s %s: %s", service, method, path, e.getMessage());
            throw new Unreachable(service + " did not answer: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unreachable("interrupted");
        }
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
