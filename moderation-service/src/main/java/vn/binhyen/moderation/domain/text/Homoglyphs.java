package vn.binhyen.moderation.domain.text;

import com.ibm.icu.text.SpoofChecker;

/**
 * Letters that look like Latin letters (Cyrillic "а", Greek "ο", fullwidth "Ｍ", …) mapped to
 * the Latin letter they imitate, from Unicode's confusables data through ICU's
 * {@link SpoofChecker}. The table is computed once; the lookup on the hot path is an array read.
 */
public final class Homoglyphs {
    private static final char[] TABLE = build();

    private Homoglyphs() {
    }

    /** The Latin letter {@code c} imitates, or {@code c} itself. */
    public static char latin(char c) {
        return c < TABLE.length ? TABLE[c] : c;
    }

    private static char[] build() {
        char[] table = new char[0x10000];
        for (int c = 0; c < table.length; c++) {
            table[c] = (char) c;
        }
        SpoofChecker checker = new SpoofChecker.Builder().build();
        for (int c = 0x80; c < table.length; c++) {
            if (!Character.isLetter(c) || Character.isSurrogate((char) c) || isVietnamese((char) c)) {
                continue;
            }
            String skeleton = checker.getSkeleton(String.valueOf((char) c));
            if (skeleton.length() == 1) {
                char s = skeleton.charAt(0);
                if (s < 0x80 && Character.isLetter(s)) {
                    // skeletons are lowercase-insensitive for some letters; keep the case of the original
                    table[c] = Character.isUpperCase(c) ? Character.toUpperCase(s) : s;
                }
            }
        }
        return table;
    }

    /** Vietnamese's own letters are never look-alikes of something else. */
    private static boolean isVietnamese(char c) {
        return c == 'đ' || c == 'Đ' || (c >= 0x00C0 && c <= 0x01B0) || (c >= 0x1EA0 && c <= 0x1EF9);
    }
}
