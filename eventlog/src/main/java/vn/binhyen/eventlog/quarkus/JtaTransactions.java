package vn.binhyen.eventlog.quarkus;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import vn.binhyen.eventlog.Transactions;

/**
 * The transactions of eventlog's shared pieces ({@code DueWork}, the consumers' template) in a
 * service: each a new JTA transaction, its connection the service's datasource's (enlisted), so
 * what the work does through other beans (appending events, the inbox) commits or rolls back with it.
 */
@ApplicationScoped
public class JtaTransactions implements Transactions {
    private final AgroalDataSource dataSource;

    JtaTransactions(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public <R> R inNew(Transactions.Work<R> work) {
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection c = dataSource.getConnection()) {
                return work.run(c);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new Transactions.WorkFailed(e);
            }
        });
    }
}
