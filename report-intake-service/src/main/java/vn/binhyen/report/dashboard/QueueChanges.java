package vn.binhyen.report.dashboard;

import vn.binhyen.report.config.ReportIntakeConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Tells open dashboards that the queue may have changed, at once: every append to this service's
 * event log notifies {@code binhyen_report_events} as it commits (a statement trigger, V110), and
 * one thread per instance LISTENs on its own connection (not one of the pool's) and broadcasts
 * each notice; each dashboard then fetches its queue again. Whichever instance wrote, every
 * instance hears it. As a fallback for a notice missed while the connection was being made again,
 * the thread also compares the log's head every {@code binhyen.dashboard.poll-every} (1 s) while
 * a dashboard listens. Each new listener is told once on subscribing, so a page that reconnects
 * fetches its queue and misses nothing.
 */
@ApplicationScoped
public class QueueChanges {
    private static final Logger LOG = Logger.getLogger(QueueChanges.class);
    static final String CHANNEL = "binhyen_report_events";

    private final String url;
    private final Optional<String> username;
    private final Optional<String> password;
    private final Duration every;
    private final BroadcastProcessor<String> processor = BroadcastProcessor.create();
    private final AtomicInteger listeners = new AtomicInteger();
    private volatile boolean stopped;
    private volatile Connection listening;
    private Thread thread;
    private long head = -1;

    QueueChanges(@ConfigProperty(name = "quarkus.datasource.jdbc.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> username,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password,
            ReportIntakeConfig.Dashboard dashboard) {
        Duration every = dashboard.pollEvery();
        this.url = url;
        this.username = username;
        this.password = password;
        this.every = every;
    }

    void start(@Observes StartupEvent started) {
        thread = Thread.ofPlatform().daemon().name("dashboard-changes").start(this::listen);
    }

    void stop(@Observes ShutdownEvent stopping) {
        stopped = true;
        Connection c = listening;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                // closing on the way out
            }
        }
        if (thread != null) {
            thread.interrupt();
        }
    }

    /** "Changed" notices: one at once, then one per change. */
    public Multi<String> follow() {
        return Multi.createBy().concatenating().streams(Multi.createFrom().item("connected"),
                processor.onSubscription().invoke(() -> listeners.incrementAndGet())
                        .onTermination().invoke(() -> listeners.decrementAndGet()));
    }

    /** The listening thread: LISTEN, wait for notices, and connect again (after a second) when the connection fails. */
    private void listen() {
        boolean first = true;
        while (!stopped) {
            java.util.Properties props = new java.util.Properties();
            username.ifPresent(u -> props.setProperty("user", u));
            password.ifPresent(p -> props.setProperty("password", p));
            // a half-open connection must fail, not wait quietly: keep-alives, and no read blocks past 30 s
            props.setProperty("tcpKeepAlive", "true");
            props.setProperty("socketTimeout", "30");
            try (Connection c = DriverManager.getConnection(url, props);
                    Statement s = c.createStatement()) {
                listening = c;
                s.execute("listen " + CHANNEL);
                PGConnection pg = c.unwrap(PGConnection.class);
                head = -1;
                if (!first && listeners.get() > 0) {
                    processor.onNext("listening again"); // whatever happened while not listening
                }
                first = false;
                while (!stopped) {
                    PGNotification[] notices = pg.getNotifications((int) every.toMillis());
                    if (notices != null && notices.length > 0) {
                        if (listeners.get() > 0) {
                            processor.onNext("changed");
                        }
                        head = -1; // told already: the next check takes the head as it is, without telling again
                    } else {
                        check(c);
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!stopped) {
                    LOG.warnf("dashboard changes: listening failed (%s); listening again in 1 s", e.getMessage());
                    try {
                        Thread.sleep(1_000);
                    } catch (InterruptedException interrupted) {
                        return;
                    }
                }
            } finally {
                listening = null;
            }
        }
    }

    /** The fallback: the log's head, compared while anyone listens. */
    private void check(Connection c) throws SQLException {
        if (listeners.get() == 0) {
            head = -1;
            return;
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select coalesce(max(position), 0) from event")) {
            rs.next();
            long now = rs.getLong(1);
            if (head != -1 && now != head) {
                processor.onNext("changed " + now);
            }
            head = now;
        }
    }
}
