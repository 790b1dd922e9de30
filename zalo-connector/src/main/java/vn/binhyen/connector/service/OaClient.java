package vn.binhyen.connector.service;

import vn.binhyen.connector.config.ConnectorConfig;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import vn.binhyen.eventlog.Json;

/**
 * Zalo's Official Account API for groups (GMF, {@code /v3.0/oa/group/*}), authorised by the
 * {@code access_token} header: at most {@code callsPerSecond} calls a second per OA, all
 * instances together ({@link OaPace}), a token Zalo refuses refreshed and the call tried once more, every answer sorted
 * by kind ({@link ZaloAnswer}).
 */
@ApplicationScoped
public class OaClient {
    private final ConnectorConfig config;
    private final OaTokens tokens;
    private final HttpClient http;
    private final OaPace pace;

    OaClient(ConnectorConfig config, OaTokens tokens, OaPace pace) {
        this.config = config;
        this.tokens = tokens;
        this.pace = pace;
        this.http = HttpClient.newBuilder().connectTimeout(config.zalo().timeout()).build();
    }

    /** The configured OA with this id. */
    public Optional<ConnectorConfig.Oa> oa(String oaId) {
        return config.oa().values().stream().filter(o -> o.oaId().equals(oaId)).findFirst();
    }

    /** {@code POST /v3.0/oa/<call>} with a JSON body. */
    public ZaloAnswer post(ConnectorConfig.Oa oa, String call, Object body) {
        String json;
        try {
            json = Json.MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
        return withToken(oa, token -> HttpRequest.newBuilder(uri(call, Map.of())).timeout(config.zalo().timeout())
                .header("access_token", token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** {@code GET /v3.0/oa/<call>?<query>}. */
    public ZaloAnswer get(ConnectorConfig.Oa oa, String call, Map<String, String> query) {
        return withToken(oa, token -> HttpRequest.newBuilder(uri(call, query)).timeout(config.zalo().timeout())
                .header("access_token", token).GET().build());
    }

    private URI uri(String call, Map<String, String> query) {
        String q = query.isEmpty() ? "" : "?" + query.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
        return URI.create(OaTokens.trim(config.zalo().apiUrl()) + "/v3.0/oa/" + call + q);
    }

    private ZaloAnswer withToken(ConnectorConfig.Oa oa, java.util.function.Function<String, HttpRequest> request) {
        String token;
        try {
            token = tokens.current(oa);
        } catch (OaTokens.TokenRefreshFailed e) {
            return ZaloAnswer.unavailable(e.getMessage());
        }
        ZaloAnswer answer = send(oa, request.apply(token));
        if (answer.kind() == ZaloAnswer.Kind.TOKEN) {
            try {
                answer = send(oa, request.apply(tokens.refused(oa, token)));
            } catch (OaTokens.TokenRefreshFailed e) {
                return ZaloAnswer.unavailable(e.getMessage());
            }
        }
        return answer;
    }

    private ZaloAnswer send(ConnectorConfig.Oa oa, HttpRequest request) {
        pace.await(oa.oaId());
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 500 || response.statusCode() == 429) {
                return ZaloAnswer.unavailable("Zalo answered HTTP " + response.statusCode());
            }
            JsonNode body;
            try {
                body = Json.MAPPER.readTree(response.body());
            } catch (JsonProcessingException e) {
                return ZaloAnswer.unavailable("Zalo answered HTTP " + response.statusCode() + " with no JSON");
            }
            return ZaloAnswer.of(body);
        } catch (java.io.IOException e) {
            return ZaloAnswer.unavailable("Zalo unreachable: " + e.getClass().getSimpleName() + " " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ZaloAnswer.unavailable("interrupted");
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
