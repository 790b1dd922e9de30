package vn.binhyen.contracts.notification;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The events notification-service publishes to {@code binhyen.notification.events}: who was
 * told what, on which channel, because of which event — the proof that the regulations'
 * "report at once", "notify the admins", "remind the members" happened.
 */
public sealed interface NotificationEvent {
    String notificationId();

    /**
     * A notification was decided: {@code recipient} is {@code member:<id>}, {@code role:<ROLE>}
     * or {@code citizen:<reportId>}; {@code sourceEventId} is the event it answers.
     */
    record NotificationQueued(String notificationId, String sourceEventId, String sourceType, String recipient,
            String channel, String kind, String urgency, String citation, String text) implements NotificationEvent {
    }

    record NotificationDelivered(String notificationId, String channel) implements NotificationEvent {
    }

    record NotificationAcknowledged(String notificationId, String acknowledgedBy) implements NotificationEvent {
    }

    /** Not acknowledged in time: {@code escalatedTo} (the next level) is told, as a new notification. */
    record NotificationEscalated(String notificationId, String escalatedTo, String escalationId)
            implements NotificationEvent {
    }

    /**
     * The notification also goes out on {@code channel} (the first of the recipient's fallback
     * chain) to {@code address} (masked), not before {@code notBefore} (quiet hours); a
     * {@code digest} one waits for the recipient's next digest instead.
     */
    record DeliveryQueued(String notificationId, String channel, String address, Instant notBefore, boolean digest)
            implements NotificationEvent {
    }

    /**
     * One try on an external channel ({@code ZALO}, {@code SMS}, {@code EMAIL}): {@code outcome}
     * is {@code DELIVERED}, {@code RETRY} (a retryable error; the next try at {@code nextAttemptAt}),
     * {@code FAILED} (permanent, or the channel's cap reached) or, on Zalo, {@code HANDED_OVER} (to
     * zalo-connector, whose answer is awaited until {@code nextAttemptAt}).
     */
    record DeliveryAttempted(String notificationId, String channel, String address, int attempt, String outcome,
            String error, Instant nextAttemptAt) implements NotificationEvent {
    }

    /** The channel gave up; the recipient's next channel in their fallback chain takes over. */
    record DeliveryFailedOver(String notificationId, String fromChannel, String toChannel, String reason)
            implements NotificationEvent {
    }

    /** Nobody could be reached (unknown recipient, no address, every channel failed): kept with the reason. */
    record NotificationDeadLettered(String notificationId, String recipient, String channel, String reason)
            implements NotificationEvent {
    }

    /**
     * A notification goes out on Zalo through zalo-connector (issue 26: the Official Accounts' tokens and
     * rate limits live there): {@code kind} {@code USER} (a person, {@code zaloId} the OA-scoped user id
     * of their contact) or {@code GROUP} (a Zalo group's id). The connector carries it out once, as action
     * {@code notification:<deliveryId>}, and answers on {@code binhyen.connector.events}
     * ({@code ActionCarriedOut}, or {@code ActionNotPossible} with the reason); it does not send it after
     * {@code notAfter}, when the notification goes its next way.
     */
    record ZaloMessageRequested(String notificationId, String deliveryId, String kind, String zaloId, String text,
            Instant notAfter) implements NotificationEvent {
        public static final String USER = "USER";
        public static final String GROUP = "GROUP";

        /** The connector's action key of a delivery: its answers carry it. */
        public static String actionKey(String deliveryId) {
            return "notification:" + deliveryId;
        }
    }

    /** Non-urgent notifications batched into one message for a recipient ({@code notificationIds}). */
    record DigestQueued(String notificationId, String recipient, String channel, List<String> notificationIds,
            String text) implements NotificationEvent {
    }

    Map<String, Class<? extends NotificationEvent>> TYPES = Map.of(
            "DeliveryQueued", DeliveryQueued.class,
            "DeliveryAttempted", DeliveryAttempted.class,
            "DeliveryFailedOver", DeliveryFailedOver.class,
            "ZaloMessageRequested", ZaloMessageRequested.class,
            "NotificationDeadLettered", NotificationDeadLettered.class,
            "DigestQueued", DigestQueued.class,
            "NotificationEscalated", NotificationEscalated.class,
            "NotificationQueued", NotificationQueued.class,
            "NotificationDelivered", NotificationDelivered.class,
            "NotificationAcknowledged", NotificationAcknowledged.class);

    int SCHEMA_VERSION = 1;
}
