package vn.binhyen.connector.service;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Zalo's HTTP APIs as MicroProfile REST Client interfaces (Quarkus REST Client): the OA's group and
 * message calls, the OAuth token endpoint and the Bot API. Each answer is read as a {@link Response}
 * whatever its status (the default exception mapper is off), because Zalo's refusals are sorted by
 * their JSON error codes ({@link ZaloAnswer}), not by HTTP status.
 */
public final class ZaloApis {
    private ZaloApis() {
    }

    /**
     * The OA's API, by its access token: {@code /v3.0/oa/<area>/<call>} (GMF's {@code group/*} and
     * {@code message/cs}) and {@code /v2.0/oa/conversation} (the OA's conversation with one person).
     */
    @Path("/")
    @RegisterRestClient
    public interface Oa {
        @POST
        @Path("/v3.0/oa/{area}/{call}")
        @Consumes(MediaType.APPLICATION_JSON)
        @Produces(MediaType.APPLICATION_JSON)
        Response post(@PathParam("area") String area, @PathParam("call") String call,
                @HeaderParam("access_token") String token, String json);

        @GET
        @Path("/v3.0/oa/{area}/{call}")
        @Produces(MediaType.APPLICATION_JSON)
        Response get(@PathParam("area") String area, @PathParam("call") String call,
                @HeaderParam("access_token") String token, @RestQuery Map<String, String> query);

        /** {@code data}: the v2 call's parameters as one JSON object ({@code user_id, offset, count}). */
        @GET
        @Path("/v2.0/oa/conversation")
        @Produces(MediaType.APPLICATION_JSON)
        Response conversation(@HeaderParam("access_token") String token, @RestQuery("data") String data);
    }

    /** {@code <oauth>/v4/oa/access_token}: a single-use refresh token for a new access token. */
    @Path("/v4/oa")
    @RegisterRestClient
    public interface OAuth {
        @POST
        @Path("/access_token")
        @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
        @Produces(MediaType.APPLICATION_JSON)
        Response refresh(@HeaderParam("secret_key") String secretKey, @FormParam("app_id") String appId,
                @FormParam("grant_type") String grantType, @FormParam("refresh_token") String refreshToken);
    }

    /** {@code <bot-api>/bot<TOKEN>/<method>}: the Zalo Bot platform's Telegram-like API. */
    @Path("/")
    @RegisterRestClient
    public interface Bot {
        @POST
        @Path("/bot{token}/{method}")
        @Consumes(MediaType.APPLICATION_JSON)
        @Produces(MediaType.APPLICATION_JSON)
        Response call(@PathParam("token") String token, @PathParam("method") String method, String json);
    }

    /** A client of {@code api} at {@code baseUrl}, waiting at most {@code timeout} to connect and to be answered. */
    static <T> T client(Class<T> api, String baseUrl, Duration timeout) {
        return QuarkusRestClientBuilder.newBuilder().baseUri(URI.create(OaTokens.trim(baseUrl)))
                .connectTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .property("microprofile.rest.client.disable.default.mapper", true)
                .build(api);
    }

    /**
     * One call's answer: its status and body (read whole: Zalo's answers are small JSON documents), or,
     * when nothing answered (no connection, a timeout, an answer cut off), {@code unanswered} saying why.
     */
    record Exchange(int status, String text, String unanswered) {
    }

    /** Makes the call and reads its answer; a failure of the exchange itself is an {@link Exchange} too. */
    static Exchange exchange(java.util.function.Supplier<Response> call) {
        try (Response response = call.get()) {
            return new Exchange(response.getStatus(), response.hasEntity() ? response.readEntity(String.class) : "", null);
        } catch (ProcessingException e) {
            return new Exchange(0, "", e.getClass().getSimpleName() + " " + redacted(String.valueOf(e.getMessage())));
        }
    }

    /**
     * A failure's message without the Bot API's token: Vert.x names the request's path in a timeout
     * ({@code … POST /bot<TOKEN>/sendMessage …}), and the message is kept in {@code outbound_action}.
     */
    static String redacted(String message) {
        StringBuilder out = new StringBuilder(message.length());
        int from = 0;
        for (int at = message.indexOf("/bot", from); at >= 0; at = message.indexOf("/bot", from)) {
            int end = at + 4;
            while (end < message.length() && message.charAt(end) != '/' && !Character.isWhitespace(message.charAt(end))) {
                end++;
            }
            out.append(message, from, at).append("/bot***");
            from = end;
        }
        return out.append(message.substring(from)).toString();
    }
}
