package vn.binhyen.notification.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The delivery rules, free of infrastructure: which channels a recipient can be reached on and in
 * which order, when a non-critical message must wait for the end of quiet hours, and what an
 * attempt's outcome means — delivered, try again later (exponential backoff up to the channel's
 * cap), hand over to the next channel of the chain, or dead-letter with the reason.
 */
public final class Delivery {
    public static final String ZALO = "ZALO";
    public static final String ZALO_GROUP = "ZALO_GROUP";
    public static final String SMS = "SMS";
    public static final String EMAIL = "EMAIL";
    public static final List<String> CHANNELS = List.of(ZALO, ZALO_GROUP, SMS, EMAIL);

    private Delivery() {
    }

    /** How often and how patiently a channel is retried. */
    public record RetryPolicy(int maxAttempts, Duration firstDelay, double multiplier, Duration maxDelay) {
        public RetryPolicy {
            if (maxAttempts < 1 || firstDelay.isNegative() || multiplier < 1 || maxDelay.compareTo(firstDelay) < 0) {
                throw new IllegalArgumentException("retry policy: maxAttempts >= 1, multiplier >= 1, maxDelay >= "
                        + "firstDelay; got " + maxAttempts + ", " + multiplier + ", " + firstDelay + ", " + maxDelay);
            }
        }

        /** The wait after the {@code attempt}-th failed try (1-based): first, first×m, first×m², … capped. */
        public Duration delayAfter(int attempt) {
            double millis = firstDelay.toMillis() * Math.pow(multiplier, attempt - 1);
            return millis >= maxDelay.toMillis() ? maxDelay : Duration.ofMillis((long) millis);
        }
    }

    /** Where a recipient can be reached: addresses per channel, their order and their quiet hours. */
    public record Contact(String zaloUserId, String zaloGroupId, String phone, String email, List<String> preferred,
            LocalTime quietFrom, LocalTime quietTo) {

        /**
         * The fallback chain: the preferred channels (or {@code defaults}) that have an address,
         * in order, each with its address.
         */
        public Map<String, String> chain(List<String> defaults) {
            Map<String, String> out = new LinkedHashMap<>();
            for (String channel : preferred == null || preferred.isEmpty() ? defaults : preferred) {
                String address = switch (channel) {
                    case ZALO -> zaloUserId;
                    case ZALO_GROUP -> zaloGroupId;
                    case SMS -> phone;
                    case EMAIL -> email;
                    default -> null;
                };
                if (address != null && !address.isBlank()) {
                    out.put(channel, address);
                }
            }
            return out;
        }
    }

    /**
     * The earliest moment a message may be sent: now, unless it is not critical and the
     * recipient's local time falls in their quiet hours (which may wrap midnight), then the end
     * of those hours.
     */
    public static Instant notBefore(Instant now, Urgency urgency, Contact contact, ZoneId zone) {
        if (urgency.ignoresQuietHours() || contact == null || contact.quietFrom() == null
                || contact.quietTo() == null || contact.quietFrom().equals(contact.quietTo())) {
            return now;
        }
        ZonedDateTime local = now.atZone(zone);
        LocalTime t = local.toLocalTime();
        LocalTime from = contact.quietFrom();
        LocalTime to = contact.quietTo();
        boolean quiet = from.isBefore(to) ? !t.isBefore(from) && t.isBefore(to) : !t.isBefore(from) || t.isBefore(to);
        if (!quiet) {
            return now;
        }
        ZonedDateTime end = local.with(to).withSecond(0).withNano(0);
        if (!end.isAfter(local)) {
            end = end.plusDays(1);
        }
        return end.toInstant();
    }

    /** What a channel answered. */
    public sealed interface Outcome {
        record Sent() implements Outcome {
        }

        /** {@code retryable}: a timeout, a 5xx, a rate limit; otherwise the address or message is refused for good. */
        record Failed(boolean retryable, String error) implements Outcome {
        }
    }

    /** What happens next. */
    public sealed interface Decision {
        record Delivered() implements Decision {
        }

        record RetryAt(Instant at, String error) implements Decision {
        }

        record FailOver(String toChannel, String reason) implements Decision {
        }

        record DeadLetter(String reason) implements Decision {
        }
    }

    /**
     * Decides after the {@code attempt}-th try (1-based) on {@code channel}; {@code rest} is the
     * chain's remaining channels after this one.
     */
    public static Decision decide(String channel, int attempt, List<String> rest, Outcome outcome, RetryPolicy policy,
            Instant now) {
        if (outcome instanceof Outcome.Sent) {
            return new Decision.Delivered();
        }
        Outcome.Failed failed = (Outcome.Failed) outcome;
        if (failed.retryable() && attempt < policy.maxAttempts()) {
            return new Decision.RetryAt(now.plus(policy.delayAfter(attempt)), failed.error());
        }
        String why = channel + (failed.retryable() ? " gave up after " + attempt + " attempts: " : " refused: ")
                + failed.error();
        if (!rest.isEmpty()) {
            return new Decision.FailOver(rest.get(0), why);
        }
        return new Decision.DeadLetter(why);
    }

    /**
     * The channels zalo-connector carries (issue 26: the Official Accounts' tokens, rate limits and
     * retries live there): a delivery on one is handed over and waits for the connector's answer,
     * which is final — carried out, or not possible (the next channel of the chain takes over).
     */
    public static final java.util.Set<String> HANDED_OVER = java.util.Set.of(ZALO, ZALO_GROUP);

    /**
     * The connector's answer to a handed-over delivery, or its silence past the wait: delivered, or
     * refused for good, so the chain's next channel takes over (or, at its end, the dead letter).
     */
    public static Decision answered(String channel, List<String> rest, boolean carriedOut, String reason) {
        return decide(channel, 1, rest, carriedOut ? new Outcome.Sent() : new Outcome.Failed(false, reason),
                ANSWERED, Instant.EPOCH);
    }

    /** A final answer is not retried here: the connector retried already. */
    private static final RetryPolicy ANSWERED = new RetryPolicy(1, Duration.ZERO, 1, Duration.ZERO);

    /** One message for a recipient's batched, non-urgent notifications, oldest first. */
    public static String digest(List<String> texts) {
        List<String> lines = new ArrayList<>();
        lines.add("Bản tin tổng hợp: " + texts.size() + " thông báo chưa gửi.");
        int n = 1;
        for (String text : texts) {
            lines.add(n++ + ". " + text.replace('\n', ' '));
        }
        return String.join("\n", lines);
    }
}
