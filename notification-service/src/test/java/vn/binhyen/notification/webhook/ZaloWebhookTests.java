package vn.binhyen.notification.webhook;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import vn.binhyen.contracts.Topics;
import vn.binhyen.eventlog.Json;
import vn.binhyen.notification.domain.ZaloSignature;
import vn.binhyen.testsupport.KafkaBrokerResource;
import vn.binhyen.testsupport.PostgresDatabaseResource;

/** Zalo OA webhooks: signed group messages reach binhyen.chat.messages; unsigned or badly signed ones nothing. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PostgresDatabaseResource.class)
class ZaloWebhookTests {
    static final String APP = "dev-app";
    static final String SECRET = "dev-oa-secret";

    static String event(String name, String group, String msgId, String text) {
        return "{\"app_id\":\"" + APP + "\",\"event_name\":\"" + name + "\",\"timestamp\":\"1795000000000\","
                + "\"sender\":{\"id\":\"zalo-user-1\",\"display_name\":\"Nguyễn Văn An\"},"
                + "\"recipient\":{\"id\":\"" + group + "\"},\"message\":{\"msg_id\":\"" + msgId + "\",\"text\":\""
                + text + "\"}}";
    }

    static io.restassured.response.ValidatableResponse post(String body, String signature) {
        var spec = given().contentType("application/json").body(body);
        if (signature != null) {
            spec = spec.header("X-ZEvent-Signature", signature);
        }
        return spec.post("/api/v1/zalo/webhook").then();
    }

    @Test
    void signedGroupMessages_arePublishedForScreening_badOrMissingSignaturesAre401_andNothingIsPublished()
            throws Exception {
        String group = "zalo-group-" + UUID.randomUUID();
        String good = event("user_send_group_text", group, "msg-1", "Xin chào bà con khu phố");
        post(good, "mac=" + ZaloSignature.mac(APP, good, "1795000000000", SECRET)).statusCode(200)
                .body("accepted", equalTo(true));

        String forged = event("user_send_group_text", group, "msg-2", "Tin giả");
        post(forged, "mac=" + ZaloSignature.mac(APP, forged, "1795000000000", "wrong-secret")).statusCode(401)
                .body("status", equalTo(401));
        post(forged, null).statusCode(401);
        String tampered = good.replace("Xin chào", "Xin chao");
        post(tampered, "mac=" + ZaloSignature.mac(APP, good, "1795000000000", SECRET)).statusCode(401);
        String follow = event("follow", group, "msg-3", "");
        post(follow, "mac=" + ZaloSignature.mac(APP, follow, "1795000000000", SECRET)).statusCode(200)
                .body("accepted", equalTo(false));

        List<ConsumerRecord<String, String>> seen = new ArrayList<>();
        Properties p = new Properties();
        p.put("bootstrap.servers", ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        p.putAll(vn.binhyen.testsupport.KafkaPrincipals.clientSettings(vn.binhyen.testsupport.KafkaPrincipals.ADMIN));
        p.put("group.id", "test-" + UUID.randomUUID());
        p.put("auto.offset.reset", "earliest");
        try (var consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.CHAT_MESSAGES));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
                return seen.stream().anyMatch(r -> group.equals(r.key()));
            });
            // what was refused never arrives: poll a little longer for anything else of this group
            consumer.poll(Duration.ofMillis(500)).forEach(seen::add);
        }
        var ours = seen.stream().filter(r -> group.equals(r.key())).toList();
        assertThat(ours).hasSize(1);
        var request = Json.MAPPER.readTree(ours.getFirst().value());
        assertThat(request.path("messageId").asText()).isEqualTo("msg-1");
        assertThat(request.path("author").path("displayName").asText()).isEqualTo("Nguyễn Văn An");
        assertThat(request.path("text").asText()).isEqualTo("Xin chào bà con khu phố");
    }
}
