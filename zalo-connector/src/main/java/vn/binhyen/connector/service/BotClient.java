package vn.binhyen.connector.service;

import vn.binhyen.connector.config.ConnectorConfig;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import vn.binhyen.eventlog.Json;

/**
 * The Zalo Bot platform's API ({@code <bot-api>/bot<TOKEN>/<method>}, JSON, answered
 * {@code {ok, result}} or {@code {ok: false, error_code, description}}): it sends messages and
 * nothing else a moderator needs (no delete, no removal, no settings). A 429 or a 5xx, a
 * timeout or no connection is {@link ZaloAnswer.Kind#UNAVAILABLE}; another refusal is permanent.
 */
@ApplicationScoped
public class BotClient {
    private final ConnectorConfig config;
    private final HttpClient http;

    BotClient(ConnectorConfig config) {
        this.config = config;
        this.http = HttpClient.newBuilder().connectTimeout(config.zalo().timeout()).build();
    }

    /** The configured bot of this local name. */
    public Optional<ConnectorConfig.Bot> bot(String name) {
        return Optional.ofNullable(config.bot().get(name));
    }

    /** {@code POST bot<TOKEN>/<method>} with a JSON body; {@code data} of the answer is Zalo's {@code result}. */
    public ZaloAnswer call(ConnectorConfig.Bot bot, String method, Object body) {
        String json;
        try {
            json = Json.MAPPER.writeValueAsString(body == null ? Map.of() : body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(OaTokens.trim(config.zalo().botApiUrl()) + "/bot"
                + bot.token() + "/" + method)).timeout(config.zalo().timeout()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 500 || response.statusCode() == 429) {
                return ZaloAnswer.unavailable("the Bot API answered HTTP " + response.statusCode());
            }
            JsonNode answer;
            try {
                answer = Json.MAPPER.readTree(response.body());
            } catch (JsonProcessingException e) {
                return ZaloAnswer.unavailable("the Bot API answered HTTP " + response.statusCode() + " with no JSON");
            }
            if (answer.path("ok").asBoolean(false)) {
                return new ZaloAnswer(ZaloAnswer.Kind.OK, 0, "ok", answer.path("result"));
            }
            return new ZaloAnswer(ZaloAnswer.Kind.PERMANENT, answer.path("error_code").asInt(response.statusCode()),
                    answer.path("description").asText(""), null);
        } catch (java.io.IOException e) {
            return ZaloAnswer.unavailable("the Bot API unreachable: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ZaloAnswer.unavailable("interrupted");
        }
    }
}
