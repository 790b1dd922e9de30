package vn.binhyen.eventlog;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Opens a physical, unpooled connection. The relay holds its advisory lock on the session:
 * a pooled connection would go back to the pool still holding the lock.
 */
@FunctionalInterface
public interface ConnectionSource {
    Connection open() throws SQLException;
}
