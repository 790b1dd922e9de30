package vn.binhyen.zalosim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the simulator knows: groups and their members, tokens, faults, the rate-limit window,
 * outboxes and counters. Guarded by its own monitor: callers that read and write several things at
 * once hold {@code synchronized (state)}.
 */
final class SimState {

    /** One group: its settings, its members (in joining order) and the OA's (or bot's) calls for it. */
    static final class GroupState {
        final String id;
        final String platform;
        final boolean oaInGroup;
        String name;
        boolean lockSendMsg;
        final LinkedHashMap<String, ZaloSim.Member> members = new LinkedHashMap<>();
        final List<OutboxEntry> outbox = new ArrayList<>();
        /** The group's chat as the OA sees it, oldest first: {@code message_id, src (0 the OA, 1 a member), from_id, message, time}. */
        final List<com.fasterxml.jackson.databind.node.ObjectNode> chat = new ArrayList<>();

        GroupState(ZaloSim.Group g) {
            this.id = g.zaloGroupId();
            this.platform = g.platform();
            this.oaInGroup = g.oaInGroup();
            this.name = g.name();
            g.members().forEach(m -> members.put(m.userId(), m));
        }

        boolean bot() {
            return platform.equals("bot");
        }
    }

    record OutboxEntry(Instant at, String call, JsonNode body, int error) {
    }

    /** What the platform faults make of one call: wait first, then answer this HTTP status (0: go on). */
    record FaultOutcome(long sleepMillis, int httpStatus) {
    }

    final ZaloSim.Config config;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, GroupState> groups = new LinkedHashMap<>();
    private volatile String webhookUrl;
    private volatile String botWebhookUrl;

    private final Map<String, Instant> accessTokens = new HashMap<>();
    private final Map<String, Boolean> refreshTokens = new HashMap<>(); // issued → still unused
    private String currentAccess;
    private String currentRefresh;
    private int generation;
    private int refreshes;

    private int rateLimitFaults;
    private int serverErrorFaults;
    private int slowFaults;
    private long slowMillis;
    private boolean down;
    private final ArrayDeque<Long> window = new ArrayDeque<>();

    private long calls;
    private long webhookAttempts;
    private long webhooksDelivered;

    SimState(ZaloSim.Config config) {
        this.config = config;
        this.webhookUrl = config.webhookUrl();
        this.botWebhookUrl = config.botWebhookUrl();
        config.groups().forEach(g -> groups.put(g.zaloGroupId(), new GroupState(g)));
        currentAccess = config.accessToken();
        currentRefresh = config.refreshToken();
        accessTokens.put(currentAccess, now().plusSeconds(config.accessTokenLifetime()));
        refreshTokens.put(currentRefresh, true);
    }

    Instant now() {
        return clock.instant();
    }

    String webhookUrl() {
        return webhookUrl;
    }

    void webhookUrl(String url) {
        this.webhookUrl = url;
    }

    String botWebhookUrl() {
        return botWebhookUrl;
    }

    void botWebhookUrl(String url) {
        this.botWebhookUrl = url;
    }

    // --- groups ---

    /** The group, or null; hold the monitor while using it. */
    synchronized GroupState group(String zaloGroupId) {
        return zaloGroupId == null ? null : groups.get(zaloGroupId);
    }

    synchronized List<GroupState> groups() {
        return List.copyOf(groups.values());
    }

    synchronized void record(GroupState g, String call, JsonNode body, int error) {
        if (g != null) g.outbox.add(new OutboxEntry(now(), call, body == null ? Json.object() : body.deepCopy(), error));
    }

    private final Map<String, List<OutboxEntry>> personOutboxes = new HashMap<>();

