package vn.binhyen.eventlog.quarkus;

import jakarta.inject.Singleton;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import vn.binhyen.eventlog.Relay;

/** Readiness shows whether this instance's relay publishes or stands by (both are healthy). */
@Readiness
@Singleton
public class RelayHealth implements HealthCheck {
    private final RelayRunner runner;

    RelayHealth(RelayRunner runner) {
        this.runner = runner;
    }

    @Override
    public HealthCheckResponse call() {
        Relay relay = runner.relay();
        var b = HealthCheckResponse.named("event relay").up();
        if (relay == null) {
            return b.withData("state", "disabled").build();
        }
        return b.withData("state", relay.isActive() ? "active" : "standby")
                .withData("published", relay.publishedCount()).build();
    }
}
