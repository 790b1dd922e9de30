package vn.binhyen.moderation.domain.text;

import vn.binhyen.contracts.text.Split;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import com.google.re2j.Pattern;

/**
 * Vietnamese typed in a legacy encoding instead of Unicode (TCVN 6909:2001): TCVN3 (ABC) and
 * VNI-Windows text shown in a Unicode font, and VIQR's ASCII spelling ("Vie^.t"). Detects
 * which one, and converts it back to Unicode NFC, from the conversion table in
 * {@code encodings/legacy-tables.tsv} (generated from a published converter).
 */
public final class LegacyEncodings {
    public enum Encoding { TCVN3, VNI, VIQR }

    public record Detection(Encoding encoding, String unicode, int evidence) {
    }

    /*
     * A word as VIQR writes it, and a word with a VIQR mark, in RE2/J: the words come from chat
     * text, and RE2 matches in time linear in the word whatever it is (the backtracking engine
     * took cubic time on "a^ a^ aaaa…a1", audit F2). The mark's "full stop after a vowel, ending
     * the word" stands for the backtracking version's look-ahead to a next word (RE2 has no
     * look-around; a word never holds the whitespace that look-ahead needed).
     */
    private static final Pattern VIQR_WORD = Pattern.compile(
            "(?i)^(dd)?[a-z]*[aeiouy](\\^|\\(|\\+)?[a-z]*[aeiouy]?(\\^|\\(|\\+)?[`'?~.]?[a-z]*$");
    private static final Pattern VIQR_MARK = Pattern.compile("(?i)[aeiouy](\\^|\\(|\\+|[`'?~])|[aeiouy][a-z]*\\.$|^dd");
    private static final Pattern ENGLISH_CONTRACTION = Pattern.compile("(?i)[a-z]+'s|[a-z]+n't");

    private static final boolean[] VIQR_SIGN = new boolean[0x80];
    private static final boolean[] VOWEL = new boolean[0x80];

    static {
        for (char c : "^(+`'?~".toCharArray()) { // not '.': a full stop after a vowel is everyday text
            VIQR_SIGN[c] = true;
        }
        for (char c : "aeiouyAEIOUY".toCharArray()) {
            VOWEL[c] = true;
        }
    }

    private final Map<Encoding, Map<String, String>> decode = new EnumMap<>(Encoding.class);
    private final Map<Encoding, Set<Character>> signatures = new EnumMap<>(Encoding.class);
    private final Map<Encoding, Integer> longest = new EnumMap<>(Encoding.class);
    // per character: a sign of TCVN3, of VNI, a VIQR mark, a vowel (read in one pass, one lookup
    // and no branch per character: the table covers every char)
    private static final byte TCVN = 1;
    private static final byte VNI = 2;
    private static final byte SIGN = 4;
    private static final byte VOWEL_FLAG = 8;
    private final byte[] flags = new byte[0x10000];

    private LegacyEncodings(Map<String, String[]> rows) {
        Set<Character> vietnamese = new HashSet<>();
        rows.keySet().forEach(u -> u.chars().forEach(c -> vietnamese.add((char) c)));
        for (Encoding e : Encoding.values()) {
            Map<String, String> map = new HashMap<>();
            Set<Character> sig = new HashSet<>();
            int max = 1;
            Set<String> identical = new HashSet<>(); // letters the encoding writes as Unicode does
            for (var row : rows.entrySet()) {
                if (row.getValue()[e.ordinal()].equals(row.getKey())) {
                    identical.add(row.getKey());
                }
            }
            for (var row : rows.entrySet()) {
                String legacy = row.getValue()[e.ordinal()];
                if (identical.contains(legacy)) {
                    continue; // the letter itself wins over a second use of the same code
                }
                map.put(legacy, row.getKey());
                max = Math.max(max, legacy.length());
                for (char c : legacy.toCharArray()) {
                    if (c > 0x7F && !vietnamese.contains(c)) {
                        sig.add(c);
                    }
                }
            }
            decode.put(e, map);
            signatures.put(e, sig);
            longest.put(e, max);
        }
        for (char c : signatures.get(Encoding.TCVN3)) {
            if (c < 0x100) {
                flags[c] |= TCVN;
            }
        }
        for (char c : signatures.get(Encoding.VNI)) {
            if (c < 0x100) {
                flags[c] |= VNI;
            }
        }
        for (char c = 0; c < 0x80; c++) {
            flags[c] |= (VIQR_SIGN[c] ? SIGN : 0) | (VOWEL[c] ? VOWEL_FLAG : 0);
        }
        for (int c = 0; c < flags.length; c++) {
            if ((flags[c] & (TCVN | VNI | SIGN)) != 0 && !maySign((char) c)) {
                throw new IllegalArgumentException(String.format(
                        "the legacy tables use U+%04X as a sign, which a text's scan does not look for", c));
            }
        }
    }

    /**
     * Whether a character can be a sign of a legacy encoding in any table this class loads: a
     * VIQR mark, or a Latin-1 character that is not a letter of Vietnamese (TCVN3 and VNI write
     * their letters with those). A text with none of them is Unicode, so a scan that reads every
     * character anyway tells whether {@link #detect} needs to read the text at all. Loading a
     * table whose signs fall outside this fails.
     */
    public static boolean maySign(char c) {
        return c < 0x80 ? VIQR_SIGN[c] : c <= 0xFF && VIETNAMESE_LATIN1.indexOf(c) < 0;
    }