    /**
     * Zalo's consultation message ({@code message/cs}) reaches a follower only within this long of
     * their last interaction with the OA (their message to it, a call, a reaction…): -230 after it.
     */
    static final java.time.Duration INTERACTION_WINDOW = java.time.Duration.ofDays(7);
    /** Each person's last interaction with the OA, where one was set ({@link #interacted}). */
    private final Map<String, Instant> interactions = new HashMap<>();
    /** The simulator's start: the members it is started with are taken to have interacted then. */
    private final Instant started = clock.instant();

    /** Each person's conversation with the OA: the OA's messages that reached them, oldest first. */
    private final Map<String, List<ObjectNode>> personChats = new HashMap<>();

    /** The OA's message {@code messageId} reached {@code userId}: it is in their conversation now. */
    synchronized void delivered(String userId, String messageId, String text) {
        personChats.computeIfAbsent(userId, k -> new ArrayList<>()).add(Json.object().put("message_id", messageId)
                .put("src", 0).put("time", now().toEpochMilli()).put("type", "text").put("message", text)
                .put("from_id", config.oaId()).put("to_id", userId));
    }

    /** {@code userId}'s conversation with the OA, newest first, {@code count} from {@code offset}. */
    synchronized List<ObjectNode> personChat(String userId, int offset, int count) {
        List<ObjectNode> chat = personChats.getOrDefault(userId, List.of());
        List<ObjectNode> out = new ArrayList<>();
        for (int i = chat.size() - 1 - offset; i >= 0 && out.size() < count; i--) {
            out.add(chat.get(i).deepCopy());
        }
        return out;
    }

    /** {@code userId} interacted with the OA at {@code at} (the control API's, a test's). */
    synchronized void interacted(String userId, Instant at) {
        interactions.put(userId, at);
    }

    /** Whether a consultation message reaches {@code userId} now: within {@link #INTERACTION_WINDOW} of their last interaction. */
    synchronized boolean withinInteractionWindow(String userId) {
        return !now().isAfter(interactions.getOrDefault(userId, started).plus(INTERACTION_WINDOW));
    }

    /** Whether the OA's person messages reach {@code userId}: a member of one of the OA's groups follows it here. */
    synchronized boolean follower(String userId) {
        return groups.values().stream().anyMatch(g -> !g.bot() && g.members.containsKey(userId));
    }

    /** A call for one person ({@code message/cs}), kept in their outbox whatever Zalo answered. */
    synchronized void recordPerson(String userId, String call, JsonNode body, int error) {
        personOutboxes.computeIfAbsent(userId == null ? "" : userId, k -> new ArrayList<>())
                .add(new OutboxEntry(now(), call, body == null ? Json.object() : body.deepCopy(), error));
    }

    /** Every OA call addressed to one person, in order (empty for a person never written to). */
    synchronized List<Map<String, Object>> personOutbox(String userId) {
        return entries(personOutboxes.getOrDefault(userId, List.of()));
    }

    /** The group's outbox as plain maps ({@code at, call, body, error}); 404 for an unknown group. */
    synchronized List<Map<String, Object>> outbox(String zaloGroupId) {
        GroupState g = groups.get(zaloGroupId);
        if (g == null) throw new ZaloSim.SimException(404, "unknown group " + zaloGroupId);
        return entries(g.outbox);
    }

