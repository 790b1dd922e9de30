package vn.binhyen.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.binhyen.contracts.Topics;
import vn.binhyen.eventlog.Json;

/**
 * moderation-service's streaming path under faults (issue 4's stream, issue 7's tools):
 * moderation-service as a process, its database behind a proxy the test cuts, chat messages on
 * {@code binhyen.chat.messages}, every tenth a classified leak (a REMOVE, whose takedown and
 * sanction are recorded). PostgreSQL unreachable for 70 s mid-stream: the stream waits it out
 * with no restart, the leaks sent meanwhile answered only once it is back, never refused; then
 * the service killed with -9 mid-stream and started again, answering again within seconds of
 * being up (the dead consumer's session is short); then the broker stopped for 25 s with verdicts
 * waiting to go, longer than the service's producer waits (set to 5 s and 15 s here): the
 * verdicts it gave up are sent again once the broker is back, by the same process. Afterwards
 * every message has its verdict (at least once: a redone one repeats its first answer), and
 * every takedown is recorded exactly once.
 */
class ModerationStreamFaultTests {
    static final int MESSAGES = 2_000;
    /** Sent for the broker's outage, after the others. */
    static final int AFTER_THE_BROKER = 100;
    static final int TOTAL = MESSAGES + AFTER_THE_BROKER;
    /**
     * How long the service's producer waits for an unreachable broker before giving a verdict up:
     * for the topic's metadata in send() (1 min unless set), and in its buffer (2 min).
     */
    static final Duration MAX_BLOCK = Duration.ofSeconds(5);
    static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(15);
    /**
     * Longer than a minute: the messaging layer's commit strategy closes the consumer when a
     * record has waited longer than its limit (60 s unless configured), so a shorter outage
     * would not show that the stream survives a real one.
     */
    static final Duration OUTAGE = Duration.ofSeconds(Integer.getInteger("faults.streamOutageSeconds", 70));

    static FaultStage stage;
    /** Every verdict seen, by message id, in the order they came, with when they came. */
    static final ConcurrentMap<String, List<Seen>> verdicts = new ConcurrentHashMap<>();
    static final AtomicBoolean reading = new AtomicBoolean(true);
    static Thread reader;
    static Duration resumedAfter;

    record Seen(String decision, String error, long atNanos) {
    }

    @BeforeAll
    static void start() throws Exception {
        stage = FaultStage.start("moderation-service", Map.of("BINHYEN_MODERATION_VERDICTS_DELIVERY_TIMEOUT",
                DELIVERY_TIMEOUT.toSeconds() + "s", "BINHYEN_MODERATION_VERDICTS_MAX_BLOCK", MAX_BLOCK.toSeconds() + "s"));
        reader = Thread.ofPlatform().name("verdicts").start(ModerationStreamFaultTests::readVerdicts);
    }

    @AfterAll
    static void stop() throws Exception {
        reading.set(false);
        if (reader != null) {
            reader.join(10_000);
        }
        if (stage != null) {
            stage.close();
        }
    }

