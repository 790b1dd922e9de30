package vn.binhyen.eventlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.binhyen.contracts.EventHeaders;
import vn.binhyen.contracts.LedgerCheckpoint;
import vn.binhyen.testsupport.PostgresDatabase;

class RelayTests {
    static PostgresDatabase db;
    static PostgresEventStore store;

    @BeforeAll
    static void setUp() {
        db = TestStores.freshDatabase();
        store = new PostgresEventStore(db.dataSource(), Clock.systemUTC());
    }

    @AfterAll
    static void tearDown() {
        db.close();
    }

    static Relay relay(String name, String topic) {
        return new Relay(() -> DriverManager.getConnection(db.jdbcUrl(), db.username(), db.passwordValue()),
                vn.binhyen.testsupport.KafkaPrincipals.admin(TestStores.broker().bootstrapServers()),
                new Relay.Config(name, topic, 20, Duration.ofMillis(20), 25, Duration.ofSeconds(1),
                        Duration.ofMillis(100)),
                Clock.systemUTC());
    }

    @Test
    void relay_publishesEventsWithEnvelopeHeadersAndLedgerCheckpoints() {
        String topic = "relay-headers-" + UUID.randomUUID();
        String stream = "group-" + UUID.randomUUID();
        List<NewEvent> events = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            events.add(TestStores.event("MemberAdded", "n", i));
        }
        AppendResult appended = store.append(stream, 0, events);

