package vn.binhyen.zalosim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A Zalo platform simulator: the Official Account API with the Group Message Framework, the Zalo Bot
 * API, webhooks signed exactly as Zalo signs them, and a control API under {@code /sim} for tests.
 *
 * <p>In a test JVM: {@code try (ZaloSim sim = ZaloSim.start(Config.defaults().withPort(0))) { ... }}.
 * From a shell: {@code java -cp 'zalo-sim/target/zalo-sim-0.1.0-SNAPSHOT.jar:zalo-sim/target/lib/*'
 * vn.binhyen.zalosim.ZaloSim --config file.json}. Every public method is thread-safe.
 */
public final class ZaloSim implements AutoCloseable {

    /** A member of a simulated group; {@code admin} members may still send when the group is locked. */
    public record Member(String userId, String name, boolean admin) {
        public Member {
            requireText(userId, "member userId");
            name = name == null || name.isBlank() ? userId : name;
        }
    }

    /**
     * A simulated Zalo group. {@code platform} is {@code "oa"} (the OA API and OA webhooks) or
     * {@code "bot"} (the Bot API and bot webhooks); {@code oaInGroup=false} makes OA calls answer -403.
     */
    public record Group(String zaloGroupId, String name, String platform, boolean oaInGroup, List<Member> members) {
        public Group {
            requireText(zaloGroupId, "zaloGroupId");
            name = name == null ? zaloGroupId : name;
            platform = platform == null ? "oa" : platform;
            if (!platform.equals("oa") && !platform.equals("bot")) {
                throw new IllegalArgumentException("group " + zaloGroupId + ": platform must be \"oa\" or \"bot\", not " + platform);
            }
            members = List.copyOf(members == null ? List.of() : members);
            Set<String> ids = new HashSet<>();
            for (Member m : members) {
                if (!ids.add(m.userId())) {
                    throw new IllegalArgumentException("group " + zaloGroupId + ": member " + m.userId() + " listed twice");
                }
            }
        }

        /** An OA group the OA is in. */
        public static Group oa(String zaloGroupId, String name, Member... members) {
            return new Group(zaloGroupId, name, "oa", true, List.of(members));
        }

        /** A group served through the Bot API. */
        public static Group bot(String zaloGroupId, String name, Member... members) {
            return new Group(zaloGroupId, name, "bot", true, List.of(members));
        }
    }

