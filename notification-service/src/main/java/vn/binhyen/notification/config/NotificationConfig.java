package vn.binhyen.notification.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** notification-service's own settings ({@code binhyen.notification.*}), one mapping, checked at start. */
@ConfigMapping(prefix = "binhyen.notification")
public interface NotificationConfig {
    /** How long an urgent or critical notification may wait unacknowledged before it goes a level up. */
    @WithDefault("PT10M")
    Duration escalateAfter();

    /** How often escalations are swept, as its {@code @Scheduled} reads it: a duration, or "off" (the tests). */
    @WithDefault("30s")
    String sweepEvery();

    /** How long an SMS or e-mail gateway may take to answer. */
    @WithDefault("PT5S")
    Duration httpTimeout();

    /** How often the in-app feed's live streams look for new notifications; read by its {@code @Scheduled}. */
    @WithDefault("250ms")
    Duration streamPollEvery();

    Sse sse();

    Sms sms();

    /** External delivery: chains, digests, quiet hours, retries, the hand-over to zalo-connector. */
    DeliverySettings delivery();

    /** The in-app feed's live streams (Server-Sent Events). */
    interface Sse {
        @WithDefault("5")
        int maxPerUser();

        @WithDefault("1000")
        int maxTotal();

        /** Notifications buffered per stream before a slow reader is cut off. */
        @WithDefault("256")
        int buffer();
    }

    /** The SMS gateway. */
    interface Sms {
        String baseUrl();

        String apiKey();
    }
}
