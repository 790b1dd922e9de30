package vn.binhyen.zalosim;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.binhyen.zalosim.Fixtures.BOT_GROUP;
import static vn.binhyen.zalosim.Fixtures.GROUP;
import static vn.binhyen.zalosim.Fixtures.MEMBER;

class WebhookDeliveryTest {
    private Receiver receiver;
    private ZaloSim sim;
    private Client client;

    @BeforeEach
    void start() throws Exception {
        receiver = new Receiver();
        sim = ZaloSim.start(Fixtures.config().withAppId("app-123").withSecretKey("khóa-bí-mật"));
        sim.webhookUrl(receiver.url());
        client = new Client(sim);
    }

    @AfterEach
    void stop() {
        sim.close();
        receiver.close();
    }

    /** SHA-256 computed here on its own, not with the simulator's ZaloSignature. */
    private static String sha256Hex(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void signatureIsSha256OfAppIdBodyTimestampAndSecretKey() throws Exception {
        sim.sendGroupMessage(GROUP, MEMBER, "Xin chào cả tổ");
        Receiver.Received r = receiver.next();
        String timestamp = Client.MAPPER.readTree(r.body()).get("timestamp").asText();

        assertThat(r.header("X-ZEvent-Signature"))
                .isEqualTo("mac=" + sha256Hex("app-123" + r.text() + timestamp + "khóa-bí-mật"));
        assertThat(r.header("X-ZEvent-Signature")).isEqualTo("mac=" + ZaloSignature.mac("app-123", r.text(), timestamp, "khóa-bí-mật"));
        assertThat(r.header("num_retry")).isNull();
    }

    @Test
    void groupTextWebhookHasZalosFieldsInZalosOrderWithoutDisplayName() throws Exception {
        String msgId = client.post("/sim/groups/" + GROUP + "/messages",
                Client.json(Map.of("userId", MEMBER, "text", "Mai họp tổ lúc 19 giờ"))).json().get("msgId").asText();
        JsonNode body = Client.MAPPER.readTree(receiver.next().body());

        assertThat(fieldNames(body)).containsExactly("app_id", "user_id_by_app", "event_name", "timestamp", "sender", "recipient", "message");
        assertThat(body.get("app_id").asText()).isEqualTo("app-123");
        assertThat(body.get("event_name").asText()).isEqualTo("user_send_group_text");
        assertThat(body.get("timestamp").isTextual()).isTrue();
        assertThat(Long.parseLong(body.get("timestamp").asText())).isPositive();
        assertThat(fieldNames(body.get("sender"))).containsExactly("id");
        assertThat(body.at("/sender/id").asText()).isEqualTo(MEMBER);
        assertThat(body.at("/recipient/id").asText()).isEqualTo(GROUP);
        assertThat(body.at("/message/msg_id").asText()).isEqualTo(msgId);
        assertThat(body.at("/message/text").asText()).isEqualTo("Mai họp tổ lúc 19 giờ");
    }

    @Test
    void aLoneUrlIsDeliveredAsUserSendGroupLink() throws Exception {
        sim.sendGroupMessage(GROUP, MEMBER, "https://binhyen.vn/thong-bao?id=7");
        JsonNode body = Client.MAPPER.readTree(receiver.next().body());
        assertThat(body.get("event_name").asText()).isEqualTo("user_send_group_link");
        assertThat(body.at("/message/attachments/0/type").asText()).isEqualTo("link");
        assertThat(body.at("/message/attachments/0/payload/url").asText()).isEqualTo("https://binhyen.vn/thong-bao?id=7");

        sim.sendGroupMessage(GROUP, MEMBER, "https://binhyen.vn xem nhé");
        assertThat(Client.MAPPER.readTree(receiver.next().body()).get("event_name").asText()).isEqualTo("user_send_group_text");
    }

    @Test
    void joinAndLeaveDeliverUserJoinGroupAndUserOutGroupWithOaIdAndNoMessage() throws Exception {
        Client.Answer joined = client.post("/sim/groups/" + GROUP + "/joins", Client.json(Map.of("userId", "u-new", "name", "Phạm Thị Dung")));
        assertThat(joined.status()).isEqualTo(202);
        Receiver.Received r = receiver.next();
        JsonNode join = Client.MAPPER.readTree(r.body());
        assertThat(join.get("event_name").asText()).isEqualTo("user_join_group");
        assertThat(join.get("oa_id").asText()).isEqualTo("sim-oa");
        assertThat(join.at("/sender/id").asText()).isEqualTo("u-new");
        assertThat(join.at("/recipient/id").asText()).isEqualTo(GROUP);
        assertThat(join.has("message")).isFalse();
        assertThat(r.header("X-ZEvent-Signature"))
                .isEqualTo("mac=" + sha256Hex("app-123" + r.text() + join.get("timestamp").asText() + "khóa-bí-mật"));
        assertThat(client.get("/sim/groups").json().get(0).get("members").findValuesAsText("userId")).contains("u-new");

        assertThat(client.post("/sim/groups/" + GROUP + "/leaves", Client.json(Map.of("userId", "u-new"))).status()).isEqualTo(202);
        JsonNode out = Client.MAPPER.readTree(receiver.next().body());
        assertThat(out.get("event_name").asText()).isEqualTo("user_out_group");
        assertThat(out.at("/sender/id").asText()).isEqualTo("u-new");
        assertThat(client.get("/sim/groups").json().get(0).get("members").findValuesAsText("userId")).doesNotContain("u-new");
    }

    @Test
    void redeliveryIsByteIdenticalWithNumRetryIncrementedAndAnswersTheReceiversStatus() throws Exception {
        String msgId = sim.sendGroupMessage(GROUP, MEMBER, "Có ai thấy con mèo vàng không?");
        Receiver.Received first = receiver.next();
        awaitDeliveries(1);

        receiver.status.set(500);
        Client.Answer again = client.post("/sim/webhooks/" + msgId + "/redelivery", "");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("status").asInt()).isEqualTo(500);
        Receiver.Received second = receiver.next();

        receiver.status.set(200);
        assertThat(sim.redeliver(msgId)).isEqualTo(200);
        Receiver.Received third = receiver.next();

        assertThat(second.body()).isEqualTo(first.body());
        assertThat(third.body()).isEqualTo(first.body());
        assertThat(second.header("X-ZEvent-Signature")).isEqualTo(first.header("X-ZEvent-Signature"));
        assertThat(second.header("num_retry")).isEqualTo("1");
        assertThat(third.header("num_retry")).isEqualTo("2");

        List<Map<String, Object>> deliveries = sim.webhooks();
        assertThat(deliveries).extracting(d -> d.get("msgId")).containsOnly(msgId);
        assertThat(deliveries).extracting(d -> d.get("status")).containsExactly(200, 500, 200);
        assertThat(deliveries).extracting(d -> d.get("numRetry")).containsExactly(0, 1, 2);
        assertThat(client.get("/sim/webhooks").json().get(1).get("status").asInt()).isEqualTo(500);
        assertThat(client.get("/sim/stats").json().get("webhooksDelivered").asInt()).isEqualTo(2);
    }

