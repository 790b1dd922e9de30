package vn.binhyen.eventlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.binhyen.testsupport.PostgresDatabase;

class PostgresEventStoreTests {
    static PostgresDatabase db;
    static PostgresEventStore store;

    @BeforeAll
    static void createDatabase() {
        db = TestStores.freshDatabase();
        store = new PostgresEventStore(db.dataSource(), Clock.systemUTC());
    }

    @AfterAll
    static void dropDatabase() {
        db.close();
    }

    static String newStream() {
        return "group-" + UUID.randomUUID();
    }

    @Test
    void append_threeEventsToNewStream_getVersionsOneTwoThree() {
        String stream = newStream();
        AppendResult r = store.append(stream, 0, List.of(TestStores.event("A", "n", 1),
                TestStores.event("B", "n", 2), TestStores.event("C", "n", 3)));

        assertThat(r.version()).isEqualTo(3);
        assertThat(store.read(stream)).extracting(Envelope::streamVersion).containsExactly(1L, 2L, 3L);
        assertThat(store.read(stream)).extracting(Envelope::eventType).containsExactly("A", "B", "C");
        assertThat(store.read(stream).getFirst().prevHash()).isEqualTo(HashChain.GENESIS);
        assertThat(store.read(stream).get(1).prevHash()).isEqualTo(store.read(stream).getFirst().hash());
        assertThat(store.verify(stream).intact()).isTrue();
    }

    @Test
    void startStreams_writesEachNewStreamsChain_inOneGo_andRefusesAnExistingStream_writingNothing() {
        String a = newStream();
        String b = newStream();
        var results = store.startStreams(new java.util.LinkedHashMap<>(java.util.Map.of(a, List.of(
                TestStores.event("A", "n", 1), TestStores.event("B", "n", 2)), b, List.of(TestStores.event("C", "n", 3)))));
        assertThat(results).extracting(AppendResult::version).containsExactlyInAnyOrder(2L, 1L);
        assertThat(store.read(a)).extracting(Envelope::eventType).containsExactly("A", "B");
        assertThat(store.verify(a).intact()).isTrue();
        assertThat(store.verify(b).intact()).isTrue();

        String c = newStream();
        assertThatThrownBy(() -> store.startStreams(new java.util.LinkedHashMap<>(java.util.Map.of(c, List.of(
                TestStores.event("D", "n", 4)), a, List.of(TestStores.event("E", "n", 5))))))
                .isInstanceOf(ConcurrencyException.class);
        assertThat(store.read(c)).isEmpty();
        assertThat(store.version(a)).isEqualTo(2);
    }

    @Test
    void append_staleExpectation_throwsConcurrencyException() {
        String stream = newStream();
        store.append(stream, 0, List.of(TestStores.event("A", "n", 1)));

        assertThatThrownBy(() -> store.append(stream, 0, List.of(TestStores.event("B", "n", 2))))
                .isInstanceOf(ConcurrencyException.class)
                .satisfies(e -> assertThat(((ConcurrencyException) e).actualVersion()).isEqualTo(1));
        assertThat(store.version(stream)).isEqualTo(1);
    }

