package vn.binhyen.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.binhyen.eventlog.Actor;
import vn.binhyen.eventlog.Envelope;
import vn.binhyen.eventlog.EventIds;
import vn.binhyen.eventlog.Json;
import vn.binhyen.eventlog.NewEvent;
import vn.binhyen.eventlog.PostgresEventStore;
import vn.binhyen.eventlog.Relay;
import vn.binhyen.testsupport.KafkaBroker;
import vn.binhyen.testsupport.PostgresDatabase;

/**
 * `audit compare` (issue 8): a service's event store against its Kafka topic, with a real relay
 * publishing from a real PostgreSQL store to a real broker; then a row altered, a row deleted,
 * a record forged and the log's head deleted are each reported exactly, and rows the relay has
 * not reached are counted, not reported.
 */
class CompareTests {
    static KafkaBroker broker;
    static PostgresDatabase db;
    static PostgresEventStore store;

    @BeforeAll
    static void start() throws Exception {
        QuietLogging.apply();
        broker = KafkaBroker.startTemporary();
        // the tool reads as the client its configuration file names (issue 21): here the broker's admin
        var config = java.nio.file.Files.createTempFile("kafka-client-", ".properties");
        var settings = broker.clientProperties(vn.binhyen.testsupport.KafkaPrincipals.ADMIN);
        settings.remove("bootstrap.servers");
        try (var out = java.nio.file.Files.newOutputStream(config)) {
            settings.store(out, "audit-cli tests");
        }
        System.setProperty("binhyen.kafka.config", config.toString());
        db = PostgresDatabase.create();
        try (InputStream in = PostgresEventStore.class.getResourceAsStream("/db/eventlog/V1__eventlog.sql");
                Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        store = new PostgresEventStore(db.dataSource(), Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        db.close();
        broker.close();
    }

    static NewEvent event(String member) {
        return NewEvent.of("MemberAdded", Json.MAPPER.createObjectNode().put("memberId", member), Instant.now(),
                Actor.of("leader-1", "LEADER"), "corr-compare");
    }

    /** Runs the relay until everything appended so far is published and checkpointed. */
    static void publishAll(String topic) throws Exception {
        long last;
        try (Connection c = db.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select max(position) from event")) {
            rs.next();
            last = rs.getLong(1);
        }
        try (Relay relay = new Relay(() -> DriverManager.getConnection(db.jdbcUrl(), db.username(), db.passwordValue()),
                vn.binhyen.testsupport.KafkaPrincipals.admin(broker.bootstrapServers()),
                new Relay.Config("compare-relay", topic, 50, Duration.ofMillis(20), 10, Duration.ofMillis(200),
                        Duration.ofMillis(100)), Clock.systemUTC())) {
            relay.start();
            org.awaitility.Awaitility.await("the relay's checkpoint reaches the last row").atMost(Duration.ofSeconds(30))
                    .until(() -> checkpointed() >= last);
        }
    }

    static long checkpointed() throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select coalesce(max(position), 0) from relay_checkpoint")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static void sql(String statement) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    record Run(int exit, String out) {
        List<String> breaks() {
            return out.lines().filter(l -> l.startsWith("BREAK ")).toList();
        }
    }

    static Run compare(String topic) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = AuditCli.run(new PrintWriter(out, true), new PrintWriter(err, true), "compare", "--service", "group",
                "--bootstrap", broker.bootstrapServers(), "--topic", topic, "--db-url", db.jdbcUrl(), "--db-user",
                db.username(), "--db-password", db.passwordValue() == null ? "" : db.passwordValue());
        return new Run(exit, out + err.toString());
    }

    @Test
    void theStoreAndItsLog_compare_thenEachTamperingIsReportedExactly() throws Exception {
        String topic = "audit.compare-" + UUID.randomUUID();
        String stream = "group-" + UUID.randomUUID();
        List<NewEvent> batch = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            batch.add(event("m-" + i));
        }
        List<Envelope> events = store.append(stream, 0, batch).events();
        publishAll(topic);

        Run clean = compare(topic);
        assertThat(clean.breaks()).isEmpty();
        assertThat(clean.exit()).isZero();
        assertThat(clean.out()).contains("6 events in the store (0 not yet published by its relay), 6 in the log, 0 difference(s)");

        // rows the relay has not reached yet are counted, never reported missing
        store.append(stream, 6, List.of(event("m-7")));
        Run pending = compare(topic);
        assertThat(pending.breaks()).isEmpty();
        assertThat(pending.out()).contains("7 events in the store (1 not yet published by its relay)");

        // an owner changes a row (the append-only trigger switched off), another deletes one
        sql("alter table event disable trigger event_append_only");
        sql("update event set payload = '{\"memberId\": \"intruder\"}' where event_id = '" + events.get(2).eventId() + "'");
        sql("delete from event where event_id = '" + events.get(4).eventId() + "'");
        sql("alter table event enable trigger event_append_only");
        // a record forged into the topic, hashing and linking correctly
        Envelope forged = new Envelope(EventIds.next(), "MemberAdded", 1, "group", stream, 8, Instant.now(),
                Instant.now(), Actor.of("leader-1", "LEADER"), "corr-x", null,
                Json.MAPPER.createObjectNode().put("memberId", "ghost"), events.get(5).hash(), null).sealed();
        Properties p = new Properties();
        p.put("bootstrap.servers", broker.bootstrapServers());
        p.putAll(vn.binhyen.testsupport.KafkaPrincipals.clientSettings(vn.binhyen.testsupport.KafkaPrincipals.ADMIN));
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<>(p,
                new org.apache.kafka.common.serialization.StringSerializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            producer.send(Relay.record(topic, "compare-relay", forged, 99)).get();
        }
        // and the log's first record deleted at the broker
        try (Admin admin = Admin.create(vn.binhyen.testsupport.KafkaPrincipals.admin(broker.bootstrapServers()))) {
            admin.deleteRecords(Map.of(new TopicPartition(topic, 0), RecordsToDelete.beforeOffset(1))).all().get();
        }

        Run tampered = compare(topic);
        assertThat(tampered.exit()).isEqualTo(1);
        assertThat(tampered.breaks()).hasSize(4);
        assertThat(tampered.breaks()).anySatisfy(b -> assertThat(b).startsWith("BREAK MISSING_FROM_LOG")
                .contains("eventId=" + events.get(0).eventId(), "version=1"));
        assertThat(tampered.breaks()).anySatisfy(b -> assertThat(b).startsWith("BREAK ALTERED")
                .contains("eventId=" + events.get(2).eventId(), "the row does not hash to its hash",
                        "the record hashes to its hash"));
        assertThat(tampered.breaks()).anySatisfy(b -> assertThat(b).startsWith("BREAK EXTRA_IN_LOG")
                .contains("eventId=" + events.get(4).eventId(), "version=5"));
        assertThat(tampered.breaks()).anySatisfy(b -> assertThat(b).startsWith("BREAK EXTRA_IN_LOG")
                .contains("eventId=" + forged.eventId(), "version=8"));
    }
}
