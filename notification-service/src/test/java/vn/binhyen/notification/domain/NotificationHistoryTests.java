package vn.binhyen.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.binhyen.contracts.notification.NotificationEvent;

/** What an auditor reads of a notification: folded from its events, given/when/then, no infrastructure. */
class NotificationHistoryTests {
    @Test
    void givenQueuedRetriedFailedOverDeliveredAndAcknowledged_whenFolded_thenEachChannelsStoryAndTheAckShow() {
        // given
        List<NotificationEvent> events = List.of(
                new NotificationEvent.NotificationQueued("notification-1", "e-1", "DeadlineBreached", "role:COMMANDER",
                        "IN_APP", "deadline-breached", "CRITICAL", "police-song-tri:15.3", "QUÁ HẠN: tin báo"),
                new NotificationEvent.NotificationDelivered("notification-1", "IN_APP"),
                new NotificationEvent.DeliveryQueued("notification-1", "ZALO", "zalo:12***89", Instant.EPOCH, false),
                new NotificationEvent.DeliveryAttempted("notification-1", "ZALO", "zalo:12***89", 1, "RETRY", "HTTP 503",
                        Instant.EPOCH.plusSeconds(30)),
                new NotificationEvent.DeliveryAttempted("notification-1", "ZALO", "zalo:12***89", 2, "FAILED", "HTTP 503",
                        null),
                new NotificationEvent.DeliveryFailedOver("notification-1", "ZALO", "SMS", "cap reached"),
                new NotificationEvent.DeliveryQueued("notification-1", "SMS", "091*****78", Instant.EPOCH, false),
                new NotificationEvent.DeliveryAttempted("notification-1", "SMS", "091*****78", 1, "DELIVERED", null, null),
                new NotificationEvent.NotificationDelivered("notification-1", "SMS"),
                new NotificationEvent.NotificationAcknowledged("notification-1", "member:commander-1"));
        // when
        NotificationHistory h = NotificationHistory.fold(events);
        // then
        assertThat(h.recipient()).isEqualTo("role:COMMANDER");
        assertThat(h.citation()).isEqualTo("police-song-tri:15.3");
        assertThat(h.deliveredOn()).containsExactly("IN_APP", "SMS");
        assertThat(h.channels()).extracting(NotificationHistory.Channel::channel).containsExactly("ZALO", "SMS");
        assertThat(h.channels().getFirst().attempts()).isEqualTo(2);
        assertThat(h.channels().getFirst().failedOverTo()).isEqualTo("SMS");
        assertThat(h.channels().getFirst().error()).isEqualTo("cap reached");
        assertThat(h.channels().get(1).outcome()).isEqualTo("DELIVERED");
        assertThat(h.channels().get(1).address()).isEqualTo("091*****78");
        assertThat(h.acknowledgedBy()).isEqualTo("member:commander-1");
        assertThat(h.deadLettered()).isNull();
    }

    @Test
    void givenAnUnknownRecipient_whenFolded_thenTheDeadLetterAndItsReasonShow() {
        NotificationHistory h = NotificationHistory.fold(List.of(
                new NotificationEvent.NotificationQueued("notification-2", "e-2", "MembershipProposed", "member:ghost",
                        "IN_APP", "proposal", "NORMAL", "ward-binh-phuoc:6.3", "Đề nghị"),
                new NotificationEvent.NotificationDeadLettered("notification-2", "member:ghost", "ZALO",
                        "no address for this recipient")));
        assertThat(h.deadLettered()).isEqualTo("ZALO: no address for this recipient");
        assertThat(h.deliveredOn()).isEmpty();
    }
}
