package vn.binhyen.connector.rest;

import vn.binhyen.connector.service.ZaloEvents;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;
import vn.binhyen.connector.service.InboundWorker;
import vn.binhyen.connector.config.ConnectorConfig;
import vn.binhyen.eventlog.Json;
import vn.binhyen.eventlog.http.Problem;

/**
 * Zalo Official Account webhooks (the group message framework's events). Zalo cannot send our
 * bearer tokens: its signature is the credential, {@code X-ZEvent-Signature: mac=} SHA-256 of
 * the app id, the raw body, the body's timestamp and the OA's secret key, one secret per OA
 * (several OAs, told apart by the body's {@code app_id} and then by whose secret signed it). A
 * bad signature, or a timestamp outside the window, is a 401 and nothing is kept. A good one is
 * written to {@code inbound_event} and answered 200 at once: handling comes after, so a slow or
 * absent Kafka never costs Zalo's retries (Zalo switches a webhook off after five). An event
 * already kept (a redelivery, {@code num_retry}; a replay) is answered 200 and changes nothing.
 */
@Tag(name = "Webhooks")
@Path("/webhooks/zalo-oa")
public class ZaloOaWebhook {
    private static final Logger LOG = Logger.getLogger(ZaloOaWebhook.class);

    private final ConnectorConfig config;
    private final AgroalDataSource dataSource;
    private final Clock clock;
    private final InboundWorker worker;

    ZaloOaWebhook(ConnectorConfig config, AgroalDataSource dataSource, Clock clock, InboundWorker worker) {
        this.config = config;
        this.dataSource = dataSource;
        this.clock = clock;
        this.worker = worker;
    }

    @POST
    @PermitAll
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Receive a Zalo Official Account webhook event", description = "For Zalo, not for bearer "
            + "tokens: X-ZEvent-Signature (mac=SHA-256 of the app id, the raw body, its timestamp and the OA's secret "
            + "key) is the credential. Kept once and answered at once; handled after.")
    @APIResponse(responseCode = "200", description = "Kept (or kept before: duplicate)", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT,
            properties = {@SchemaProperty(name = "accepted", type = SchemaType.BOOLEAN),
                @SchemaProperty(name = "duplicate", type = SchemaType.BOOLEAN, description = "Kept before: "
                        + "this delivery changes nothing")})))
    @APIResponse(responseCode = "400", description = "The body is not one JSON object (type malformed-event); "
            + "nothing is kept", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "401", description = "The signature is missing or is no configured OA's (type "
            + "bad-signature), or the event's timestamp is outside the window (type stale-event); nothing is kept",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    public Response receive(@HeaderParam("X-ZEvent-Signature") String signature,
            @HeaderParam("num_retry") String numRetry, byte[] raw) {
        String body = new String(raw == null ? new byte[0] : raw, StandardCharsets.UTF_8);
        JsonNode event;
        try {
            event = Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            event = null;
        }
        if (event == null || !event.isObject()) {
            return Problem.of("malformed-event", "Sự kiện không hợp lệ / Malformed event", Response.Status.BAD_REQUEST,
                    "body: a Zalo webhook event is one JSON object").toResponse();
        }
        String timestamp = event.path("timestamp").asText(null);
        String appId = event.path("app_id").asText("");
        ConnectorConfig.Oa oa = null;
        for (ConnectorConfig.Oa candidate : config.oa().values()) {
            if (candidate.appId().equals(appId)
                    && ZaloSignature.valid(signature, appId, body, timestamp, candidate.secretKey())) {
                oa = candidate;
                break;
            }
        }
        if (oa == null) {
            return Problem.of("bad-signature", "Chữ ký không hợp lệ / Bad signature", Response.Status.UNAUTHORIZED,
                    "X-ZEvent-Signature: mac=SHA-256(app id + body + timestamp + the OA's secret key) of an OA "
                            + "this connector serves").toResponse();
        }
        Instant at = ZaloEvents.epochMillisOf(timestamp);
        Instant now = clock.instant();
        if (at == null || at.isBefore(now.minus(config.webhook().maxAge()))
                || at.isAfter(now.plus(config.webhook().maxSkew()))) {
            return Problem.of("stale-event", "Sự kiện quá hạn / Event outside its time window",
                    Response.Status.UNAUTHORIZED, "timestamp: within " + config.webhook().maxAge()
                            + " before this host's clock and " + config.webhook().maxSkew() + " after it").toResponse();
        }
        String name = event.path("event_name").asText("");
        String key = key(oa.oaId(), name, event, body);
        return keepAndAnswer(dataSource, worker, key, oa.oaId(), name, body, retries(numRetry));
    }

    /**
     * Keeps a platform's event (once) and answers its platform at once: 200, {@code duplicate}
     * when it was kept before; 503 only when the database cannot take it (the platform sends it
     * again). A new event wakes the worker that handles it.
     */
    static Response keepAndAnswer(AgroalDataSource dataSource, InboundWorker worker, String key, String source,
            String name, String body, int numRetry) {
        boolean fresh;
        try {
            fresh = keep(dataSource, key, source, name, body, numRetry);
        } catch (SQLException e) {
            // the one thing that must work for Zalo to be answered: without the database nothing can be kept
            LOG.errorf("webhook %s not kept: %s", key, e.getMessage());
            return Response.status(503).build();
        }
        if (fresh) {
            worker.wake();
        }
        return Response.ok(fresh ? KEPT : KEPT_BEFORE, MediaType.APPLICATION_JSON_TYPE).build();
    }

    /*
     * The two answers a kept event gets, written once: serialising a map per request through the JSON writer
     * cost the webhook as much CPU as keeping the event (a flight recording of bin/bench connector, 12-04).
     */
    private static final byte[] KEPT = "{\"accepted\":true,\"duplicate\":false}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] KEPT_BEFORE = "{\"accepted\":true,\"duplicate\":true}".getBytes(StandardCharsets.UTF_8);

    /**
     * What makes two deliveries the same event: the message's id for a message, per OA (Zalo's
     * redelivery and a replay carry it); for the others, which have no id, the event's name and
     * the SHA-256 of its body (a redelivery is the same body, byte for byte).
     */
    static String key(String oaId, String name, JsonNode event, String body) {
        String msgId = event.path("message").path("msg_id").asText("");
        if (!msgId.isEmpty()) {
            return "msg:" + oaId + ":" + msgId;
        }
        return "event:" + oaId + ":" + name + ":" + vn.binhyen.connector.domain.Digest.hex(body, 32);
    }

    /** Keeps a platform's event once; false when its key was kept before. */
    static boolean keep(AgroalDataSource dataSource, String key, String oaId, String name, String body, int numRetry)
            throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("insert into inbound_event (event_key, oa_id, event_name, "
                        + "body, num_retry) values (?, ?, ?, ?, ?) on conflict (event_key) do nothing")) {
            ps.setString(1, key);
            ps.setString(2, oaId);
            ps.setString(3, name.length() > 100 ? name.substring(0, 100) : name);
            ps.setString(4, body);
            ps.setInt(5, numRetry);
            return ps.executeUpdate() == 1;
        }
    }

    private static int retries(String header) {
        if (header == null || header.isBlank() || header.length() > 3) {
            return 0;
        }
        try {
            return Integer.parseInt(header.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
