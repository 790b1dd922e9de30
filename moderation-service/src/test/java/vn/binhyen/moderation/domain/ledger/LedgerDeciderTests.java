package vn.binhyen.moderation.domain.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.binhyen.contracts.moderation.ModerationEvent;
import vn.binhyen.contracts.moderation.ModerationEvent.MemberRemovalProposed;
import vn.binhyen.contracts.moderation.ModerationEvent.MessageTakenDown;
import vn.binhyen.contracts.moderation.ModerationEvent.SanctionDecided;
import vn.binhyen.contracts.moderation.ModerationEvent.ViolationRecorded;
import vn.binhyen.eventlog.testing.DeciderFixture;
import vn.binhyen.moderation.domain.policy.Policy;
import vn.binhyen.moderation.domain.screening.Category;
import vn.binhyen.moderation.domain.screening.Decision;
import vn.binhyen.moderation.domain.screening.Violation;

/** The sanction ladder of ward-binh-phuoc:9, given/when/then without infrastructure. */
class LedgerDeciderTests {
    static final DeciderFixture<LedgerCommand, Ledger, ModerationEvent> FIXTURE = DeciderFixture.of(new LedgerDecider());
    static final Policy.SanctionRule LADDER = new Policy.SanctionRule("ward-binh-phuoc:9", 30, 3,
            List.of(Category.CLASSIFIED), List.of(Category.ANTI_STATE));
    static final Instant NOW = Instant.parse("2026-11-22T08:00:00Z");
    static final Violation AD = new Violation("advertising", Category.ADVERTISING, "ward-binh-phuoc:7.2",
            Decision.REMOVE, new Violation.Evidence("text", 0, 8, "giảm giá"));
    static final Violation LEAK = new Violation("classified", Category.CLASSIFIED, "ward-binh-phuoc:7.5",
            Decision.REMOVE, new Violation.Evidence("text", 0, 7, "tối mật"));

    static LedgerCommand.RecordViolations record(String messageId, Instant at, Violation v) {
        return new LedgerCommand.RecordViolations("group-1", "member-1", messageId, at, List.of(v), true,
                "Tin nhắn đã bị gỡ.", LADDER);
    }

    static ViolationRecorded past(String messageId, Instant at) {
        return new ViolationRecorded("group-1", "violation-" + messageId, "member-1", messageId, "advertising",
                "ADVERTISING", "ward-binh-phuoc:7.2", "REMOVE", at);
    }

    @Test
    void firstViolation_isRecordedTakenDownAndReminded_ward_binh_phuoc_9() {
        var events = FIXTURE.given().when(record("m-1", NOW, AD)).thenEvents();
        assertThat(events).hasSize(3);
        assertThat(events.get(0)).isInstanceOfSatisfying(ViolationRecorded.class,
                v -> assertThat(v.category()).isEqualTo("ADVERTISING"));
        assertThat(events.get(1)).isInstanceOf(MessageTakenDown.class);
        assertThat(events.get(2)).isInstanceOfSatisfying(SanctionDecided.class, s -> {
            assertThat(s.sanction()).isEqualTo("REMIND");
            assertThat(s.citation()).isEqualTo("ward-binh-phuoc:9");
            assertThat(s.inWindow()).isEqualTo(1);
        });
    }

    @Test
    void thirdViolationWithin30Days_proposesRemoval_ward_binh_phuoc_9() {
        var events = FIXTURE.given(past("m-1", NOW.minus(Duration.ofDays(20))), past("m-2", NOW.minus(Duration.ofDays(2))))
                .when(record("m-3", NOW, AD)).thenEvents();
        assertThat(events).filteredOn(SanctionDecided.class::isInstance).singleElement()
                .isInstanceOfSatisfying(SanctionDecided.class, s -> {
                    assertThat(s.sanction()).isEqualTo("REMOVE_MEMBER");
                    assertThat(s.messageIds()).containsExactly("m-1", "m-2", "m-3");
                });
        assertThat(events).filteredOn(MemberRemovalProposed.class::isInstance).singleElement()
                .isInstanceOfSatisfying(MemberRemovalProposed.class, p -> assertThat(p.memberId()).isEqualTo("member-1"));
    }

    @Test
    void violationsOutsideTheWindow_doNotCount_ward_binh_phuoc_9() {
        var events = FIXTURE.given(past("m-1", NOW.minus(Duration.ofDays(40))), past("m-2", NOW.minus(Duration.ofDays(31))))
                .when(record("m-3", NOW, AD)).thenEvents();
        assertThat(events).filteredOn(SanctionDecided.class::isInstance).singleElement()
                .isInstanceOfSatisfying(SanctionDecided.class, s -> assertThat(s.sanction()).isEqualTo("REMIND"));
    }

    @Test
    void aClassifiedLeak_isReportedToTheAgencyAtOnce_ward_binh_phuoc_9() {
        var events = FIXTURE.given().when(record("m-1", NOW, LEAK)).thenEvents();
        assertThat(events).filteredOn(SanctionDecided.class::isInstance).singleElement()
                .isInstanceOfSatisfying(SanctionDecided.class, s -> assertThat(s.sanction()).isEqualTo("REPORT_TO_AGENCY"));
    }

    @Test
    void theSameMessageAgain_recordsNothing() {
        FIXTURE.given(past("m-1", NOW)).when(record("m-1", NOW, AD)).thenNothing();
    }

    @Test
    void noViolations_isRefusedNamingTheField() {
        assertThat(FIXTURE.given().when(new LedgerCommand.RecordViolations("group-1", "member-1", "m-1", NOW, List.of(),
                true, null, LADDER)).thenRejectedBy("ward-binh-phuoc:9").field()).isEqualTo("violations");
    }
}
