package vn.binhyen.eventlog.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.binhyen.contracts.EventHeaders;
import vn.binhyen.eventlog.Actor;
import vn.binhyen.eventlog.ConcurrencyException;
import vn.binhyen.eventlog.Envelope;
import vn.binhyen.eventlog.EnvelopeJson;
import vn.binhyen.eventlog.EventIds;
import vn.binhyen.eventlog.HashChain;
import vn.binhyen.eventlog.Json;
import vn.binhyen.eventlog.testing.JdbcTransactions;
import vn.binhyen.testsupport.PostgresDatabase;

/**
 * The consumers' template against a real PostgreSQL, given records as Kafka hands them over
 * (headers, bytes): what is followed is applied once, what is broken is parked and the rest goes
 * on, a lost race is tried again, what does not apply is passed over.
 */
class EventConsumerTests {
    static PostgresDatabase db;
    static final String TOPIC = "binhyen.test.events";

    /** A handler's way of saying the event is not for here (as group-service's unknown group). */
    static final class NotHere extends RuntimeException {
        NotHere(String message) {
            super(message);
        }
    }

    final AtomicInteger races = new AtomicInteger();
    final AtomicInteger deadlocks = new AtomicInteger();
    final AtomicInteger calls = new AtomicInteger();
    long offset;

