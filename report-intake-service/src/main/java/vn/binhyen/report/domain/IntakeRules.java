package vn.binhyen.report.domain;

import java.util.ArrayList;
import java.util.List;
import vn.binhyen.contracts.report.ReportEvent.Reporter;
import vn.binhyen.contracts.report.ReportEvent.TipDetails;

/**
 * What a report must carry (police-song-tri:14.1-14.3), and the Vietnamese reply that asks the
 * citizen for exactly what is missing.
 */
public final class IntakeRules {
    public enum Type { FEEDBACK, CRIME_TIP, EMERGENCY }

    /** A required field still missing, with its labels in both languages and its article. */
    public record Missing(String field, String vietnamese, String english, String citation) {
    }

    private IntakeRules() {
    }

    public static List<Missing> missing(Type type, Reporter reporter, TipDetails details, String content) {
        List<Missing> out = new ArrayList<>();
        boolean refused = reporter != null && present(reporter.refusalReason());
        String who = ReportRules.cite(type == Type.FEEDBACK ? "feedback-reporter" : "tip-reporter");
        if (type != Type.EMERGENCY && !(type == Type.CRIME_TIP && refused)) {
            if (reporter == null || !present(reporter.name())) {
                out.add(new Missing("reporter.name", "họ và tên người báo tin", "the reporter's name", who));
            }
            if (reporter == null || !present(reporter.address())) {
                out.add(new Missing("reporter.address", "địa chỉ liên hệ", "a contact address", who));
            }
            if (reporter == null || !present(reporter.phone())) {
                out.add(new Missing("reporter.phone", "số điện thoại", "a phone number", who));
            }
        }
        switch (type) {
            case FEEDBACK -> {
                if (!present(content)) {
                    out.add(new Missing("content", "nội dung phản ánh, kiến nghị", "what the report is about",
                            ReportRules.cite("content")));
                }
            }
            case CRIME_TIP -> {
                if (details == null || details.incidentAt() == null) {
                    out.add(new Missing("details.incidentAt", "thời gian xảy ra vụ việc", "when it happened",
                            ReportRules.cite("tip-when-where")));
                }
                if (details == null || !present(details.place())) {
                    out.add(new Missing("details.place", "địa điểm xảy ra vụ việc", "where it happened",
                            ReportRules.cite("tip-when-where")));
                }
                if (details == null || !present(details.summary())) {
                    out.add(new Missing("details.summary", "tóm tắt nội dung, diễn biến vụ việc",
                            "a summary and the course of events", ReportRules.cite("tip-summary")));
                }
                if (details == null || !present(details.howKnown())) {
                    out.add(new Missing("details.howKnown", "vì sao anh/chị biết được sự việc",
                            "how the reporter knows", ReportRules.cite("tip-how-known")));
                }
            }
            case EMERGENCY -> {
                if ((details == null || !present(details.summary())) && !present(content)) {
                    out.add(new Missing("details.summary", "sự việc đang xảy ra", "what is happening",
                            ReportRules.cite("emergency")));
                }
                if (details == null || !present(details.place())) {
                    out.add(new Missing("details.place", "địa điểm", "where", ReportRules.cite("emergency")));
                }
            }
        }
        return out;
    }

    /** The bot's reply to the citizen, asking for exactly the missing fields (NFC, with diacritics). */
    public static String reply(List<Missing> missing) {
        if (missing.isEmpty()) {
            return "Công an phường đã tiếp nhận thông tin của anh/chị và sẽ xử lý theo quy định. Xin cảm ơn.";
        }
        StringBuilder s = new StringBuilder("Công an phường đã tiếp nhận thông tin của anh/chị. Để xử lý, "
                + "đề nghị anh/chị cung cấp thêm: ");
        for (int i = 0; i < missing.size(); i++) {
            s.append(i == 0 ? "" : "; ").append(missing.get(i).vietnamese());
        }
        return java.text.Normalizer.normalize(s.append(". Xin cảm ơn.").toString(), java.text.Normalizer.Form.NFC);
    }

    static boolean present(String s) {
        return s != null && !s.isBlank();
    }
}
