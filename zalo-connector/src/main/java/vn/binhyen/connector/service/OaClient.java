package vn.binhyen.connector.service;

import vn.binhyen.connector.config.ConnectorConfig;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import vn.binhyen.eventlog.Json;

/**
 * Zalo's Official Account API for groups (GMF, {@code /v3.0/oa/group/*}), authorised by the
 * {@code access_token} header, through its REST Client ({@link ZaloApis.Oa}): at most {@code callsPerSecond} calls a second per OA, all
 * instances together ({@link OaPace}), a token Zalo refuses refreshed and the call tried once more, every answer sorted
 * by kind ({@link ZaloAnswer}).
 */
@ApplicationScoped
public class OaClient {
    private final ConnectorConfig config;
    private final OaTokens tokens;
    private final ZaloApis.Oa api;
    private final OaPace pace;

    OaClient(ConnectorConfig config, OaTokens tokens, OaPace pace) {
        this.config = config;
        this.tokens = tokens;
        this.pace = pace;
        this.api = ZaloApis.client(ZaloApis.Oa.class, config.zalo().apiUrl(), config.zalo().timeout());
    }

    /** The configured OA with this id. */
    public Optional<ConnectorConfig.Oa> oa(String oaId) {
        return config.oa().values().stream().filter(o -> o.oaId().equals(oaId)).findFirst();
    }

    /** {@code POST /v3.0/oa/<call>} with a JSON body; {@code call} is {@code <area>/<name>}, as {@code group/message}. */
    public ZaloAnswer post(ConnectorConfig.Oa oa, String call, Object body) {
        String json;
        try {
            json = Json.MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
        String[] at = split(call);
        return withToken(oa, token -> api.post(at[0], at[1], token, json));
    }

    /** {@code GET /v3.0/oa/<call>?<query>}. */
    public ZaloAnswer get(ConnectorConfig.Oa oa, String call, Map<String, String> query) {
        String[] at = split(call);
        return withToken(oa, token -> api.get(at[0], at[1], token, query));
    }

    /** {@code GET /v2.0/oa/conversation}: the OA's conversation with one person, newest first, {@code count} (at most 10) from {@code offset}. */
    public ZaloAnswer conversation(ConnectorConfig.Oa oa, String userId, int offset, int count) {
        String data;
        try {
            data = Json.MAPPER.writeValueAsString(Map.of("user_id", userId, "offset", offset, "count", count));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
        return withToken(oa, token -> api.conversation(token, data));
    }

    private static String[] split(String call) {
        int slash = call.indexOf('/');
        if (slash <= 0 || slash != call.lastIndexOf('/') || slash == call.length() - 1) {
            throw new IllegalArgumentException("an OA call is <area>/<name>, not " + call);
        }
        return new String[] {call.substring(0, slash), call.substring(slash + 1)};
    }

    private ZaloAnswer withToken(ConnectorConfig.Oa oa, Function<String, Response> call) {
        String token;
        try {
            token = tokens.current(oa);
        } catch (OaTokens.TokenRefreshFailed e) {
            return ZaloAnswer.unavailable(e.getMessage());
        }
        ZaloAnswer answer = send(oa, token, call);
        if (answer.kind() == ZaloAnswer.Kind.TOKEN) {
            try {
                answer = send(oa, tokens.refused(oa, token), call);
            } catch (OaTokens.TokenRefreshFailed e) {
                return ZaloAnswer.unavailable(e.getMessage());
            }
        }
        return answer;
    }

    private ZaloAnswer send(ConnectorConfig.Oa oa, String token, Function<String, Response> call) {
        pace.await(oa.oaId());
        ZaloApis.Exchange x = ZaloApis.exchange(() -> call.apply(token));
        if (x.unanswered() != null) {
            return ZaloAnswer.unavailable("Zalo unreachable: " + x.unanswered());
        }
        int status = x.status();
        String text = x.text();
        if (status >= 500 || status == 429) {
            return ZaloAnswer.unavailable("Zalo answered HTTP " + status);
        }
        JsonNode body;
        try {
            body = Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            return ZaloAnswer.unavailable("Zalo answered HTTP " + status + " with no JSON");
        }
        return body == null ? ZaloAnswer.unavailable("Zalo answered HTTP " + status + " with no JSON") : ZaloAnswer.of(body);
    }
}