    @BeforeAll
    static void createDatabase() throws SQLException {
        db = PostgresDatabase.create();
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute(migration("V1__eventlog.sql"));
            s.execute(migration("V3__parked_record.sql"));
            s.execute("create table applied (event_id uuid primary key, n text not null)");
        }
    }

    @AfterAll
    static void dropDatabase() {
        db.close();
    }

    @BeforeEach
    void empty() throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("truncate applied, parked_record, inbox");
        }
    }

    EventConsumer<String> consumer(boolean once) {
        var b = EventConsumer.<String>named("test-service:test-events",
                e -> Optional.ofNullable(e.payload().path("n").asText(null))).follows(Set.of("Counted"))
                .passOver(NotHere.class).attempts(3);
        return (once ? b.once() : b).build(new JdbcTransactions(db.dataSource()), (c, envelope, n) -> {
            calls.incrementAndGet();
            switch (n) {
                case "boom" -> throw new IllegalStateException("the handler cannot take " + n);
                case "race" -> {
                    if (races.incrementAndGet() < 3) {
                        throw new ConcurrencyException("counter-1", 1, 2);
                    }
                }
                case "elsewhere" -> throw new NotHere("no such group here");
                case "deadlock" -> {
                    if (deadlocks.incrementAndGet() == 1) {
                        throw new java.sql.SQLException("deadlock detected", "40P01");
                    }
                }
                case "always-late" -> throw new ConcurrencyException("counter-1", 1, 2);
                default -> {
                }
            }
            try (PreparedStatement ps = c.prepareStatement("insert into applied values (?, ?)")) {
                ps.setObject(1, envelope.eventId());
                ps.setString(2, n);
                ps.executeUpdate();
            }
        });
    }

    @Test
    void givenABatchWithOneRecordTheHandlerCannotTake_whenConsumed_thenOnlyItIsParked_withItsError_andTheRestApplied()
            throws SQLException {
        List<ConsumerRecord<String, byte[]>> batch = List.of(counted("1"), counted("boom"), counted("3"));
        assertThat(consumer(true).accept(batch)).isEqualTo(2);
        assertThat(applied()).containsExactly("1", "3");
        assertThat(parked()).containsExactly("IllegalStateException: the handler cannot take boom @1");
        assertThat(parkedBytes(batch.get(1).offset())).as("the record itself kept, for a replay")
                .isEqualTo(batch.get(1).value());
    }

    @Test
    void givenRecordsThatAreNotEnvelopes_whenConsumed_thenTheyAreParkedAsUnreadable_andTheConsumerGoesOn()
            throws SQLException {
        byte[] huge = new byte[1 << 20];
        java.util.Arrays.fill(huge, (byte) '[');
        List<ConsumerRecord<String, byte[]>> batch = List.of(raw("Counted", "{\"eventId\": 42".getBytes(
                StandardCharsets.UTF_8)), raw("Counted", huge), raw("Counted", new byte[] {(byte) 0xC3, 0x28}),
                counted("4"));
        assertThat(consumer(true).accept(batch)).isEqualTo(1);
        assertThat(applied()).containsExactly("4");
        assertThat(parked()).hasSize(3).allSatisfy(p -> assertThat(p).startsWith("unreadable: "));
    }

    @Test
    void givenRecordsOfTypesNotFollowed_orWithoutAType_whenConsumed_thenTheyAreNeverRead() throws SQLException {
        byte[] garbage = "not json at all".getBytes(StandardCharsets.UTF_8);
        assertThat(consumer(true).accept(List.of(raw("LedgerCheckpoint", garbage), raw(null, garbage)))).isZero();
        assertThat(parked()).as("passed over unread, so not parked").isEmpty();
        assertThat(calls).hasValue(0);
    }

    @Test
    void givenABatchRedelivered_whenConsumedOnce_thenEachEventIsAppliedOnce() throws SQLException {
        List<ConsumerRecord<String, byte[]>> batch = List.of(counted("1"), counted("2"));
        EventConsumer<String> consumer = consumer(true);
        assertThat(consumer.accept(batch)).isEqualTo(2);
        consumer.accept(batch);
        consumer.accept(batch.get(1));
        assertThat(applied()).containsExactly("1", "2");
        assertThat(calls).as("the inbox claim comes before the handler").hasValue(2);
    }

    @Test
    void givenALostRace_whenConsumed_thenItIsTriedAgain_andApplied_notParked() throws SQLException {
        assertThat(consumer(true).accept(counted("race"))).isTrue();
        assertThat(races).hasValue(3);
        assertThat(applied()).containsExactly("race");
        assertThat(parked()).isEmpty();
    }

    @Test
    void givenTheDatabaseFailingTheTransaction_whenConsumed_thenItIsTriedAgain_andApplied_notParked()
            throws SQLException {
        assertThat(consumer(true).accept(counted("deadlock"))).isTrue();
        assertThat(deadlocks).as("failed once, then applied").hasValue(2);
        assertThat(applied()).containsExactly("deadlock");
        assertThat(parked()).isEmpty();
    }

    @Test
    void givenARaceLostEveryTime_whenTheAttemptsRunOut_thenItsErrorIsThrown_soTheRecordIsReadAgain_notParked()
            throws SQLException {
        assertThatThrownBy(() -> consumer(true).accept(counted("always-late")))
                .isInstanceOf(ConcurrencyException.class);
        assertThat(calls).as("attempts(3)").hasValue(3);
        assertThat(parked()).isEmpty();
        assertThat(applied()).isEmpty();
    }

    @Test
    void theDatabasesFailures_areToldFromTheRecords() {
        assertThat(EventConsumer.transientFailure(new IllegalStateException(new java.sql.SQLException("x", "40001"))))
                .isTrue();
        assertThat(EventConsumer.transientFailure(new java.sql.SQLException("connection refused", "08001"))).isTrue();
        assertThat(EventConsumer.transientFailure(new java.sql.SQLException("canceling statement", "57014"))).isTrue();
        assertThat(EventConsumer.transientFailure(new java.sql.SQLException("value too long", "22001"))).isFalse();
        assertThat(EventConsumer.transientFailure(new IllegalArgumentException("not its record"))).isFalse();
    }

    @Test
    void givenAnEventThatDoesNotApplyHere_whenConsumed_thenItIsPassedOver_claimed_andNotParked() throws SQLException {
        ConsumerRecord<String, byte[]> r = counted("elsewhere");
        EventConsumer<String> consumer = consumer(true);
        assertThat(consumer.accept(r)).isFalse();
        consumer.accept(r);
        assertThat(parked()).isEmpty();
        assertThat(calls).as("claimed when passed over: a redelivery is not tried again").hasValue(1);
    }

    @Test
    void givenNowhereToPark_whenARecordFails_thenItsErrorIsThrown_soTheRecordIsRedeliveredNotLost() throws SQLException {
        try (PostgresDatabase bare = PostgresDatabase.create()) {
            try (Connection c = bare.connect(); Statement s = c.createStatement()) {
                s.execute(migration("V1__eventlog.sql"));
            }
            EventConsumer<String> consumer = EventConsumer.<String>named("test-service:test-events",
                    e -> Optional.of("boom")).follows(Set.of("Counted")).build(new JdbcTransactions(bare.dataSource()),
                            (c, e, n) -> {
                                throw new IllegalStateException("the handler cannot take it");
                            });
            assertThatThrownBy(() -> consumer.accept(counted("boom"))).hasMessage("the handler cannot take it")
                    .satisfies(e -> assertThat(e.getSuppressed()).hasSize(1));
        }
    }

    private ConsumerRecord<String, byte[]> counted(String n) {
        var payload = Json.MAPPER.createObjectNode().put("n", n);
        Envelope e = new Envelope(EventIds.next(), "Counted", 1, "counter", "counter-1", offset + 1, Instant.now(),
                Instant.now(), Actor.system("test"), "corr-test", null, payload, HashChain.GENESIS, null).sealed();
        ConsumerRecord<String, byte[]> r = raw("Counted", EnvelopeJson.toBytes(e));
        r.headers().add(EventHeaders.EVENT_ID, e.eventId().toString().getBytes(StandardCharsets.UTF_8));
        return r;
    }

    private ConsumerRecord<String, byte[]> raw(String type, byte[] value) {
        ConsumerRecord<String, byte[]> r = new ConsumerRecord<>(TOPIC, 0, offset++, "counter-1", value);
        if (type != null) {
            r.headers().add(EventHeaders.EVENT_TYPE, type.getBytes(StandardCharsets.UTF_8));
        }
        return r;
    }

    private static List<String> applied() throws SQLException {
        return strings("select n from applied order by n");
    }

    private static List<String> parked() throws SQLException {
        return strings("select error || ' @' || kafka_offset from parked_record order by kafka_offset");
    }

    private static byte[] parkedBytes(long offset) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select record from parked_record where kafka_offset = " + offset)) {
            return rs.next() ? rs.getBytes(1) : null;
        }
    }

    private static List<String> strings(String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static String migration(String name) {
        try (InputStream in = EventConsumerTests.class.getResourceAsStream("/db/eventlog/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
