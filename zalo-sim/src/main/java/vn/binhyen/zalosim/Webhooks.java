package vn.binhyen.zalosim;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The webhooks members' actions make: built once (their bytes and headers kept for redelivery), then
 * delivered in order, one at a time, on a virtual thread; retried only when {@code autoRetry} is on.
 */
final class Webhooks implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final int MAX_RETRIES = 5;

    /** A webhook as built: the exact bytes and headers every delivery sends again. */
    private record Stored(String id, String idField, String event, boolean bot, byte[] body,
                          Map<String, String> headers, AtomicInteger retries) {
    }

    private final SimState state;
    private final Map<String, Stored> byId = new ConcurrentHashMap<>();
    private final List<Map<String, Object>> deliveries = new ArrayList<>();
    private volatile ExecutorService inOrder = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("zalo-sim-webhooks").factory());

    /**
     * How many webhooks may be in flight at once: 1 (the default) delivers in order, one at a time,
     * which tests that follow a sequence rely on; Zalo itself sends each event as it happens, without
     * waiting for the previous one's answer, so a load test sets more.
     */
    synchronized void concurrency(int n) {
        if (n < 1) throw new IllegalArgumentException("webhook concurrency: at least 1");
        ExecutorService old = inOrder;
        inOrder = n == 1 ? Executors.newSingleThreadExecutor(Thread.ofVirtual().name("zalo-sim-webhooks").factory())
                : Executors.newFixedThreadPool(n, Thread.ofVirtual().name("zalo-sim-webhooks-", 0).factory());
        old.shutdown(); // what it holds is still delivered
    }
    private final ScheduledExecutorService retryTimer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "zalo-sim-webhook-retries");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    Webhooks(SimState state) {
        this.state = state;
    }

    /** A member's text (or, for a lone http(s) URL, link) message; returns its msg_id. */
    String memberMessage(String zaloGroupId, String userId, String text) {
        if (userId == null || userId.isBlank()) throw new ZaloSim.SimException(400, "userId is required");
        if (text == null || text.isEmpty()) throw new ZaloSim.SimException(400, "text is required");
        ZaloSim.Member member;
        boolean bot;
        synchronized (state) {
            SimState.GroupState g = requireGroup(zaloGroupId);
            member = g.members.get(userId);
            if (member == null) throw new ZaloSim.SimException(422, userId + " is not a member of " + zaloGroupId);
            if (g.lockSendMsg && !member.admin()) {
                throw new ZaloSim.SimException(409, zaloGroupId + " is locked (lock_send_msg): only admins may send");
            }
            bot = g.bot();
        }
        String msgId = Zalo.newId();
        long now = state.now().toEpochMilli();
        synchronized (state) {
            requireGroup(zaloGroupId).chat.add(Json.object().put("message_id", msgId).put("src", 1).put("from_id", userId)
                    .put("message", text).put("time", now));
        }
        if (bot) {
            ObjectNode body = Json.object().put("event_name", "message.text.received");
            ObjectNode message = body.putObject("message").put("message_id", msgId);
            message.putObject("from").put("id", userId).put("display_name", member.name()).put("is_bot", false);
            message.putObject("chat").put("id", zaloGroupId).put("chat_type", "GROUP");
            message.put("text", text).put("date", now);
            submit(new Stored(msgId, "msgId", "message.text.received", true, Json.bytes(body),
                    Map.of("X-Bot-Api-Secret-Token", state.config.botSecret()), new AtomicInteger()));
            return msgId;
        }
        boolean link = isLink(text);
        String event = link ? "user_send_group_link" : "user_send_group_text";
        ObjectNode body = oaEnvelope(event, userId, zaloGroupId, now, false);
        ObjectNode message = body.putObject("message").put("msg_id", msgId);
        if (link) {
            message.putArray("attachments").addObject().put("type", "link").putObject("payload").put("url", text);
        } else {
            message.put("text", text);
        }
        submit(signed(msgId, "msgId", event, body, Long.toString(now)));
        return msgId;
    }

    /** A user joins (added as a member); delivers {@code user_join_group} for OA groups. */
    String join(String zaloGroupId, String userId, String name) {
        if (userId == null || userId.isBlank()) throw new ZaloSim.SimException(400, "userId is required");
        boolean bot;
        synchronized (state) {
            SimState.GroupState g = requireGroup(zaloGroupId);
            if (g.members.containsKey(userId)) throw new ZaloSim.SimException(409, userId + " is already a member of " + zaloGroupId);
            g.members.put(userId, new ZaloSim.Member(userId, name, false));
            bot = g.bot();
        }
        return memberEvent("user_join_group", zaloGroupId, userId, bot);
    }

    /** A member leaves; delivers {@code user_out_group} for OA groups. */
    String leave(String zaloGroupId, String userId) {
        if (userId == null || userId.isBlank()) throw new ZaloSim.SimException(400, "userId is required");
        boolean bot;
        synchronized (state) {
            SimState.GroupState g = requireGroup(zaloGroupId);
            if (g.members.remove(userId) == null) throw new ZaloSim.SimException(422, userId + " is not a member of " + zaloGroupId);
            bot = g.bot();
        }
        return memberEvent("user_out_group", zaloGroupId, userId, bot);
    }

    private String memberEvent(String event, String zaloGroupId, String userId, boolean bot) {
        String eventId = Zalo.newId();
        if (bot) return eventId; // the Bot API has no join/leave webhook: membership changes, nothing is sent
        long now = state.now().toEpochMilli();
        submit(signed(eventId, "eventId", event, oaEnvelope(event, userId, zaloGroupId, now, true), Long.toString(now)));
        return eventId;
    }

    /** Delivers the webhook again, now, byte for byte, with num_retry one higher; the receiver's status. */
    int redeliver(String id) {
        Stored s = id == null ? null : byId.get(id);
        if (s == null) throw new ZaloSim.SimException(404, "no webhook for " + id);
        return attempt(s, s.retries().incrementAndGet());
    }

    List<Map<String, Object>> deliveries() {
        synchronized (deliveries) {
            List<Map<String, Object>> copy = new ArrayList<>(deliveries.size());
            deliveries.forEach(d -> copy.add(new LinkedHashMap<>(d)));
            return copy;
        }
    }

    @Override
    public void close() {
        inOrder.shutdownNow();
        retryTimer.shutdownNow();
        http.shutdownNow();
    }

    // --- building ---

    private ObjectNode oaEnvelope(String event, String userId, String zaloGroupId, long now, boolean withOaId) {
        ObjectNode body = Json.object().put("app_id", state.config.appId());
        if (withOaId) body.put("oa_id", state.config.oaId());
        body.put("user_id_by_app", Zalo.userIdByApp(state.config.appId(), userId))
                .put("event_name", event)
                .put("timestamp", Long.toString(now));
        body.putObject("sender").put("id", userId);
        body.putObject("recipient").put("id", zaloGroupId);
        return body;
    }

    private Stored signed(String id, String idField, String event, ObjectNode body, String timestamp) {
        byte[] bytes = Json.bytes(body);
        String mac = ZaloSignature.headerValue(state.config.appId(), new String(bytes, StandardCharsets.UTF_8),
                timestamp, state.config.secretKey());
        return new Stored(id, idField, event, false, bytes, Map.of(ZaloSignature.HEADER, mac), new AtomicInteger());
    }

    static boolean isLink(String text) {
        if (!text.startsWith("http://") && !text.startsWith("https://")) return false;
        return text.codePoints().noneMatch(Character::isWhitespace);
    }

    private SimState.GroupState requireGroup(String zaloGroupId) {
        SimState.GroupState g = state.group(zaloGroupId);
        if (g == null) throw new ZaloSim.SimException(404, "unknown group " + zaloGroupId);
        return g;
    }

    // --- delivering ---

    private void submit(Stored s) {
        byId.put(s.id(), s);
        inOrder.execute(() -> {
            int status = attempt(s, 0);
            if (status != 200) retryLater(s, 1);
        });
    }

    private void retryLater(Stored s, int retry) {
        if (!state.config.autoRetry() || retry > MAX_RETRIES || retryTimer.isShutdown()) return;
        long delaySeconds = 1L << (retry - 1); // 1, 2, 4, 8, 16 s: Zalo's schedule, compressed
        try {
            retryTimer.schedule(() -> Thread.ofVirtual().name("zalo-sim-webhook-retry").start(() -> {
                if (attempt(s, s.retries().incrementAndGet()) != 200) retryLater(s, retry + 1);
            }), delaySeconds, TimeUnit.SECONDS);
        } catch (RejectedExecutionException closing) {
            // the simulator was closed meanwhile: no more retries
        }
    }

    /** One POST to the current webhook URL; records and returns its status (0: no answer or no URL). */
    private int attempt(Stored s, int numRetry) {
        String url = s.bot() ? state.botWebhookUrl() : state.webhookUrl();
        long started = System.nanoTime();
        int status = 0;
        String failure = null;
        if (url == null || url.isBlank()) {
            failure = "no webhook URL";
        } else {
            try {
                HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(url))
                        .timeout(TIMEOUT)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(s.body()));
                s.headers().forEach(req::header);
                if (numRetry > 0) req.header("num_retry", Integer.toString(numRetry));
                status = http.send(req.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException | IllegalArgumentException e) {
                failure = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = "interrupted";
            }
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put(s.idField(), s.id());
        d.put("event", s.event());
        d.put("status", status);
        d.put("numRetry", numRetry);
        d.put("millis", (System.nanoTime() - started) / 1_000_000);
        d.put("at", state.now().toString());
        if (failure != null) d.put("failure", failure);
        synchronized (deliveries) {
            deliveries.add(d);
        }
        state.webhookAttempt(status);
        return status;
    }
}
