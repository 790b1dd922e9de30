package vn.binhyen.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import vn.binhyen.eventlog.Actor;
import vn.binhyen.eventlog.CanonicalJson;
import vn.binhyen.eventlog.Envelope;
import vn.binhyen.eventlog.EnvelopeJson;
import vn.binhyen.eventlog.EventIds;
import vn.binhyen.eventlog.HashChain;
import vn.binhyen.eventlog.Json;
import vn.binhyen.eventlog.LogPosition;
import vn.binhyen.eventlog.NewEvent;
import vn.binhyen.eventlog.PostgresEventStore;
import vn.binhyen.eventlog.Relay;
import vn.binhyen.eventlog.StoredEvent;
import vn.binhyen.testsupport.KafkaBroker;
import vn.binhyen.testsupport.PostgresDatabase;

/**
 * The event log's figures, each beside its limit measured in the same run on the same
 * machine: appends vs a raw JDBC batch INSERT of the same rows; the relay vs a raw Kafka
 * producer sending the same records; hash-chain verification vs bare SHA-256 of the same
 * bytes. Run with {@code bin/bench}; record results in bench/RESULTS.md.
 */
public final class EventLogBench {
    static final Duration PHASE = Duration.ofSeconds(Long.getLong("bench.seconds", 6));
    static final int RELAY_EVENTS = Integer.getInteger("bench.relayEvents", 100_000);
    static final Actor ACTOR = Actor.of("bench", "SYSTEM_ADMIN");

