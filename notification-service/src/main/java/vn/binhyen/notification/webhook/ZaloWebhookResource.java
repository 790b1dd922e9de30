package vn.binhyen.notification.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.jboss.logging.Logger;
import vn.binhyen.eventlog.Json;
import vn.binhyen.eventlog.http.Problem;
import vn.binhyen.notification.domain.ZaloSignature;

/**
 * Zalo Official Account webhooks. The signature is the authentication (Zalo cannot send our
 * bearer tokens): a missing or wrong {@code X-ZEvent-Signature} is a 401 and nothing is
 * published. Group messages ({@code user_send_group_*}) go to {@code binhyen.chat.messages},
 * keyed by group, as the screening request moderation-service reads; the answer comes once
 * the broker has the record, within Zalo's 2 seconds (503 otherwise, so Zalo sends it again).
 */
@Path("/api/v1/zalo/webhook")
public class ZaloWebhookResource {
    private static final Logger LOG = Logger.getLogger(ZaloWebhookResource.class);

    private final String appId;
    private final String oaSecretKey;
    private final Emitter<Record<String, String>> chatMessages;

    ZaloWebhookResource(@ConfigProperty(name = "binhyen.zalo.app-id") String appId,
            @ConfigProperty(name = "binhyen.zalo.oa-secret-key") String oaSecretKey,
            @Channel("chat-messages") Emitter<Record<String, String>> chatMessages) {
        this.appId = appId;
        this.oaSecretKey = oaSecretKey;
        this.chatMessages = chatMessages;
    }

    @POST
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response receive(@HeaderParam("X-ZEvent-Signature") String signature, String rawBody) {
        JsonNode event;
        try {
            event = Json.MAPPER.readTree(rawBody == null ? "" : rawBody);
        } catch (JsonProcessingException e) {
            event = null;
        }
        String timestamp = event == null ? null : event.path("timestamp").asText(null);
        if (event == null || !ZaloSignature.valid(signature, appId, rawBody, timestamp, oaSecretKey)) {
            return Problem.of("bad-signature", "Chữ ký không hợp lệ / Bad signature", Response.Status.UNAUTHORIZED,
                    "X-ZEvent-Signature must be mac=SHA-256(app id + body + timestamp + OA secret key)").toResponse();
        }
        String name = event.path("event_name").asText("");
        if (!name.startsWith("user_send_group_")) {
            return Response.ok(Map.of("accepted", false, "reason", "not a group message: " + name)).build();
        }
        Map<String, Object> request = screeningRequest(event, name, timestamp);
        try {
            chatMessages.send(Record.of((String) request.get("groupId"), Json.MAPPER.writeValueAsString(request)))
                    .toCompletableFuture().get(1500, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warnf("chat message %s not acknowledged by the broker in time", request.get("messageId"));
            return Response.status(503).build();
        } catch (Exception e) {
            LOG.warnf("chat message %s not published: %s", request.get("messageId"), e.getMessage());
            return Response.status(503).build();
        }
        return Response.ok(Map.of("accepted", true, "messageId", request.get("messageId"))).build();
    }

    /** The screening request of moderation-service, from a Zalo group event. */
    static Map<String, Object> screeningRequest(JsonNode event, String name, String timestamp) {
        JsonNode message = event.path("message");
        Map<String, Object> author = new LinkedHashMap<>();
        author.put("id", event.path("sender").path("id").asText());
        if (event.path("sender").hasNonNull("display_name")) {
            author.put("displayName", event.path("sender").path("display_name").asText());
        }
        List<Map<String, Object>> attachments = new ArrayList<>();
        List<String> links = new ArrayList<>();
        for (JsonNode a : message.path("attachments")) {
            JsonNode payload = a.path("payload");
            if ("link".equals(a.path("type").asText())) {
                links.add(payload.path("url").asText());
            } else {
                attachments.add(Map.of("name", payload.path("name").asText(payload.path("url").asText("tệp")),
                        "mimeType", a.path("type").asText(), "size", payload.path("size").asLong(0)));
            }
        }
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("groupId", event.path("recipient").path("id").asText());
        request.put("messageId", message.path("msg_id").asText());
        request.put("author", author);
        if (message.hasNonNull("text")) {
            request.put("text", message.path("text").asText());
        }
        if (!attachments.isEmpty()) {
            request.put("attachments", attachments);
        }
        if (!links.isEmpty()) {
            request.put("links", links);
        }
        request.put("postedAt", epochMillis(timestamp) ? Instant.ofEpochMilli(Long.parseLong(timestamp)).toString()
                : Instant.now().toString());
        return request;
    }

    /** 1 to 15 ASCII digits (Zalo's milliseconds since the epoch), by a loop rather than a regular expression. */
    static boolean epochMillis(String timestamp) {
        if (timestamp == null || timestamp.isEmpty() || timestamp.length() > 15) {
            return false;
        }
        for (int i = 0; i < timestamp.length(); i++) {
            char c = timestamp.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