        try (Relay relay = relay("headers-" + UUID.randomUUID(), topic)) {
            relay.start();
            List<ConsumerRecord<String, byte[]>> records = consumeUntil(topic,
                    rs -> rs.stream().anyMatch(r -> streamOf(r).equals(stream) && header(r, EventHeaders.STREAM_VERSION).equals("30")));

            ConsumerRecord<String, byte[]> first = records.stream()
                    .filter(r -> stream.equals(r.key())).findFirst().orElseThrow();
            Envelope sent = appended.events().getFirst();
            assertThat(header(first, EventHeaders.EVENT_ID)).isEqualTo(sent.eventId().toString());
            assertThat(header(first, EventHeaders.EVENT_TYPE)).isEqualTo("MemberAdded");
            assertThat(header(first, EventHeaders.STREAM_ID)).isEqualTo(stream);
            assertThat(header(first, EventHeaders.STREAM_VERSION)).isEqualTo("1");
            assertThat(header(first, EventHeaders.HASH)).isEqualTo(sent.hash());
            assertThat(header(first, EventHeaders.PREV_HASH)).isEqualTo(HashChain.GENESIS);
            assertThat(header(first, EventHeaders.CORRELATION_ID)).isEqualTo("corr-test");
            assertThat(header(first, EventHeaders.ACTOR_ID)).isEqualTo("tester");
            Envelope published = EnvelopeJson.fromBytes(first.value());
            assertThat(HashChain.hashOf(published)).isEqualTo(sent.hash());

            List<Envelope> chain = records.stream().filter(r -> stream.equals(r.key()))
                    .map(r -> EnvelopeJson.fromBytes(r.value())).toList();
            assertThat(HashChain.verify(chain).intact()).isTrue();

            // every 25 events a ledger checkpoint that an auditor recomputes from the published hashes, in
            // ledger order (the relay publishes every event of the database, not only this test's)
            ConsumerRecord<String, byte[]> ledger = records.stream()
                    .filter(r -> LedgerCheckpoint.TYPE.equals(header(r, EventHeaders.EVENT_TYPE))).findFirst().orElseThrow();
            LedgerCheckpoint cp = read(ledger.value());
            assertThat(cp.count()).isEqualTo(25);
            LedgerDigest recomputed = new LedgerDigest();
            records.stream().filter(r -> !LedgerCheckpoint.TYPE.equals(header(r, EventHeaders.EVENT_TYPE)))
                    .sorted(java.util.Comparator.comparingLong(r -> Long.parseLong(header(r, EventHeaders.LEDGER_SEQUENCE))))
                    .limit(25).forEach(r -> recomputed.fold(header(r, EventHeaders.HASH)));
            assertThat(cp.digest()).isEqualTo(recomputed.digest());
        }
    }

    @Test
    void relay_activeProcessKilled_standbyTakesOverWithNoGapAndNoReordering() throws Exception {
        String topic = "relay-failover-" + UUID.randomUUID();
        String name = "failover-" + UUID.randomUUID();
        List<String> streams = List.of("report-" + UUID.randomUUID(), "report-" + UUID.randomUUID(),
                "report-" + UUID.randomUUID());
        Map<String, AtomicLong> versions = new HashMap<>();
        streams.forEach(s -> versions.put(s, new AtomicLong()));

        Process active = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), RelayProcess.class.getName(), db.jdbcUrl(),
                db.username(), db.passwordValue(), TestStores.broker().bootstrapServers(), topic, name)
                .redirectErrorStream(true).start();
        AtomicBoolean childActive = new AtomicBoolean();
        AtomicLong childPublished = new AtomicLong();
        Thread reader = Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(active.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.equals("ACTIVE")) {
                        childActive.set(true);
                    } else if (line.startsWith("published ")) {
                        childPublished.set(Long.parseLong(line.substring(10)));
                    }
                }
            } catch (java.io.IOException ignored) {
                // the process was killed
            }
        });
        try (Relay standby = relay(name, topic)) {
            await().atMost(Duration.ofSeconds(60)).untilTrue(childActive);
            standby.start();

            // writers keep appending while the active relay publishes, and while it dies
            AtomicBoolean writing = new AtomicBoolean(true);
            Thread writer = Thread.ofPlatform().start(() -> {
                int i = 0;
                while (writing.get()) {
                    String s = streams.get(i++ % streams.size());
                    long v = versions.get(s).get();
                    store.append(s, v, List.of(TestStores.event("Step", "n", v + 1), TestStores.event("Step", "n", v + 2)));
                    versions.get(s).addAndGet(2);
                }
            });
            await().atMost(Duration.ofSeconds(60)).until(() -> childPublished.get() >= 100);
            assertThat(standby.isActive()).as("the stand-by waits while the lock is held").isFalse();

            active.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

            await().atMost(Duration.ofSeconds(60)).until(standby::isActive);
            await().atMost(Duration.ofSeconds(60)).until(() -> standby.publishedCount() >= 100);
            writing.set(false);
            writer.join();

            long total = versions.values().stream().mapToLong(AtomicLong::get).sum();
            // the relay publishes every event of the database, other tests' too: count this test's streams only
            List<ConsumerRecord<String, byte[]>> records = consumeUntil(topic, rs -> rs.stream()
                    .filter(r -> streams.contains(r.key()))
                    .map(r -> header(r, EventHeaders.EVENT_ID)).distinct().count() >= total);

            Map<String, List<Long>> firstDeliveries = new LinkedHashMap<>();
            Set<String> seen = new java.util.HashSet<>();
            for (ConsumerRecord<String, byte[]> r : records) {
                if (!streams.contains(r.key()) || !seen.add(header(r, EventHeaders.EVENT_ID))) {
                    continue;
                }
                firstDeliveries.computeIfAbsent(r.key(), k -> new ArrayList<>())
                        .add(Long.parseLong(header(r, EventHeaders.STREAM_VERSION)));
            }
            for (String s : streams) {
                long last = versions.get(s).get();
                assertThat(firstDeliveries.get(s)).as("stream %s: every version once, in order", s)
                        .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, last).boxed().toList());
            }
        } finally {
            active.destroyForcibly();
            reader.join(5000);
        }
    }

    @Test
    void inbox_consumerGivenTheSameEventTwice_appliesItOnce() throws Exception {
        String topic = "inbox-" + UUID.randomUUID();
        String stream = "group-" + UUID.randomUUID();
        store.append(stream, 0, List.of(TestStores.event("Counted", "n", 1), TestStores.event("Counted", "n", 2)));
        try (Relay relay = relay("inbox-" + UUID.randomUUID(), topic)) {
            relay.start();
            List<ConsumerRecord<String, byte[]>> published = consumeUntil(topic, rs -> rs.stream()
                    .filter(r -> stream.equals(r.key())).count() >= 2);
            // the broker delivers one of them again (as after a relay crash before its checkpoint)
            try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(withAll(
                    vn.binhyen.testsupport.KafkaPrincipals.admin(TestStores.broker().bootstrapServers()), Map.of("key.serializer",
                    StringSerializer.class.getName(), "value.serializer", ByteArraySerializer.class.getName())))) {
                ConsumerRecord<String, byte[]> dup = published.stream().filter(r -> stream.equals(r.key())).findFirst().orElseThrow();
                p.send(new ProducerRecord<>(topic, null, dup.key(), dup.value(), dup.headers())).get();
            }
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("create table if not exists applied (event_id uuid not null, n int not null)");
            }

            List<ConsumerRecord<String, byte[]>> delivered = consumeUntil(topic, rs -> rs.stream()
                    .filter(r -> stream.equals(r.key())).count() >= 3);
            try (Connection c = db.connect()) {
                c.setAutoCommit(false);
                for (ConsumerRecord<String, byte[]> r : delivered) {
                    if (!stream.equals(r.key())) {
                        continue;
                    }
                    Envelope e = EnvelopeJson.fromBytes(r.value());
                    if (Inbox.claim(c, "test-consumer", e.eventId())) {
                        try (PreparedStatement ps = c.prepareStatement("insert into applied values (?, ?)")) {
                            ps.setObject(1, e.eventId());
                            ps.setInt(2, e.payload().get("n").asInt());
                            ps.executeUpdate();
                        }
                    }
                    c.commit();
                }
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select count(*), sum(n) from applied")) {
                    rs.next();
                    assertThat(delivered.stream().filter(r -> stream.equals(r.key())).count()).isEqualTo(3);
                    assertThat(rs.getInt(1)).as("effects applied").isEqualTo(2);
                    assertThat(rs.getInt(2)).isEqualTo(3);
                }
            }
        }
    }

    static List<ConsumerRecord<String, byte[]>> consumeUntil(String topic,
            java.util.function.Predicate<List<ConsumerRecord<String, byte[]>>> done) {
        Map<String, Object> cfg = new HashMap<>();
        cfg.put("bootstrap.servers", TestStores.broker().bootstrapServers());
        cfg.putAll(vn.binhyen.testsupport.KafkaPrincipals.clientSettings(vn.binhyen.testsupport.KafkaPrincipals.ADMIN));
        cfg.put("group.id", "test-" + UUID.randomUUID());
        cfg.put("auto.offset.reset", "earliest");
        cfg.put("enable.auto.commit", "false");
        cfg.put("key.deserializer", StringDeserializer.class.getName());
        cfg.put("value.deserializer", ByteArrayDeserializer.class.getName());
        List<ConsumerRecord<String, byte[]>> all = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(cfg)) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ZERO).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(all::add);
                return done.test(all);
            });
        }
        return all;
    }

    static String header(ConsumerRecord<String, byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    static String streamOf(ConsumerRecord<String, byte[]> r) {
        String s = header(r, EventHeaders.STREAM_ID);
        return s == null ? "" : s;
    }

    static LedgerCheckpoint read(byte[] json) {
        try {
            return Json.MAPPER.readValue(json, LedgerCheckpoint.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code base} with {@code more} added. */
    static java.util.Map<String, Object> withAll(java.util.Map<String, Object> base, java.util.Map<String, ?> more) {
        var all = new java.util.HashMap<String, Object>(base);
        all.putAll(more);
        return all;
    }
}
