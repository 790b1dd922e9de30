package vn.binhyen.notification.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import vn.binhyen.notification.domain.Delivery;

/**
 * External delivery settings ({@code binhyen.notification.delivery.*}): a group of
 * {@link NotificationConfig}, the service's one mapping, produced as a bean of its own for the
 * delivery queue and the digests ({@link NotificationBeans}).
 */
public interface DeliverySettings {
    /** The fallback chain of a recipient who chose none (channels without an address are skipped). */
    List<String> defaultChain();

    /** How long non-urgent items wait to be batched into one digest per recipient. */
    Duration digestEvery();

    /** The time zone quiet hours are read in. */
    String zone();

    /** How often the delivery queue is swept ("off" in tests, which sweep themselves). */
    String sweepEvery();

    /** How often due digests are built. */
    String digestSweepEvery();

    /** Zalo deliveries, handed over to zalo-connector. */
    HandOver handOver();

    interface HandOver {
        /** How long the connector may take (its own retries of Zalo included) before it gives the delivery up. */
        Duration patience();

        /** How much longer its answer is waited for before the chain's next channel takes over unanswered. */
        Duration grace();
    }

    /** Retry policy per channel name. */
    Map<String, Retry> retry();

    interface Retry {
        int maxAttempts();

        Duration firstDelay();

        double multiplier();

        Duration maxDelay();
    }

    default Delivery.RetryPolicy policy(String channel) {
        Retry r = retry().get(channel);
        if (r == null) {
            throw new IllegalStateException("no retry policy for channel " + channel);
        }
        return new Delivery.RetryPolicy(r.maxAttempts(), r.firstDelay(), r.multiplier(), r.maxDelay());
    }
}
