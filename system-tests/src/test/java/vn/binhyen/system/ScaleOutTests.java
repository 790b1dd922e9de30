package vn.binhyen.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import vn.binhyen.audit.LogReader;
import vn.binhyen.audit.Verifier;
import vn.binhyen.contracts.EventHeaders;
import vn.binhyen.contracts.Roles;
import vn.binhyen.contracts.Topics;
import vn.binhyen.eventlog.EnvelopeJson;
import vn.binhyen.eventlog.Json;
import vn.binhyen.eventlog.testing.GroupEventsOnTheTopic;
import vn.binhyen.testsupport.Http;
import vn.binhyen.testsupport.KafkaBroker;
import vn.binhyen.testsupport.PostgresDatabase;
import vn.binhyen.testsupport.ServiceProcess;
import vn.binhyen.testsupport.Tokens;
import vn.binhyen.zalosim.ZaloSignature;

/**
 * Scale-out, proven (issue 25, item 6): two instances of every service against the same
 * databases and the same broker, whose topics have three partitions, so that each consumer
 * group has two members sharing them. What a second instance must not change: a request to
 * either instance sees the same state (and a version read from one is honoured by the other);
 * the sweeps are shared and each due item is done once; each event is handled once (routed once,
 * a webhook's event handled once); and when the instance publishing a database's events dies, the
 * other's relay takes over with no gap and no break in the log.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleOutTests {
    static final List<String> MODULES = List.of("group-service", "moderation-service", "report-intake-service",
            "notification-service", "zalo-connector");
    /** A crime tip's clock, shortened for the run (configuration may shorten it, never lengthen it). */
    static final Duration TIP_CLOCK = Duration.ofSeconds(15);
    static final int TIPS = 12;
    static final int WEBHOOKS = 20;
    static final HttpClient HTTP = Http.client();

    static KafkaBroker broker;
    static vn.binhyen.zalosim.ZaloSim zalo;
    static final Map<String, PostgresDatabase> DATABASES = new ConcurrentHashMap<>();
    /** Each module's two instances, [0] and [1]. */
    static final Map<String, ServiceProcess[]> INSTANCES = new ConcurrentHashMap<>();
    static String policeGroup;

    @BeforeAll
    static void start() throws Exception {
        broker = KafkaBroker.startTemporary();
        broker.increasePartitions(Topics.ALL, 3);
        AuditorOnKafka.configure();
        zalo = vn.binhyen.zalosim.ZaloSim.start(vn.binhyen.zalosim.ZaloSim.Config.fromJson(Json.MAPPER
                .writeValueAsString(vn.binhyen.testsupport.Demo.simConfig(null))).withPort(0));
        Map<String, String> zaloEnv = Map.of("BINHYEN_ZALO_API_URL", zalo.baseUrl(), "BINHYEN_ZALO_OAUTH_URL",
                zalo.baseUrl(), "BINHYEN_ZALO_APP_ID", zalo.config().appId(), "BINHYEN_ZALO_OA_ID",
                zalo.config().oaId(), "BINHYEN_ZALO_OA_SECRET_KEY", zalo.config().secretKey(), "BINHYEN_ZALO_APP_SECRET",
                zalo.config().appSecret(), "BINHYEN_ZALO_ACCESS_TOKEN", zalo.config().accessToken(),
                "BINHYEN_ZALO_REFRESH_TOKEN", zalo.config().refreshToken());
        for (String module : MODULES) {
            DATABASES.put(module, PostgresDatabase.create());
            INSTANCES.put(module, new ServiceProcess[2]);
        }
        // all ten at once (Flyway takes a lock on the database, so two first starts migrate it once), compiled by
        // C1 alone: what this run measures is correctness, and the JIT's time is most of ten starts on two cores
        ExecutorService pool = Executors.newFixedThreadPool(2 * MODULES.size());
        try {
            List<Future<?>> started = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                int instance = i;
                for (String module : MODULES) {
                    Map<String, String> env = new HashMap<>(switch (module) {
                        case "report-intake-service" -> Map.of("BINHYEN_REPORT_CLOCK_CRIME_TIP", TIP_CLOCK.toString(),
                                "BINHYEN_REPORT_SWEEP_EVERY", "1s");
                        case "zalo-connector" -> zaloEnv;
                        default -> Map.<String, String>of();
                    });
                    env.put("JAVA_TOOL_OPTIONS", "-XX:TieredStopAtLevel=1");
                    started.add(pool.submit((Callable<Void>) () -> {
                        INSTANCES.get(module)[instance] = ServiceProcess.start(module, DATABASES.get(module), broker,
                                env);
                        return null;
                    }));
                }
            }
            for (Future<?> f : started) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    @AfterAll
    static void stop() throws Exception {
        List<Thread> stopping = new ArrayList<>();
        for (ServiceProcess[] pair : INSTANCES.values()) {
            for (ServiceProcess p : pair) {
                if (p != null) {
                    stopping.add(Thread.ofVirtual().start(() -> {
                        try {
                            p.close();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }));
                }
            }
        }
        for (Thread t : stopping) {
            t.join();
        }
        if (zalo != null) {
            zalo.close();
        }
        for (PostgresDatabase db : DATABASES.values()) {
            db.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    record Answer(int status, JsonNode body, String etag) {
    }

    static Answer call(String module, int instance, String method, String path, String token, Object body,
            Map<String, String> headers) throws Exception {
        var builder = HttpRequest.newBuilder(URI.create(INSTANCES.get(module)[instance].base + path))
                .timeout(Http.ANSWER).header("Authorization", "Bearer " + token);
        headers.forEach(builder::header);
        builder = body == null ? builder.method(method, HttpRequest.BodyPublishers.noBody())
                : builder.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(Json.MAPPER.writeValueAsString(body)));
        HttpResponse<String> r = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.body().isEmpty() ? null : Json.MAPPER.readTree(r.body()),
                r.headers().firstValue("ETag").orElse(null));
    }

    static Answer call(String module, int instance, String method, String path, String token, Object body)
            throws Exception {
        return call(module, instance, method, path, token, body, Map.of());
    }

    static Map<String, Object> member(String id, String name) {
        return Map.of("memberId", id, "fullName", name, "zaloId", "zalo-" + id, "phone", "0901234567");
    }

    @Test
    @Order(1)
    void eitherInstance_answersWithTheSameState_andHonoursAVersionReadFromTheOther() throws Exception {
        String admin = Tokens.forRole(Roles.SYSTEM_ADMIN, "sysadmin-1");
        assertThat(call("group-service", 0, "POST", "/api/v1/units", admin, Map.of("unitId", Tokens.DEFAULT_UNIT,
                "name", "Công an phường Sông Trí", "kind", "WARD_POLICE")).status()).isEqualTo(201);
        // the unit established through the first instance, the group through the second: it knows the unit
        Answer established = call("group-service", 1, "POST", "/api/v1/groups", admin, Map.of("name",
                "Zalo kết nối bình yên", "purpose", "Kết nối Công an phường với Nhân dân", "profile", "police-song-tri",
                "kind", "POLICE", "unit", Tokens.DEFAULT_UNIT, "responsibility", "Trưởng Công an phường",
                "avatarRule", "Huy hiệu Công an nhân dân Việt Nam", "leader", member("leader-so", "Hoàng Mạnh Tùng")));
        assertThat(established.status()).isEqualTo(201);
        policeGroup = established.body().path("groupId").asText();
        String leader = Tokens.forRole(Roles.LEADER, "leader-so");
        Answer viaFirst = call("group-service", 0, "GET", "/api/v1/groups/" + policeGroup, leader, null);
        assertThat(viaFirst.status()).isEqualTo(200);
        assertThat(viaFirst.etag()).as("the same version from either instance").isEqualTo(established.etag());
        assertThat(viaFirst.body()).isEqualTo(call("group-service", 1, "GET", "/api/v1/groups/" + policeGroup,
                leader, null).body());

        // a change made through one instance at the version the other answered; then the old version is stale on both
        Answer added = call("group-service", 0, "POST", "/api/v1/groups/" + policeGroup + "/membership-proposals",
                leader, Map.of("change", "ADD", "member", member("member-so", "Lê Thị Hoa")),
                Map.of("If-Match", established.etag()));
        assertThat(added.status()).isEqualTo(200);
        for (int instance = 0; instance < 2; instance++) {
            assertThat(call("group-service", instance, "POST", "/api/v1/groups/" + policeGroup
                    + "/membership-proposals", leader, Map.of("change", "ADD", "member", member("late-so", "Trần Văn Muộn")),
                    Map.of("If-Match", established.etag())).status()).as("instance " + instance).isEqualTo(412);
            assertThat(call("group-service", instance, "GET", "/api/v1/groups/" + policeGroup, leader, null).etag())
                    .isEqualTo(added.etag());
        }
        // the bot files tips for the group it is bound to: report-intake learns it from the topic (its instances share
        // the database the binding is kept in)
        assertThat(call("group-service", 1, "POST", "/api/v1/groups/" + policeGroup + "/bots", leader,
                Map.of("botId", "zalo-bot")).status()).isEqualTo(201);
        PostgresDatabase reports = DATABASES.get("report-intake-service");
        GroupEventsOnTheTopic.awaitBound(reports.jdbcUrl(), reports.username(), reports.passwordValue(), "zalo-bot",
                List.of(policeGroup));
        // moderation's two instances read the board from the same events: the leader is on it at either
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (int instance = 0; instance < 2; instance++) {
                assertThat(call("moderation-service", instance, "GET", "/api/v1/groups/" + policeGroup + "/posts",
                        leader, null).status()).isEqualTo(200);
            }
        });
    }

    @Test
    @Order(2)
    void twoInstancesSweepingTheClock_doEachDeadlineOnce_andEachNoticeIsRoutedOnce_police_song_tri_15_3()
            throws Exception {
        String bot = Tokens.forRole(Roles.BOT, "zalo-bot");
        String officer = Tokens.forRole(Roles.DUTY_OFFICER, "truc-ban-so");
        List<String> ids = new ArrayList<>();
        for (int n = 0; n < TIPS; n++) {
            Answer filed = call("report-intake-service", n % 2, "POST", "/api/v1/reports", bot, Map.of("type",
                    "CRIME_TIP", "channel", "zalo", "groupId", policeGroup, "reporter", Map.of("name", "Nguyễn Văn Bình",
                            "address", n + " Lê Lợi", "phone", "0912345678"), "details", Map.of("incidentAt",
                            Instant.now().minus(Duration.ofHours(1)).toString(), "place", "Chợ Sông Trí", "summary",
                            "Trộm xe máy số " + n, "howKnown", "tôi chứng kiến")));
            assertThat(filed.status()).isEqualTo(201);
            String id = filed.body().path("reportId").asText();
            ids.add(id);
            // filed at one instance, read at the other: the same report, received at the same moment, the same clock
            Answer read = call("report-intake-service", (n + 1) % 2, "GET", "/api/v1/reports/" + id, officer, null);
            assertThat(read.status()).isEqualTo(200);
            for (String field : List.of("reportId", "receivedAt", "deadline")) {
                assertThat(read.body().path(field)).as(field).isEqualTo(filed.body().path(field));
            }
        }
        // every tip breaches its (shortened) clock: its three warnings and its breach, each once, whichever
        // instance's sweep claimed it; the sweeps keep running meanwhile, and nothing comes twice
        await().atMost(TIP_CLOCK.plusSeconds(60)).until(() -> count(Topics.REPORT_EVENTS, "DeadlineBreached",
                "reportId", ids).size() == TIPS);
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(8)).untilAsserted(() -> {
            Map<String, Integer> breaches = count(Topics.REPORT_EVENTS, "DeadlineBreached", "reportId", ids);
            Map<String, Integer> warnings = count(Topics.REPORT_EVENTS, "DeadlineWarning", "reportId", ids);
            assertThat(breaches.values()).hasSize(TIPS).containsOnly(1);
            assertThat(warnings.values()).as("the 12, 4 and 1 hour warnings of each").hasSize(TIPS).containsOnly(3);
        });
        try (Connection c = DATABASES.get("report-intake-service").connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select count(*) filter (where done), count(*) from report_deadline")) {
            rs.next();
            assertThat(rs.getLong(1)).as("every deadline done").isEqualTo(rs.getLong(2)).isEqualTo(4L * TIPS);
        }
        // notification-service's two instances share the report topic's partitions, and route each breach once
        // to each of its recipients (the unit's commanders and its duty officers)
        assertThat(partitionsByMember("notification-service", Topics.REPORT_EVENTS))
                .as("two consumers of the report topic, its partitions split between them").hasSize(2);
        Set<String> breachIds = new HashSet<>();
        events(Topics.REPORT_EVENTS, "DeadlineBreached", "reportId", ids).values().forEach(breachIds::addAll);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Map<String, Integer> routed = new HashMap<>();
            LogReader.read(broker.bootstrapServers(), List.of(Topics.NOTIFICATION_EVENTS), r -> {
                if ("NotificationQueued".equals(r.header(EventHeaders.EVENT_TYPE))) {
                    JsonNode p = EnvelopeJson.fromBytes(r.value()).payload();
                    if (breachIds.contains(p.path("sourceEventId").asText())) {
                        routed.merge(p.path("sourceEventId").asText() + " → " + p.path("recipient").asText(), 1,
                                Integer::sum);
                    }
                }
            }, (d, t) -> { });
            assertThat(routed).as("each breach to its commanders and duty officers").hasSize(2 * TIPS);
            assertThat(routed.values()).as("and to each once").containsOnly(1);
        });
    }

    @Test
    @Order(3)
    void zalosWebhooks_keptByEitherConnector_areEachHandledOnce() throws Exception {
        String run = Long.toString(System.nanoTime());
        for (int n = 0; n < WEBHOOKS; n++) {
            long now = Instant.now().toEpochMilli();
            String body = "{\"app_id\":\"" + zalo.config().appId() + "\",\"user_id_by_app\":\"u1\",\"event_name\":"
                    + "\"user_send_group_text\",\"timestamp\":\"" + now + "\",\"sender\":{\"id\":\"zu-" + n + "\"},"
                    + "\"recipient\":{\"id\":\"zg-unbound-" + run + "\"},\"message\":{\"msg_id\":\"so-" + run + "-" + n
                    + "\",\"text\":\"Xin chào\"}}";
            var r = HTTP.send(HttpRequest.newBuilder(URI.create(INSTANCES.get("zalo-connector")[n % 2].base
                    + "/webhooks/zalo-oa")).timeout(Http.ANSWER).header(ZaloSignature.HEADER, "mac=" + ZaloSignature.mac(
                            zalo.config().appId(), body, String.valueOf(now), zalo.config().secretKey()))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        }
        // both instances' workers claim the kept events: each handled, by one of them, in one attempt
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            try (Connection c = DATABASES.get("zalo-connector").connect(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("select count(*), count(*) filter (where handled_at is not null), "
                            + "coalesce(max(attempts), 0) from inbound_event where body::text like '%so-" + run + "-%'")) {
                rs.next();
                assertThat(rs.getLong(1)).as("every event kept, once").isEqualTo(WEBHOOKS);
                assertThat(rs.getLong(2)).as("every event handled").isEqualTo(WEBHOOKS);
                assertThat(rs.getLong(3)).as("none handled twice").isEqualTo(1);
            }
        });
    }

    @Test
    @Order(4)
    void whenTheInstancePublishingGroupEventsIsKilled_theOthersRelayTakesOver_withNoGapInTheLog() throws Exception {
        ServiceProcess[] groups = INSTANCES.get("group-service");
        int active = -1;
        for (int i = 0; i < 2; i++) {
            var r = HTTP.send(Http.get(URI.create(groups[i].base + "/q/health/ready")), HttpResponse.BodyHandlers.ofString());
            for (JsonNode check : Json.MAPPER.readTree(r.body()).path("checks")) {
                if ("event relay".equals(check.path("name").asText())
                        && "active".equals(check.path("data").path("state").asText())) {
                    assertThat(active).as("one relay publishes").isEqualTo(-1);
                    active = i;
                }
            }
        }
        assertThat(active).as("one relay publishes").isNotNegative();
        groups[active].kill();
        int survivor = 1 - active;
        String leader = Tokens.forRole(Roles.LEADER, "leader-so");
        Answer added = call("group-service", survivor, "POST", "/api/v1/groups/" + policeGroup
                + "/membership-proposals", leader, Map.of("change", "ADD", "member", member("after-so", "Phạm Văn Sau")));
        assertThat(added.status()).isEqualTo(200);
        // the survivor's relay takes the lock the dead one held and publishes what was written since
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            Verifier verifier = new Verifier();
            LogReader.read(broker.bootstrapServers(), List.of(Topics.GROUP_EVENTS), Verifier::inspect, verifier::apply,
                    (d, t) -> { }, 2);
            assertThat(verifier.breaks()).isEmpty();
            try (Connection c = DATABASES.get("group-service").connect(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("select count(*) from event")) {
                rs.next();
                assertThat(verifier.events()).as("every stored event published, once").isEqualTo(rs.getLong(1));
            }
        });
        assertThat(call("group-service", survivor, "GET", "/api/v1/groups/" + policeGroup, leader, null).body()
                .path("roster").findValuesAsText("memberId")).contains("after-so");
        groups[active] = null; // killed: nothing to stop
    }

    /** The ids of the events of {@code type} on {@code topic}, by which of {@code ids} their payload's {@code field} names. */
    static Map<String, List<String>> events(String topic, String type, String field, List<String> ids) {
        Map<String, List<String>> found = new HashMap<>();
        Set<String> wanted = new HashSet<>(ids);
        LogReader.read(broker.bootstrapServers(), List.of(topic), r -> {
            if (type.equals(r.header(EventHeaders.EVENT_TYPE))) {
                String id = EnvelopeJson.fromBytes(r.value()).payload().path(field).asText();
                if (wanted.contains(id)) {
                    found.computeIfAbsent(id, k -> new ArrayList<>()).add(r.header(EventHeaders.EVENT_ID));
                }
            }
        }, (d, t) -> { });
        return found;
    }

    /** How many events of {@code type} each of {@code ids} has on {@code topic}. */
    static Map<String, Integer> count(String topic, String type, String field, List<String> ids) {
        Map<String, Integer> counts = new HashMap<>();
        events(topic, type, field, ids).forEach((id, events) -> counts.put(id, events.size()));
        return counts;
    }

    /**
     * The partitions of {@code topic} each member of consumer group {@code group} holds (members holding none of
     * them left out); disjoint, and together all of the topic's partitions, or the assertion fails.
     */
    static List<Set<Integer>> partitionsByMember(String group, String topic) throws Exception {
        try (Admin admin = broker.admin()) {
            List<Set<Integer>> held = new ArrayList<>();
            for (MemberDescription m : admin.describeConsumerGroups(List.of(group)).all().get().get(group).members()) {
                Set<Integer> mine = new HashSet<>();
                for (TopicPartition tp : m.assignment().topicPartitions()) {
                    if (tp.topic().equals(topic)) {
                        mine.add(tp.partition());
                    }
                }
                if (!mine.isEmpty()) {
                    held.add(mine);
                }
            }
            Set<Integer> all = new HashSet<>();
            held.forEach(p -> assertThat(all.addAll(p)).as("no partition held twice").isTrue());
            assertThat(all).containsExactlyInAnyOrder(0, 1, 2);
            return held;
        }
    }
}
