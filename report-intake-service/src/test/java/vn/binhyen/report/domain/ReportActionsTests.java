package vn.binhyen.report.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.binhyen.report.domain.ReportDeciderTests.T0;
import static vn.binhyen.report.domain.ReportDeciderTests.TIP;
import static vn.binhyen.report.domain.ReportDeciderTests.received;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vn.binhyen.contracts.Roles;
import vn.binhyen.contracts.report.ReportEvent;

/** The dashboard offers exactly the steps the decider accepts from the officer now (police-song-tri:15). */
class ReportActionsTests {
    static final ReportDecider DECIDER = new ReportDecider();

    static Report given(ReportEvent... history) {
        return DECIDER.fold(List.of(history));
    }

    @Test
    void givenANewTip_theDutyOfficerMayClassifyIt_theBoardAndThePctpOfficerMayNot_police_song_tri_15_3() {
        Report fresh = given(received(TIP));
        assertThat(ReportActions.available(fresh, "duty-1", Set.of(Roles.DUTY_OFFICER), T0))
                .containsExactly("classification", "taking");
        assertThat(ReportActions.available(fresh, "deputy-1", Set.of(Roles.DEPUTY), T0)).isEmpty();
        assertThat(ReportActions.available(fresh, "pctp-1", Set.of(Roles.PCTP_OFFICER), T0))
                .as("the PCTP officer may take it in hand, not classify it").containsExactly("taking");
    }

    @Test
    void givenAWrittenUpTip_onlyTheBoardForwardsIt_andMayTransferIt_police_song_tri_15_3() {
        Report written = given(received(TIP),
                new ReportEvent.ReportClassified("report-1", "Trộm cắp tài sản", false, true, "duty-1"),
                new ReportEvent.ReportWrittenUp("report-1", "Báo cáo", "duty-1"));
        assertThat(ReportActions.available(written, "deputy-1", Set.of(Roles.DEPUTY), T0))
                .containsExactly("forwarding", "transfer");
        assertThat(ReportActions.available(written, "duty-1", Set.of(Roles.DUTY_OFFICER), T0))
                .containsExactly("transfer", "taking");
    }

    @Test
    void givenARaisedEmergency_onlyTheCommanderMayAcknowledgeIt_police_song_tri_15_4() {
        Report raised = given(received(TIP), new ReportEvent.EmergencyRaised("report-1", "khẩn cấp", 1));
        assertThat(ReportActions.available(raised, "commander-1", Set.of(Roles.COMMANDER), T0))
                .contains("emergency-acknowledgement");
        assertThat(ReportActions.available(raised, "duty-1", Set.of(Roles.DUTY_OFFICER), T0))
                .doesNotContain("emergency-acknowledgement");
    }
}