    private static List<Map<String, Object>> entries(List<OutboxEntry> outbox) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (OutboxEntry e : outbox) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("at", e.at().toString());
            m.put("call", e.call());
            m.put("body", Json.MAPPER.convertValue(e.body(), Object.class));
            m.put("error", e.error());
            out.add(m);
        }
        return out;
    }

    // --- tokens ---

    /** 0 when the access token may call, -216 when unknown, -220 when expired. */
    synchronized int accessTokenError(String token) {
        Instant expiry = token == null ? null : accessTokens.get(token);
        if (expiry == null) return -216;
        return now().isBefore(expiry) ? 0 : -220;
    }

    /** The answer of {@code POST /v4/oa/access_token}. */
    synchronized ObjectNode refresh(String appId, String secretKeyHeader, String grantType, String refreshToken) {
        if (!config.appId().equals(appId)) return Zalo.error(-14002, "Invalid app id");
        if (!config.appSecret().equals(secretKeyHeader)) return Zalo.error(-14003, "Invalid secret key");
        if (!"refresh_token".equals(grantType)) return Zalo.error(-14001, "Invalid grant type");
        if (refreshToken == null || !Boolean.TRUE.equals(refreshTokens.get(refreshToken))) {
            return Zalo.error(-14020, "Refresh token is used or expired");
        }
        refreshTokens.put(refreshToken, false);
        generation++;
        refreshes++;
        currentAccess = "sim-access-" + generation;
        currentRefresh = "sim-refresh-" + generation;
        accessTokens.put(currentAccess, now().plusSeconds(config.accessTokenLifetime()));
        refreshTokens.put(currentRefresh, true);
        return Json.object().put("access_token", currentAccess).put("refresh_token", currentRefresh)
                .put("expires_in", Long.toString(config.accessTokenLifetime()));
    }

    synchronized int refreshes() {
        return refreshes;
    }

    synchronized String currentAccessToken() {
        return currentAccess;
    }

    synchronized String currentRefreshToken() {
        return currentRefresh;
    }

    // --- faults and limits ---

    /** Counts a platform call and applies {@code down}, {@code slow} and {@code server-error}. */
    synchronized FaultOutcome platformCall() {
        calls++;
        if (down) return new FaultOutcome(0, 503);
        long sleep = 0;
        if (slowFaults > 0) {
            slowFaults--;
            sleep = slowMillis;
        }
        int status = 0;
        if (serverErrorFaults > 0) {
            serverErrorFaults--;
            status = 500;
        }
        return new FaultOutcome(sleep, status);
    }

    /** False when this OA call is over the limit (or a rate-limit fault is pending): answer -32. */
    synchronized boolean admitOaCall() {
        if (rateLimitFaults > 0) {
            rateLimitFaults--;
            return false;
        }
        long now = System.nanoTime();
        while (!window.isEmpty() && now - window.peekFirst() >= 1_000_000_000L) window.pollFirst();
        if (window.size() >= config.callsPerSecond()) return false;
        window.addLast(now);
        return true;
    }

    synchronized void fault(String kind, int count, long millis) {
        if (kind == null) throw new ZaloSim.SimException(400, "fault kind is required");
        if (count < 0) throw new ZaloSim.SimException(400, "count must not be negative");
        if (millis < 0) throw new ZaloSim.SimException(400, "millis must not be negative");
        switch (kind) {
            case "rate-limit" -> rateLimitFaults = count;
            case "expire-token" -> accessTokens.put(currentAccess, now());
            case "server-error" -> serverErrorFaults = count;
            case "slow" -> {
                slowFaults = count;
                slowMillis = millis;
            }
            case "down" -> down = true;
            case "up" -> down = false;
            case "clear" -> {
                rateLimitFaults = 0;
                serverErrorFaults = 0;
                slowFaults = 0;
                down = false;
            }
            default -> throw new ZaloSim.SimException(400, "unknown fault kind " + kind
                    + " (rate-limit, expire-token, server-error, slow, down, up, clear)");
        }
    }

    synchronized ObjectNode faults() {
        return Json.object().put("rateLimit", rateLimitFaults).put("serverError", serverErrorFaults)
                .put("slow", slowFaults).put("slowMillis", slowMillis).put("down", down);
    }

    // --- counters ---

    synchronized void webhookAttempt(int status) {
        webhookAttempts++;
        if (status >= 200 && status < 300) webhooksDelivered++;
    }

    synchronized ObjectNode stats() {
        return Json.object().put("refreshes", refreshes).put("calls", calls)
                .put("webhooksDelivered", webhooksDelivered).put("webhookAttempts", webhookAttempts);
    }
}
