package vn.binhyen.report.domain;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Words that make a tip an emergency (police-song-tri:15.4: a crime under way, a scene to
 * secure, a pursuit, victims to rescue), matched on the text lower-cased in NFC; a text typed
 * without diacritics (as a frightened citizen on a phone may) is matched against the words without
 * theirs, as whole words ("dang cuop" is "đang cướp"; "bo sung" is not "có súng").
 */
public final class EmergencyTerms {
    static final List<String> TERMS = List.of("đang cướp", "cướp giật", "đang đánh nhau", "đâm chém", "đâm người",
            "nổ súng", "có súng", "bắt cóc", "cứu với", "cứu tôi", "đang cháy", "cháy nhà", "đang truy đuổi",
            "bị thương nặng", "đang trộm", "đang phá cửa", "hỗn chiến", "dao kiếm", "đặt bom", "đe dọa giết");

    static final List<String> FOLDED = TERMS.stream().map(EmergencyTerms::fold).toList();

    private EmergencyTerms() {
    }

    /**
     * Each character below U+2000 lower-cased and without its marks (U+1EF9, the last Vietnamese
     * letter, is below); 0 for a combining mark, which is dropped. In a holder, so that it is
     * ready before this class's own constants fold their terms.
     */
    private static final class Fold {
        static final char[] TABLE = new char[0x2000];

        static {
            for (char c = 0; c < TABLE.length; c++) {
                char lower = Character.toLowerCase(c);
                if (Character.getType(lower) == Character.NON_SPACING_MARK) {
                    continue;
                }
                char base = Normalizer.normalize(String.valueOf(lower), Normalizer.Form.NFD).charAt(0);
                TABLE[c] = base == 'đ' ? 'd' : base;
            }
        }
    }

    /**
     * Lower-case Vietnamese without its diacritics: "đang cướp" → "dang cuop", precomposed or
     * combining marks alike; one pass over a table, no regular expression and no normalisation of
     * the whole text (the console's search folds thousands of tips with it).
     */
    public static String fold(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < Fold.TABLE.length) {
                char f = Fold.TABLE[c];
                if (f != 0) {
                    out.append(f);
                }
            } else {
                out.append(Character.toLowerCase(c));
            }
        }
        return out.toString();
    }

    /** The words of a folded text between single spaces, with one at each end: " dang cuop ". */
    static String words(String folded) {
        StringBuilder out = new StringBuilder(folded.length() + 2).append(' ');
        for (int i = 0; i < folded.length(); i++) {
            char c = folded.charAt(i);
            boolean word = c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
            if (word) {
                out.append(c);
            } else if (out.charAt(out.length() - 1) != ' ') {
                out.append(' ');
            }
        }
        if (out.charAt(out.length() - 1) != ' ') {
            out.append(' ');
        }
        return out.toString();
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
            String folded = fold(n);
            if (folded.equals(n.replace('đ', 'd'))) { // no diacritics typed: compare without them, word by word
                String padded = words(folded);
                for (int i = 0; i < TERMS.size(); i++) {
                    if (padded.contains(" " + FOLDED.get(i) + " ")) {
                        return Optional.of(TERMS.get(i));
                    }
                }
            }
        }
        return Optional.empty();
    }
}
