package vn.binhyen.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.binhyen.contracts.Roles;
import vn.binhyen.eventlog.Json;
import vn.binhyen.eventlog.testing.GroupEventsOnTheTopic;
import vn.binhyen.testsupport.KafkaBroker;
import vn.binhyen.testsupport.PostgresDatabase;
import vn.binhyen.testsupport.ServiceProcess;
import vn.binhyen.testsupport.Tokens;
import vn.binhyen.zalosim.ZaloSim;

/**
 * zalo-connector under faults (issue 26), as processes (moderation-service and the connector, one
 * broker, their own databases) with zalo-sim in this JVM: a police group's Zalo group writes 240
 * messages, every fourth a classified document (police-song-tri:6.1), each answered with one
 * notice. A third of the way in the connector is killed with -9 and the messages go on (Zalo's
 * webhooks then find nobody); it is started again, and what Zalo could not deliver Zalo delivers
 * again, as it redelivers (num_retry). Then the OA's access token expires mid-run, and Zalo is
 * down for a while. Afterwards every message was handled once, every classified one has exactly
 * one notice in the group (none lost, none twice), and the token was refreshed once.
 */
class ConnectorFaultTests {
    static final int MESSAGES = 240;
    static final String GROUP = "zg-faults";
    /** Full names, as the police group's rules want them (a name the rules refuse would be answered too). */
    static final List<String> NAMES = List.of("Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung", "Hoàng Văn Em", "Vũ Thị Giang", "Đặng Văn Hải", "Bùi Thị Khánh");
    /** Zalo down this long: longer than a few of the connector's pauses between tries. */
    static final Duration ZALO_DOWN = Duration.ofSeconds(Integer.getInteger("faults.zaloDownSeconds", 10));