    static void readVerdicts() {
        Properties p = new Properties();
        p.put("bootstrap.servers", stage.broker().bootstrapServers());
        p.putAll(vn.binhyen.testsupport.KafkaPrincipals.clientSettings(vn.binhyen.testsupport.KafkaPrincipals.ADMIN));
        p.put("group.id", "fault-test-" + UUID.randomUUID());
        p.put("auto.offset.reset", "earliest");
        try (var consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.MODERATION_VERDICTS));
            while (reading.get()) {
                for (var r : consumer.poll(Duration.ofMillis(200))) {
                    try {
                        JsonNode v = Json.MAPPER.readTree(r.value());
                        verdicts.computeIfAbsent(v.path("messageId").asText(), k -> new CopyOnWriteArrayList<>())
                                .add(new Seen(v.path("result").path("decision").asText(null),
                                        v.path("error").asText(null), System.nanoTime()));
                    } catch (Exception e) {
                        throw new IllegalStateException("a verdict that is not JSON: " + r.value(), e);
                    }
                }
            }
        }
    }

    static boolean leak(int n) {
        return n % 10 == 0;
    }

    /** Message n, from a member of its own (so that no one floods), in one of eight groups. */
    static ProducerRecord<String, String> message(int n) throws Exception {
        String group = "group-fault-" + (n % 8);
        String text = leak(n) ? "Gửi anh em tài liệu tối mật về phương án tuần tra số " + n
                : "Đề nghị các hộ dân giữ gìn vệ sinh chung, thông báo số " + n;
        return new ProducerRecord<>(Topics.CHAT_MESSAGES, group, Json.MAPPER.writeValueAsString(Map.of("groupId", group,
                "messageId", "f-" + n, "author", Map.of("id", "member-" + n, "displayName", "Nguyễn Văn An"),
                "text", text)));
    }

    static KafkaProducer<String, String> producer() {
        Properties p = new Properties();
        p.put("bootstrap.servers", stage.broker().bootstrapServers());
        p.putAll(vn.binhyen.testsupport.KafkaPrincipals.clientSettings(vn.binhyen.testsupport.KafkaPrincipals.ADMIN));
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    static void awaitVerdicts(int upTo, Duration limit) {
        await().atMost(limit).pollInterval(Duration.ofMillis(100)).until(() -> answered(upTo) == upTo);
    }

    static int answered(int upTo) {
        int n = 0;
        for (int i = 1; i <= upTo; i++) {
            n += verdicts.containsKey("f-" + i) ? 1 : 0;
        }
        return n;
    }

    @Test
    void databaseCut70s_kill9_brokerDown25s_everyMessageGetsItsVerdict_leaksWaitForTheDatabase_takedownsOnce()
            throws Exception {
        try (var producer = producer()) {
            // a steady start
            for (int n = 1; n <= 600; n++) {
                producer.send(message(n));
            }
            producer.flush();
            awaitVerdicts(600, Duration.ofSeconds(120));

            // PostgreSQL unreachable for the service, for longer than a minute, while messages keep coming
            stage.database().cut();
            long cutAt = System.nanoTime();
            for (int n = 601; n <= 1200; n++) {
                producer.send(message(n));
            }
            producer.flush();
            await().atMost(OUTAGE.plusSeconds(5)).pollInterval(Duration.ofMillis(200))
                    .until(() -> System.nanoTime() - cutAt >= OUTAGE.toNanos());
            long restoredAt = System.nanoTime();
            stage.database().restore();
            awaitVerdicts(1200, Duration.ofSeconds(120)); // by the same process: no restart
            // the first leak sent during the outage was answered only once the database was back
            assertThat(verdicts.get("f-610").getFirst().atNanos()).as("f-610 answered after the outage")
                    .isGreaterThan(restoredAt);

            // kill -9 mid-stream: messages paced over about four seconds, the kill after about one
            AtomicReference<Exception> failed = new AtomicReference<>();
            Thread paced = Thread.ofPlatform().start(() -> {
                try {
                    for (int n = 1201; n <= MESSAGES; n++) {
                        producer.send(message(n));
                        if (n % 20 == 0) {
                            producer.flush();
                            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
                        }
                    }
                    producer.flush();
                } catch (Exception e) {
                    failed.set(e);
                }
            });
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                    .until(() -> answered(MESSAGES) >= 1400);
            stage.kill();
            int answeredAtKill = answered(MESSAGES);
            stage.startAgain();
            long readyAt = System.nanoTime();
            paced.join(60_000);
            assertThat(failed.get()).isNull();
            assertThat(answeredAtKill).as("killed mid-stream").isLessThan(MESSAGES);
            awaitVerdicts(MESSAGES, Duration.ofSeconds(180));
            // the dead process's consumer holds its partitions until its session expires (10 s,
            // not the client's 45 s): the restarted one answers soon after it is up
            long resumedAt = verdicts.values().stream().flatMap(List::stream).mapToLong(Seen::atNanos)
                    .filter(t -> t > readyAt).min().orElseThrow();
            resumedAfter = Duration.ofNanos(resumedAt - readyAt);
            assertThat(resumedAfter).as("answers resumed after the restart").isLessThan(Duration.ofSeconds(25));

            // the broker unreachable for longer than the producer waits, with verdicts to send: the
            // database cut first, so that a batch is held at its first leak (f-2010) while the
            // broker is stopped; then the database back and the batch screened into a producer
            // that cannot deliver, and gives its verdicts up (here after 5 s in send(), 15 s in
            // its buffer); without sending them again the stream stops, and these stay unanswered
            stage.database().cut();
            for (int n = MESSAGES + 1; n <= TOTAL; n++) {
                producer.send(message(n));
            }
            producer.flush();
            awaitVerdicts(MESSAGES + 9, Duration.ofSeconds(60)); // up to the leak that waits
            stage.stopBroker();
            stage.database().restore();
            long stoppedAt = System.nanoTime();
            Duration down = DELIVERY_TIMEOUT.plusSeconds(10);
            await().atMost(down.plusSeconds(5)).pollInterval(Duration.ofMillis(200))
                    .until(() -> System.nanoTime() - stoppedAt >= down.toNanos());
            stage.startBroker();
            awaitVerdicts(TOTAL, Duration.ofSeconds(120)); // sent again, by the same process
        }

        // every message answered, always with its own decision, never refused
        for (int n = 1; n <= TOTAL; n++) {
            String id = "f-" + n;
            String expected = leak(n) ? "REMOVE" : "ALLOW";
            assertThat(verdicts.get(id)).as("verdicts of " + id).isNotEmpty()
                    .allSatisfy(v -> assertThat(v.decision()).as(id + " (error: " + v.error() + ")")
                            .isEqualTo(expected));
        }
        // each takedown recorded once, however many times its message was screened
        try (Connection c = stage.db().connect(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select count(*), count(distinct message_id) from screening")) {
                rs.next();
                assertThat(rs.getLong(1)).as("screenings stored").isEqualTo(TOTAL / 10);
                assertThat(rs.getLong(2)).as("distinct messages stored").isEqualTo(TOTAL / 10);
            }
            try (ResultSet rs = s.executeQuery("select count(*) from event where event_type = 'MessageTakenDown'")) {
                rs.next();
                assertThat(rs.getLong(1)).as("takedowns").isEqualTo(TOTAL / 10);
            }
            try (ResultSet rs = s.executeQuery("select count(*), count(distinct message_id) from violation")) {
                rs.next();
                assertThat(rs.getLong(1)).as("violations").isEqualTo(TOTAL / 10);
                assertThat(rs.getLong(2)).isEqualTo(TOTAL / 10);
            }
        }
        long redone = verdicts.values().stream().filter(v -> v.size() > 1).count();
        System.out.printf("[moderation faults] %,d messages, each answered; %,d answered more than once (redone after"
                + " the kill, or after the broker's outage); answers resumed %.1f s after the restarted service was"
                + " up%n", TOTAL, redone,
                resumedAfter.toMillis() / 1000.0);
    }
}
