package vn.binhyen.group.domain.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import vn.binhyen.contracts.group.FeedbackEvent;
import vn.binhyen.contracts.group.FeedbackEvent.FeedbackAnswered;
import vn.binhyen.contracts.group.FeedbackEvent.FeedbackEscalated;
import vn.binhyen.contracts.group.FeedbackEvent.FeedbackReceived;
import vn.binhyen.contracts.group.GroupRole;
import vn.binhyen.group.config.RegulationProfiles;
import vn.binhyen.group.domain.RegulationProfile;
import vn.binhyen.eventlog.testing.DeciderFixture;

/** A resident's feedback in a ward neighbourhood group (ward-binh-phuoc:5.2, 6.1), given/when/then. */
class FeedbackDeciderTests {
    static final DeciderFixture<FeedbackCommand, Feedback, FeedbackEvent> FIXTURE =
            DeciderFixture.of(new FeedbackDecider());
    static final RegulationProfile.Rules WARD = RegulationProfiles.load().get("ward-binh-phuoc").rules();
    static final Instant NOW = Instant.parse("2026-12-01T21:00:00Z");
    static final String TEXT = "Đèn đường ngõ 12 khu phố 3 hỏng cả tuần nay, tối đi lại rất nguy hiểm.";
    static final FeedbackReceived RECEIVED = new FeedbackReceived("fb-1", "g", "dan-1", TEXT, NOW, "dan-1");

    static FeedbackCommand.Facts facts(String kind, GroupRole actorRole, boolean bot, boolean residentOnRoster) {
        return new FeedbackCommand.Facts("g", WARD.feedback(), WARD.feedbackEscalation(), kind, "ubnd-binh-phuoc",
                actorRole, bot, residentOnRoster);
    }

    static FeedbackCommand.Facts member() {
        return facts("NEIGHBOURHOOD", GroupRole.MEMBER, false, true);
    }

    @Test
    void aResidentFilesFeedback_orTheGroupsBotRecordsIt_inANeighbourhoodGroup_ward_binh_phuoc_5_2() {
        // given a neighbourhood group; when a resident files their own feedback
        FIXTURE.given().when(new FeedbackCommand.Receive("fb-1", "dan-1", "  " + TEXT + " ", NOW, "dan-1", member()))
                // then it is received, as written
                .then(RECEIVED);
        // the group's bot records what a resident wrote in the group
        FIXTURE.given().when(new FeedbackCommand.Receive("fb-1", "dan-1", TEXT, NOW, "zalo-bot",
                facts("NEIGHBOURHOOD", null, true, true)))
                .then(new FeedbackReceived("fb-1", "g", "dan-1", TEXT, NOW, "zalo-bot"));
        // a member does not file for another; nor a bot for someone not in the group
        FIXTURE.given().when(new FeedbackCommand.Receive("fb-1", "dan-2", TEXT, NOW, "dan-1", member()))
                .thenRejectedBy("ward-binh-phuoc:5.2");
        assertThat(FIXTURE.given().when(new FeedbackCommand.Receive("fb-1", "stranger", TEXT, NOW, "zalo-bot",
                facts("NEIGHBOURHOOD", null, true, false))).thenRejectedBy("ward-binh-phuoc:5.2").field())
                .isEqualTo("memberId");
        // an agency's group is not a neighbourhood's: 5.2 asks it of the 37 neighbourhood groups
        FIXTURE.given().when(new FeedbackCommand.Receive("fb-1", "dan-1", TEXT, NOW, "dan-1",
                facts("AGENCY", GroupRole.MEMBER, false, true))).thenRejectedBy("binhyen:profiles");
        // a blank or overlong text names the field
        assertThat(FIXTURE.given().when(new FeedbackCommand.Receive("fb-1", "dan-1", "x".repeat(4001), NOW, "dan-1",
                member())).thenRejectedBy("ward-binh-phuoc:5.2").field()).isEqualTo("text");
    }

    @Test
    void theLeadershipAnswersTheResident_once_ward_binh_phuoc_5_2() {
        var answered = new FeedbackAnswered("fb-1", "g", "dan-1", "Đã báo điện lực, mai thay bóng đèn.", "deputy-1");
        FIXTURE.given(RECEIVED).when(new FeedbackCommand.Answer("Đã báo điện lực, mai thay bóng đèn.", "deputy-1",
                facts("NEIGHBOURHOOD", GroupRole.DEPUTY, false, false))).then(answered);
        // a member answers nothing; an answered feedback is not answered again
        FIXTURE.given(RECEIVED).when(new FeedbackCommand.Answer("Tôi trả lời", "dan-2", member()))
                .thenRejectedBy("ward-binh-phuoc:5.2");
        FIXTURE.given(RECEIVED, answered).when(new FeedbackCommand.Answer("Lần nữa", "leader-1",
                facts("NEIGHBOURHOOD", GroupRole.LEADER, false, false))).thenRejectedBy("ward-binh-phuoc:5.2");
        assertThatThrownBy(() -> FIXTURE.given().when(new FeedbackCommand.Answer("?", "leader-1",
                facts("NEIGHBOURHOOD", GroupRole.LEADER, false, false))).thenEvents())
                .isInstanceOf(UnknownFeedbackException.class);
    }

    @Test
    void beyondTheGroupsAuthority_theLeaderReportsItToTheWard_thenAnswers_ward_binh_phuoc_6_1() {
        FeedbackCommand.Facts leader = facts("NEIGHBOURHOOD", GroupRole.LEADER, false, false);
        var escalated = new FeedbackEscalated("fb-1", "g", "ubnd-binh-phuoc", TEXT, "Việc của điện lực phường", "leader-1");
        FIXTURE.given(RECEIVED).when(new FeedbackCommand.Escalate(" Việc của điện lực phường ", "leader-1", leader))
                .then(escalated);
        // only the leader reports it; once reported it is not reported again, and the answer follows the decision
        FIXTURE.given(RECEIVED).when(new FeedbackCommand.Escalate("Vượt thẩm quyền", "deputy-1",
                facts("NEIGHBOURHOOD", GroupRole.DEPUTY, false, false))).thenRejectedBy("ward-binh-phuoc:6.1");
        FIXTURE.given(RECEIVED, escalated).when(new FeedbackCommand.Escalate("Lần nữa", "leader-1", leader))
                .thenRejectedBy("ward-binh-phuoc:6.1");
        var state = FIXTURE.given(RECEIVED, escalated).when(new FeedbackCommand.Answer("UBND phường đã giao điện lực xử lý.",
                "leader-1", leader)).then(new FeedbackAnswered("fb-1", "g", "dan-1", "UBND phường đã giao điện lực xử lý.",
                "leader-1"));
        assertThat(((Feedback.Open) state).status()).isEqualTo(Feedback.Status.ANSWERED);
        assertThat(((Feedback.Open) state).escalatedBy()).isEqualTo("leader-1");
    }
}
