package vn.binhyen.moderation.domain.adversarial;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Texts built from the scanner's own character classes, as an attacker in a group would write
 * them: VIQR marks, tone marks, separators, zero-width characters, digits for letters,
 * homoglyphs, legacy-encoding signs, letters spelled out, links and dots; in long runs, nested
 * (one family inside another's run) and interleaved, up to the screened size limit.
 */
public final class HostileTexts {
    private HostileTexts() {
    }

    /** Each family: the characters it is made of, and a piece of it. */
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

    /** A piece of one family, a few characters long. */
    static Arbitrary<String> piece(Family f) {
        return switch (f) {
            case VIQR_MARKS -> Combinators.combine(chars(LETTERS), chars(VOWELS), chars(VIQR), chars(VIQR))
                    .as((l, v, m1, m2) -> "" + l + v + m1 + m2);
            case TONE_MARKS -> Combinators.combine(chars(VOWELS), chars(TONES).list().ofMinSize(1).ofMaxSize(4))
                    .as((v, ts) -> v + String.join("", ts.stream().map(String::valueOf).toList()));
            case SEPARATORS -> Combinators.combine(chars(LETTERS + VOWELS), chars(SEPARATOR)).as((l, s) -> "" + l + s);
            case ZERO_WIDTH -> Combinators.combine(chars(LETTERS), chars(ZERO)).as((l, z) -> "" + l + z);
            case DIGITS_FOR_LETTERS -> Combinators.combine(chars(LEET), chars(LETTERS)).as((d, l) -> "" + d + l);
            case HOMOGLYPHS -> chars(LOOK_ALIKE).map(String::valueOf);
            case LEGACY_SIGNS -> Combinators.combine(chars(LETTERS), chars(LEGACY)).as((l, s) -> "" + l + s);
            case SPELLED_OUT -> Combinators.combine(chars(LETTERS + VOWELS), chars(" .-")).as((l, s) -> "" + l + s);
            case LINKS -> Arbitraries.of(LINK_PIECES);
            case DOTS -> Arbitraries.of(".", ". ", "..", "…", "。");
            case LETTERS -> chars(LETTERS).map(String::valueOf);
        };
    }

    private static Arbitrary<Character> chars(String of) {
        return Arbitraries.of(of.chars().mapToObj(c -> (char) c).toList());
    }

    /** A run: one family's piece repeated, now and then another family's piece inside it. */
    static Arbitrary<String> run(int maxRepeats) {
        return Arbitraries.of(Family.class).flatMap(outer -> Arbitraries.of(Family.class).flatMap(inner ->
                Combinators.combine(piece(outer), piece(inner), Arbitraries.integers().between(1, maxRepeats),
                        Arbitraries.integers().between(0, 64))
                        .as((p, q, times, every) -> {
                            StringBuilder b = new StringBuilder(p.length() * times);
                            for (int i = 0; i < times; i++) {
                                b.append(p);
                                if (every > 0 && i % every == every - 1) {
                                    b.append(q); // nested: the inner family inside the outer one's run
                                }
                            }
                            return b.toString();
                        })));
    }

    /** A text of runs, interleaved, cut to {@code length} characters (never inside a pair). */
    public static Arbitrary<String> ofLength(int length) {
        return run(Math.max(1, length / 2)).list().ofMinSize(1).ofMaxSize(6).map(runs -> {
            StringBuilder b = new StringBuilder(length);
            int i = 0;
            while (b.length() < length) {
                String r = runs.get(i++ % runs.size());
                b.append(r.isEmpty() ? "a" : r);
            }
            b.setLength(length);
            if (Character.isHighSurrogate(b.charAt(length - 1))) {
                b.setCharAt(length - 1, 'a');
            }
            return b.toString();
        });
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
