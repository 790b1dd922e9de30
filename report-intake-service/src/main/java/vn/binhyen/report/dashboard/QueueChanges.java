package vn.binhyen.report.dashboard;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Tells open dashboards that the queue may have changed: every instance watches the head of this
 * service's event log (whichever instance wrote), only while a dashboard listens, and broadcasts
 * the new position; each dashboard then fetches its queue again. A dedicated thread polls every
 * {@code binhyen.dashboard.poll-every} (the scheduler's one-second tick is too coarse for the
 * 2-second promise); a listener's first round always refreshes it.
 */
@ApplicationScoped
public class QueueChanges {
    private static final Logger LOG = Logger.getLogger(QueueChanges.class);

    private final AgroalDataSource dataSource;
    private final Duration every;
    private final BroadcastProcessor<String> processor = BroadcastProcessor.create();
    private final AtomicInteger listeners = new AtomicInteger();
    private ScheduledExecutorService poller;
    private long head = -1;

    QueueChanges(AgroalDataSource dataSource,
            @ConfigProperty(name = "binhyen.dashboard.poll-every", defaultValue = "PT0.25S") Duration every) {
        this.dataSource = dataSource;
        this.every = every;
    }

    void start(@Observes StartupEvent started) {
        poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dashboard-changes");
            t.setDaemon(true);
            return t;
        });
        poller.scheduleWithFixedDelay(this::poll, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (poller != null) {
            poller.shutdownNow();
        }
    }

    public Multi<String> follow() {
        return processor.onSubscription().invoke(() -> listeners.incrementAndGet())
                .onTermination().invoke(() -> listeners.decrementAndGet());
    }

    void poll() {
        if (listeners.get() == 0) {
            head = -1;
            return;
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select coalesce(max(position), 0) from event")) {
            rs.next();
            long now = rs.getLong(1);
            if (now != head) {
                processor.onNext("changed " + now);
            }
            head = now;
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("dashboard changes could not be read: %s", e.getMessage());
        }
    }
}
