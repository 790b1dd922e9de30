package vn.binhyen.eventlog;

import java.sql.Connection;

/**
 * A service's transactions as the shared pieces ({@link DueWork}, the consumers' template) need
 * them: work run in a transaction of its own on a connection of it, committed when the work
 * returns and rolled back when it throws. In a service it is JTA's (eventlog's
 * {@code quarkus.JtaTransactions}, the connection enlisted, so what other beans write commits with
 * it); in a test without a container, plain JDBC.
 */
@FunctionalInterface
public interface Transactions {
    <R> R inNew(Work<R> work);

    /** A checked exception the work threw, carried out of the transaction (rolled back) unchanged as its cause. */
    final class WorkFailed extends RuntimeException {
        public WorkFailed(Exception cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** Work on the transaction's connection; a runtime exception it throws leaves the transaction as it is. */
    @FunctionalInterface
    interface Work<R> {
        R run(Connection c) throws Exception;
    }
}
