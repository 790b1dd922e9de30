package vn.binhyen.zalosim;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.binhyen.zalosim.Fixtures.BOT_GROUP;
import static vn.binhyen.zalosim.Fixtures.GROUP;

class BotApiTest {
    private ZaloSim sim;
    private Client client;

    @BeforeEach
    void start() {
        sim = ZaloSim.start(Fixtures.config().withBotToken("12345:sim-secret"));
        client = new Client(sim);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private Client.Answer sendMessage(String token, String chatId, String text) {
        return client.post("/bot" + token + "/sendMessage", Client.json(Map.of("chat_id", chatId, "text", text)));
    }

    @Test
    void getMeDescribesTheBot() {
        JsonNode me = client.post("/bot12345:sim-secret/getMe", "").json();
        assertThat(me.get("ok").asBoolean()).isTrue();
        assertThat(me.at("/result/id").asText()).isEqualTo("12345");
        assertThat(me.at("/result/account_name").asText()).startsWith("Bot");
        assertThat(me.at("/result/account_type").asText()).isEqualTo("BASIC");
        assertThat(me.at("/result/can_join_groups").asBoolean()).isTrue();
    }

    @Test
    void sendMessageAnswersItsMessageIdAndDateAndIsRecordedInTheOutbox() {
        Client.Answer a = sendMessage("12345:sim-secret", BOT_GROUP, "Chào cả nhà");
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.json().get("ok").asBoolean()).isTrue();
        assertThat(a.json().at("/result/message_id").asText()).isNotBlank();
        assertThat(a.json().at("/result/date").asLong()).isPositive();
        assertThat(sim.outbox(BOT_GROUP)).singleElement().satisfies(e -> {
            assertThat(e).containsEntry("call", "bot/sendMessage").containsEntry("error", 0);
            assertThat(e.get("body")).isEqualTo(Map.of("chat_id", BOT_GROUP, "text", "Chào cả nhà"));
        });
    }

    @Test
    void aTextOutside1To2000CharactersIsABadRequest() {
        JsonNode tooLong = sendMessage("12345:sim-secret", BOT_GROUP, "a".repeat(2001)).json();
        assertThat(tooLong.get("ok").asBoolean()).isFalse();
        assertThat(tooLong.get("error_code").asInt()).isEqualTo(400);
        assertThat(sendMessage("12345:sim-secret", BOT_GROUP, "").json().get("error_code").asInt()).isEqualTo(400);
        assertThat(sim.outbox(BOT_GROUP)).extracting(e -> e.get("error")).containsExactly(400, 400);
    }

    @Test
    void aWrongTokenIsUnauthorizedAndAnOaGroupIsNotABotChat() {
        assertThat(sendMessage("wrong", BOT_GROUP, "Chào").json().get("error_code").asInt()).isEqualTo(401);
        assertThat(sendMessage("12345:sim-secret", GROUP, "Chào").json().get("error_code").asInt()).isEqualTo(400);
    }
}
