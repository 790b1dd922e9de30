package vn.binhyen.eventlog.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import vn.binhyen.eventlog.EventLogException;

/** Which store failures are a dependency down (503, retry) and which are bugs (500). */
class UnavailableTests {
    @Test
    void aRefusedConnection_aConnectionErrorState_aShutdown_andAnExhaustedPool_areDependencyDown() {
        assertThat(Unavailable.isDependencyDown(new EventLogException("append failed",
                new SQLException("Connection to 127.0.0.1:5432 refused", "08001", new ConnectException("refused")))))
                .isTrue();
        assertThat(Unavailable.isDependencyDown(new EventLogException("read failed",
                new SQLException("An I/O error occurred while sending to the backend.", "08006")))).isTrue();
        assertThat(Unavailable.isDependencyDown(new EventLogException("x",
                new SQLException("terminating connection due to administrator command", "57P01")))).isTrue();
        assertThat(Unavailable.isDependencyDown(new EventLogException("x",
                new SQLException("Sorry, acquisition timeout!")))).isTrue();
    }

    @Test
    void aCommitThatLostItsConnection_asTheTransactionManagerWrapsIt_isDependencyDown() {
        // ArcUndeclaredThrowableException → RollbackException, the driver's error suppressed in an XAException
        var xa = new javax.transaction.xa.XAException("Error trying to transactionCommit local transaction");
        xa.initCause(new SQLException("An I/O error occurred while sending to the backend.", "08006",
                new java.io.EOFException()));
        var rollback = new jakarta.transaction.RollbackException("ARJUNA016053: Could not commit transaction.");
        rollback.addSuppressed(xa);
        assertThat(Unavailable.isDependencyDown(new RuntimeException("Error invoking subclass method", rollback)))
                .isTrue();
        var unrelated = new jakarta.transaction.RollbackException("marked rollback only");
        unrelated.addSuppressed(new IllegalStateException("bug"));
        assertThat(Unavailable.isDependencyDown(new RuntimeException(unrelated))).isFalse();
    }

    @Test
    void aUniqueViolation_aSyntaxError_andAnUnrelatedBug_areNot() {
        assertThat(Unavailable.isDependencyDown(new EventLogException("x",
                new SQLException("duplicate key value violates unique constraint", "23505")))).isFalse();
        assertThat(Unavailable.isDependencyDown(new EventLogException("x",
                new SQLException("syntax error at or near", "42601")))).isFalse();
        assertThat(Unavailable.isDependencyDown(new EventLogException("x", new IllegalStateException("bug"))))
                .isFalse();
    }

    @Test
    void theAnswer_is503_withRetryAfter_andAProblemDocument() {
        var r = Unavailable.problem(new EventLogException("x", new SQLException("refused", "08001")));
        assertThat(r.getStatus()).isEqualTo(503);
        assertThat(r.getHeaderString("Retry-After")).isEqualTo("5");
        assertThat(r.getMediaType().toString()).startsWith("application/problem+json");
    }
}
