package vn.binhyen.eventlog;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;
import vn.binhyen.contracts.EventHeaders;
import vn.binhyen.contracts.LedgerCheckpoint;

/**
 * Publishes a store's committed events to its Kafka topic in commit order: the event table
 * is the outbox, so nothing is written twice by the application and nothing is lost.
 *
 * <p>One relay per database is active: it holds a PostgreSQL advisory lock on its own
 * connection; the others stand by and retry the lock, so when the active one's process
 * dies (its session ends, the lock goes with it) a stand-by takes over from the saved
 * checkpoint. The producer is idempotent with {@code acks=all}, keyed by stream id; the
 * checkpoint is saved only after the broker acknowledged every record of the batch, so a
 * crash republishes (at least once, never a gap, never a reordering of first deliveries
 * within a stream); consumers deduplicate with the {@link Inbox}.
 *
 * <p>Every published hash is folded into the {@link LedgerDigest}; a {@link LedgerCheckpoint}
 * record follows every {@code ledgerEveryEvents} events or {@code ledgerEvery} time.
 */
public final class Relay implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Relay.class);

    public record Config(String name, String topic, int batchSize, Duration pollInterval, int ledgerEveryEvents,
            Duration ledgerEvery, Duration standbyRetry) {
        public Config {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(topic, "topic");
            if (batchSize < 1 || ledgerEveryEvents < 1) {
                throw new IllegalArgumentException("batchSize and ledgerEveryEvents must be positive");
            }
        }

        public static Config defaults(String name, String topic) {
            return new Config(name, topic, 1000, Duration.ofMillis(50), 1000, Duration.ofSeconds(10),
                    Duration.ofMillis(500));
        }
    }

    private final ConnectionSource connections;
    private final Map<String, Object> producerConfig;
    private final Config config;
    private final Clock clock;
    private final ReentrantLock wakeLock = new ReentrantLock();
    private final Condition wake = wakeLock.newCondition();
    private final AtomicLong published = new AtomicLong();
    private volatile boolean running;
    private volatile boolean active;
    private volatile Thread thread;

    public Relay(ConnectionSource connections, Map<String, Object> kafkaConfig, Config config, Clock clock) {
        this.connections = Objects.requireNonNull(connections, "connections");
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        Map<String, Object> p = new HashMap<>(kafkaConfig);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        p.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "relay-" + config.name());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        this.producerConfig = Map.copyOf(p);
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = Thread.ofPlatform().name("relay-" + config.name()).daemon().start(this::run);
    }

    /** True while this instance holds the lock and publishes. */
    public boolean isActive() {
        return active;
    }

    /** Events this instance has published (acknowledged by the broker) since it started. */
    public long publishedCount() {
        return published.get();
    }

    /** Wakes the relay now (e.g. right after a commit) instead of at the next poll. */
    public void nudge() {
        wakeLock.lock();
        try {
            wake.signalAll();
        } finally {
            wakeLock.unlock();
        }
    }

    @Override
    public void close() {
        running = false;
        nudge();
        Thread t = thread;
        if (t != null) {
            try {
                t.join(Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        while (running) {
            try (Connection c = connections.open()) {
                c.setAutoCommit(true);
                if (!tryLock(c)) {
                    pause(config.standbyRetry());
                    continue;
                }
                LOG.infof("relay %s active: publishing to %s", config.name(), config.topic());
                active = true;
                try {
                    publishWhileRunning(c);
                } finally {
                    active = false;
                    unlock(c);
                }
            } catch (Exception e) {
                active = false;
                if (running) {
                    LOG.warnf("relay %s stopped publishing (%s); it will try again", config.name(), e.toString());
                    pause(config.standbyRetry());
                }
            }
        }
    }

    /** A sent batch whose checkpoint is saved once the broker acknowledged all of it. */
    private record InFlight(List<Future<RecordMetadata>> acks, Checkpoint checkpoint, int events) {
    }

    private void publishWhileRunning(Connection c) throws Exception {
        Checkpoint saved = loadCheckpoint(c);
        LedgerDigest ledger = new LedgerDigest(saved.ledgerCount(), saved.ledgerDigest());
        LogPosition cursor = saved.position();
        long ledgerCountAtRecord = ledger.count();
        Instant ledgerRecordAt = clock.instant();
        InFlight inFlight = null;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig)) {
            while (running) {
                List<StoredEvent> batch = PostgresEventStore.readAll(c, cursor, config.batchSize());
                boolean timeForLedger = ledger.count() > ledgerCountAtRecord
                        && !clock.instant().isBefore(ledgerRecordAt.plus(config.ledgerEvery()));
                if (batch.isEmpty() && !timeForLedger) {
                    if (inFlight != null) {
                        settle(c, inFlight);
                        inFlight = null;
                    } else {
                        pause(config.pollInterval());
                    }
                    continue;
                }
                List<Future<RecordMetadata>> acks = new ArrayList<>(batch.size() + 1);
                for (StoredEvent e : batch) {
                    ledger.fold(e.envelope().hash());
                    acks.add(producer.send(record(e.envelope(), ledger.count())));
                    cursor = LogPosition.of(e);
                    if (ledger.count() - ledgerCountAtRecord >= config.ledgerEveryEvents()) {
                        acks.add(producer.send(ledgerRecord(cursor, ledger)));
                        ledgerCountAtRecord = ledger.count();
                        ledgerRecordAt = clock.instant();
                    }
                }
                if (ledger.count() > ledgerCountAtRecord
                        && !clock.instant().isBefore(ledgerRecordAt.plus(config.ledgerEvery()))) {
                    acks.add(producer.send(ledgerRecord(cursor, ledger)));
                    ledgerCountAtRecord = ledger.count();
                    ledgerRecordAt = clock.instant();
                }
                // while this batch travels, settle the previous one: its acks, then its checkpoint
                if (inFlight != null) {
                    settle(c, inFlight);
                }
                inFlight = new InFlight(acks, new Checkpoint(cursor, ledger.count(), ledger.digest()), batch.size());
            }
            if (inFlight != null) {
                settle(c, inFlight);
            }
        }
    }

    private void settle(Connection c, InFlight batch) throws Exception {
        for (Future<RecordMetadata> ack : batch.acks()) {
            try {
                ack.get();
            } catch (ExecutionException failed) {
                throw new EventLogException("broker refused a record: " + failed.getCause(), failed);
            }
        }
        saveCheckpoint(c, batch.checkpoint());
        published.addAndGet(batch.events());
    }

    private ProducerRecord<String, byte[]> record(Envelope e, long ledgerSequence) {
        return record(config.topic(), config.name(), e, ledgerSequence);
    }

    /** The record a relay publishes for {@code e}: key = stream id, value = RFC 8785 envelope, headers = its fields. */
    public static ProducerRecord<String, byte[]> record(String topic, String ledger, Envelope e, long ledgerSequence) {
        RecordHeaders h = new RecordHeaders();
        header(h, EventHeaders.EVENT_ID, e.eventId().toString());
        header(h, EventHeaders.EVENT_TYPE, e.eventType());
        header(h, EventHeaders.SCHEMA_VERSION, Integer.toString(e.schemaVersion()));
        header(h, EventHeaders.STREAM_TYPE, e.streamType());
        header(h, EventHeaders.STREAM_ID, e.streamId());
        header(h, EventHeaders.STREAM_VERSION, Long.toString(e.streamVersion()));
        header(h, EventHeaders.OCCURRED_AT, e.occurredAt().toString());
        header(h, EventHeaders.RECORDED_AT, e.recordedAt().toString());
        header(h, EventHeaders.ACTOR_ID, e.actor().id());
        header(h, EventHeaders.ACTOR_ROLE, e.actor().role());
        header(h, EventHeaders.ACTOR_ON_BEHALF_OF, e.actor().onBehalfOf());
        header(h, EventHeaders.CORRELATION_ID, e.correlationId());
        header(h, EventHeaders.CAUSATION_ID, e.causationId());
        header(h, EventHeaders.PREV_HASH, e.prevHash());
        header(h, EventHeaders.HASH, e.hash());
        header(h, EventHeaders.LEDGER, ledger);
        header(h, EventHeaders.LEDGER_SEQUENCE, Long.toString(ledgerSequence));
        return new ProducerRecord<>(topic, null, e.streamId(), EnvelopeJson.toBytes(e), h);
    }

    private ProducerRecord<String, byte[]> ledgerRecord(LogPosition at, LedgerDigest ledger)
            throws JsonProcessingException {
        LedgerCheckpoint checkpoint = new LedgerCheckpoint(config.name(), at.position(), at.transactionId(),
                ledger.count(), ledger.digest(), clock.instant().toString());
        RecordHeaders h = new RecordHeaders();
        header(h, EventHeaders.EVENT_TYPE, LedgerCheckpoint.TYPE);
        header(h, EventHeaders.SCHEMA_VERSION, Integer.toString(LedgerCheckpoint.SCHEMA_VERSION));
        header(h, EventHeaders.LEDGER, config.name());
        header(h, EventHeaders.LEDGER_SEQUENCE, Long.toString(ledger.count()));
        return new ProducerRecord<>(config.topic(), null, LedgerCheckpoint.key(config.name()),
                CanonicalJson.bytes(Json.MAPPER.valueToTree(checkpoint)), h);
    }

    private static void header(RecordHeaders h, String name, String value) {
        if (value != null) {
            h.add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    private record Checkpoint(LogPosition position, long ledgerCount, String ledgerDigest) {
    }

    private Checkpoint loadCheckpoint(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select tx_id::text::bigint, position, ledger_count, "
                + "ledger_digest from relay_checkpoint where relay = ?")) {
            ps.setString(1, config.name());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return new Checkpoint(new LogPosition(rs.getLong(1), rs.getLong(2)), rs.getLong(3),
                            rs.getString(4));
                }
            }
        }
        return new Checkpoint(LogPosition.START, 0, HashChain.GENESIS);
    }

    private void saveCheckpoint(Connection c, Checkpoint cp) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into relay_checkpoint "
                + "(relay, tx_id, position, ledger_count, ledger_digest, updated_at) "
                + "values (?, ?::text::xid8, ?, ?, ?, ?) on conflict (relay) do update set tx_id = excluded.tx_id, "
                + "position = excluded.position, ledger_count = excluded.ledger_count, "
                + "ledger_digest = excluded.ledger_digest, updated_at = excluded.updated_at")) {
            ps.setString(1, config.name());
            ps.setString(2, Long.toString(cp.position().transactionId()));
            ps.setLong(3, cp.position().position());
            ps.setLong(4, cp.ledgerCount());
            ps.setString(5, cp.ledgerDigest());
            ps.setTimestamp(6, Timestamp.from(clock.instant()));
            ps.executeUpdate();
        }
    }

    private boolean tryLock(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select pg_try_advisory_lock(hashtextextended(?, 0))")) {
            ps.setString(1, "binhyen-relay:" + config.name());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private void unlock(Connection c) {
        try (PreparedStatement ps = c.prepareStatement("select pg_advisory_unlock(hashtextextended(?, 0))")) {
            ps.setString(1, "binhyen-relay:" + config.name());
            ps.executeQuery().close();
        } catch (SQLException e) {
            LOG.debugf("relay %s: unlock failed (%s); the lock ends with the session", config.name(), e);
        }
    }

    private void pause(Duration d) {
        wakeLock.lock();
        try {
            if (running) {
                wake.awaitNanos(d.toNanos());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            wakeLock.unlock();
        }
    }
}
