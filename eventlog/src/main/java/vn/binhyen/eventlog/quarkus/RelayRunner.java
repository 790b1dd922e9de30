package vn.binhyen.eventlog.quarkus;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.sql.DriverManager;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;
import vn.binhyen.eventlog.Relay;

/**
 * Runs the service's relay from start to shutdown. It connects outside the pool (the
 * advisory lock lives on its session) with the datasource's own URL and credentials.
 */
@Singleton
public class RelayRunner {
    private static final Logger LOG = Logger.getLogger(RelayRunner.class);

    private final EventLogConfig config;
    private final Config mp;
    private final Clock clock;
    private volatile Relay relay;

    RelayRunner(EventLogConfig config, Config mp, Clock clock) {
        this.config = config;
        this.mp = mp;
        this.clock = clock;
    }

    void start(@Observes StartupEvent ignored) {
        EventLogConfig.Relay r = config.relay();
        if (!r.enabled()) {
            LOG.info("relay disabled (binhyen.eventlog.relay.enabled=false)");
            return;
        }
        String url = mp.getValue("quarkus.datasource.jdbc.url", String.class);
        String user = mp.getOptionalValue("quarkus.datasource.username", String.class).orElse(null);
        String password = mp.getOptionalValue("quarkus.datasource.password", String.class).orElse("");
        Map<String, Object> kafka = new HashMap<>(KafkaClientSettings.of(mp)); // with the service's identity
        Relay.Config rc = new Relay.Config(r.name().orElse(r.topic()), r.topic(), r.batchSize(), r.pollInterval(),
                r.ledgerEveryEvents(), r.ledgerEvery(), r.standbyRetry());
        relay = new Relay(() -> DriverManager.getConnection(url, user, password), kafka, rc, clock);
        relay.start();
    }

    void stop(@Observes ShutdownEvent ignored) {
        Relay r = relay;
        if (r != null) {
            r.close();
        }
    }

    /** Null when the relay is disabled. */
    public Relay relay() {
        return relay;
    }
}
