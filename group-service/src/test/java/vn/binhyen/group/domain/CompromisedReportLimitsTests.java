package vn.binhyen.group.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.binhyen.contracts.group.GroupEvent;
import vn.binhyen.contracts.group.GroupEvent.AccountCompromisedReported;
import vn.binhyen.contracts.group.GroupEvent.GroupEstablished;
import vn.binhyen.contracts.group.GroupEvent.Member;
import vn.binhyen.contracts.group.GroupEvent.MemberAdded;
import vn.binhyen.contracts.group.GroupRole;
import vn.binhyen.eventlog.testing.DeciderFixture;
import vn.binhyen.group.config.RegulationProfiles;
import vn.binhyen.group.domain.GroupCommand.EarlierReport;
import vn.binhyen.group.domain.GroupCommand.ReportAccountCompromised;

/**
 * How often a hijacked account may be reported (audit F13): operational limits, named
 * {@code limit:compromised-report-duplicate} and {@code limit:compromised-report-rate}; no seed
 * regulation sets them (ioc-dak-lak:4.3.8 only has members tell the group at once).
 */
class CompromisedReportLimitsTests {
    static final DeciderFixture<GroupCommand, Group, GroupEvent> FIXTURE =
            DeciderFixture.of(new GroupDecider(RegulationProfiles.load()));
    static final Instant NOW = Instant.parse("2026-11-22T08:00:00Z");
    static final String GROUP = "group-1";
    static final Member LEADER = new Member("leader-1", "Trần Văn Hùng", "zalo-l", "0901000001", false);

    static Member member(String id) {
        return new Member(id, "Nguyễn Văn " + id, "zalo-" + id, null, false);
    }

    /** A group with the leader and members m1..m{@code n}. */
    static List<GroupEvent> groupOf(int n) {
        List<GroupEvent> history = new ArrayList<>();
        history.add(new GroupEstablished(GROUP, "Trung tâm IOC", "Điều hành", "ioc-dak-lak", 1, "Sở", "OPERATIONS",
                "Lãnh đạo IOC quản lý", null, LEADER));
        for (int i = 1; i <= n; i++) {
            history.add(new MemberAdded(GROUP, member("m" + i), GroupRole.MEMBER, LEADER.memberId(), null));
        }
        return history;
    }

    static AccountCompromisedReported reported(String memberId, String by) {
        return new AccountCompromisedReported(GROUP, memberId, by, "bị chiếm tài khoản");
    }

    static EarlierReport earlier(String memberId, String by, Duration ago) {
        return new EarlierReport(memberId, by, NOW.minus(ago));
    }

    static ReportAccountCompromised report(String memberId, String by, List<EarlierReport> earlier) {
        return new ReportAccountCompromised(memberId, "bị chiếm tài khoản", by, NOW, earlier);
    }

    static DeciderFixture<GroupCommand, Group, GroupEvent>.Given given(List<GroupEvent> history) {
        return FIXTURE.given(history.toArray(GroupEvent[]::new));
    }

    // ---- the same member again ----

    @Test
    void reportCompromised_sameMemberAgainWithinTheHour_isADuplicate_andRecordsNothing_limit_compromised_report_duplicate() {
        var history = groupOf(3);
        history.add(reported("m1", "m2"));
        var rejection = given(history)
                .when(report("m1", "m3", List.of(earlier("m1", "m2", Duration.ofMinutes(20)))))
                .thenRejectedBy(CompromisedReportLimits.DUPLICATE);
        assertThat(rejection).isInstanceOfSatisfying(CompromisedReportLimits.AlreadyReported.class,
                r -> assertThat(r.reportedAt()).isEqualTo(NOW.minus(Duration.ofMinutes(20))));
        assertThat(rejection.field()).isEqualTo("memberId");
    }

    @Test
    void reportCompromised_sameMemberAfterTheHour_isReportedAgain() {
        var history = groupOf(3);
        history.add(reported("m1", "m2"));
        given(history)
                .when(report("m1", "m3", List.of(earlier("m1", "m2", Duration.ofMinutes(61)))))
                .then(reported("m1", "m3"));
    }

    // ---- one reporter's share ----

    @Test
    void reportCompromised_aFourthByOneReporterIn24h_isRefused_withWhenToTryAgain_limit_compromised_report_rate() {
        var history = groupOf(5);
        history.add(reported("m2", "m1"));
        history.add(reported("m3", "m1"));
        history.add(reported("m4", "m1"));
        var rejection = given(history)
                .when(report("m5", "m1", List.of(earlier("m2", "m1", Duration.ofHours(23)),
                        earlier("m3", "m1", Duration.ofHours(5)), earlier("m4", "m1", Duration.ofHours(2)))))
                .thenRejectedBy(CompromisedReportLimits.RATE);
        assertThat(rejection).isInstanceOfSatisfying(CompromisedReportLimits.TooManyReports.class,
                r -> assertThat(r.retryAfter()).as("until the oldest is a day old").isEqualTo(Duration.ofHours(1)));
        assertThat(rejection.reason()).contains("at most 3");
    }

    @Test
    void reportCompromised_aReportersOldReports_leaveTheWindowAfter24h() {
        var history = groupOf(5);
        history.add(reported("m2", "m1"));
        history.add(reported("m3", "m1"));
        history.add(reported("m4", "m1"));
        given(history)
                .when(report("m5", "m1", List.of(earlier("m2", "m1", Duration.ofHours(25)),
                        earlier("m3", "m1", Duration.ofHours(5)), earlier("m4", "m1", Duration.ofHours(2)))))
                .then(reported("m5", "m1"));
    }

    @Test
    void reportCompromised_othersReports_doNotCountAgainstAReporter() {
        var history = groupOf(5);
        given(history)
                .when(report("m5", "m1", List.of(earlier("m2", "m3", Duration.ofHours(3)),
                        earlier("m3", "m4", Duration.ofHours(2)), earlier("m4", "m2", Duration.ofHours(2)))))
                .then(reported("m5", "m1"));
    }

    // ---- the group's share ----

    @Test
    void reportCompromised_anEleventhInAGroupWithinTheHour_isRefused_limit_compromised_report_rate() {
        var history = groupOf(22);
        List<EarlierReport> earlier = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            history.add(reported("m" + i, "m" + (10 + i)));
            earlier.add(earlier("m" + i, "m" + (10 + i), Duration.ofMinutes(60 - 5 * i)));
        }
        var rejection = given(history)
                .when(report("m21", "m22", earlier))
                .thenRejectedBy(CompromisedReportLimits.RATE);
        assertThat(rejection).isInstanceOfSatisfying(CompromisedReportLimits.TooManyReports.class,
                r -> assertThat(r.retryAfter()).as("until the oldest, 55 min ago, is an hour old")
                        .isEqualTo(Duration.ofMinutes(5)));
        assertThat(rejection.reason()).contains("at most 10");
    }

    @Test
    void reportCompromised_aGroupsReportsOlderThanAnHour_doNotCount() {
        var history = groupOf(22);
        List<EarlierReport> earlier = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            history.add(reported("m" + i, "m" + (10 + i)));
            earlier.add(earlier("m" + i, "m" + (10 + i), Duration.ofMinutes(i == 1 ? 61 : 50)));
        }
        given(history)
                .when(report("m21", "m22", earlier))
                .then(reported("m21", "m22"));
    }
}
