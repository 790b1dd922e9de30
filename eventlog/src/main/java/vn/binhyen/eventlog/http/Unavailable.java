package vn.binhyen.eventlog.http;

import jakarta.ws.rs.core.Response;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

/** Whether a failure means a dependency is down (worth a 503 and a retry), not a bug. */
public final class Unavailable {
    /** Seconds a client should wait before trying again. */
    public static final int RETRY_AFTER_SECONDS = 5;

    private Unavailable() {
    }

    /**
     * Somewhere in the causes, or in what they suppressed (a failed commit keeps the driver's I/O
     * error as a suppressed XAException): a refused or broken connection, a PostgreSQL connection
     * error (SQLSTATE class 08), the server shutting down or starting (57P01–57P03), the pool
     * finding no connection in time, or Kafka timing out. A commit that failed this way has an
     * unknown outcome: the 503 asks for a retry, which an idempotency key makes safe.
     */
    public static boolean isDependencyDown(Throwable e) {
        return isDependencyDown(e, 0);
    }

    private static boolean isDependencyDown(Throwable e, int depth) {
        if (depth > 8) {
            return false;
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException || t instanceof SQLTransientConnectionException
                    || t instanceof SQLNonTransientConnectionException || t instanceof java.io.EOFException
                    || t instanceof org.apache.kafka.common.errors.TimeoutException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                        || state.equals("57P03"))) {
                    return true;
                }
                String message = String.valueOf(sql.getMessage()).toLowerCase(java.util.Locale.ROOT);
                if (message.contains("acquisition timeout") || message.contains("this connection has been closed")) {
                    return true;
                }
            }
            for (Throwable suppressed : t.getSuppressed()) {
                if (isDependencyDown(suppressed, depth + 1)) {
                    return true;
                }
            }
        }
        return false;
    }

    public static Response problem(Throwable e) {
        return Response.fromResponse(Problem.of("unavailable", "Tạm thời gián đoạn, vui lòng thử lại / Temporarily "
                + "unavailable, try again", Response.Status.SERVICE_UNAVAILABLE, "a service this one depends on is "
                + "not answering; try again in " + RETRY_AFTER_SECONDS + " s").toResponse())
                .header("Retry-After", RETRY_AFTER_SECONDS).build();
    }
}
