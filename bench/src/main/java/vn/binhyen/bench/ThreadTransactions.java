package vn.binhyen.bench;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * What JTA does for the services, for code run outside Quarkus: a transaction per call on
 * the calling thread; every {@code getConnection()} inside it returns that transaction's
 * connection; after-commit actions run once it has committed.
 */
final class ThreadTransactions implements Consumer<Runnable> {
    private final DataSource pool;
    private final ThreadLocal<Connection> current = new ThreadLocal<>();
    private final ThreadLocal<List<Runnable>> afterCommit = ThreadLocal.withInitial(ArrayList::new);
    private final DataSource dataSource;

    ThreadTransactions(DataSource pool) {
        this.pool = pool;
        this.dataSource = (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    Connection c = current.get();
                    if (method.getName().equals("getConnection") && c != null) {
                        return unclosable(c);
                    }
                    return invoke(method, pool, args);
                });
    }

    /** The data source to hand to the store, the projector and the snapshots. */
    DataSource dataSource() {
        return dataSource;
    }

    <T> T inTransaction(Supplier<T> work) {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            current.set(c);
            try {
                T result = work.get();
                c.commit();
                afterCommit.get().forEach(Runnable::run);
                return result;
            } catch (RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                current.remove();
                afterCommit.remove();
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void accept(Runnable action) {
        if (current.get() == null) {
            action.run();
        } else {
            afterCommit.get().add(action);
        }
    }

    private static Connection unclosable(Connection c) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> method.getName().equals("close") ? null : invoke(method, c, args));
    }

    private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
