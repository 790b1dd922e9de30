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
import vn.binhyen.moderation.config.Policies;
import vn.binhyen.moderation.domain.policy.Policy;
import vn.binhyen.contracts.moderation.Category;
import vn.binhyen.moderation.domain.screening.Decision;
import vn.binhyen.moderation.domain.screening.Violation;

/** The sanctions of ward-binh-phuoc:9.1-9.4, each step with its own clause, given/when/then without infrastructure. */
class LedgerDeciderTests {
    static final DeciderFixture<LedgerCommand, Ledger, ModerationEvent> FIXTURE = DeciderFixture.of(new LedgerDecider());
    /** As ward-binh-phuoc's policy writes it. */
    static final Policy.SanctionRule LADDER = Policies.load().get("ward-binh-phuoc").sanctions();
    /** As Lai Châu's: the admin demands the violation stop (6.4), and nothing more. */
    static final Policy.SanctionRule LAI_CHAU = Policies.load().get("province-lai-chau").sanctions();
    static final Violation SECURITY = new Violation("anti-state", Category.ANTI_STATE, "ward-binh-phuoc:7.1",
            Decision.REMOVE, new Violation.Evidence("text", 0, 8, "lật đổ"));
    static final Instant NOW = Instant.parse("2026-11-22T08:00:00Z");
    static final Violation AD = new Violation("advertising", Category.ADVERTISING, "ward-binh-phuoc:7.2",
            Decision.REMOVE, new Violation.Evidence("text", 0, 8, "giảm giá"));
    static final Violation LEAK = new Violation("classified", Category.CLASSIFIED, "ward-binh-phuoc:7.5",
            Decision.REMOVE, new Violation.Evidence("text", 0, 7, "tối mật"));

    static LedgerCommand.RecordViolations record(String messageId, Instant at, Violation v) {
        return record(messageId, at, v, LADDER, false, null);
    }

    static LedgerCommand.RecordViolations record(String messageId, Instant at, Violation v, Policy.SanctionRule rule,
            boolean household, String agencyContact) {
        return new LedgerCommand.RecordViolations("group-1", "member-1", messageId, at, List.of(v), true,
                "Tin nhắn đã bị gỡ.", rule, household, agencyContact);
    }

    static ViolationRecorded past(String messageId, Instant at) {
        return new ViolationRecorded("group-1", "violation-" + messageId, "member-1", messageId, "advertising",
                "ADVERTISING", "ward-binh-phuoc:7.2", "REMOVE", at);
    }

    @Test
    void firstViolation_isRecordedTakenDownAndReminded_ward_binh_phuoc_9_1() {
        var events = FIXTURE.given().when(record("m-1", NOW, AD)).thenEvents();
        assertThat(events).hasSize(3);
        assertThat(events.get(0)).isInstanceOfSatisfying(ViolationRecorded.class,
                v -> assertThat(v.category()).isEqualTo("ADVERTISING"));
        assertThat(events.get(1)).isInstanceOf(MessageTakenDown.class);
        assertThat(events.get(2)).isInstanceOfSatisfying(SanctionDecided.class, s -> {
            assertThat(s.sanction()).isEqualTo("REMIND");
            assertThat(s.citation()).isEqualTo("ward-binh-phuoc:9.1");
            assertThat(s.inWindow()).isEqualTo(1);
        });
    }

    @Test
    void thirdViolationWithin30Days_proposesRemoval_ward_binh_phuoc_9_2() {
        var events = FIXTURE.given(past("m-1", NOW.minus(Duration.ofDays(20))), past("m-2", NOW.minus(Duration.ofDays(2))))
                .when(record("m-3", NOW, AD)).thenEvents();
        assertThat(events).filteredOn(SanctionDecided.class::isInstance).singleElement()
                .isInstanceOfSatisfying(SanctionDecided.class, s -> {
                    assertThat(s.sanction()).isEqualTo("REMOVE_MEMBER");
                    assertThat(s.messageIds()).containsExactly("m-1", "m-2", "m-3");
                    assertThat(s.citation()).isEqualTo("ward-binh-phuoc:9.2");
                });
        assertThat(events).filteredOn(MemberRemovalProposed.class::isInstance).singleElement()
                .isInstanceOfSatisfying(MemberRemovalProposed.class, p -> assertThat(p.memberId()).isEqualTo("member-1"));
    }

    @Test
    void violationsOutsideTheWindow_doNotCount_ward_binh_phuoc_9_1() {
        var events = FIXTURE.given(past("m-1", NOW.minus(Duration.ofDays(40))), past("m-2", NOW.minus(Duration.ofDays(31))))
                .when(record("m-3", NOW, AD)).thenEvents();
        assertThat(events).filteredOn(SanctionDecided.class::isInstance).singleElement()
                .isInstanceOfSatisfying(SanctionDecided.class, s -> assertThat(s.sanction()).isEqualTo("REMIND"));
    }

