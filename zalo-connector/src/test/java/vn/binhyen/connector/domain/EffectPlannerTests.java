package vn.binhyen.connector.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import vn.binhyen.connector.domain.EffectPlanner.Finding;
import vn.binhyen.connector.domain.EffectPlanner.Planned;
import vn.binhyen.connector.domain.EffectPlanner.VerdictView;
import vn.binhyen.connector.domain.Platform.Effect;

/** What a verdict asks of a Zalo group, and what each platform lets the connector do (issue 26). */
class EffectPlannerTests {
    static VerdictView verdict(String decision, String sanction, Finding... findings) {
        return new VerdictView("group-1", "m-1", decision, List.of(findings), sanction, List.of());
    }

    @Test
    void removal_onTheOa_noticeAsksTheSenderToRecallAndAdminsToDelete_andTheDeletionIsNotPossible() {
        // given a police-song-tri:6.1 removal with a reminder
        VerdictView v = verdict("REMOVE", "REMIND", new Finding("CLASSIFIED", "police-song-tri:6.1"));
        // when planned for an Official Account group
        List<Planned> plan = EffectPlanner.plan(v, "Nguyễn Văn An", Platform.ZALO_OA);
        // then a notice, which never says the message was removed, and the deletion recorded as impossible
        assertThat(plan).extracting(Planned::effect).containsExactly(Effect.NOTICE, Effect.DELETE_MESSAGE);
        Planned notice = plan.get(0);
        assertThat(notice.possible()).isTrue();
        assertThat(notice.call()).isEqualTo("group/message");
        assertThat(notice.text()).startsWith("Tin nhắn của Nguyễn Văn An vi phạm Quy chế nhóm: thông tin, tài liệu mật "
                + "(police-song-tri:6.1).").contains("Đề nghị Nguyễn Văn An thu hồi tin nhắn này")
                .contains("Quản trị viên nhóm xóa tin nhắn trên ứng dụng Zalo")
                .contains("không tái phạm").doesNotContain("đã bị gỡ");
        assertThat(plan.get(1).possible()).isFalse();
        assertThat(plan.get(1).reason()).contains("no call to delete");
    }

    @Test
    void hold_onZalo_saysTheMessageAwaitsReview_notThatItIsHeld() {
        // given a hold (police-song-tri:13.2: a share awaiting the board), when planned for the OA
        List<Planned> plan = EffectPlanner.plan(verdict("HOLD", "NONE", new Finding("SHARING", "police-song-tri:13.2")),
                "Lê Thị Hà", Platform.ZALO_OA);
        // then one notice that the board will review it: the message is already in the group
        assertThat(plan).hasSize(1);
        assertThat(plan.get(0).text()).contains("đang chờ Ban quản trị xem xét").contains("police-song-tri:13.2")
                .doesNotContain("tạm giữ");
    }

    @Test
    void allow_asksNothing_andAnUnnamedAuthorIsCalledAMember() {
        assertThat(EffectPlanner.plan(verdict("ALLOW", "NONE"), "X", Platform.ZALO_OA)).isEmpty();
        List<Planned> plan = EffectPlanner.plan(verdict("FLAG", "NONE", new Finding("UNVERIFIED", "ward-binh-phuoc:7.2")),
                null, Platform.ZALO_OA);
        assertThat(plan.get(0).text()).startsWith("Tin nhắn của thành viên đã được ghi nhận để Ban quản trị xem xét");
    }

    @Test
    void onTheBotPlatform_onlyTheNoticeIsPossible() {
        List<Planned> plan = EffectPlanner.plan(verdict("REMOVE", "REFER_TO_LAW", new Finding("HARMFUL",
                "police-song-tri:6.5")), "A", Platform.ZALO_BOT);
        assertThat(plan.get(0).call()).isEqualTo("bot/sendMessage");
        assertThat(plan.get(0).text()).contains("theo quy định của pháp luật");
        assertThat(plan.get(1).possible()).isFalse();
        assertThat(Platform.ZALO_BOT.can(Effect.REMOVE_MEMBER).possible()).isFalse();
        assertThat(Platform.ZALO_OA.can(Effect.REMOVE_MEMBER).call()).isEqualTo("group/removemembers");
    }
}
