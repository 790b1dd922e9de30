package vn.binhyen.report.domain;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Words that make a tip an emergency (police-song-tri:15.4: a crime under way, a scene to
 * secure, a pursuit, victims to rescue), matched on the text lower-cased in NFC.
 */
public final class EmergencyTerms {
    static final List<String> TERMS = List.of("đang cướp", "cướp giật", "đang đánh nhau", "đâm chém", "đâm người",
            "nổ súng", "có súng", "bắt cóc", "cứu với", "cứu tôi", "đang cháy", "cháy nhà", "đang truy đuổi",
            "bị thương nặng", "đang trộm", "đang phá cửa", "hỗn chiến", "dao kiếm", "đặt bom", "đe dọa giết");

    private EmergencyTerms() {
    }

    /** The first emergency term in {@code texts}, if any. */
    public static Optional<String> find(String... texts) {
        for (String t : texts) {
            if (t == null) {
                continue;
            }
            String n = Normalizer.normalize(t, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
            for (String term : TERMS) {
                if (n.contains(term)) {
                    return Optional.of(term);
                }
            }
        }
        return Optional.empty();
    }
}
