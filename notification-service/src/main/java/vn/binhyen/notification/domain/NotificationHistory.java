package vn.binhyen.notification.domain;


import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.binhyen.contracts.notification.NotificationEvent;

/**
 * A notification folded from its events: what was decided for whom and why, and what became of
 * it on each channel. The proof an auditor asks for ("the leader was told, on Zalo, at 03:12,
 * and acknowledged"). Addresses are as the events hold them: masked.
 */
public record NotificationHistory(String notificationId, String sourceEventId, String sourceType, String recipient,
        String kind, String urgency, String citation, String text, List<String> deliveredOn, List<Channel> channels,
        String acknowledgedBy, String escalatedTo, String deadLettered) {

    /** One external channel: where it went (masked), how many tries, the last outcome. */
    public record Channel(String channel, String address, Instant notBefore, boolean digest, int attempts,
            String outcome, String error, String failedOverTo) {
    }

    public static NotificationHistory fold(List<NotificationEvent> events) {
        NotificationHistory h = new NotificationHistory(null, null, null, null, null, null, null, null, List.of(),
                List.of(), null, null, null);
        for (NotificationEvent e : events) {
            h = h.evolve(e);
        }
        return h;
    }

    NotificationHistory evolve(NotificationEvent event) {
        Map<String, Channel> byName = new LinkedHashMap<>();
        channels.forEach(c -> byName.put(c.channel(), c));
        List<String> delivered = new ArrayList<>(deliveredOn);
        NotificationHistory h = this;
        switch (event) {
            case NotificationEvent.NotificationQueued q -> h = new NotificationHistory(q.notificationId(),
                    q.sourceEventId(), q.sourceType(), q.recipient(), q.kind(), q.urgency(), q.citation(), q.text(),
                    delivered, channels, acknowledgedBy, escalatedTo, deadLettered);
            case NotificationEvent.DigestQueued d -> h = new NotificationHistory(d.notificationId(), sourceEventId,
                    "digest of " + d.notificationIds().size(), d.recipient(), "DIGEST", urgency, citation, d.text(),
                    delivered, channels, acknowledgedBy, escalatedTo, deadLettered);
            case NotificationEvent.NotificationDelivered d -> {
                if (!delivered.contains(d.channel())) {
                    delivered.add(d.channel());
                }
            }
            case NotificationEvent.NotificationAcknowledged a -> h = with(delivered, byName, a.acknowledgedBy(),
                    escalatedTo, deadLettered);
            case NotificationEvent.NotificationEscalated x -> h = with(delivered, byName, acknowledgedBy,
                    x.escalatedTo(), deadLettered);
            case NotificationEvent.NotificationDeadLettered d -> h = with(delivered, byName, acknowledgedBy,
                    escalatedTo, d.channel() + ": " + d.reason());
            case NotificationEvent.DeliveryQueued q -> byName.put(q.channel(), new Channel(q.channel(), q.address(),
                    q.notBefore(), q.digest(), 0, "QUEUED", null, null));
            case NotificationEvent.DeliveryAttempted a -> {
                Channel c = byName.get(a.channel());
                byName.put(a.channel(), new Channel(a.channel(), a.address(), c == null ? null : c.notBefore(),
                        c != null && c.digest(), Math.max(a.attempt(), c == null ? 0 : c.attempts()), a.outcome(),
                        a.error(), c == null ? null : c.failedOverTo()));
            }
            case NotificationEvent.ZaloMessageRequested z -> {
                // handed to zalo-connector: the DeliveryAttempted beside it (HANDED_OVER) says so; the address stays masked
            }
            case NotificationEvent.DeliveryFailedOver f -> {
                Channel c = byName.get(f.fromChannel());
                if (c != null) {
                    byName.put(f.fromChannel(), new Channel(c.channel(), c.address(), c.notBefore(), c.digest(),
                            c.attempts(), c.outcome(), f.reason(), f.toChannel()));
                }
            }
        }
        return h.with(delivered, byName, h.acknowledgedBy, h.escalatedTo, h.deadLettered);
    }

    private NotificationHistory with(List<String> delivered, Map<String, Channel> byName, String ack, String escalated,
            String dead) {
        return new NotificationHistory(notificationId, sourceEventId, sourceType, recipient, kind, urgency, citation,
                text, List.copyOf(delivered), List.copyOf(byName.values()), ack, escalated, dead);
    }
}