    /**
     * The simulator's configuration. Build it with {@link #defaults()} and the {@code with…} methods,
     * or read it from JSON with {@link #fromJson(String)}, where every field may be left out.
     *
     * @param webhookUrl    where OA webhooks go; {@code null} delivers nowhere (recorded with status 0)
     * @param accessTokenLifetime seconds an access token lives (also {@code expires_in} on refresh)
     * @param callsPerSecond OA calls a second above which calls answer error -32
     * @param autoRetry     retry a webhook on a non-200 answer or a 2 s timeout, after 1, 2, 4, 8, 16 s
     */
    public record Config(String host, int port, String appId, String appSecret, String oaId, String secretKey,
                         String webhookUrl, String botWebhookUrl, String botToken, String botSecret,
                         String accessToken, String refreshToken, long accessTokenLifetime, int callsPerSecond,
                         List<Group> groups, boolean autoRetry) {

        public Config {
            requireText(host, "host");
            if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be 0..65535, not " + port);
            requireText(appId, "appId");
            requireText(appSecret, "appSecret");
            requireText(oaId, "oaId");
            requireText(secretKey, "secretKey");
            requireText(botToken, "botToken");
            if (botToken.contains("/")) throw new IllegalArgumentException("botToken must not contain '/'");
            requireText(botSecret, "botSecret");
            requireText(accessToken, "accessToken");
            requireText(refreshToken, "refreshToken");
            if (accessTokenLifetime < 1) throw new IllegalArgumentException("accessTokenLifetime must be at least 1 s");
            if (callsPerSecond < 1) throw new IllegalArgumentException("callsPerSecond must be at least 1");
            groups = List.copyOf(Objects.requireNonNull(groups, "groups"));
            Set<String> ids = new HashSet<>();
            for (Group g : groups) {
                if (!ids.add(g.zaloGroupId())) throw new IllegalArgumentException("group " + g.zaloGroupId() + " listed twice");
            }
        }

        /** The defaults of every field, with one OA group {@code sim-group-1} of two members. */
        public static Config defaults() {
            return new Config("127.0.0.1", 8090, "sim-app", "sim-app-secret", "sim-oa", "sim-oa-secret-key",
                    null, null, "sim-bot-token", "sim-bot-secret", "sim-access-0", "sim-refresh-0", 90000, 20,
                    List.of(Group.oa("sim-group-1", "Tổ dân phố thử nghiệm",
                            new Member("sim-user-admin", "Nguyễn Văn An", true),
                            new Member("sim-user-1", "Trần Thị Bình", false))),
                    false);
        }

        /** Reads a configuration from JSON; a missing field takes its default. */
        public static Config fromJson(String json) {
            JsonNode root;
            try {
                root = Json.MAPPER.readTree(json);
            } catch (IOException e) {
                throw new IllegalArgumentException("configuration is not JSON: " + e.getMessage(), e);
            }
            if (root == null || !root.isObject()) throw new IllegalArgumentException("configuration must be a JSON object");
            Config d = defaults();
            List<Group> groups = d.groups();
            if (root.hasNonNull("groups")) {
                groups = new ArrayList<>();
                for (JsonNode g : root.get("groups")) {
                    List<Member> members = new ArrayList<>();
                    for (JsonNode m : g.path("members")) {
                        members.add(new Member(str(m, "userId", null), str(m, "name", null), m.path("admin").asBoolean(false)));
                    }
                    groups.add(new Group(str(g, "zaloGroupId", null), str(g, "name", null), str(g, "platform", "oa"),
                            g.path("oaInGroup").asBoolean(true), members));
                }
            }
            return new Config(str(root, "host", d.host()), root.path("port").asInt(d.port()),
                    str(root, "appId", d.appId()), str(root, "appSecret", d.appSecret()),
                    str(root, "oaId", d.oaId()), str(root, "secretKey", d.secretKey()),
                    str(root, "webhookUrl", null), str(root, "botWebhookUrl", null),
                    str(root, "botToken", d.botToken()), str(root, "botSecret", d.botSecret()),
                    str(root, "accessToken", d.accessToken()), str(root, "refreshToken", d.refreshToken()),
                    root.path("accessTokenLifetime").asLong(d.accessTokenLifetime()),
                    root.path("callsPerSecond").asInt(d.callsPerSecond()), groups,
                    root.path("autoRetry").asBoolean(false));
        }

        private static String str(JsonNode n, String field, String fallback) {
            JsonNode v = n.get(field);
            return v == null || v.isNull() ? fallback : v.asText();
        }

        public Config withHost(String v) { return new Config(v, port, appId, appSecret, oaId, secretKey, webhookUrl, botWebhookUrl, botToken, botSecret, accessToken, refreshToken, accessTokenLifetime, callsPerSecond, groups, autoRetry); }
        public Config withPort(int v) { return new Config(host, v, appId, appSecret, oaId, secretKey, webhookUrl, botWebhookUrl, botToken, botSecret, accessToken, refreshToken, accessTokenLifetime, callsPerSecond, groups, autoRetry); }
        public Config withAppId(String v) { return new Config(host, port, v, appSecret, oaId, secretKey, webhookUrl, botWebhookUrl, botToken, botSecret, accessToken, refreshToken, accessTokenLifetime, callsPerSecond, groups, autoRetry); }
        public Config withAppSecret(String v) { return new Config(host, port, appId, v, oaId, secretKey, webhookUrl, botWebhookUrl, botToken, botSecret, accessToken, refreshToken, accessTokenLifetime, callsPerSecond, groups, autoRetry); }
        public Config withOaId(String v) { return new Config(host, port, appId, appSecret, v, secretKey, webhookUrl, botWebhookUrl, botToken, botSecret, accessToken, refreshToken, accessTokenLifetime, callsPerSecond, groups, autoRetry); }
        public Config withSecretKey(String v) { return new Config(host, port, appId, appSecret, oaId, v, webhookUrl, botWebhookUrl, botToken, botSecret, accessToken, refreshToken, accessTokenLifetime, callsPerSecond, groups, autoRetry); }
        public Config withWebhookUrl(String v) { return new Config(host, port, appId, appSecret, oaId, secretKey, v, botWebhookUrl, botToken, botSecret, accessToken, refreshToken, accessTokenLifetime, callsPerSecond, groups, autoRetry); }
        public Config withBotWebhookUrl(String v) { return new Config(host, port, appId, appSecret, oaId, secretKey, webhookUrl, v, botToken, botSecret, accessToken, refreshToken, accessTokenLifetime, callsPerSecond, groups, autoRetry); }
        public Config withBotToken(String v) { return new Config(host, port, appId, appSecret, oaId, secretKey, webhookUrl, botWebhookUrl, v, botSecret, accessToken, refreshToken, accessTokenLifetime, callsPerSecond, groups, autoRetry); }
        public Config withBotSecret(String v) { return new Config(host, port, appId, appSecret, oaId, secretKey, webhookUrl, botWebhookUrl, botToken, v, accessToken, refreshToken, accessTokenLifetime, callsPerSecond, groups, autoRetry); }
        public Config withAccessToken(String v) { return new Config(host, port, appId, appSecret, oaId, secretKey, webhookUrl, botWebhookUrl, botToken, botSecret, v, refreshToken, accessTokenLifetime, callsPerSecond, groups, autoRetry); }
        public Config withRefreshToken(String v) { return new Config(host, port, appId, appSecret, oaId, secretKey, webhookUrl, botWebhookUrl, botToken, botSecret, accessToken, v, accessTokenLifetime, callsPerSecond, groups, autoRetry); }
        public Config withAccessTokenLifetime(long v) { return new Config(host, port, appId, appSecret, oaId, secretKey, webhookUrl, botWebhookUrl, botToken, botSecret, accessToken, refreshToken, v, callsPerSecond, groups, autoRetry); }
        public Config withCallsPerSecond(int v) { return new Config(host, port, appId, appSecret, oaId, secretKey, webhookUrl, botWebhookUrl, botToken, botSecret, accessToken, refreshToken, accessTokenLifetime, v, groups, autoRetry); }
        public Config withGroups(List<Group> v) { return new Config(host, port, appId, appSecret, oaId, secretKey, webhookUrl, botWebhookUrl, botToken, botSecret, accessToken, refreshToken, accessTokenLifetime, callsPerSecond, v, autoRetry); }
        public Config withGroups(Group... v) { return withGroups(List.of(v)); }
        public Config withAutoRetry(boolean v) { return new Config(host, port, appId, appSecret, oaId, secretKey, webhookUrl, botWebhookUrl, botToken, botSecret, accessToken, refreshToken, accessTokenLifetime, callsPerSecond, groups, v); }
    }

