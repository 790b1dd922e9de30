package vn.binhyen.eventlog.testing;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import vn.binhyen.eventlog.Transactions;

/** Plain JDBC transactions: what a service's JTA ones are, without a container. */
public final class JdbcTransactions implements Transactions {
    private final DataSource dataSource;

    public JdbcTransactions(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public <R> R inNew(Work<R> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                R result = work.run(c);
                c.commit();
                return result;
            } catch (Exception e) {
                c.rollback();
                throw e instanceof RuntimeException r ? r : new WorkFailed(e);
            }
        } catch (SQLException e) {
            throw new WorkFailed(e);
        }
    }
}
