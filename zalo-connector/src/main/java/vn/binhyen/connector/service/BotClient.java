package vn.binhyen.connector.service;

import vn.binhyen.connector.config.ConnectorConfig;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import vn.binhyen.eventlog.Json;

/**
 * The Zalo Bot platform's API ({@code <bot-api>/bot<TOKEN>/<method>}, through {@link ZaloApis.Bot}; JSON, answered
 * {@code {ok, result}} or {@code {ok: false, error_code, description}}): it sends messages and
 * nothing else a moderator needs (no delete, no removal, no settings). A 429 or a 5xx, a
 * timeout or no connection is {@link ZaloAnswer.Kind#UNAVAILABLE}; another refusal is permanent.
 */
@ApplicationScoped
public class BotClient {
    private final ConnectorConfig config;
    private final ZaloApis.Bot api;

    BotClient(ConnectorConfig config) {
        this.config = config;
        this.api = ZaloApis.client(ZaloApis.Bot.class, config.zalo().botApiUrl(), config.zalo().timeout());
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
        ZaloApis.Exchange x = ZaloApis.exchange(() -> api.call(bot.token(), method, json));
        if (x.unanswered() != null) {
            return ZaloAnswer.unavailable("the Bot API unreachable: " + x.unanswered());
        }
        int status = x.status();
        String text = x.text();
        if (status >= 500 || status == 429) {
            return ZaloAnswer.unavailable("the Bot API answered HTTP " + status);
        }
        JsonNode answer;
        try {
            answer = Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            return ZaloAnswer.unavailable("the Bot API answered HTTP " + status + " with no JSON");
        }
        if (answer != null && answer.path("ok").asBoolean(false)) {
            return new ZaloAnswer(ZaloAnswer.Kind.OK, 0, "ok", answer.path("result"));
        }
        return new ZaloAnswer(ZaloAnswer.Kind.PERMANENT, answer == null ? status : answer.path("error_code").asInt(status),
                answer == null ? "" : answer.path("description").asText(""), null);
    }
}
