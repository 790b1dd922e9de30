package vn.binhyen.eventlog.quarkus;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What runs after a commit (the snapshot caches' puts, the directory's evictions): at once outside a transaction,
 * once the transaction has committed inside one, and never for one that rolls back or is already marked to.
 */
class AfterCommitTests {
    /** A registry with a status and the synchronizations registered with it. */
    static final class Registry implements TransactionSynchronizationRegistry {
        int status;
        final List<Synchronization> synchronizations = new ArrayList<>();

        Registry(int status) {
            this.status = status;
        }

        @Override
        public int getTransactionStatus() {
            return status;
        }

        @Override
        public void registerInterposedSynchronization(Synchronization sync) {
            synchronizations.add(sync);
        }

        @Override
        public Object getTransactionKey() {
            return status == Status.STATUS_NO_TRANSACTION ? null : this;
        }

        @Override
        public void putResource(Object key, Object value) {
        }

        @Override
        public Object getResource(Object key) {
            return null;
        }

        @Override
        public void setRollbackOnly() {
            status = Status.STATUS_MARKED_ROLLBACK;
        }

        @Override
        public boolean getRollbackOnly() {
            return status == Status.STATUS_MARKED_ROLLBACK;
        }

        void complete(int outcome) {
            synchronizations.forEach(s -> s.afterCompletion(outcome));
        }
    }

    @Test
    void outsideATransaction_theActionRunsAtOnce() {
        AtomicInteger ran = new AtomicInteger();
        new AfterCommit(new Registry(Status.STATUS_NO_TRANSACTION)).accept(ran::incrementAndGet);
        assertThat(ran).hasValue(1);
    }

    @Test
    void inATransaction_theActionRunsOnceItCommits_andNeverWhenItRollsBack() {
        AtomicInteger ran = new AtomicInteger();
        Registry committing = new Registry(Status.STATUS_ACTIVE);
        new AfterCommit(committing).accept(ran::incrementAndGet);
        assertThat(ran).hasValue(0);
        committing.complete(Status.STATUS_COMMITTED);
        assertThat(ran).hasValue(1);

        Registry rollingBack = new Registry(Status.STATUS_ACTIVE);
        new AfterCommit(rollingBack).accept(ran::incrementAndGet);
        rollingBack.complete(Status.STATUS_ROLLEDBACK);
        assertThat(ran).hasValue(1);
    }

    @Test
    void aTransactionMarkedForRollback_neverRunsTheAction_notEvenAtOnce() {
        // before 2026-12-04 a status other than ACTIVE ran the action at once: a state appended in a transaction
        // marked for rollback was put in a snapshot cache though the database would never hold it
        AtomicInteger ran = new AtomicInteger();
        Registry marked = new Registry(Status.STATUS_MARKED_ROLLBACK);
        new AfterCommit(marked).accept(ran::incrementAndGet);
        marked.complete(Status.STATUS_ROLLEDBACK);
        assertThat(ran).hasValue(0);
        assertThat(marked.synchronizations).isEmpty();
    }
}
