package vn.binhyen.moderation.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;
import vn.binhyen.eventlog.EventLogException;

/** The stream waits out an outage of its dependencies, and only that. */
class WhileUnavailableTests {
    static final Logger LOG = Logger.getLogger(WhileUnavailableTests.class);

    /** What the services throw when PostgreSQL refuses connections (SQLSTATE class 08). */
    static EventLogException databaseDown() {
        return new EventLogException("screening could not be read: Connection refused",
                new SQLException("Connection to 127.0.0.1:5432 refused", "08001"));
    }

    @Test
    void whileTheDatabaseIsDown_theActionIsTriedAgain_afterGrowingPauses_untilItSucceeds() {
        // given an action that fails twice because the database is down, then succeeds
        AtomicInteger attempts = new AtomicInteger();
        List<Long> pauses = new ArrayList<>();
        // when it is retried
        String result = WhileUnavailable.retry(() -> {
            if (attempts.incrementAndGet() <= 2) {
                throw databaseDown();
            }
            return "verdict";
        }, nanos -> pauses.add(nanos), LOG);
        // then its result comes back after two pauses, the second twice the first
        assertThat(result).isEqualTo("verdict");
        assertThat(attempts).hasValue(3);
        assertThat(pauses).containsExactly(WhileUnavailable.FIRST_PAUSE_NANOS, 2 * WhileUnavailable.FIRST_PAUSE_NANOS);
    }

    @Test
    void aLongOutage_isWaitedOutWithPausesOfAtMostTheLongest() {
        AtomicInteger attempts = new AtomicInteger();
        List<Long> pauses = new ArrayList<>();
        WhileUnavailable.retry(() -> {
            if (attempts.incrementAndGet() <= 12) {
                throw databaseDown();
            }
            return null;
        }, nanos -> pauses.add(nanos), LOG);
        assertThat(pauses).hasSize(12).allSatisfy(p -> assertThat(p).isBetween(WhileUnavailable.FIRST_PAUSE_NANOS,
                WhileUnavailable.LONGEST_PAUSE_NANOS));
        assertThat(pauses.getLast()).isEqualTo(WhileUnavailable.LONGEST_PAUSE_NANOS);
    }

    @Test
    void aFailureThatIsNotAnOutage_isThrownAtOnce_withoutWaiting() {
        // given a bug (a table missing is not an outage: SQLSTATE 42P01)
        var bug = new EventLogException("screening could not be read", new SQLException("relation missing", "42P01"));
        List<Long> pauses = new ArrayList<>();
        // when it is run, then it is thrown as it is, after a single attempt
        assertThatThrownBy(() -> WhileUnavailable.retry(() -> {
            throw bug;
        }, nanos -> pauses.add(nanos), LOG)).isSameAs(bug);
        assertThat(pauses).isEmpty();
    }

    @Test
    void whenTheServiceStopsDuringAnOutage_theOutagesFailureIsThrown_soTheBatchIsNotCommitted() {
        AtomicInteger attempts = new AtomicInteger();
        EventLogException down = databaseDown();
        assertThatThrownBy(() -> WhileUnavailable.retry(() -> {
            attempts.incrementAndGet();
            throw down;
        }, nanos -> false, LOG)).isSameAs(down);
        assertThat(attempts).hasValue(1);
    }
}
