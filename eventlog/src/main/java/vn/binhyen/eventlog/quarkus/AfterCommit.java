package vn.binhyen.eventlog.quarkus;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.function.Consumer;

/**
 * Runs an action once the current JTA transaction has committed (never on rollback, nor for a transaction already
 * marked for rollback); at once without one.
 */
@ApplicationScoped
public class AfterCommit implements Consumer<Runnable> {
    private final TransactionSynchronizationRegistry registry;

    AfterCommit(TransactionSynchronizationRegistry registry) {
        this.registry = registry;
    }

    /**
     * Runs {@code eviction} now and again once the current transaction has committed: a reader between
     * the write and the commit sees the old row, and must not keep it cached beyond the commit.
     */
    public void nowAndAfterCommit(Runnable eviction) {
        eviction.run();
        accept(eviction);
    }

    @Override
    public void accept(Runnable action) {
        int status = registry.getTransactionStatus();
        if (status == Status.STATUS_NO_TRANSACTION) {
            action.run();
            return;
        }
        if (status != Status.STATUS_ACTIVE) {
            return; // marked for rollback (or already ending): it will not commit, so the action is never due
        }
        registry.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    action.run();
                }
            }
        });
    }
}
