package vn.binhyen.moderation.messaging;

import vn.binhyen.moderation.config.ModerationConfig;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Liveness: down once {@code binhyen.moderation.stream.max-runaways} workers given up on (a
 * record over its budget of CPU time, {@link RecordBudget}) are still computing. Java cannot
 * stop them, and each holds a core: a restart can (the records they held were answered and
 * committed past, so it does not meet them again).
 */
@Liveness
@Singleton
public class StreamWorkersHealth implements HealthCheck {
    private final ChatMessagesScreener stream;
    private final int maxRunaways;

    StreamWorkersHealth(ChatMessagesScreener stream, ModerationConfig config) {
        this.stream = stream;
        this.maxRunaways = config.stream().maxRunaways();
    }

    @Override
    public HealthCheckResponse call() {
        int runaways = stream.runawayWorkers();
        return HealthCheckResponse.named("screening workers").status(runaways < maxRunaways)
                .withData("givenUpStillRunning", runaways).withData("limit", maxRunaways).build();
    }
}