    @Test
    void redeliveryOfAnUnknownIdIs404() {
        assertThat(client.post("/sim/webhooks/no-such-msg/redelivery", "").status()).isEqualTo(404);
        assertThatThrownBy(() -> sim.redeliver("no-such-msg")).isInstanceOf(ZaloSim.SimException.class);
    }

    @Test
    void withoutAWebhookUrlTheDeliveryIsRecordedWithStatus0() throws Exception {
        sim.webhookUrl(null);
        String msgId = sim.sendGroupMessage(GROUP, MEMBER, "Không ai nghe");
        Map<String, Object> delivery = awaitDeliveries(1).getFirst();
        assertThat(delivery).containsEntry("msgId", msgId).containsEntry("status", 0).containsEntry("numRetry", 0);
    }

    @Test
    void withAutoRetryAFailedDeliveryIsRetriedWithNumRetry() throws Exception {
        try (Receiver failing = new Receiver(); ZaloSim retrying = ZaloSim.start(Fixtures.config().withAutoRetry(true))) {
            failing.status.set(503);
            retrying.webhookUrl(failing.url());
            retrying.sendGroupMessage(GROUP, MEMBER, "Thử lại nhé");
            Receiver.Received first = failing.next();
            failing.status.set(200);
            Receiver.Received retry = failing.next(); // after 1 s, Zalo's schedule compressed
            assertThat(retry.body()).isEqualTo(first.body());
            assertThat(retry.header("num_retry")).isEqualTo("1");
        }
    }

    @Test
    void botGroupMessagesGoToTheBotWebhookWithTheSecretTokenHeader() throws Exception {
        try (Receiver bot = new Receiver()) {
            sim.botWebhookUrl(bot.url());
            String msgId = sim.sendGroupMessage(BOT_GROUP, MEMBER, "Chào bot");
            Receiver.Received r = bot.next();
            assertThat(r.header("X-Bot-Api-Secret-Token")).isEqualTo("sim-bot-secret");
            JsonNode body = Client.MAPPER.readTree(r.body());
            assertThat(body.get("event_name").asText()).isEqualTo("message.text.received");
            assertThat(body.at("/message/message_id").asText()).isEqualTo(msgId);
            assertThat(body.at("/message/from/id").asText()).isEqualTo(MEMBER);
            assertThat(body.at("/message/from/display_name").asText()).isEqualTo("Trần Thị Bình");
            assertThat(body.at("/message/from/is_bot").asBoolean(true)).isFalse();
            assertThat(body.at("/message/chat/id").asText()).isEqualTo(BOT_GROUP);
            assertThat(body.at("/message/chat/chat_type").asText()).isEqualTo("GROUP");
            assertThat(body.at("/message/text").asText()).isEqualTo("Chào bot");
            assertThat(body.at("/message/date").isNumber()).isTrue();
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Polls the recorded deliveries until there are {@code n}, for at most 5 s. */
    private List<Map<String, Object>> awaitDeliveries(int n) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline) {
            List<Map<String, Object>> d = sim.webhooks();
            if (d.size() >= n) return d;
            Thread.sleep(5);
        }
        throw new AssertionError(n + " deliveries not recorded within 5 s: " + sim.webhooks());
    }
}