    public static void main(String[] args) throws Exception {
        vn.binhyen.audit.QuietLogging.apply();
        System.out.printf("Bình Yên event log benchmark — %s, %d cores, JDK %s, max heap %d MiB%n", Instant.now(),
                Runtime.getRuntime().availableProcessors(), Runtime.version(), Runtime.getRuntime().maxMemory() >> 20);
        try (PostgresDatabase db = PostgresDatabase.create(); KafkaBroker broker = KafkaBroker.startTemporary()) {
            migrate(db);
            AgroalDataSource pool = AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                    .connectionPoolConfiguration(cp -> cp.maxSize(20).connectionFactoryConfiguration(cf -> cf
                            .jdbcUrl(db.jdbcUrl()).principal(new NamePrincipal(db.username()))
                            .credential(new SimplePassword(db.passwordValue())))));
            PostgresEventStore store = new PostgresEventStore(pool, Clock.systemUTC());

            System.out.println("\n(warming up the JIT and the pool for " + PHASE.toSeconds() + " s; not measured)");
            append(store, 4, 10);
            System.out.println("\n== Append (writers × events per append), " + PHASE.toSeconds() + " s each ==");
            double rawRows = rawJdbcInsert(db, 10);
            System.out.printf("limit: raw JDBC batch INSERT of the same rows (10 per transaction, 1 writer): %,.0f rows/s%n", rawRows);
            double rawRows4 = rawJdbcInsertParallel(db, 10, 4);
            System.out.printf("limit: raw JDBC batch INSERT of the same rows (10 per transaction, 4 writers): %,.0f rows/s%n", rawRows4);
            checkpoint(db);
            Result rawSingle = rawSingleInsertLatency(db);
            System.out.printf("limit: raw single-row INSERT + COMMIT (1 writer): p50 %.2f ms  p99 %.2f ms%n",
                    rawSingle.p50Millis, rawSingle.p99Millis);
            double bestBatched = 0;
            for (int batch : new int[] {1, 10}) {
                for (int writers : new int[] {1, 4, 16}) {
                    checkpoint(db);
                    Result r = append(store, writers, batch);
                    double limit = writers == 1 ? rawRows : rawRows4;
                    System.out.printf("append %2d writer(s) × %2d: %,9.0f events/s  p50 %6.2f ms  p99 %6.2f ms  "
                            + "ratio to raw insert %.2f%n", writers, batch, r.eventsPerSecond, r.p50Millis, r.p99Millis,
                            r.eventsPerSecond / limit);
                    if (batch == 10) {
                        bestBatched = Math.max(bestBatched, r.eventsPerSecond);
                    }
                    if (batch == 1 && writers == 1) {
                        System.out.printf("   target p99 single append ≤ 5 ms: %s (p99 %.2f ms; ratio to the 5 ms target %.2f, "
                                + "to the raw single-row INSERT p99 %.2f)%n", r.p99Millis <= 5 ? "MET" : "NOT MET",
                                r.p99Millis, r.p99Millis / 5.0, r.p99Millis / rawSingle.p99Millis);
                    }
                }
            }
            System.out.printf("   target ≥ 10,000 events/s appended with batching: %s (best %,.0f, ratio to target %.2f)%n",
                    bestBatched >= 10_000 ? "MET" : "NOT MET", bestBatched, bestBatched / 10_000);

            System.out.println("\n== Relay, " + RELAY_EVENTS + " events ==");
            List<StoredEvent> toPublish = preload(store, RELAY_EVENTS);
            checkpoint(db);
            double raw = rawProducer(broker, toPublish);
            double relay = relay(db, broker, RELAY_EVENTS);
            System.out.printf("limit: raw Kafka producer, same records and settings: %,.0f records/s%n", raw);
            System.out.printf("relay (read in commit order, publish, checkpoint): %,.0f events/s  ratio %.2f  target ≥ 0.50: %s%n",
                    relay, relay / raw, relay / raw >= 0.5 ? "MET" : "NOT MET");

            System.out.println("\n== Hash-chain verification ==");
            List<Envelope> envelopes = toPublish.stream().map(StoredEvent::envelope).toList();
            double sha = bareSha(envelopes);
            double verify = verify(envelopes, false);
            double verifyParallel = verify(envelopes, true);
            System.out.printf("limit: bare SHA-256 of the same canonical bytes (1 thread): %,.0f events/s%n", sha);
            System.out.printf("verify (JCS + SHA-256 + links), 1 thread: %,.0f events/s  ratio to SHA-256 %.2f%n",
                    verify, verify / sha);
            System.out.printf("verify, streams in parallel on %d cores: %,.0f events/s  target ≥ 200,000/s: %s (ratio to target %.2f)%n",
                    Runtime.getRuntime().availableProcessors(), verifyParallel,
                    Math.max(verify, verifyParallel) >= 200_000 ? "MET" : "NOT MET", Math.max(verify, verifyParallel) / 200_000);
        }
    }

    record Result(double eventsPerSecond, double p50Millis, double p99Millis) {
    }

    static Result append(PostgresEventStore store, int writers, int batch) throws InterruptedException {
        Recorder recorder = new Recorder(3);
        AtomicLong events = new AtomicLong();
        long end = System.nanoTime() + PHASE.toNanos();
        CountDownLatch done = new CountDownLatch(writers);
        for (int w = 0; w < writers; w++) {
            Thread.ofPlatform().start(() -> {
                try {
                    List<String> streams = new ArrayList<>();
                    List<Long> versions = new ArrayList<>();
                    for (int i = 0; i < 50; i++) {
                        streams.add("bench-" + UUID.randomUUID());
                        versions.add(0L);
                    }
                    int i = 0;
                    while (System.nanoTime() < end) {
                        int s = i++ % streams.size();
                        List<NewEvent> list = new ArrayList<>(batch);
                        for (int k = 0; k < batch; k++) {
                            list.add(event(i * batch + k));
                        }
                        long t0 = System.nanoTime();
                        store.append(streams.get(s), versions.get(s), list);
                        recorder.recordValue((System.nanoTime() - t0) / 1000);
                        versions.set(s, versions.get(s) + batch);
                        events.addAndGet(batch);
                    }
                } finally {
                    done.countDown();
                }
            });
        }
        long start = System.nanoTime();
        done.await();
        double seconds = (System.nanoTime() - start) / 1e9;
        Histogram h = recorder.getIntervalHistogram();
        return new Result(events.get() / seconds, h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0);
    }

    static NewEvent event(int n) {
        ObjectNode p = Json.MAPPER.createObjectNode();
        p.put("groupId", "group-0193a5c0-0000-7000-8000-000000000001");
        p.put("member", "Nguyễn Thị Minh Khai");
        p.put("role", "MEMBER");
        p.put("approvedBy", "leader-1");
        p.put("n", n);
        return new NewEvent(EventIds.next(), "MemberAdded", 1, Instant.now(), ACTOR, "bench-corr", null, p);
    }

    /** Flushes dirty buffers so that one phase's writes do not slow the next one's commits. */
    static void checkpoint(PostgresDatabase db) {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("checkpoint");
        } catch (Exception e) {
            System.out.println("(no CHECKPOINT between phases: " + e.getMessage() + ")");
        }
    }

    /** The latency limit of one append: one precomputed row, INSERT and COMMIT, on a held connection. */
    static Result rawSingleInsertLatency(PostgresDatabase db) throws Exception {
        List<Envelope> rows = precomputed(5_000);
        Recorder recorder = new Recorder(3);
        long inserted = 0;
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(RAW_INSERT)) {
            c.setAutoCommit(false);
            long start = System.nanoTime();
            long end = start + PHASE.toNanos();
            int i = 0;
            while (System.nanoTime() < end) {
                long t0 = System.nanoTime();
                bindRaw(ps, rows.get(i++ % rows.size()));
                ps.executeUpdate();
                c.commit();
                recorder.recordValue((System.nanoTime() - t0) / 1000);
                inserted++;
            }
            Histogram h = recorder.getIntervalHistogram();
            return new Result(inserted / ((System.nanoTime() - start) / 1e9), h.getValueAtPercentile(50) / 1000.0,
                    h.getValueAtPercentile(99) / 1000.0);
        }
    }

    /** The same rows (precomputed envelopes) through plain JDBC batches into the same table, one writer. */
    static double rawJdbcInsert(PostgresDatabase db, int batch) throws Exception {
        return rawJdbcInsertParallel(db, batch, 1);
    }

    /** The same rows through plain JDBC batches, {@code writers} connections at once. */
    static double rawJdbcInsertParallel(PostgresDatabase db, int batch, int writers) throws Exception {
        AtomicLong inserted = new AtomicLong();
        CountDownLatch done = new CountDownLatch(writers);
        long end = System.nanoTime() + PHASE.toNanos();
        long start = System.nanoTime();
        for (int w = 0; w < writers; w++) {
            Thread.ofPlatform().start(() -> {
                try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(RAW_INSERT)) {
                    c.setAutoCommit(false);
                    List<Envelope> rows = precomputed(5_000);
                    int i = 0;
                    while (System.nanoTime() < end) {
                        for (int k = 0; k < batch; k++) {
                            bindRaw(ps, rows.get(i++ % rows.size()));
                            ps.addBatch();
                        }
                        ps.executeBatch();
                        c.commit();
                        inserted.addAndGet(batch);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
        return inserted.get() / ((System.nanoTime() - start) / 1e9);
    }

    static final String RAW_INSERT = "insert into raw_event (event_id, event_type, schema_version, stream_type, "
            + "stream_id, stream_version, occurred_at, recorded_at, actor_id, actor_role, actor_on_behalf_of, "
            + "correlation_id, causation_id, payload, prev_hash, hash) "
            + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)";

    static void bindRaw(PreparedStatement ps, Envelope e) throws Exception {
        ps.setObject(1, UUID.randomUUID());
        ps.setString(2, e.eventType());
        ps.setInt(3, e.schemaVersion());
        ps.setString(4, e.streamType());
        ps.setString(5, e.streamId() + UUID.randomUUID());
        ps.setLong(6, e.streamVersion());
        ps.setTimestamp(7, Timestamp.from(e.occurredAt()));
        ps.setTimestamp(8, Timestamp.from(e.recordedAt()));
        ps.setString(9, e.actor().id());
        ps.setString(10, e.actor().role());
        ps.setString(11, null);
        ps.setString(12, e.correlationId());
        ps.setString(13, null);
        ps.setString(14, Json.MAPPER.writeValueAsString(e.payload()));
        ps.setString(15, e.prevHash());
        ps.setString(16, e.hash());
    }

    static List<Envelope> precomputed(int n) {
        List<Envelope> out = new ArrayList<>(n);
        String prev = HashChain.GENESIS;
        for (int i = 0; i < n; i++) {
            NewEvent ne = event(i);
            Envelope e = new Envelope(ne.eventId(), ne.eventType(), 1, "bench", "bench-raw", i + 1, ne.occurredAt(),
                    Instant.now(), ACTOR, "bench-corr", null, ne.payload(), prev, null).sealed();
            prev = e.hash();
            out.add(e);
        }
        return out;
    }

    static List<StoredEvent> preload(PostgresEventStore store, int n) {
        List<String> streams = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            streams.add("relay-" + UUID.randomUUID());
        }
        long[] versions = new long[streams.size()];
        for (int i = 0; i < n; i += 10) {
            int s = (i / 10) % streams.size();
            List<NewEvent> list = new ArrayList<>();
            for (int k = 0; k < 10; k++) {
                list.add(event(i + k));
            }
            store.append(streams.get(s), versions[s], list);
            versions[s] += 10;
        }
        List<StoredEvent> all = new ArrayList<>(n);
        LogPosition p = LogPosition.START;
        List<StoredEvent> page;
        while (!(page = store.readAll(p, 10_000)).isEmpty()) {
            for (StoredEvent e : page) {
                if (e.envelope().streamType().equals("relay")) {
                    all.add(e);
                }
            }
            p = LogPosition.of(page.getLast());
        }
        return all;
    }

    static Map<String, Object> producerConfig() {
        Map<String, Object> cfg = new HashMap<>();
        cfg.put("bootstrap.servers", "");
        cfg.putAll(vn.binhyen.testsupport.KafkaPrincipals.clientSettings(vn.binhyen.testsupport.KafkaPrincipals.ADMIN));
        cfg.put("enable.idempotence", true);
        cfg.put("acks", "all");
        cfg.put("linger.ms", 5);
        cfg.put("batch.size", 256 * 1024);
        cfg.put("key.serializer", StringSerializer.class.getName());
        cfg.put("value.serializer", ByteArraySerializer.class.getName());
        return cfg;
    }

    /** The limit: the relay's own records (same keys, canonical values, headers), prebuilt, through a bare producer. */
    static double rawProducer(KafkaBroker broker, List<StoredEvent> events) throws Exception {
        String topic = "bench-raw-" + UUID.randomUUID();
        broker.createTopics(List.of(topic), 3);
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>(events.size());
        long seq = 0;
        for (StoredEvent e : events) {
            records.add(Relay.record(topic, "bench-raw", e.envelope(), ++seq)); // exactly what the relay sends
        }
        Map<String, Object> cfg = producerConfig();
        cfg.put("bootstrap.servers", broker.bootstrapServers());
        cfg.putAll(vn.binhyen.testsupport.KafkaPrincipals.clientSettings(vn.binhyen.testsupport.KafkaPrincipals.ADMIN));
        try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(cfg)) {
            p.send(new ProducerRecord<>(topic, "warm-up", new byte[1])).get();
            long start = System.nanoTime();
            for (ProducerRecord<String, byte[]> r : records) {
                p.send(r);
            }
            p.flush();
            return records.size() / ((System.nanoTime() - start) / 1e9);
        }
    }

    static double relay(PostgresDatabase db, KafkaBroker broker, int expected) throws Exception {
        String topic = "bench-relay-" + UUID.randomUUID();
        broker.createTopics(List.of(topic), 3);
        long before = totalEvents(db);
        Map<String, Object> cfg = new HashMap<>();
        cfg.put("bootstrap.servers", broker.bootstrapServers());
        cfg.putAll(vn.binhyen.testsupport.KafkaPrincipals.clientSettings(vn.binhyen.testsupport.KafkaPrincipals.ADMIN));
        try (Relay relay = new Relay(() -> DriverManager.getConnection(db.jdbcUrl(), db.username(), db.passwordValue()),
                cfg, new Relay.Config("bench", topic, 5000, Duration.ofMillis(5), 10_000, Duration.ofSeconds(10),
                        Duration.ofMillis(100)), Clock.systemUTC())) {
            long start = System.nanoTime();
            relay.start();
            while (relay.publishedCount() < before) {
                Thread.onSpinWait();
                Thread.sleep(1);
            }
            return relay.publishedCount() / ((System.nanoTime() - start) / 1e9);
        }
    }

    static long totalEvents(PostgresDatabase db) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement();
                var rs = s.executeQuery("select count(*) from event")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static double bareSha(List<Envelope> envelopes) throws Exception {
        List<byte[]> bytes = envelopes.stream().map(e -> CanonicalJson.bytes(EnvelopeJson.toTree(e, false))).toList();
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (int round = 0; round < 2; round++) { // first round warms up
            long start = System.nanoTime();
            for (byte[] b : bytes) {
                sha.update(b);
                sha.digest();
            }
            if (round == 1) {
                return bytes.size() / ((System.nanoTime() - start) / 1e9);
            }
        }
        throw new IllegalStateException();
    }

    static double verify(List<Envelope> envelopes, boolean parallel) {
        Map<String, List<Envelope>> byStream = new HashMap<>();
        for (Envelope e : envelopes) {
            byStream.computeIfAbsent(e.streamId(), k -> new ArrayList<>()).add(e);
        }
        double[] rates = new double[7];
        for (int round = 0; round < rates.length; round++) { // the median of seven rounds (the first ones warm up)
            long start = System.nanoTime();
            var streams = parallel ? byStream.values().parallelStream() : byStream.values().stream();
            long checked = streams.mapToLong(stream -> {
                var v = HashChain.verify(stream);
                if (!v.intact()) {
                    throw new IllegalStateException("benchmark data does not verify: " + v);
                }
                return v.checked();
            }).sum();
            rates[round] = checked / ((System.nanoTime() - start) / 1e9);
        }
        java.util.Arrays.sort(rates);
        return rates[rates.length / 2];
    }

    static void migrate(PostgresDatabase db) throws Exception {
        try (InputStream in = PostgresEventStore.class.getResourceAsStream("/db/eventlog/V1__eventlog.sql");
                Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            s.execute("create table raw_event (like event including defaults including identity including indexes including constraints)");
        }
    }

    private EventLogBench() {
    }
}
