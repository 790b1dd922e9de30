package vn.binhyen.connector.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.binhyen.connector.service.InboundWorker;
import vn.binhyen.connector.config.ConnectorConfig;
import vn.binhyen.eventlog.Json;
import vn.binhyen.eventlog.http.Problem;

/**
 * The Zalo Bot platform's webhook, one path per configured bot ({@code /webhooks/zalo-bot/<name>}):
 * its credential is {@code X-Bot-Api-Secret-Token}, the secret set with {@code setWebhook},
 * compared in constant time (a wrong or missing one is a 401 and nothing is kept). The platform's
 * events carry no timestamp to bound them by; an event already kept (by its message id) changes
 * nothing. Kept in {@code inbound_event}, answered at once, handled after, as the OA's webhooks are.
 */
@Tag(name = "Webhooks")
@Path("/webhooks/zalo-bot/{bot}")
public class ZaloBotWebhook {
    private final ConnectorConfig config;
    private final AgroalDataSource dataSource;
    private final InboundWorker worker;

    ZaloBotWebhook(ConnectorConfig config, AgroalDataSource dataSource, InboundWorker worker) {
        this.config = config;
        this.dataSource = dataSource;
        this.worker = worker;
    }

    @POST
    @PermitAll
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Receive a Zalo Bot platform webhook event for a configured bot", description = "For the "
            + "platform, not for bearer tokens: X-Bot-Api-Secret-Token, the secret set with setWebhook, is the "
            + "credential; a bot this connector does not serve is answered as a wrong secret (401). Kept once (by "
            + "its message id) and answered at once; handled after.")
    @APIResponse(responseCode = "200", description = "Kept (or kept before: duplicate)", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT,
            properties = {@SchemaProperty(name = "accepted", type = SchemaType.BOOLEAN),
                @SchemaProperty(name = "duplicate", type = SchemaType.BOOLEAN, description = "Kept before: "
                        + "this delivery changes nothing")})))
    @APIResponse(responseCode = "400", description = "The body is not one JSON object with message.message_id (type "
            + "malformed-event); nothing is kept", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "401", description = "The secret token is missing or wrong, or the bot is not one "
            + "this connector serves (type bad-secret); nothing is kept",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    public Response receive(@PathParam("bot") String name, @HeaderParam("X-Bot-Api-Secret-Token") String secret,
            byte[] raw) {
        ConnectorConfig.Bot bot = config.bot().get(name);
        if (bot == null || secret == null || !MessageDigest.isEqual(bot.secret().getBytes(StandardCharsets.UTF_8),
                secret.getBytes(StandardCharsets.UTF_8))) {
            return Problem.of("bad-secret", "Mã bí mật không hợp lệ / Bad secret token", Response.Status.UNAUTHORIZED,
                    "X-Bot-Api-Secret-Token: the secret set with setWebhook for a bot this connector serves").toResponse();
        }
        String body = new String(raw == null ? new byte[0] : raw, StandardCharsets.UTF_8);
        JsonNode event;
        try {
            event = Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            event = null;
        }
        String messageId = event == null ? "" : event.path("message").path("message_id").asText("");
        if (event == null || !event.isObject() || messageId.isEmpty()) {
            return Problem.of("malformed-event", "Sự kiện không hợp lệ / Malformed event", Response.Status.BAD_REQUEST,
                    "body: one JSON object with message.message_id").toResponse();
        }
        return ZaloOaWebhook.keepAndAnswer(dataSource, worker, "bot:" + name + ":" + messageId, "bot:" + name,
                event.path("event_name").asText(""), body, 0);
    }
}
