package vn.binhyen.moderation.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import vn.binhyen.contracts.moderation.Category;
import vn.binhyen.moderation.domain.screening.Decision;
import vn.binhyen.moderation.domain.screening.Replies;
import vn.binhyen.moderation.domain.screening.Sanction;
import vn.binhyen.moderation.domain.screening.Verdict;
import vn.binhyen.moderation.domain.screening.Violation;

/** The bot's replies say only what happened (the brief: a violation "reported to the agency" must have been). */
class RepliesTests {
    static Verdict removed(Category category, String citation) {
        return new Verdict(Decision.REMOVE, List.of(new Violation("rule", category, citation, Decision.REMOVE,
                new Violation.Evidence("text", 0, 4, "mật"))), List.of(), "ward-binh-phuoc", 1);
    }

    @Test
    void aSanctionToReportToTheAgency_withNoContactOnTheRoster_saysTheLeaderWasTold_notThatTheAgencyWas_ward_binh_phuoc_9_3() {
        // given a classified leak removed, the ladder deciding "report to the agency" (ward-binh-phuoc:9)
        Verdict v = removed(Category.CLASSIFIED, "ward-binh-phuoc:7.5");
        // when the bot's reply is written
        String reply = Replies.of(v, Sanction.REPORT_TO_AGENCY, "Đinh Văn Bán");
        // then it says what happened (recorded, the leader told), and not that an agency was reported to
        assertThat(reply).contains("đã bị gỡ").contains("ghi nhận và thông báo đến Trưởng nhóm")
                .doesNotContain("đã được báo cáo").isEqualTo(java.text.Normalizer.normalize(reply,
                        java.text.Normalizer.Form.NFC));
    }

    @Test
    void aSanctionToReportToTheAgency_whoseContactTheRosterNames_saysItWasReported_ward_binh_phuoc_9_3() {
        // given the roster names the member's agency leadership, whom notification-service tells
        String reply = Replies.of(removed(Category.CLASSIFIED, "ward-binh-phuoc:7.5"), Sanction.REPORT_TO_AGENCY,
                "Đinh Văn Bán", true);
        assertThat(reply).contains("báo cáo đến lãnh đạo cơ quan, đơn vị của thành viên")
                .contains("Trưởng nhóm cũng được thông báo");
    }

    @Test
    void aMatterOfLaw_saysItWasReportedToThePoliceCommandersAndTheLeader_notThatItWasHandled_ward_binh_phuoc_9_4() {
        // the routing sends it to the commanders of the group's unit and to the leader; nobody has handled it yet
        String reply = Replies.of(removed(Category.ANTI_STATE, "ward-binh-phuoc:7.1"), Sanction.REFER_TO_LAW, null);
        assertThat(reply).contains("báo cáo đến lãnh đạo Công an đơn vị và Trưởng nhóm để xem xét xử lý")
                .doesNotContain("đã được chuyển").doesNotContain("đã bị xử lý");
    }

    @Test
    void aHoldForAMessageNotScreened_citesNoRule_andSaysOnlyThatItIsHeld() {
        Verdict held = new Verdict(Decision.HOLD, List.of(new Violation("screening:not-screened", Category.NOT_SCREENED,
                null, Decision.HOLD, new Violation.Evidence("text", 0, 0, "over budget"))), List.of(), "ward-binh-phuoc", 1);
        assertThat(Replies.of(held, Sanction.NONE, "Nguyễn Văn An")).isEqualTo("Tin nhắn của Nguyễn Văn An đang được "
                + "tạm giữ để Ban quản trị xem xét, vì hệ thống chưa tự động sàng lọc được tin nhắn này.");
    }
}
