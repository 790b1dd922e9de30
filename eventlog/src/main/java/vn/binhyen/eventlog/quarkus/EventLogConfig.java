package vn.binhyen.eventlog.quarkus;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** {@code binhyen.eventlog.*}: the service's relay. */
@ConfigMapping(prefix = "binhyen.eventlog")
public interface EventLogConfig {
    Relay relay();

    interface Relay {
        /** Off only for tests that drive a relay themselves. */
        @WithDefault("true")
        boolean enabled();

        /** The topic this service's events go to, e.g. {@code binhyen.group.events}. */
        String topic();

        /** The relay's (and ledger's) name; defaults to the topic. */
        Optional<String> name();

        @WithDefault("1000")
        int batchSize();

        @WithDefault("50ms")
        Duration pollInterval();

        @WithDefault("1000")
        int ledgerEveryEvents();

        @WithDefault("10s")
        Duration ledgerEvery();

        @WithDefault("500ms")
        Duration standbyRetry();
    }
}
