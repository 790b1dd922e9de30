package vn.binhyen.connector.domain;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import vn.binhyen.connector.domain.Platform.Effect;
import vn.binhyen.contracts.moderation.Category;

/**
 * What a screening verdict asks of a Zalo group, and what the group's platform lets the
 * connector do about it (issue 26): the notice to post, in Vietnamese, saying only what was done
 * and what is asked of people; and each effect the platform cannot carry out, with the reason.
 * No infrastructure: a verdict in, a plan out.
 */
public final class EffectPlanner {
    private EffectPlanner() {
    }

    /** One rule a verdict found broken: its category's name and the clause cited. */
    public record Finding(String category, String citation) {
    }

    /** The verdict as moderation-service published it (only what the plan needs). */
    public record VerdictView(String groupId, String messageId, String decision, List<Finding> findings,
            String sanction, List<String> suggestions) {
    }

    /** One effect: carried out by {@code call} with {@code text}, or not possible for {@code reason}. */
    public record Planned(Effect effect, boolean possible, String call, String text, String reason) {
    }

    public static List<Planned> plan(VerdictView v, String authorName, Platform platform) {
        if (v.decision() == null || v.decision().equals("ALLOW")) {
            return List.of();
        }
        String who = authorName == null || authorName.isBlank() ? "thành viên" : authorName.strip();
        String why = why(v.findings());
        List<Planned> out = new ArrayList<>();
        String text = switch (v.decision()) {
            case "FLAG" -> why == null ? null : "Tin nhắn của " + who + " đã được ghi nhận để Ban quản trị xem xét: "
                    + why + "." + suggestions(v.suggestions());
            // on Zalo the message is already in the group: it cannot be held, only reviewed
            case "HOLD" -> why == null
                    ? "Tin nhắn của " + who + " chưa được hệ thống tự động sàng lọc và đang chờ Ban quản trị xem xét."
                    : "Tin nhắn của " + who + " đang chờ Ban quản trị xem xét: " + why + ".";
            case "REMOVE" -> removal(v, who, why, platform);
            default -> null;
        };
        if (text != null) {
            Platform.Capability notice = platform.can(Effect.NOTICE);
            out.add(new Planned(Effect.NOTICE, notice.possible(), notice.call(), nfc(text), notice.reason()));
        }
        if (v.decision().equals("REMOVE")) {
            Platform.Capability delete = platform.can(Effect.DELETE_MESSAGE);
            out.add(new Planned(Effect.DELETE_MESSAGE, delete.possible(), delete.call(), null, delete.reason()));
        }
        return List.copyOf(out);
    }

    private static String removal(VerdictView v, String who, String why, Platform platform) {
        StringBuilder s = new StringBuilder("Tin nhắn của ").append(who).append(" vi phạm Quy chế nhóm: ")
                .append(why == null ? "nội dung bị cấm" : why).append(". ");
        if (!platform.can(Effect.DELETE_MESSAGE).possible()) {
            s.append("Đề nghị ").append(who).append(" thu hồi tin nhắn này; Quản trị viên nhóm xóa tin nhắn trên "
                    + "ứng dụng Zalo. ");
        }
        s.append(sanction(v.sanction()));
        return s.toString().strip();
    }

    /**
     * Only what the platform's other services do for the sanction: moderation records it, and
     * notification-service tells the people its routing names (the leader always; the police
     * commanders for a matter of law).
     */
    static String sanction(String sanction) {
        if (sanction == null) {
            return "";
        }
        return switch (sanction) {
            case "REMIND" -> "Đề nghị thành viên nghiêm túc thực hiện Quy chế, không tái phạm.";
            case "REMOVE_MEMBER" -> "Thành viên đã vi phạm nhiều lần; Ban quản trị đề xuất Trưởng nhóm xem xét "
                    + "đưa ra khỏi nhóm.";
            case "REPORT_TO_AGENCY" -> "Vi phạm đã được ghi nhận và thông báo đến Trưởng nhóm để báo cáo lãnh đạo "
                    + "cơ quan, đơn vị của thành viên.";
            case "REFER_TO_LAW" -> "Vi phạm đã được ghi nhận và báo cáo đến lãnh đạo Công an đơn vị và Trưởng nhóm "
                    + "để xem xét xử lý theo quy định của pháp luật.";
            default -> "";
        };
    }

    /** The categories in words, then the clauses: null when nothing but "not screened" was found. */
    static String why(List<Finding> findings) {
        Set<String> names = new LinkedHashSet<>();
        Set<String> citations = new LinkedHashSet<>();
        for (Finding f : findings) {
            Category c;
            try {
                c = Category.valueOf(f.category());
            } catch (IllegalArgumentException | NullPointerException e) {
                continue; // a category this connector does not know yet: its clause still counts
            }
            if (c == Category.NOT_SCREENED) {
                continue;
            }
            names.add(c.vietnamese());
            if (f.citation() != null) {
                citations.add(f.citation());
            }
        }
        if (names.isEmpty()) {
            return null;
        }
        return String.join("; ", names) + (citations.isEmpty() ? "" : " (" + String.join(", ", citations) + ")");
    }

    private static String suggestions(List<String> suggestions) {
        if (suggestions == null || suggestions.isEmpty()) {
            return "";
        }
        StringBuilder s = new StringBuilder();
        for (String x : suggestions) {
            s.append(' ').append(x);
        }
        return s.toString();
    }

    private static String nfc(String s) {
        return Normalizer.normalize(s.strip(), Normalizer.Form.NFC);
    }
}
