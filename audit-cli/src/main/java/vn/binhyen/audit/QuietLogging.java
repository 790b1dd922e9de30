package vn.binhyen.audit;

import java.util.logging.Level;
import org.jboss.logmanager.LogContext;

/**
 * Log levels for a plain-Java process (the audit tool, the benchmarks). Unconfigured, JBoss
 * LogManager enables every level, and Kafka's clients then format trace messages for every
 * record they send or read (a producer renders each record with all its headers): a third of
 * a benchmark's time went there. INFO for everything, WARN for Kafka.
 */
public final class QuietLogging {
    private QuietLogging() {
    }

    public static void apply() {
        LogContext context = LogContext.getLogContext();
        context.getLogger("").setLevel(Level.INFO);
        context.getLogger("org.apache.kafka").setLevel(Level.WARNING);
        context.getLogger("kafka").setLevel(Level.WARNING);
        context.getLogger("org.apache.kafka.clients.NetworkClient").setLevel(Level.SEVERE);
    }
}