    @Test
    void append_concurrentAppendsAtSameExpectedVersion_exactlyOneWins() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 20; round++) {
                String stream = newStream();
                store.append(stream, 0, List.of(TestStores.event("Seed", "n", 0)));
                CyclicBarrier start = new CyclicBarrier(2);
                Callable<AppendResult> writer = () -> {
                    start.await();
                    return store.append(stream, 1, List.of(TestStores.event("Race", "n", 1)));
                };
                List<Future<AppendResult>> results = List.of(pool.submit(writer), pool.submit(writer));
                int won = 0;
                int lost = 0;
                for (Future<AppendResult> f : results) {
                    try {
                        f.get();
                        won++;
                    } catch (ExecutionException e) {
                        assertThat(e.getCause()).isInstanceOf(ConcurrencyException.class);
                        lost++;
                    }
                }
                assertThat(won).as("round %d winners", round).isEqualTo(1);
                assertThat(lost).as("round %d losers", round).isEqualTo(1);
                assertThat(store.read(stream)).extracting(Envelope::streamVersion).containsExactly(1L, 2L);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void append_sameEventIdsAgain_changesNothing() {
        String stream = newStream();
        List<NewEvent> events = List.of(TestStores.event("A", "n", 1), TestStores.event("B", "n", 2));
        AppendResult first = store.append(stream, 0, events);

        AppendResult again = store.append(stream, 0, events);

        assertThat(again.replayed()).isTrue();
        assertThat(again.version()).isEqualTo(2);
        assertThat(again.events()).extracting(Envelope::hash)
                .containsExactlyElementsOf(first.events().stream().map(Envelope::hash).toList());
        assertThat(store.read(stream)).hasSize(2);
    }

    @Test
    void readAll_transactionWithLowerPositionCommittingLate_isReadAndInCommitOrder() throws Exception {
        LogPosition before = lastPosition();
        String slowStream = newStream();
        String fastStream = newStream();
        try (Connection slow = db.connect()) {
            slow.setAutoCommit(false);
            // the slow transaction takes its transaction id and a lower position first ...
            PostgresEventStore slowStore = new PostgresEventStore(new SingleConnectionDataSource(slow), Clock.systemUTC());
            slowStore.append(slowStream, 0, List.of(TestStores.event("Slow", "n", 1)));
            // ... a faster one takes a higher position and commits first
            store.append(fastStream, 0, List.of(TestStores.event("Fast", "n", 2)));

            assertThat(store.readAll(before, 100)).extracting(e -> e.envelope().streamId())
                    .as("nothing may be read past a transaction still running")
                    .doesNotContain(fastStream, slowStream);

            slow.commit();
        }

        List<StoredEvent> read = store.readAll(before, 100);
        assertThat(read).extracting(e -> e.envelope().streamId()).containsExactly(slowStream, fastStream);
        assertThat(read.get(0).position()).isLessThan(read.get(1).position());
        // and a reader that went on from the fast event would have skipped nothing
        assertThat(read).isSortedAccordingTo((a, b) -> LogPosition.of(a).compareTo(LogPosition.of(b)));
    }

    @Test
    void verify_payloadChangedWithSql_namesExactlyThatEvent() throws Exception {
        String stream = newStream();
        AppendResult r = store.append(stream, 0, List.of(TestStores.event("A", "amount", 100),
                TestStores.event("B", "amount", 200), TestStores.event("C", "amount", 300)));
        UUID tampered = r.events().get(1).eventId();
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("alter table event disable trigger event_append_only");
            s.execute("update event set payload = jsonb_set(payload, '{amount}', '999') where event_id = '"
                    + tampered + "'");
            s.execute("alter table event enable trigger event_append_only");
        }

        ChainVerification v = store.verify(stream);

        assertThat(v.intact()).isFalse();
        assertThat(v.firstBreak()).hasValueSatisfying(b -> {
            assertThat(b.eventId()).isEqualTo(tampered);
            assertThat(b.streamVersion()).isEqualTo(2);
            assertThat(b.reason()).isEqualTo(ChainVerification.Reason.HASH_MISMATCH);
        });
    }

    @Test
    void verify_deletedEvent_namesTheEventAfterTheGap() throws Exception {
        String stream = newStream();
        AppendResult r = store.append(stream, 0, List.of(TestStores.event("A", "n", 1),
                TestStores.event("B", "n", 2), TestStores.event("C", "n", 3)));
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("alter table event disable trigger event_append_only");
            s.execute("delete from event where event_id = '" + r.events().get(1).eventId() + "'");
            s.execute("alter table event enable trigger event_append_only");
        }

        ChainVerification v = store.verify(stream);

        assertThat(v.firstBreak()).hasValueSatisfying(b -> {
            assertThat(b.eventId()).isEqualTo(r.events().get(2).eventId());
            assertThat(b.reason()).isEqualTo(ChainVerification.Reason.VERSION_GAP);
        });
    }

    @Test
    void eventTable_updateWithoutDisablingTheGuard_isRefused() throws Exception {
        String stream = newStream();
        store.append(stream, 0, List.of(TestStores.event("A", "n", 1)));
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.execute("update event set event_type = 'X' where stream_id = '" + stream + "'"))
                    .hasMessageContaining("append-only");
        }
        assertThat(store.read(stream).getFirst().eventType()).isEqualTo("A");
    }

    private static LogPosition lastPosition() {
        List<StoredEvent> all = new ArrayList<>();
        LogPosition p = LogPosition.START;
        List<StoredEvent> page;
        while (!(page = store.readAll(p, 1000)).isEmpty()) {
            all.addAll(page);
            p = LogPosition.of(page.getLast());
        }
        return p;
    }
}
