package vn.binhyen.eventlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.binhyen.eventlog.testing.JdbcTransactions;
import vn.binhyen.testsupport.PostgresDatabase;

/** The one due-work claim every sweep uses, against a real PostgreSQL: shared, never doubled, never lost. */
class DueWorkTests {
    static PostgresDatabase db;
    static final Instant NOW = Instant.parse("2026-12-03T08:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    static final DueWork<String> DUE = DueWork.of("test item", "select item_id from due_item where not done "
            + "and due_at <= ? order by due_at, item_id", rs -> rs.getString(1));

    @BeforeAll
    static void createDatabase() throws SQLException {
        db = TestStores.freshDatabase();
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("create table due_item (item_id text primary key, due_at timestamptz not null, "
                    + "done boolean not null default false)");
        }
    }

    @AfterAll
    static void dropDatabase() {
        db.close();
    }

    @BeforeEach
    void tenDueTwoNot() throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("truncate due_item");
            for (int i = 0; i < 12; i++) {
                // items 0-9 due a minute apart before now, 10 and 11 due later
                s.execute("insert into due_item values ('item-" + (char) ('a' + i) + "', timestamptz '"
                        + NOW.minusSeconds(600 - 60L * i) + "' + interval '" + (i >= 10 ? "1 hour" : "0") + "')");
            }
        }
    }

    @Test
    void givenARowClaimedByOneInstance_whenAnotherClaims_thenItGetsTheOthers_neverTheSameRow() throws SQLException {
        try (Connection first = db.connect(); Connection second = db.connect()) {
            first.setAutoCommit(false);
            second.setAutoCommit(false);
            List<String> a = DUE.claim(first, at(NOW), 4);
            List<String> b = DUE.claim(second, at(NOW), 100);
            assertThat(a).containsExactly("item-a", "item-b", "item-c", "item-d");
            assertThat(b).as("the rows the first holds are passed over, not waited for")
                    .containsExactly("item-e", "item-f", "item-g", "item-h", "item-i", "item-j");
            first.rollback();
            List<String> again = DUE.claim(second, at(NOW), 100);
            assertThat(again).as("released by a rollback: due again, for whoever claims next")
                    .containsExactly("item-a", "item-b", "item-c", "item-d", "item-e", "item-f", "item-g", "item-h",
                            "item-i", "item-j");
            second.rollback();
        }
    }

    @Test
    void givenMoreDueThanABatch_whenDrained_thenRoundsOfTheBatch_eachItsOwnTransaction_untilNoneIsDue() {
        List<Integer> rounds = new ArrayList<>();
        DueWork.Swept swept = DUE.drain(transactions(db.dataSource()), CLOCK, 3, 100, DueWorkTests::moment,
                (c, due, now) -> {
                    rounds.add(due.size());
                    return markDone(c, due);
                });
        assertThat(rounds).containsExactly(3, 3, 3, 1);
        assertThat(swept).isEqualTo(new DueWork.Swept(10, 10));
        assertThat(DUE.drain(transactions(db.dataSource()), CLOCK, 3, 100, DueWorkTests::moment,
                (c, due, now) -> markDone(c, due))).as("nothing due twice").isEqualTo(new DueWork.Swept(0, 0));
    }

    @Test
    void givenAMaximum_whenDrained_thenNoMoreRowsThanIt_andTheRestStayDue() throws SQLException {
        DueWork.Swept swept = DUE.drain(transactions(db.dataSource()), CLOCK, 4, 6, DueWorkTests::moment,
                (c, due, now) -> markDone(c, due));
        assertThat(swept.claimed()).isEqualTo(6);
        try (Connection c = db.connect()) {
            assertThat(DUE.claim(c, at(NOW), 100)).containsExactly("item-g", "item-h", "item-i", "item-j");
        }
    }

    @Test
    void givenAHandlerThatFails_whenDrained_thenItsRoundRollsBack_andItsRowsStayDue() throws SQLException {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> DUE.drain(transactions(db.dataSource()), CLOCK, 5, 100, DueWorkTests::moment,
                (c, due, now) -> {
                    int n = markDone(c, due);
                    if (calls.incrementAndGet() == 2) {
                        throw new IllegalStateException("the gateway is down");
                    }
                    return n;
                })).hasMessageContaining("the gateway is down");
        try (Connection c = db.connect()) {
            assertThat(DUE.claim(c, at(NOW), 100)).as("the first round committed, the second rolled back")
                    .containsExactly("item-f", "item-g", "item-h", "item-i", "item-j");
        }
    }

    @Test
    void theClaimsLimitAndLock_areWrittenOnce_here() {
        assertThat(DUE.sql(200)).endsWith("order by due_at, item_id limit 200 for update skip locked");
        assertThat(DUE.lockingOnly("d").sql(DueWork.ALL)).endsWith("order by due_at, item_id for update of d skip locked");
        assertThatThrownBy(() -> DueWork.of("x", "select 1 from t order by a limit 5", rs -> 1))
                .hasMessageContaining("limit and lock are DueWork's");
        assertThatThrownBy(() -> DUE.sql(0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static DueWork.Params at(Instant now) {
        return ps -> ps.setTimestamp(1, Timestamp.from(now));
    }

    private static void moment(PreparedStatement ps, Instant now) throws SQLException {
        ps.setTimestamp(1, Timestamp.from(now));
    }

    private static int markDone(Connection c, List<String> due) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update due_item set done = true where item_id = any(?)")) {
            ps.setArray(1, c.createArrayOf("text", due.toArray()));
            return ps.executeUpdate();
        }
    }

    private static Transactions transactions(DataSource dataSource) {
        return new JdbcTransactions(dataSource); // plain JDBC: what a service's JTA ones are, without a container
    }
}
