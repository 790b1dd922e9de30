package vn.binhyen.moderation.domain.adversarial;

import java.util.List;
import java.util.Random;

/**
 * Texts built from the scanner's own character classes, as an attacker in a group would write
 * them: VIQR marks, tone marks, separators, zero-width characters, digits for letters,
 * homoglyphs, legacy-encoding signs, letters spelled out, links and dots; in long runs, nested
 * (one family inside another's run) and interleaved, up to the screened size limit. Each text
 * comes from a seed, so a failing one is made again from the seed its test names.
 */
public final class HostileTexts {
    private HostileTexts() {
    }

    /** The families, each the characters it is made of. */
    public enum Family {
        VIQR_MARKS, TONE_MARKS, SEPARATORS, ZERO_WIDTH, DIGITS_FOR_LETTERS, HOMOGLYPHS, LEGACY_SIGNS, SPELLED_OUT,
        LINKS, DOTS, LETTERS
    }

    static final String VOWELS = "aeiouyAEIOUYăâêôơưĂÂÊÔƠƯ";
    static final String LETTERS = "abcdđghklmnpqrstvxAĐMTabcdefghijklmnopqrstuvwxyz";
    static final String VIQR = "^(+`'?~.";
    static final String TONES = "\u0300\u0301\u0303\u0309\u0323";
    static final String SEPARATOR = ".-_,/ *|:;'\"";
    static final String ZERO = "\u200B\u200C\u200D\u200E\u200F\u2060\u2061\u2062\u2063\u2064\uFEFF\u00AD\u034F\u180E";
    static final String LEET = "0134578@$€";
    static final String LOOK_ALIKE = "аеорсхуіјѕԁһмтвкАВЕКМНОРСТХοαιυνκτΜΤΑΕΟＭＴＡａｍｔ";
    /** Latin-1 characters TCVN3 and VNI write Vietnamese with (signs of a legacy encoding). */
    static final String LEGACY = "µ¸¶·¹¨»¾¼½Æ©ÇÊËÌÍÎÏÐÑÒÓÔÕÖ×ØÙÚÛÜÝÞßø÷ùúûüõïëæçåäãâàáéèêìíîñðòóôöÿ¤¥¦§±²³";
    static final List<String> LINK_PIECES = List.of("http://", "https://", "www.", "bit.ly/", "a.b.c.vn", "x.gov.vn.",
            "user@host.com", "1.2.3.4", "xn--", "tinyurl.com/", ".vn", ".com/", "?q=", "#", ":8080", "zalo.me/", "@");
    static final List<String> DOT_PIECES = List.of(".", ". ", "..", "…", "。");

    private static char any(Random r, String of) {
        return of.charAt(r.nextInt(of.length()));
    }

    /** A piece of one family, a few characters long. */
    static String piece(Random r, Family f) {
        return switch (f) {
            case VIQR_MARKS -> "" + any(r, LETTERS) + any(r, VOWELS) + any(r, VIQR) + any(r, VIQR);
            case TONE_MARKS -> {
                StringBuilder b = new StringBuilder().append(any(r, VOWELS));
                for (int i = 1 + r.nextInt(4); i > 0; i--) {
                    b.append(any(r, TONES));
                }
                yield b.toString();
            }
            case SEPARATORS -> "" + any(r, LETTERS + VOWELS) + any(r, SEPARATOR);
            case ZERO_WIDTH -> "" + any(r, LETTERS) + any(r, ZERO);
            case DIGITS_FOR_LETTERS -> "" + any(r, LEET) + any(r, LETTERS);
            case HOMOGLYPHS -> String.valueOf(any(r, LOOK_ALIKE));
            case LEGACY_SIGNS -> "" + any(r, LETTERS) + any(r, LEGACY);
            case SPELLED_OUT -> "" + any(r, LETTERS + VOWELS) + any(r, " .-");
            case LINKS -> LINK_PIECES.get(r.nextInt(LINK_PIECES.size()));
            case DOTS -> DOT_PIECES.get(r.nextInt(DOT_PIECES.size()));
            case LETTERS -> String.valueOf(any(r, LETTERS));
        };
    }

    /** A run: one family's piece repeated, now and then another family's piece inside it. */
    static String run(Random r, int maxRepeats) {
        Family[] families = Family.values();
        String outer = piece(r, families[r.nextInt(families.length)]);
        String inner = piece(r, families[r.nextInt(families.length)]);
        // long runs are what the worst cases are made of: half of the runs as long as allowed
        int times = r.nextBoolean() ? maxRepeats : 1 + r.nextInt(maxRepeats);
        int every = r.nextInt(65);
        StringBuilder b = new StringBuilder(outer.length() * times);
        for (int i = 0; i < times; i++) {
            b.append(outer);
            if (every > 0 && i % every == every - 1) {
                b.append(inner); // nested: the inner family inside the outer one's run
            }
        }
        return b.toString();
    }

    /** A text of one to six runs, interleaved, cut to {@code length} characters. */
    public static String of(long seed, int length) {
        Random r = new Random(seed);
        int runs = 1 + r.nextInt(6);
        String[] pieces = new String[runs];
        for (int i = 0; i < runs; i++) {
            pieces[i] = run(r, Math.max(1, length / (2 * runs)));
        }
        StringBuilder b = new StringBuilder(length + 64);
        for (int i = 0; b.length() < length; i++) {
            b.append(pieces[i % runs]);
        }
        b.setLength(length);
        return b.toString();
    }

    /** Plain Vietnamese of the same length: what a text is compared with. */
    public static String plain(int length) {
        String sentence = "Chào buổi sáng cả nhóm, hôm nay phường họp lúc 8 giờ tại hội trường khu phố 3. ";
        StringBuilder b = new StringBuilder(length + sentence.length());
        while (b.length() < length) {
            b.append(sentence);
        }
        b.setLength(length);
        return b.toString();
    }

    /** The worst cases known by name: the audit's, and each family as one run of the whole size. */
    public static List<String> known(int length) {
        return List.of(
                "a^ a^ " + "a".repeat(length - 7) + "1", // audit F2: cubic in the backtracking engine
                "a^ a^ " + ",".repeat(length - 7) + "a",
                "Vie^.t " + "a^".repeat((length - 7) / 2),
                "a\u0301".repeat(length / 2),
                "a" + "\u0301".repeat(length - 1),
                "\u200B".repeat(length),
                "x ".repeat(length / 2),
                "t.".repeat(length / 2),
                "http://" + "a.".repeat((length - 7) / 2),
                "a.".repeat(length / 2 - 2) + "vn/x",
                "µ".repeat(length),
                "4".repeat(length),
                "а".repeat(length),
                "a^ ".repeat(length / 3),
                ".".repeat(length));
    }
}