    /** The letters of Vietnamese in Latin-1 (the others, ă đ ơ ư and the tones, lie above it). */
    private static final String VIETNAMESE_LATIN1 = "àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ";

    /** The table shipped with the service. */
    public static LegacyEncodings standard() {
        return Holder.STANDARD;
    }

    private static final class Holder {
        static final LegacyEncodings STANDARD = load("encodings/legacy-tables.tsv");
    }

    static LegacyEncodings load(String resource) {
        Map<String, String[]> rows = new HashMap<>();
        try (InputStream in = LegacyEncodings.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = Split.on(line, '\t', true).toArray(String[]::new);
                rows.put(f[0], new String[] {f[1], f[2], f[3]});
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new LegacyEncodings(rows);
    }

    /** The legacy encoding the text is typed in, with its Unicode conversion; empty for Unicode text. */
    public Optional<Detection> detect(String text) {
        return detect(text.toCharArray(), text);
    }

    /** As {@link #detect(String)}, given the text's characters in an array (at least as long). */
    public Optional<Detection> detect(char[] chars, String text) {
        // nearly every text has fewer than two signs of either: counted without a branch, and
        // told apart only when there are enough
        int signs = 0;
        int marks = 0;
        int afterVowel = 0;
        for (int i = 0; i < text.length(); i++) {
            int f = flags[chars[i]];
            signs += ((f & (TCVN | VNI)) + 3) >>> 2; // 1 when either bit is set
            marks += (f >>> 2) & afterVowel;
            afterVowel = (f >>> 3) & 1;
        }
        return signs < 2 && marks < 2 ? Optional.empty() : classify(text);
    }

    private Optional<Detection> classify(String text) {
        // characters only one of TCVN3 and VNI uses decide between them; shared ones count towards either
        int tcvnOnly = 0;
        int vniOnly = 0;
        int shared = 0;
        int marks = 0; // VIQR writes marks as ASCII signs after a vowel; without two such, it is not VIQR
        boolean afterVowel = false;
        for (int i = 0; i < text.length(); i++) {
            int f = flags[text.charAt(i)];
            if ((f & (TCVN | VNI)) == (TCVN | VNI)) {
                shared++;
            } else if ((f & TCVN) != 0) {
                tcvnOnly++;
            } else if ((f & VNI) != 0) {
                vniOnly++;
            }
            if ((f & SIGN) != 0 && afterVowel) {
                marks++;
            }
            afterVowel = (f & VOWEL_FLAG) != 0;
        }
        int hits = tcvnOnly + vniOnly + shared;
        if (hits >= 2) {
            Encoding e = tcvnOnly > vniOnly ? Encoding.TCVN3 : Encoding.VNI;
            return Optional.of(new Detection(e, convert(text, e), hits));
        }
        if (marks < 2) {
            return Optional.empty();
        }
        int words = 0;
        int viqr = 0;
        // words split as by "\\s+" (Java's ASCII whitespace), in one pass; no regex on the text itself
        String trimmed = text.trim();
        int n = trimmed.length();
        int i = 0;
        while (i < n) {
            while (i < n && Split.asciiSpace(trimmed.charAt(i))) {
                i++;
            }
            int from = i;
            while (i < n && !Split.asciiSpace(trimmed.charAt(i))) {
                i++;
            }
            if (i == from) {
                continue;
            }
            words++;
            int to = i;
            while (to > from && TRAILING.indexOf(trimmed.charAt(to - 1)) >= 0) {
                to--; // trailing punctuation is not part of the word
            }
            String bare = trimmed.substring(from, to);
            if (VIQR_WORD.matches(bare) && VIQR_MARK.matcher(bare).find() && !ENGLISH_CONTRACTION.matches(bare)) {
                viqr++;
            }
        }
        if (viqr >= 2 && viqr * 4 >= words) {
            return Optional.of(new Detection(Encoding.VIQR, convert(text, Encoding.VIQR), viqr));
        }
        return Optional.empty();
    }

    private static final String TRAILING = ",;:!\"()";

    /** Greedy longest-match decoding; in VIQR a full stop at the end of the text or a line stays a full stop. */
    public String convert(String text, Encoding e) {
        Map<String, String> map = decode.get(e);
        int max = longest.get(e);
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            String hit = null;
            int len = 0;
            for (int l = Math.min(max, text.length() - i); l >= 1; l--) {
                String candidate = text.substring(i, i + l);
                if (e == Encoding.VIQR && candidate.endsWith(".") && sentenceEnd(text, i + l)) {
                    continue;
                }
                String u = map.get(candidate);
                if (u != null) {
                    hit = u;
                    len = l;
                    break;
                }
            }
            if (hit == null) {
                out.append(text.charAt(i));
                i++;
            } else {
                out.append(hit);
                i += len;
            }
        }
        return java.text.Normalizer.normalize(out, java.text.Normalizer.Form.NFC);
    }

    private static boolean sentenceEnd(String text, int after) {
        int j = after;
        while (j < text.length() && text.charAt(j) != '\n' && Character.isWhitespace(text.charAt(j))) {
            j++;
        }
        return j == text.length() || text.charAt(j) == '\n';
    }
}