    /** A refusal of the Java API, with the HTTP status the control API answers for the same request. */
    public static final class SimException extends RuntimeException {
        private final int status;

        public SimException(int status, String message) {
            super(message);
            this.status = status;
        }

        /** 400, 404, 409 or 422, as the control API would answer. */
        public int status() {
            return status;
        }
    }

    private final SimState state;
    private final Webhooks webhooks;
    private final HttpServer server;
    private final ExecutorService executor;

    private ZaloSim(Config config) throws IOException {
        this.state = new SimState(config);
        this.webhooks = new Webhooks(state);
        this.executor = Executors.newVirtualThreadPerTaskExecutor();
        this.server = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 128);
        server.setExecutor(executor);
        server.createContext("/", new Router(state, webhooks));
        server.start();
    }

    /** Starts a simulator listening on {@code config.host():config.port()} (port 0: an ephemeral one). */
    public static ZaloSim start(Config config) {
        try {
            return new ZaloSim(Objects.requireNonNull(config, "config"));
        } catch (IOException e) {
            throw new UncheckedIOException("zalo-sim cannot listen on " + config.host() + ":" + config.port(), e);
        }
    }

    /** The port listened on (the ephemeral one when configured with 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://host:port}, the base of the OA API, the Bot API and the control API alike. */
    public String baseUrl() {
        String host = state.config.host();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port();
    }

    public Config config() {
        return state.config;
    }

    /** Where OA webhooks go from now on (the connector's port is known only once it has started). */
    public void webhookUrl(String url) {
        state.webhookUrl(url);
    }

    /** Where bot webhooks go from now on. */
    public void botWebhookUrl(String url) {
        state.botWebhookUrl(url);
    }

    /** The texts the OA ({@code group/message}) or the bot ({@code sendMessage}) posted in the group, in order. */
    @SuppressWarnings("unchecked")
    public List<String> postedTexts(String zaloGroupId) {
        List<String> texts = new java.util.ArrayList<>();
        for (Map<String, Object> c : outbox(zaloGroupId)) {
            if (((Number) c.getOrDefault("error", 0)).intValue() != 0) {
                continue;
            }
            Map<String, Object> body = (Map<String, Object>) c.get("body");
            if ("group/message".equals(c.get("call"))) {
                texts.add((String) ((Map<String, Object>) body.get("message")).get("text"));
            } else if ("bot/sendMessage".equals(c.get("call"))) {
                texts.add((String) body.get("text"));
            }
        }
        return texts;
    }

    /**
     * Webhooks in flight at once: 1 (the default) delivers them in order; Zalo sends events as they
     * happen, concurrently, so a load test sets more.
     */
    public void webhookConcurrency(int n) {
        webhooks.concurrency(n);
    }

    /** {@code userId}'s last interaction with the OA was at {@code at}: {@code message/cs} reaches them for 7 days after it. */
    public void interacted(String userId, java.time.Instant at) {
        state.interacted(userId, at);
    }

    /**
     * Every OA call addressed to one person, in order: its messages ({@code message/cs}) and its reads of
     * their conversation ({@code conversation}): {@code at, call, body, error}.
     */
    public List<Map<String, Object>> personOutbox(String userId) {
        return state.personOutbox(userId);
    }

    /** Every call the OA or the bot made for the group, in order: {@code at, call, body, error}. */
    public List<Map<String, Object>> outbox(String zaloGroupId) {
        return state.outbox(zaloGroupId);
    }

    /**
     * A member writes in the group: the matching webhook is delivered right away, asynchronously.
     *
     * @return the message id ({@code message.msg_id} of the webhook)
     * @throws SimException 404 unknown group, 422 not a member, 409 group locked and not an admin
     */
    public String sendGroupMessage(String zaloGroupId, String userId, String text) {
        return webhooks.memberMessage(zaloGroupId, userId, text);
    }

    /** A user joins the group (added as a member); delivers {@code user_join_group}. Returns the event id. */
    public String join(String zaloGroupId, String userId, String name) {
        return webhooks.join(zaloGroupId, userId, name);
    }

    /** A member leaves the group; delivers {@code user_out_group}. Returns the event id. */
    public String leave(String zaloGroupId, String userId) {
        return webhooks.leave(zaloGroupId, userId);
    }

    /**
     * Delivers the webhook of a message or event again, byte for byte, with {@code num_retry} one higher.
     *
     * @return the HTTP status the receiver answered (0: no answer, or no webhook URL)
     * @throws SimException 404 for an unknown id
     */
    public int redeliver(String msgId) {
        return webhooks.redeliver(msgId);
    }

    /**
     * Injects a fault into the platform APIs: {@code rate-limit} (the next {@code count} OA calls answer
     * -32), {@code expire-token} (the current access token expires now), {@code server-error} (the next
     * {@code count} calls answer HTTP 500), {@code slow} (each of the next {@code count} calls waits
     * {@code millis} first), {@code down} (HTTP 503 until {@code up}), {@code up}, {@code clear} (no faults).
     *
     * @throws SimException 400 for an unknown kind or a negative count or millis
     */
    public void fault(String kind, int count, long millis) {
        state.fault(kind, count, millis);
    }

    /** {@link #fault(String, int, long)} with count 1 and 1000 ms. */
    public void fault(String kind) {
        fault(kind, 1, 1000);
    }

    /** Successful access-token refreshes so far. */
    public int refreshes() {
        return state.refreshes();
    }

    /** {@code refreshes, calls, webhooksDelivered, webhookAttempts}, as {@code GET /sim/stats}. */
    public Map<String, Object> stats() {
        return Json.MAPPER.convertValue(state.stats(), Json.MAP);
    }

    /** Every webhook delivery attempt, in order, as {@code GET /sim/webhooks}. */
    public List<Map<String, Object>> webhooks() {
        return webhooks.deliveries();
    }

    /** The access token currently issued (the configured one until a refresh). */
    public String accessToken() {
        return state.currentAccessToken();
    }

    /** The refresh token currently valid (single use). */
    public String refreshToken() {
        return state.currentRefreshToken();
    }

    /** Stops listening and delivering; idempotent. */
    @Override
    public void close() {
        server.stop(0);
        webhooks.close();
        executor.shutdownNow();
    }

    /** {@code --config file.json} to start, {@code --print-config} to print {@code {appId, oaId, secretKey}}. */
    public static void main(String[] args) {
        Path configPath = null;
        boolean printConfig = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--config" -> {
                    if (i + 1 >= args.length) usage("--config needs a file");
                    configPath = Path.of(args[++i]);
                }
                case "--print-config" -> printConfig = true;
                case "--help", "-h" -> {
                    System.out.println(USAGE);
                    return;
                }
                default -> usage("unknown argument: " + args[i]);
            }
        }
        Config config;
        try {
            config = configPath == null ? Config.defaults() : Config.fromJson(Files.readString(configPath, StandardCharsets.UTF_8));
        } catch (IOException e) {
            fail("cannot read " + configPath + ": " + e.getMessage());
            return;
        } catch (IllegalArgumentException e) {
            fail("bad configuration " + (configPath == null ? "" : configPath + ": ") + e.getMessage());
            return;
        }
        if (printConfig) {
            ObjectNode out = Json.MAPPER.createObjectNode()
                    .put("appId", config.appId()).put("oaId", config.oaId()).put("secretKey", config.secretKey());
            System.out.println(out);
            return;
        }
        ZaloSim sim;
        try {
            sim = start(config);
        } catch (UncheckedIOException e) {
            fail(e.getMessage() + ": " + e.getCause().getMessage());
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(sim::close, "zalo-sim-shutdown"));
        System.out.println("zalo-sim listening on " + sim.baseUrl() + " (OA " + config.oaId() + ", "
                + config.groups().size() + " groups, webhooks to " + config.webhookUrl() + ")");
    }

    private static final String USAGE = """
            usage: java -cp 'zalo-sim/target/zalo-sim-0.1.0-SNAPSHOT.jar:zalo-sim/target/lib/*' vn.binhyen.zalosim.ZaloSim [--config FILE.json] [--print-config]
              --config FILE     the configuration (JSON; every field has a default, see zalo-sim/README.md)
              --print-config    print {appId, oaId, secretKey} as JSON and exit""";

    private static void usage(String problem) {
        fail(problem + "\n" + USAGE);
    }

    private static void fail(String message) {
        System.err.println("zalo-sim: " + message);
        System.exit(2);
    }

    static String requireText(String value, String what) {
        if (value == null || value.isBlank()) throw new IllegalArgumentException(what + " must not be blank");
        return value;
    }
}