    @Test
    void aCivilServantsClassifiedLeak_isReportedToTheAgencyTheRosterNames_ward_binh_phuoc_9_3() {
        var events = FIXTURE.given().when(record("m-1", NOW, LEAK, LADDER, false, "lanh-dao-phong-tn")).thenEvents();
        assertThat(events).filteredOn(SanctionDecided.class::isInstance).singleElement()
                .isInstanceOfSatisfying(SanctionDecided.class, s -> {
                    assertThat(s.sanction()).isEqualTo("REPORT_TO_AGENCY");
                    assertThat(s.citation()).isEqualTo("ward-binh-phuoc:9.3");
                    assertThat(s.reportTo()).isEqualTo("lanh-dao-phong-tn");
                });
    }

    @Test
    void aCivilServantsLeak_withNoContactOnTheRoster_isStillReported_forTheLeaderToPassOn_ward_binh_phuoc_9_3() {
        var events = FIXTURE.given().when(record("m-1", NOW, LEAK, LADDER, false, null)).thenEvents();
        assertThat(events).filteredOn(SanctionDecided.class::isInstance).singleElement()
                .isInstanceOfSatisfying(SanctionDecided.class, s -> {
                    assertThat(s.sanction()).isEqualTo("REPORT_TO_AGENCY");
                    assertThat(s.reportTo()).isNull();
                });
    }

    @Test
    void aHouseholdRepresentativesLeak_isNotReportedToAnAgency_butReminded_ward_binh_phuoc_9_3() {
        // "(nếu là công chức, viên chức, nhân viên)": a household's representative has no agency
        var events = FIXTURE.given().when(record("m-1", NOW, LEAK, LADDER, true, null)).thenEvents();
        assertThat(events).filteredOn(SanctionDecided.class::isInstance).singleElement()
                .isInstanceOfSatisfying(SanctionDecided.class, s -> {
                    assertThat(s.sanction()).isEqualTo("REMIND");
                    assertThat(s.citation()).isEqualTo("ward-binh-phuoc:9.1");
                });
    }

    @Test
    void contentAgainstNationalSecurity_isHandledUnderTheLaw_ward_binh_phuoc_9_4() {
        var events = FIXTURE.given().when(record("m-1", NOW, SECURITY, LADDER, true, null)).thenEvents();
        assertThat(events).filteredOn(SanctionDecided.class::isInstance).singleElement()
                .isInstanceOfSatisfying(SanctionDecided.class, s -> {
                    assertThat(s.sanction()).isEqualTo("REFER_TO_LAW");
                    assertThat(s.citation()).isEqualTo("ward-binh-phuoc:9.4");
                    assertThat(s.reportTo()).isNull();
                });
    }

    @Test
    void aThirdViolation_inLaiChau_isOnlyADemandToStop_province_lai_chau_6_4() {
        // Lai Châu's 6.4: the admin demands the violation stop and reports to the leader; no removal ladder
        var events = FIXTURE.given(past("m-1", NOW.minus(Duration.ofDays(20))), past("m-2", NOW.minus(Duration.ofDays(2))))
                .when(record("m-3", NOW, AD, LAI_CHAU, false, null)).thenEvents();
        assertThat(events).filteredOn(MemberRemovalProposed.class::isInstance).isEmpty();
        assertThat(events).filteredOn(SanctionDecided.class::isInstance).singleElement()
                .isInstanceOfSatisfying(SanctionDecided.class, s -> {
                    assertThat(s.sanction()).isEqualTo("REMIND");
                    assertThat(s.citation()).isEqualTo("province-lai-chau:6.4");
                });
    }

    @Test
    void aViolation_inTheIoc_isAReminder_andNeverARemoval_ioc_dak_lak_4_2_5() {
        var events = FIXTURE.given(past("m-1", NOW.minus(Duration.ofDays(3))), past("m-2", NOW.minus(Duration.ofDays(1))))
                .when(record("m-3", NOW, AD, Policies.load().get("ioc-dak-lak").sanctions(), false, null)).thenEvents();
        assertThat(events).filteredOn(MemberRemovalProposed.class::isInstance).isEmpty();
        assertThat(events).filteredOn(SanctionDecided.class::isInstance).singleElement()
                .isInstanceOfSatisfying(SanctionDecided.class, s -> {
                    assertThat(s.sanction()).isEqualTo("REMIND");
                    assertThat(s.citation()).isEqualTo("ioc-dak-lak:4.2.5");
                });
    }

    @Test
    void aTakedown_inACouncilGroup_decidesNoSanction_council_binh_duong_9_4() {
        // 9.4: the admin deletes and reports to the Standing Committee and the leader; the seed names no sanction
        var events = FIXTURE.given().when(record("m-1", NOW, LEAK,
                Policies.load().get("council-binh-duong").sanctions(), false, null)).thenEvents();
        assertThat(events).hasSize(2);
        assertThat(events.get(1)).isInstanceOf(MessageTakenDown.class);
    }

    @Test
    void theSameMessageAgain_recordsNothing() {
        FIXTURE.given(past("m-1", NOW)).when(record("m-1", NOW, AD)).thenNothing();
    }

    @Test
    void noViolations_isRefusedNamingTheField() {
        assertThat(FIXTURE.given().when(new LedgerCommand.RecordViolations("group-1", "member-1", "m-1", NOW, List.of(),
                true, null, LADDER, false, null)).thenRejectedBy("binhyen:ledger").field()).isEqualTo("violations");
    }
}