    @Test
    void killedMidStream_thenZalosTokenExpiring_thenZaloDown_noMessageIsLost_andNoNoticeIsPostedTwice()
            throws Exception {
        List<ZaloSim.Member> members = new ArrayList<>();
        for (int i = 0; i < NAMES.size(); i++) {
            members.add(new ZaloSim.Member("zu-" + i, NAMES.get(i), false));
        }
        ZaloSim.Config config = ZaloSim.Config.defaults().withPort(0).withCallsPerSecond(1000)
                .withGroups(new ZaloSim.Group(GROUP, "Zalo kết nối bình yên", "oa", true, members));
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (ZaloSim sim = ZaloSim.start(config); KafkaBroker broker = KafkaBroker.startTemporary();
                PostgresDatabase moderationDb = PostgresDatabase.create();
                PostgresDatabase connectorDb = PostgresDatabase.create();
                ServiceProcess moderation = ServiceProcess.start("moderation-service", moderationDb, broker)) {
            Map<String, String> env = new HashMap<>(Map.of("BINHYEN_ZALO_API_URL", sim.baseUrl(),
                    "BINHYEN_ZALO_OAUTH_URL", sim.baseUrl(), "BINHYEN_ZALO_APP_ID", config.appId(), "BINHYEN_ZALO_OA_ID",
                    config.oaId(), "BINHYEN_ZALO_OA_SECRET_KEY", config.secretKey(), "BINHYEN_ZALO_APP_SECRET",
                    config.appSecret(), "BINHYEN_ZALO_ACCESS_TOKEN", config.accessToken(), "BINHYEN_ZALO_REFRESH_TOKEN",
                    config.refreshToken()));
            env.put("QUARKUS_HTTP_PORT", Integer.toString(port)); // the address Zalo's webhook is set to
            ServiceProcess connector = ServiceProcess.start("zalo-connector", connectorDb, broker, env);
            try {
                sim.webhookUrl("http://127.0.0.1:" + port + "/webhooks/zalo-oa");
                String groupId = GroupEventsOnTheTopic.newGroupId();
                try (var events = new GroupEventsOnTheTopic(broker.bootstrapServers())) {
                    events.unit(Tokens.DEFAULT_UNIT, "Công an phường Sông Trí", "WARD_POLICE", null)
                            .group(groupId, Tokens.DEFAULT_UNIT, "POLICE", "police-song-tri", "leader-faults");
                    for (int i = 0; i < members.size(); i++) {
                        events.member(groupId, "member-" + i, "MEMBER", NAMES.get(i), "zu-" + i);
                    }
                }
                bind(connector, groupId, config);
                awaitKnownTo(moderationDb, groupId);

                List<String> ids = new ArrayList<>();
                int violating = 0;
                for (int n = 0; n < MESSAGES; n++) {
                    if (n == MESSAGES / 3) {
                        connector.kill(); // -9, mid-stream: accepted events, claims and verdicts in flight
                    }
                    if (n == MESSAGES / 2) {
                        connector = ServiceProcess.start("zalo-connector", connectorDb, broker, env);
                    }
                    if (n == 2 * MESSAGES / 3) {
                        sim.fault("expire-token");
                    }
                    boolean classified = n % 4 == 0;
                    violating += classified ? 1 : 0;
                    ids.add(sim.sendGroupMessage(GROUP, "zu-" + (n % members.size()), classified
                            ? "Gửi mọi người tài liệu T.ố.i M.ậ.t số " + n + " về phương án tuần tra"
                            : "Tối nay tổ tuần tra khu phố đi từ 21 giờ (" + n + ")"));
                    Thread.sleep(20); // a group's pace, not a wait for a condition
                }
                sim.fault("down");
                Thread.sleep(ZALO_DOWN.toMillis()); // the outage itself: Zalo is away this long
                sim.fault("up");
                // Zalo's later retries: every webhook the connector did not answer 200 is delivered again
                for (String id : undelivered(sim, ids)) {
                    sim.redeliver(id);
                }
                int expected = violating;
                await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                        .until(() -> notices(sim) >= expected);
                // and no more come: each classified message has its one notice
                await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10)).until(() -> notices(sim) == expected);
                assertThat(undelivered(sim, ids)).isEmpty();
                try (Connection c = DriverManager.getConnection(connectorDb.jdbcUrl(), connectorDb.username(),
                        PostgresDatabase.password()); Statement st = c.createStatement()) {
                    assertThat(one(st, "select count(*) from inbound_event where event_name = 'user_send_group_text'"))
                            .isEqualTo(MESSAGES);
                    assertThat(one(st, "select count(*) from inbound_event where handled_at is null")).isZero();
                    assertThat(one(st, "select count(*) from outbound_action where effect = 'NOTICE' and status = 'DONE'"))
                            .isEqualTo(expected);
                }
                assertThat(sim.refreshes()).as("the expired token refreshed once").isEqualTo(1);
                System.out.printf("[faults] connector: %d messages, %d notices, %d webhook deliveries, %d refresh%n",
                        MESSAGES, notices(sim), sim.webhooks().size(), sim.refreshes());
            } finally {
                connector.close();
            }
        }
    }

    static void bind(ServiceProcess connector, String groupId, ZaloSim.Config config) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String body = Json.MAPPER.writeValueAsString(Map.of("groupId", groupId, "platform", "zalo-oa", "oaId",
                config.oaId(), "zaloGroupId", GROUP));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> http.send(
                HttpRequest.newBuilder(URI.create(connector.base + "/api/v1/bindings"))
                        .header("Authorization", "Bearer " + Tokens.forRole(Roles.LEADER, "leader-faults"))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(), HttpResponse.BodyHandlers.discarding()).statusCode() / 100 == 2);
    }

    /** moderation-service screens the group under its regulation once it has the group's events. */
    static void awaitKnownTo(PostgresDatabase db, String groupId) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), PostgresDatabase.password());
                    Statement st = c.createStatement()) {
                return one(st, "select count(*) from directory_group where group_id = '" + groupId
                        + "' and profile = 'police-song-tri'") == 1;
            }
        });
    }

    /** The notices posted in the group. */
    static int notices(ZaloSim sim) {
        return sim.postedTexts(GROUP).size();
    }

    /** The messages whose every delivery so far went unanswered or was not a 200. */
    static List<String> undelivered(ZaloSim sim, List<String> ids) {
        java.util.Set<String> ok = new java.util.HashSet<>();
        for (Map<String, Object> w : sim.webhooks()) {
            if (Integer.valueOf(200).equals(((Number) w.getOrDefault("status", 0)).intValue())) {
                ok.add(String.valueOf(w.getOrDefault("msgId", w.get("eventId"))));
            }
        }
        return ids.stream().filter(id -> !ok.contains(id)).toList();
    }

    static long one(Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
