package vn.binhyen.contracts.notification;

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

    Map<String, Class<? extends NotificationEvent>> TYPES = Map.of(
            "NotificationEscalated", NotificationEscalated.class,
            "NotificationQueued", NotificationQueued.class,
            "NotificationDelivered", NotificationDelivered.class,
            "NotificationAcknowledged", NotificationAcknowledged.class);

    int SCHEMA_VERSION = 1;
}
