package vn.binhyen.moderation.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import vn.binhyen.contracts.Roles;
import vn.binhyen.contracts.Topics;
import vn.binhyen.eventlog.Actor;
import vn.binhyen.eventlog.Envelope;
import vn.binhyen.eventlog.EventIds;
import vn.binhyen.eventlog.HashChain;
import vn.binhyen.eventlog.Json;
import vn.binhyen.eventlog.Relay;
import vn.binhyen.eventlog.testing.GroupEventsOnTheTopic;
import vn.binhyen.moderation.service.PoliciesWithASlowRule;
import vn.binhyen.testsupport.KafkaBrokerResource;
import vn.binhyen.testsupport.PostgresDatabaseResource;
import vn.binhyen.testsupport.Tokens;

/** Screening through the real stack: REST, PostgreSQL, the relay to Kafka, and the Kafka path. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PostgresDatabaseResource.class)
class ScreeningResourceTests {
    @Inject
    AgroalDataSource dataSource;

    @Inject
    jakarta.validation.ValidatorFactory validators;

    static Map<String, Object> message(String group, String messageId, String author, String text) {
        return Map.of("groupId", group, "messageId", messageId, "author", Map.of("id", author,
                "displayName", "Nguyễn Văn An"), "text", text);
    }

    /** The test's bot: bound to every group it screens for (issue 21). */
    static final String BOT = "zalo-bot";
    private static final java.util.Set<String> BOUND = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private static GroupEventsOnTheTopic groupEvents;

    static ValidatableResponse screen(Object body) {
        if (body instanceof Map<?, ?> m && m.get("groupId") instanceof String g && g.indexOf('\n') < 0
                && g.length() <= 128) {
            bind(g);
        }
        return given().auth().oauth2(Tokens.forRole(Roles.BOT, BOT)).contentType("application/json").body(body)
                .post("/api/v1/screenings").then();
    }

    /** group-service's BotBound for the test's bot, on the group events topic, awaited until this service knows it. */
    static synchronized void bind(String group) {
        if (!BOUND.add(group)) {
            return;
        }
        if (groupEvents == null) {
            groupEvents = new GroupEventsOnTheTopic();
        }
        groupEvents.bot(group, BOT);
        awaitRow("select 1 from directory_bot where group_id = ? and bot_id = ?", group, BOT);
    }

    /** Waits until the query, run in this service's database, finds a row. */
    static void awaitRow(String sql, String... values) {
        var dataSource = io.quarkus.arc.Arc.container().instance(AgroalDataSource.class).get();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> {
            try (var c = dataSource.getConnection(); var ps = c.prepareStatement(sql)) {
                for (int i = 0; i < values.length; i++) {
                    ps.setString(i + 1, values[i]);
                }
                try (var rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    static GroupEventsOnTheTopic groupEvents() {
        synchronized (ScreeningResourceTests.class) {
            if (groupEvents == null) {
                groupEvents = new GroupEventsOnTheTopic();
            }
            return groupEvents;
        }
    }

    @Test
    void aBotNotBoundToTheGroup_isRefused_andNothingIsScreenedOrRecorded_issue_21() throws Exception {
        String group = "group-" + UUID.randomUUID();
        var body = message(group, "frame-1", "cskv-1", "Thanh lý gấp, giảm giá, liên hệ mua ngay");
        screen(message(group, "ok-1", "member-1", "Xin chào cả nhà")).statusCode(200); // zalo-bot is bound
        long before = count("select count(*) from event");
        given().auth().oauth2(Tokens.forRole(Roles.BOT, "rogue-bot")).contentType("application/json").body(body)
                .post("/api/v1/screenings").then().statusCode(403).body("type", containsString("bot-not-bound"))
                .body("errors.field", hasItem("groupId"));
        // asked again, from memory: the same answer
        given().auth().oauth2(Tokens.forRole(Roles.BOT, "rogue-bot")).contentType("application/json").body(body)
                .post("/api/v1/screenings").then().statusCode(403);
        assertThat(count("select count(*) from event")).isEqualTo(before);
        assertThat(count("select count(*) from violation where group_id = '" + group + "'")).isZero();

        // unbound, the group's own bot is refused too
        groupEvents().unbound(group, BOT);
        await().atMost(Duration.ofSeconds(30)).until(() -> count("select count(*) from directory_bot where group_id = '"
                + group + "'") == 0);
        given().auth().oauth2(Tokens.forRole(Roles.BOT, BOT)).contentType("application/json").body(body)
                .post("/api/v1/screenings").then().statusCode(403);
        assertThat(count("select count(*) from event")).isEqualTo(before);
    }

    long count(String sql) throws Exception {
        try (var c = dataSource.getConnection(); var s = c.createStatement(); var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void ordinaryMessage_isAllowed_andARetryGetsTheSameAnswer() {
        String group = "group-" + UUID.randomUUID();
        var body = message(group, "m-1", "member-1", "Đề nghị các hộ dân không đốt rác gây ô nhiễm.");
        screen(body).statusCode(200).body("decision", equalTo("ALLOW")).body("reply", nullValue())
                .body("sanction", equalTo("NONE")).header("X-Replayed", "false");
        screen(body).statusCode(200).body("decision", equalTo("ALLOW")).header("X-Replayed", "true");
    }

    @Test
    void validationReachesEveryProperty_withoutAskingThePersistenceLayer() {
        // requests are records, never entities: the default resolver's per-property checks were most of the cost
        assertThat(validators.getTraversableResolver()).isInstanceOf(vn.binhyen.moderation.config.EveryPropertyReachable.class);
    }

    @Test
    void idsWithALineBreak_areRefused_namingTheField_andNothingIsWritten() throws Exception {
        // ids are joined with a line break into stream ids (reviews, ledgers): "g\nx"+"1" would be "g"+"x\n1"
        long before = count("select count(*) from event");
        String group = "group-" + UUID.randomUUID();
        screen(message(group + "\nx", "1", "member-1", "Tài liệu tối mật")).statusCode(400)
                .body("errors.field", hasItem("groupId"));
        screen(message(group, "x\n1", "member-1", "Tài liệu tối mật")).statusCode(400)
                .body("errors.field", hasItem("messageId"));
        screen(message(group, "m-1", "member\u2028one", "Tài liệu tối mật")).statusCode(400)
                .body("errors.field", hasItem("author.id"));
        assertThat(count("select count(*) from event")).isEqualTo(before);
    }

    @Test
    void classifiedDocument_isRemoved_recordedInTheLedger_andTheSenderReminded_ward_binh_phuoc_7_5() throws Exception {
        String group = "group-" + UUID.randomUUID();
        screen(message(group, "m-1", "leaker", "Gửi anh em tài liệu T.ố.i M.ậ.t về phương án tuần tra"))
                .statusCode(200).body("decision", equalTo("REMOVE"))
                .body("violations[0].category", equalTo("CLASSIFIED"))
                .body("violations[0].citation", equalTo("ward-binh-phuoc:7.5"))
                .body("violations[0].evidence.excerpt", equalTo("tài liệu T.ố.i M.ậ.t"))
                .body("sanction", equalTo("REPORT_TO_AGENCY"))
                .body("reply", containsString("đã bị gỡ do vi phạm Quy chế nhóm"));
        assertThat(count("select count(*) from event where event_type in ('ViolationRecorded', 'MessageTakenDown', "
                + "'SanctionDecided') and payload->>'groupId' = '" + group + "'")).isEqualTo(3);
        assertThat(count("select count(*) from violation where group_id = '" + group + "'")).isEqualTo(1);

        screen(message(group, "m-1", "leaker", "Nội dung khác")).statusCode(409);
    }

    @Test
    void thirdAdvertisementIn30Days_proposesRemoval_publishedToKafka_ward_binh_phuoc_9() {
        String group = "group-" + UUID.randomUUID();
        for (int i = 1; i <= 3; i++) {
            screen(message(group, "ad-" + i, "seller", "Khuyến mãi cuối năm, giảm giá 50%, liên hệ mua ngay lần " + i))
                    .statusCode(200).body("decision", equalTo("REMOVE"))
                    .body("sanction", equalTo(i < 3 ? "REMIND" : "REMOVE_MEMBER"));
        }
        List<ConsumerRecord<String, String>> seen = new ArrayList<>();
        try (var consumer = consumer()) {
            consumer.subscribe(List.of(Topics.MODERATION_EVENTS));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
                return seen.stream().anyMatch(r -> r.value().contains("\"eventType\":\"MemberRemovalProposed\"")
                        && r.value().contains(group));
            });
        }
    }

    @Inject
    vn.binhyen.eventlog.snapshot.CachedSnapshots<vn.binhyen.moderation.domain.ledger.Ledger> ledgerSnapshots;

    @Test
    void aLongLedger_isSnapshotted_andReadBackAfterTheCacheIsLost_escalatesAsTheWholeHistoryDoes_ward_binh_phuoc_9() {
        // given a member who advertised eight times this month (three events each: past the snapshot's 20)
        String group = "group-" + UUID.randomUUID();
        for (int i = 1; i <= 8; i++) {
            screen(message(group, "ad-" + i, "flooder", "Khuyến mãi cuối năm, giảm giá 50%, liên hệ mua ngay lần " + i))
                    .statusCode(200).body("decision", equalTo("REMOVE"))
                    .body("sanction", equalTo(i < 3 ? "REMIND" : "REMOVE_MEMBER"));
        }
        String stream = vn.binhyen.moderation.domain.ledger.LedgerDecider.streamOf(group, "flooder");
        awaitRow("select 1 from snapshot where stream_id = ? and kind = ? and stream_version >= 20", stream,
                vn.binhyen.moderation.config.ModerationBeans.LEDGER_SNAPSHOT_KIND);
        // when the states in memory are lost (a restart, another instance): the next takedown starts from the
        // database's snapshot and the events after it
        ledgerSnapshots.clear();
        // then it is decided as the whole history decides it (a snapshot that lost the entries would count one and
        // remind), and a retried message still gets its first answer
        screen(message(group, "ad-9", "flooder", "Khuyến mãi cuối năm, giảm giá 50%, liên hệ mua ngay lần 9"))
                .statusCode(200).body("decision", equalTo("REMOVE")).body("sanction", equalTo("REMOVE_MEMBER"));
        ledgerSnapshots.clear();
        screen(message(group, "ad-2", "flooder", "Khuyến mãi cuối năm, giảm giá 50%, liên hệ mua ngay lần 2"))
                .statusCode(200).body("decision", equalTo("REMOVE")).body("sanction", equalTo("REMIND"));
    }

    @Test
    void profileLearnedFromGroupEvents_appliesItsOwnRules_police_song_tri_6_4() throws Exception {
        String group = "group-" + UUID.randomUUID();
        establish(group, "Zalo kết nối bình yên", "police-song-tri");
        screen(Map.of("groupId", group, "messageId", "m-1", "author", Map.of("id", "acc-1", "displayName",
                "Công An Phường Sông Trí"), "text", "Thông báo lịch trực ban tuần này.")).statusCode(200)
                .body("decision", equalTo("HOLD")).body("violations.category", hasItem("POLICE_IDENTIFIERS"))
                .body("violations.citation", hasItem("police-song-tri:6.4")).body("reviewId", notNullValue());
        assertThat(count("select count(*) from review where group_id = '" + group + "' and state = 'OPEN'")).isEqualTo(1);
    }

    @Test
    void aGroupWhoseProfileHasNoPolicyHere_getsA503OnRest_andAnErrorVerdictOnTheStream_whichGoesOn() throws Exception {
        String group = "group-" + UUID.randomUUID();
        establish(group, "Tổ dân phố 9", "ward-not-deployed");
        screen(message(group, "n-1", "member-1", "Thông báo họp tổ.")).statusCode(503)
                .contentType(containsString("application/problem+json")).body("detail", containsString("ward-not-deployed"));
        // on the stream: that message answered with the reason, and the next group's message still screened
        String other = "group-" + UUID.randomUUID();
        try (var producer = new KafkaProducer<>(props(), new StringSerializer(), new StringSerializer())) {
            producer.send(chat(group, message(group, "n-2", "member-1", "Thông báo họp tổ."))).get();
            producer.send(chat(other, message(other, "n-3", "member-2", "Đề nghị các hộ dân không đốt rác."))).get();
        }
        List<ConsumerRecord<String, String>> seen = new ArrayList<>();
        try (var consumer = consumer()) {
            consumer.subscribe(List.of(Topics.MODERATION_VERDICTS));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
                return seen.stream().anyMatch(r -> group.equals(r.key())) && seen.stream().anyMatch(r -> other.equals(r.key()));
            });
        }
        var notScreened = Json.MAPPER.readTree(seen.stream().filter(r -> group.equals(r.key())).findFirst().orElseThrow()
                .value());
        assertThat(notScreened.path("messageId").asText()).isEqualTo("n-2");
        assertThat(notScreened.path("error").asText()).startsWith("not screened").contains("ward-not-deployed");
        var screened = Json.MAPPER.readTree(seen.stream().filter(r -> other.equals(r.key())).findFirst().orElseThrow()
                .value());
        assertThat(screened.path("result").path("decision").asText()).isEqualTo("ALLOW");
    }

    @Test
    void badInput_isRefusedWithAProblem_andNothingIsWritten() throws Exception {
        long before = count("select count(*) from event");
        String group = "group-" + UUID.randomUUID();
        screen(Map.of("groupId", group, "messageId", "m-1", "author", Map.of("id", "a"))).statusCode(400)
                .contentType(containsString("application/problem+json")).body("errors.field", hasItem("text"));
        screen(message(group, "m-2", "a", "x".repeat(10_001))).statusCode(413).body("errors[0].field", equalTo("text"));
        screen("{\"groupId\": \"g\", ").statusCode(400);
        screen(Map.of("groupId", group, "messageId", "m-3", "author", Map.of("id", "a"), "text", "Xin chào",
                "colour", "red")).statusCode(400);
        given().auth().oauth2(Tokens.forRole(Roles.MEMBER, "member-1")).contentType("application/json")
                .body(message(group, "m-4", "a", "Xin chào")).post("/api/v1/screenings").then().statusCode(403);
        // a posting time no clock gives (the first representable instant): refused, not a 500 from its arithmetic
        screen(Map.of("groupId", group, "messageId", "m-5", "author", Map.of("id", "a"), "text", "Xin chào",
                "postedAt", "-1000000000-01-01T00:00:00Z")).statusCode(400).body("errors.field", hasItem("postedAt"));
        assertThat(count("select count(*) from event")).isEqualTo(before);
    }

    /**
     * Issue 20: a record whose screening goes over the stream's budget of CPU time (a link rule
     * made slow on purpose, {@link PoliciesWithASlowRule}) is held for the board's review, saying
     * why and citing no rule; the records after it get their own verdicts, and the stream's
     * offsets move past it (a poison pill would be screened again after every restart).
     */
    @Test
    void aRecordOverItsBudget_isHeldForReviewSayingWhy_andTheStreamGoesOnAndCommitsPastIt() throws Exception {
        String slow = "group-" + UUID.randomUUID();
        // established with its leader, who reviews what is held
        try (var producer = new KafkaProducer<>(props(), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(Relay.record(Topics.GROUP_EVENTS, "group-service", PostResourceTests.groupEvent(slow, 1,
                    "GroupEstablished", Map.of("groupId", slow, "profile", PoliciesWithASlowRule.PROFILE,
                            "profileVersion", 1, "leader", Map.of("memberId", "leader-slow"))), 1)).get();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> count("select count(*) from group_profile where group_id = '"
                + slow + "'") == 1 && count("select count(*) from directory_seat where group_id = '" + slow + "'") == 1);
        String other = "group-" + UUID.randomUUID();
        try (var producer = new KafkaProducer<>(props(), new StringSerializer(), new StringSerializer())) {
            producer.send(chat(slow, Map.of("groupId", slow, "messageId", "slow-1", "author", Map.of("id", "member-1",
                    "displayName", "Nguyễn Văn An"), "text", "Mời mọi người xem các đường dẫn",
                    "links", PoliciesWithASlowRule.slowLinks()))).get();
            producer.send(chat(other, message(other, "after-1", "member-2",
                    "Khuyến mãi cuối năm, giảm giá 50%, liên hệ mua ngay"))).get();
        }
        List<ConsumerRecord<String, String>> seen = new ArrayList<>();
        try (var consumer = consumer()) {
            consumer.subscribe(List.of(Topics.MODERATION_VERDICTS));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
                return seen.stream().anyMatch(r -> slow.equals(r.key())) && seen.stream().anyMatch(r -> other.equals(r.key()));
            });
        }
        var held = Json.MAPPER.readTree(seen.stream().filter(r -> slow.equals(r.key())).findFirst().orElseThrow().value())
                .path("result");
        assertThat(held.path("decision").asText()).isEqualTo("HOLD");
        assertThat(held.path("violations")).hasSize(1);
        assertThat(held.path("violations").get(0).path("ruleId").asText()).isEqualTo("screening:not-screened");
        assertThat(held.path("violations").get(0).path("category").asText()).isEqualTo("NOT_SCREENED");
        assertThat(held.path("violations").get(0).path("citation").isNull()).isTrue();
        assertThat(held.path("violations").get(0).path("evidence").path("excerpt").asText())
                .contains("over the stream's budget of 1000 ms");
        assertThat(held.path("reply").asText()).isEqualTo("Tin nhắn của Nguyễn Văn An đang được tạm giữ để Ban quản trị "
                + "xem xét, vì hệ thống chưa tự động sàng lọc được tin nhắn này.");
        assertThat(count("select count(*) from review where group_id = '" + slow + "' and state = 'OPEN'")).isEqualTo(1);
        // the leader confirms the hold: nothing was found against the message, so no violation is recorded
        given().auth().oauth2(Tokens.forRole(Roles.LEADER, "leader-slow")).contentType("application/json")
                .body(Map.of("outcome", "CONFIRMED", "note", "Giữ lại")).post("/api/v1/reviews/"
                        + held.path("reviewId").asText() + "/decision").then().statusCode(200)
                .body("state", equalTo("CONFIRMED"));
        assertThat(count("select count(*) from violation where group_id = '" + slow + "'")).isZero();
        assertThat(count("select count(*) from event where event_type = 'ViolationRecorded' and payload->>'groupId' = '"
                + slow + "'")).isZero();
        var after = Json.MAPPER.readTree(seen.stream().filter(r -> other.equals(r.key())).findFirst().orElseThrow()
                .value());
        assertThat(after.path("result").path("decision").asText()).isEqualTo("REMOVE");
        // the offsets committed up to the end of the topic: the held record is never screened again
        try (var admin = org.apache.kafka.clients.admin.Admin.create(props())) {
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                var committed = admin.listConsumerGroupOffsets("moderation-service").partitionsToOffsetAndMetadata().get();
                var partitions = committed.keySet().stream().filter(tp -> tp.topic().equals(Topics.CHAT_MESSAGES))
                        .collect(java.util.stream.Collectors.toMap(tp -> tp,
                                tp -> org.apache.kafka.clients.admin.OffsetSpec.latest()));
                var ends = admin.listOffsets(partitions).all().get();
                return !partitions.isEmpty() && partitions.keySet().stream()
                        .allMatch(tp -> committed.get(tp).offset() == ends.get(tp).offset());
            });
        }
    }

    /**
     * Issue 20: clients flooding the service with maximum-size hostile texts (the audit's F2
     * text, 10,000 characters) do not hold up the event loop: the health check answers within a
     * second throughout, and every flooding request is answered.
     */
    @Test
    void whileClientsFloodWithMaximumSizeHostileTexts_healthAnswersWithinASecond() throws Exception {
        String group = "group-" + UUID.randomUUID();
        establish(group, "Zalo kết nối bình yên", "police-song-tri");
        String hostile = "a^ a^ " + "a".repeat(ScreeningResource.MAX_TEXT - 7) + "1";
        var flooding = java.util.concurrent.Executors.newFixedThreadPool(8);
        var stop = new java.util.concurrent.atomic.AtomicBoolean();
        var answered = new java.util.concurrent.atomic.AtomicInteger();
        var statuses = java.util.concurrent.ConcurrentHashMap.<Integer>newKeySet();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            flooding.submit(() -> {
                for (int i = 0; !stop.get(); i++) {
                    int status = given().auth().oauth2(Tokens.forRole(Roles.BOT, "zalo-bot")).contentType("application/json")
                            .body(message(group, "flood-" + thread + "-" + i, "member-" + thread, hostile))
                            .post("/api/v1/screenings").statusCode();
                    statuses.add(status);
                    answered.incrementAndGet();
                }
            });
        }
        long slowest = 0;
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> answered.get() >= 16); // the flood is on
            for (int i = 0; i < 20; i++) {
                long t0 = System.nanoTime();
                int status = given().get("/q/health/live").statusCode();
                long took = System.nanoTime() - t0;
                assertThat(status).isEqualTo(200);
                slowest = Math.max(slowest, took);
                java.util.concurrent.locks.LockSupport.parkNanos(100_000_000L); // one check every 0.1 s, as a prober would
            }
        } finally {
            stop.set(true);
            flooding.shutdown();
            assertThat(flooding.awaitTermination(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        }
        assertThat(slowest).as("slowest health answer, ns").isLessThan(1_000_000_000L);
        assertThat(statuses).containsOnly(200);
        assertThat(answered.get()).isGreaterThan(16);
    }

    /** A chat message for the stream: the screening request's JSON, keyed by its group. */
    static ProducerRecord<String, String> chat(String group, Object request) throws Exception {
        return new ProducerRecord<>(Topics.CHAT_MESSAGES, group, Json.MAPPER.writeValueAsString(request));
    }

    @Test
    void kafkaPath_screensChatMessages_andPublishesVerdictsKeyedByGroup() throws Exception {
        String group = "group-" + UUID.randomUUID();
        try (var producer = new KafkaProducer<>(props(), new StringSerializer(), new StringSerializer())) {
            producer.send(chat(group, message(group, "k-1", "member-9",
                    "Link cập nhật: http://vietcombank-xacthuc.com/login"))).get();
            producer.send(chat(group, message(group, "k-2\nk-3", "member-9", "Tài liệu tối mật"))).get();
            producer.send(chat(group, Map.of("groupId", group, "messageId", "k-4", "author", Map.of("id", "member-9"),
                    "attachments", List.of(Map.of("name", "MẬT KHẨU ".repeat(100), "size", 1))))).get();
        }
        try (var producer = new KafkaProducer<>(props(), new StringSerializer(), new ByteArraySerializer())) {
            // not UTF-8: 0xC3 starts a two-byte sequence, '(' cannot continue it
            byte[] notUtf8 = ("{\"groupId\":\"" + group + "\",\"messageId\":\"k-5\",\"author\":{\"id\":\"m\"},"
                    + "\"text\":\"Xin ch\u00c3(o\"}").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            producer.send(new ProducerRecord<>(Topics.CHAT_MESSAGES, group, notUtf8)).get();
        }
        try (var producer = new KafkaProducer<>(props(), new StringSerializer(), new StringSerializer())) {
            // k-1 again with other content: refused as REST refuses it (409), and the stream goes on
            producer.send(chat(group, message(group, "k-1", "member-9", "Một nội dung khác"))).get();
            producer.send(chat(group, message(group, "k-6", "member-8", "Đề nghị các hộ dân không đốt rác."))).get();
            producer.send(new ProducerRecord<>(Topics.CHAT_MESSAGES, group, "{\"groupId\":\"" + group + "\","
                    + "\"messageId\":\"k-7\",\"author\":{\"id\":\"m\"},\"text\":\"Xin chào\","
                    + "\"postedAt\":\"-1000000000-01-01T00:00:00Z\"}")).get();
        }
        List<ConsumerRecord<String, String>> seen = new ArrayList<>();
        try (var consumer = consumer()) {
            consumer.subscribe(List.of(Topics.MODERATION_VERDICTS));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
                return seen.stream().filter(r -> group.equals(r.key())).count() == 7;
            });
        }
        var verdicts = seen.stream().filter(r -> group.equals(r.key())).toList();
        var verdict = Json.MAPPER.readTree(verdicts.get(0).value());
        assertThat(verdict.path("result").path("decision").asText()).isEqualTo("REMOVE");
        assertThat(verdict.path("result").path("violations").get(0).path("category").asText()).isEqualTo("MALWARE");
        // held to the REST path's limits: an id with a line break, an attachment name over 500 characters
        var refused = Json.MAPPER.readTree(verdicts.get(1).value());
        assertThat(refused.path("result").isNull() || refused.path("result").isMissingNode()).isTrue();
        assertThat(refused.path("error").asText()).contains("messageId").contains("line breaks");
        assertThat(Json.MAPPER.readTree(verdicts.get(2).value()).path("error").asText()).contains("attachments[0].name");
        // a record that is not UTF-8 is refused, not screened with its bytes replaced; keyed as it came
        assertThat(Json.MAPPER.readTree(verdicts.get(3).value()).path("error").asText()).startsWith("unreadable")
                .containsIgnoringCase("UTF-8");
        var reused = Json.MAPPER.readTree(verdicts.get(4).value());
        assertThat(reused.path("messageId").asText()).isEqualTo("k-1");
        assertThat(reused.path("error").asText()).contains("screened before with other content");
        assertThat(Json.MAPPER.readTree(verdicts.get(5).value()).path("result").path("decision").asText())
                .isEqualTo("ALLOW");
        assertThat(Json.MAPPER.readTree(verdicts.get(6).value()).path("error").asText()).contains("postedAt");
    }

    @Test
    void aHijackedAccountsMessages_areHeldForTheBoard_whateverTheySay_ioc_dak_lak_4_3_8() throws Exception {
        String group = "group-" + UUID.randomUUID();
        establish(group, "DAK LAK IOC", "ioc-dak-lak");
        seat(group, 2, "hijacked-1", "Lê Thị Mai", "MEMBER");
        publishGroupEvent(group, 3, "AccountCompromisedReported", Json.MAPPER.createObjectNode().put("groupId", group)
                .put("memberId", "hijacked-1").put("reportedBy", "hijacked-1").put("details", "bị chiếm tài khoản"));
        await().atMost(Duration.ofSeconds(30)).until(() -> count("select count(*) from directory_seat where group_id = '"
                + group + "' and member_id = 'hijacked-1' and posting_frozen") == 1);
        screen(message(group, "m-1", "hijacked-1", "Mọi người xem thông báo họp chiều nay nhé")).statusCode(200)
                .body("decision", equalTo("HOLD")).body("violations.category", hasItem("ACCOUNT_FROZEN"))
                .body("violations.citation", hasItem("ioc-dak-lak:4.3.8")).body("reviewId", notNullValue())
                .body("reply", containsString("tài khoản đã được báo cáo bị chiếm đoạt"));
        // another member of the group posts as before
        screen(message(group, "m-2", "member-2", "Mọi người xem thông báo họp chiều nay nhé")).statusCode(200)
                .body("decision", equalTo("ALLOW"));
    }

    @Test
    void aLinkOrFileSharedByAMemberOffTheBoard_isHeldUntilTheBoardApprovesIt_police_song_tri_13_2() throws Exception {
        String group = "group-" + UUID.randomUUID();
        establish(group, "Zalo kết nối bình yên", "police-song-tri");
        seat(group, 2, "resident-1", "Trần Văn Bình", "MEMBER");
        seat(group, 3, "deputy-1", "Lê Văn Cường", "DEPUTY");
        await().atMost(Duration.ofSeconds(30)).until(() -> count("select count(*) from directory_seat where group_id = '"
                + group + "' and member_id in ('resident-1', 'deputy-1')") == 2);
        String text = "Bà con đọc bài cảnh báo thủ đoạn lừa đảo này nhé";
        List<String> links = List.of("https://congan.gov.vn/tin-tuc/canh-bao-lua-dao");
        // Bước 1: a member proposes what they collected to the board; it is not posted until approved
        screen(Map.of("groupId", group, "messageId", "s-1", "author", Map.of("id", "resident-1",
                "displayName", "Trần Văn Bình"), "text", text, "links", links)).statusCode(200)
                .body("decision", equalTo("HOLD")).body("violations.category", hasItem("SHARING"))
                .body("violations.citation", hasItem("police-song-tri:13.2")).body("reviewId", notNullValue())
                .body("reply", containsString("chưa được Ban quản trị duyệt hoặc giao đăng tải"));
        // the same words without the link are the resident's own message, and stand
        screen(message(group, "s-2", "resident-1", text)).statusCode(200).body("decision", equalTo("ALLOW"));
        // the board's deputy shares it as the board's own
        screen(Map.of("groupId", group, "messageId", "s-3", "author", Map.of("id", "deputy-1",
                "displayName", "Lê Văn Cường"), "text", text, "links", links)).statusCode(200)
                .body("decision", equalTo("ALLOW"));
        // someone not on the roster at all is held as well
        screen(Map.of("groupId", group, "messageId", "s-4", "author", Map.of("id", "stranger-1",
                "displayName", "Phạm Thị Dung"), "text", text, "forwarded", true)).statusCode(200)
                .body("decision", equalTo("HOLD")).body("violations.category", hasItem("SHARING"));
    }

    /** A MemberAdded of the group, at {@code version} of its stream. */
    void seat(String group, long version, String memberId, String fullName, String role) throws Exception {
        var added = Json.MAPPER.createObjectNode().put("groupId", group).put("role", role);
        added.putObject("member").put("memberId", memberId).put("fullName", fullName);
        publishGroupEvent(group, version, "MemberAdded", added);
    }

    void publishGroupEvent(String group, long version, String type, com.fasterxml.jackson.databind.node.ObjectNode payload)
            throws Exception {
        Envelope e = new Envelope(EventIds.next(), type, 1, "group", group, version, Instant.now(), Instant.now(),
                Actor.of("leader-1", "LEADER"), "corr-1", null, payload, HashChain.GENESIS, null).sealed();
        try (var producer = new KafkaProducer<>(props(), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(Relay.record(Topics.GROUP_EVENTS, "group-service", e, 1)).get();
        }
    }

    /**
     * group-service's GroupEstablished on the group events topic, awaited until this service has
     * learned the profile; the test's bot is bound to the group.
     */
    void establish(String group, String name, String profile) throws Exception {
        var established = Json.MAPPER.createObjectNode().put("groupId", group).put("name", name)
                .put("purpose", "An ninh").put("profile", profile).put("profileVersion", 1);
        Envelope e = new Envelope(EventIds.next(), "GroupEstablished", 1, "group", group, 1, Instant.now(),
                Instant.now(), Actor.of("sysadmin", "SYSTEM_ADMIN"), "corr-1", null, established, HashChain.GENESIS,
                null).sealed();
        try (var producer = new KafkaProducer<>(props(), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(Relay.record(Topics.GROUP_EVENTS, "group-service", e, 1)).get();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> count("select count(*) from group_profile where group_id = '"
                + group + "' and profile = '" + profile + "'") == 1);
        bind(group);
    }

    static Properties props() {
        Properties p = new Properties();
        p.put("bootstrap.servers", ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        p.putAll(vn.binhyen.testsupport.KafkaPrincipals.clientSettings(vn.binhyen.testsupport.KafkaPrincipals.ADMIN));
        return p;
    }

    static KafkaConsumer<String, String> consumer() {
        Properties p = props();
        p.put("group.id", "test-" + UUID.randomUUID());
        p.put("auto.offset.reset", "earliest");
        return new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
    }
}
