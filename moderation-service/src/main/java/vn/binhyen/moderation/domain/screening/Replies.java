package vn.binhyen.moderation.domain.screening;

import vn.binhyen.contracts.moderation.Category;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

/** What the bot posts in the group about a decision: Vietnamese with diacritics, NFC. */
public final class Replies {
    private Replies() {
    }

    public static String of(Verdict verdict, Sanction sanction, String displayName) {
        return of(verdict, sanction, displayName, false);
    }

    /**
     * {@code agencyTold}: the sanction's report goes to the member's agency leadership, whom the
     * roster names (notification-service routes it there, ward-binh-phuoc:9.3).
     */
    public static String of(Verdict verdict, Sanction sanction, String displayName, boolean agencyTold) {
        if (verdict.decision() == Decision.ALLOW) {
            return null;
        }
        String who = displayName == null || displayName.isBlank() ? "thành viên" : displayName.strip();
        Set<String> categories = new LinkedHashSet<>();
        Set<String> citations = new LinkedHashSet<>();
        for (Violation v : verdict.violations()) {
            if (v.category() != Category.NOT_SCREENED) {
                categories.add(v.category().vietnamese());
                citations.add(v.citation());
            }
        }
        if (categories.isEmpty()) { // nothing found against it: only held, until people have judged it
            return verdict.decision() == Decision.HOLD ? java.text.Normalizer.normalize("Tin nhắn của " + who
                    + " đang được tạm giữ để Ban quản trị xem xét, vì hệ thống chưa tự động sàng lọc được tin nhắn này.",
                    java.text.Normalizer.Form.NFC) : null;
        }
        String why = String.join("; ", categories) + " (" + String.join(", ", citations) + ")";
        String text = switch (verdict.decision()) {
            case REMOVE -> "Tin nhắn của " + who + " đã bị gỡ do vi phạm Quy chế nhóm: " + why + ". "
                    + sanction(sanction, agencyTold);
            case HOLD -> "Tin nhắn của " + who + " đang được tạm giữ để Ban quản trị xem xét: " + why + ".";
            case FLAG -> "Tin nhắn của " + who + " đã được ghi nhận để Ban quản trị xem xét: " + why + "."
                    + verdict.suggestions().stream().map(s -> " " + s).collect(Collectors.joining());
            case ALLOW -> null;
        };
        return text == null ? null : java.text.Normalizer.normalize(text.strip(), java.text.Normalizer.Form.NFC);
    }

    /**
     * Only what happens: the takedown is recorded and notification-service tells the people its
     * routing names for the sanction (the leader and the board; the agency's leadership where the
     * roster names them; the police commanders of the group's unit for a matter of law).
     */
    private static String sanction(Sanction s, boolean agencyTold) {
        return switch (s) {
            case NONE -> "";
            case REMIND -> "Đề nghị thành viên nghiêm túc thực hiện Quy chế, không tái phạm.";
            case REMOVE_MEMBER -> "Thành viên đã vi phạm nhiều lần; Ban quản trị đề xuất Trưởng nhóm xem xét "
                    + "đưa ra khỏi nhóm.";
            case REPORT_TO_AGENCY -> agencyTold
                    ? "Vi phạm đã được ghi nhận và báo cáo đến lãnh đạo cơ quan, đơn vị của thành viên để xem xét xử lý; "
                            + "Trưởng nhóm cũng được thông báo."
                    : "Vi phạm đã được ghi nhận và thông báo đến Trưởng nhóm để báo cáo lãnh đạo cơ quan, đơn vị "
                            + "của thành viên.";
            case REFER_TO_LAW -> "Vi phạm đã được ghi nhận và báo cáo đến lãnh đạo Công an đơn vị và Trưởng nhóm "
                    + "để xem xét xử lý theo quy định của pháp luật.";
        };
    }
}
