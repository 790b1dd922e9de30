package vn.binhyen.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.binhyen.notification.domain.Delivery.Decision;
import vn.binhyen.notification.domain.Delivery.Outcome;

/** The delivery rules without infrastructure, given / when / then. */
class DeliveryRulesTests {
    static final ZoneId VN = ZoneId.of("Asia/Ho_Chi_Minh");
    static final Instant NOW = Instant.parse("2026-11-22T15:30:00Z"); // 22:30 in Hà Nội
    static final Delivery.RetryPolicy ZALO = new Delivery.RetryPolicy(4, Duration.ofSeconds(30), 2,
            Duration.ofMinutes(2));

    @Test
    void backoffDoublesFromTheFirstDelay_andStopsAtTheCap() {
        assertThat(List.of(ZALO.delayAfter(1), ZALO.delayAfter(2), ZALO.delayAfter(3), ZALO.delayAfter(4)))
                .containsExactly(Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(120),
                        Duration.ofSeconds(120));
        assertThatThrownBy(() -> new Delivery.RetryPolicy(0, Duration.ofSeconds(1), 2, Duration.ofSeconds(1)))
                .hasMessageContaining("maxAttempts");
    }

    @Test
    void givenARetryableFailureBelowTheCap_whenDecided_thenTriedAgainAfterTheBackoff() {
        Decision d = Delivery.decide("ZALO", 2, List.of("SMS"), new Outcome.Failed(true, "HTTP 503"), ZALO, NOW);
        assertThat(d).isEqualTo(new Decision.RetryAt(NOW.plusSeconds(60), "HTTP 503"));
    }

    @Test
    void givenTheCapReached_whenDecided_thenTheNextChannelTakesOver() {
        Decision d = Delivery.decide("ZALO", 4, List.of("SMS", "EMAIL"), new Outcome.Failed(true, "HTTP 503"), ZALO,
                NOW);
        assertThat(d).isEqualTo(new Decision.FailOver("SMS", "ZALO gave up after 4 attempts: HTTP 503"));
    }

    @Test
    void givenAPermanentRefusal_whenDecided_thenNoRetry_theNextChannelAtOnce() {
        Decision d = Delivery.decide("ZALO", 1, List.of("SMS"), new Outcome.Failed(false, "Zalo error -213"), ZALO,
                NOW);
        assertThat(d).isEqualTo(new Decision.FailOver("SMS", "ZALO refused: Zalo error -213"));
    }

    @Test
    void givenAZaloDeliveryHandedToTheConnector_whenItAnswers_thenItsAnswerIsFinal_issue_26() {
        assertThat(Delivery.HANDED_OVER).containsExactlyInAnyOrder("ZALO", "ZALO_GROUP");
        assertThat(Delivery.answered("ZALO", List.of("SMS"), true, null)).isEqualTo(new Decision.Delivered());
        // not possible (or no answer in time): no retry here, the connector retried Zalo already
        assertThat(Delivery.answered("ZALO", List.of("SMS", "EMAIL"), false, "zalo-connector: REFUSED: Zalo error -213"))
                .isEqualTo(new Decision.FailOver("SMS", "ZALO refused: zalo-connector: REFUSED: Zalo error -213"));
        assertThat(Delivery.answered("ZALO_GROUP", List.of(), false, "zalo-connector did not answer in time"))
                .isEqualTo(new Decision.DeadLetter("ZALO_GROUP refused: zalo-connector did not answer in time"));
    }

    @Test
    void givenTheLastChannelFailing_whenDecided_thenDeadLetteredWithTheReason() {
        Decision d = Delivery.decide("SMS", 4, List.of(), new Outcome.Failed(true, "timeout"), ZALO, NOW);
        assertThat(d).isEqualTo(new Decision.DeadLetter("SMS gave up after 4 attempts: timeout"));
        assertThat(Delivery.decide("SMS", 1, List.of(), new Outcome.Sent(), ZALO, NOW))
                .isEqualTo(new Decision.Delivered());
    }

    @Test
    void theChainFollowsThePreferenceOrTheDefault_skippingChannelsWithoutAnAddress() {
        var contact = new Delivery.Contact("zl-1", null, "0912345678", "a@b.vn", List.of("EMAIL", "ZALO_GROUP", "SMS"),
                null, null);
        assertThat(contact.chain(List.of("ZALO"))).containsExactly(Map.entry("EMAIL", "a@b.vn"),
                Map.entry("SMS", "0912345678"));
        var noPreference = new Delivery.Contact("zl-1", null, null, "a@b.vn", null, null, null);
        assertThat(noPreference.chain(List.of("ZALO", "SMS", "EMAIL")).keySet()).containsExactly("ZALO", "EMAIL");
    }

    @Test
    void givenQuietHoursOverMidnight_whenAnUrgentMessageIsDueInside_thenItWaitsUntilTheirEnd_butACriticalOneDoesNot() {
        var sleeper = new Delivery.Contact("zl-1", null, null, null, null, LocalTime.of(22, 0), LocalTime.of(6, 0));
        assertThat(Delivery.notBefore(NOW, Urgency.URGENT, sleeper, VN)).isEqualTo(Instant.parse("2026-11-22T23:00:00Z"));
        assertThat(Delivery.notBefore(NOW, Urgency.CRITICAL, sleeper, VN)).isEqualTo(NOW);
        Instant morning = Instant.parse("2026-11-23T01:00:00Z"); // 08:00
        assertThat(Delivery.notBefore(morning, Urgency.NORMAL, sleeper, VN)).isEqualTo(morning);
        var napper = new Delivery.Contact("zl-1", null, null, null, null, LocalTime.of(12, 0), LocalTime.of(13, 30));
        Instant noon = Instant.parse("2026-11-23T05:15:00Z"); // 12:15
        assertThat(Delivery.notBefore(noon, Urgency.URGENT, napper, VN)).isEqualTo(Instant.parse("2026-11-23T06:30:00Z"));
    }

    @Test
    void aDigestNumbersItsItems_oldestFirst_oneLineEach() {
        assertThat(Delivery.digest(List.of("Đề nghị thêm\nthành viên A", "Gỡ tin nhắn B"))).isEqualTo(
                "Bản tin tổng hợp: 2 thông báo chưa gửi.\n1. Đề nghị thêm thành viên A\n2. Gỡ tin nhắn B");
    }
}
