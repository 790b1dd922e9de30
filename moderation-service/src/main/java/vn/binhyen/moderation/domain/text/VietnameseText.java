package vn.binhyen.moderation.domain.text;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntUnaryOperator;

/**
 * A message's words, each in two matching keys, with its place in the original text:
 * <ul>
 * <li>{@code toned}: lowercase, vowel marks kept (â ă ê ô ơ ư đ), the tone moved to the end of
 *     the word as its combining mark, so NFD and NFC input, and the old and new tone placement
 *     ("hoà" and "hòa"), give the same key;</li>
 * <li>{@code folded}: lowercase, every mark removed, đ → d.</li>
 * </ul>
 * Before either: zero-width characters are dropped, look-alike letters become Latin, digits
 * and signs inside words become the letters they imitate (m4t, 5ale, @), and letters spelled
 * out one by one ("M.ậ.t", "t u y ệ t  m ậ t") are joined into words again.
 */
public final class VietnameseText {
    /** A word of the message: its span in the original text and its keys. */
    public record Word(int start, int end, String toned, String folded, boolean marked, boolean capitals) {
    }

    private final String original;
    private final List<Word> words;

    private VietnameseText(String original, List<Word> words) {
        this.original = original;
        this.words = words;
    }

    public String original() {
        return original;
    }

    public List<Word> words() {
        return words;
    }

    /** True when the text has Vietnamese words and none of them carries a mark. */
    public boolean withoutDiacritics() {
        return !words.isEmpty() && words.stream().noneMatch(Word::marked);
    }

    /** Digits and signs written for letters inside a word; 0 where none. */
    static char leet(char c) {
        return switch (c) {
            case '0' -> 'o';
            case '1' -> 'i';
            case '3' -> 'e';
            case '4' -> 'a';
            case '5' -> 's';
            case '7' -> 't';
            case '8' -> 'b';
            case '@' -> 'a';
            case '$' -> 's';
            case '€' -> 'e';
            default -> 0;
        };
    }

    /**
     * The tone a combining mark gives, as the mark itself (the toned key's last character); 0 for
     * any other character. Never a digit: "ma2" is not "mà".
     */
    private static char tone(char c) {
        return toneMark(c) ? c : 0;
    }

    /** Whether a character is one of the five combining tone marks. */
    static boolean toneMark(char c) {
        return c == '\u0301' || c == '\u0300' || c == '\u0309' || c == '\u0303' || c == '\u0323';
    }

    // Per precomposed lower-case letter below U+1F00: the letter without its tone, without any
    // mark, its tone mark, and whether it carries a mark; computed once from NFD, so a word
    // typed in NFC (nearly all) is keyed without running the normaliser on the hot path.
    static final int TABLE = 0x1F00;
    static final char[] TONELESS = new char[TABLE];
    static final char[] BARE = new char[TABLE];
    static final char[] TONE = new char[TABLE];
    static final boolean[] MARKED = new boolean[TABLE];

    static {
        for (char c = 0x80; c < TABLE; c++) {
            if (!Character.isLetter(c) || !Character.isLowerCase(c)) {
                continue;
            }
            String nfd = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD);
            StringBuilder toneless = new StringBuilder();
            char t = 0;
            for (int i = 0; i < nfd.length(); i++) {
                char d = nfd.charAt(i);
                if (tone(d) != 0) {
                    t = tone(d);
                } else {
                    toneless.append(d);
                }
            }
            String composed = Normalizer.normalize(toneless, Normalizer.Form.NFC);
            if (composed.length() != 1 || !Character.isLetter(nfd.charAt(0))) {
                continue;
            }
            TONELESS[c] = composed.charAt(0);
            BARE[c] = c == 'đ' ? 'd' : nfd.charAt(0);
            TONE[c] = t;
            MARKED[c] = nfd.length() > 1 || c == 'đ';
        }
    }

    public static VietnameseText of(String text) {
        List<Raw> raw = rawWords(text);
        List<Raw> joined = joinSpelledOut(raw, text);
        List<Word> words = new ArrayList<>(joined.size());
        for (Raw r : joined) {
            words.add(keys(r));
        }
        return new VietnameseText(text, List.copyOf(words));
    }

    /** A run of word characters: letters, marks, digits, and @ $ € between letters. */
    private record Raw(int start, int end, StringBuilder chars) {
        int letters() {
            int n = 0;
            for (int i = 0; i < chars.length(); i++) {
                if (Character.isLetter(chars.charAt(i))) {
                    n++;
                }
            }
            return n;
        }
    }

    static boolean zeroWidth(char c) {
        return (c >= '\u200B' && c <= '\u200F') || (c >= '\u2060' && c <= '\u2064') || c == '\uFEFF' || c == '\u00AD'
                || c == '\u034F' || c == '\u180E';
    }

    static boolean mark(char c) {
        return Character.getType(c) == Character.NON_SPACING_MARK;
    }

    private static List<Raw> rawWords(String text) {
        List<Raw> out = new ArrayList<>();
        Raw current = null;
        int lastEnd = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (zeroWidth(c)) {
                continue;
            }
            char l = Homoglyphs.latin(c);
            boolean wordChar = Character.isLetterOrDigit(l) || mark(l) || ((l == '@' || l == '$' || l == '€')
                    && current != null);
            if (wordChar) {
                if (current == null) {
                    current = new Raw(i, -1, new StringBuilder());
                }
                current.chars.append(l);
                lastEnd = i + 1;
            } else if (current != null) {
                out.add(new Raw(current.start, lastEnd, current.chars));
                current = null;
            }
        }
        if (current != null) {
            out.add(new Raw(current.start, lastEnd, current.chars));
        }
        return out;
    }

    /**
     * Joins runs of one-letter words ("M.ậ.t"): within a run, the commonest separator is the
     * one between letters; any other separator (a double space, a space among dots) ends a word.
     */
    private static List<Raw> joinSpelledOut(List<Raw> raw, String text) {
        List<Raw> out = new ArrayList<>(raw.size());
        int i = 0;
        while (i < raw.size()) {
            int j = i;
            while (j + 1 < raw.size() && single(raw.get(j)) && single(raw.get(j + 1))) {
                j++;
            }
            if (j - i + 1 < 3) {
                out.add(raw.get(i));
                i++;
                continue;
            }
            String inner = commonestSeparator(text, i, j, k -> raw.get(k).end, k -> raw.get(k).start);
            Raw word = copy(raw.get(i));
            for (int k = i + 1; k <= j; k++) {
                String sep = text.substring(raw.get(k - 1).end, raw.get(k).start);
                if (sep.equals(inner)) {
                    word = new Raw(word.start, raw.get(k).end, word.chars.append(raw.get(k).chars));
                } else {
                    out.add(word);
                    word = copy(raw.get(k));
                }
            }
            out.add(word);
            i = j + 1;
        }
        return out;
    }

    /**
     * The commonest separator between words {@code first..last}, given each word's end and
     * start; of two as common, the one that got there first.
     */
    static String commonestSeparator(String text, int first, int last, IntUnaryOperator end, IntUnaryOperator start) {
        Map<String, Integer> counts = new HashMap<>();
        String best = null;
        int bestCount = 0;
        for (int k = first; k < last; k++) {
            String separator = text.substring(end.applyAsInt(k), start.applyAsInt(k + 1));
            int n = counts.merge(separator, 1, Integer::sum);
            if (n > bestCount) {
                best = separator;
                bestCount = n;
            }
        }
        return best;
    }

    private static Raw copy(Raw r) {
        return new Raw(r.start, r.end, new StringBuilder(r.chars));
    }

    private static boolean single(Raw r) {
        return r.letters() == 1 && r.chars.length() <= 3; // one letter and its marks
    }

    private static Word keys(Raw r) {
        for (int i = 0; i < r.chars.length(); i++) {
            if (mark(r.chars.charAt(i))) {
                return keysDecomposed(r); // typed with combining marks (NFD): the slow, general path
            }
        }
        boolean hasLetter = false;
        for (int i = 0; i < r.chars.length(); i++) {
            if (Character.isLetter(r.chars.charAt(i))) {
                hasLetter = true;
                break;
            }
        }
        StringBuilder toned = new StringBuilder(r.chars.length() + 1);
        StringBuilder folded = new StringBuilder(r.chars.length());
        char tones = 0;
        boolean marked = false;
        boolean capitals = hasLetter;
        for (int i = 0; i < r.chars.length(); i++) {
            char c = r.chars.charAt(i);
            if (Character.isLowerCase(c)) {
                capitals = false;
            }
            if (hasLetter && leet(c) != 0) {
                c = leet(c);
            }
            char lower = Character.toLowerCase(c);
            if (lower < 0x80 || lower >= TABLE || TONELESS[lower] == 0) {
                toned.append(lower);
                folded.append(lower);
                continue;
            }
            toned.append(TONELESS[lower]);
            folded.append(BARE[lower]);
            marked |= MARKED[lower];
            if (TONE[lower] != 0) {
                tones = TONE[lower];
            }
        }
        if (tones != 0) {
            toned.append(tones);
        }
        return new Word(r.start, r.end, toned.toString(), folded.toString(), marked, capitals);
    }

    private static Word keysDecomposed(Raw r) {
        String nfd = Normalizer.normalize(r.chars, Normalizer.Form.NFD);
        boolean hasLetter = false;
        for (int i = 0; i < nfd.length(); i++) {
            if (Character.isLetter(nfd.charAt(i))) {
                hasLetter = true;
                break;
            }
        }
        StringBuilder base = new StringBuilder(nfd.length());
        StringBuilder folded = new StringBuilder(nfd.length());
        char lastTone = 0; // one tone per word, as the fast path keeps it
        boolean marked = false;
        boolean capitals = hasLetter;
        for (int i = 0; i < nfd.length(); i++) {
            char c = nfd.charAt(i);
            char tone = tone(c);
            if (tone != 0) {
                lastTone = tone;
                marked = true;
                continue;
            }
            if (mark(c)) { // circumflex, breve, horn: part of the letter
                base.append(c);
                marked = true;
                continue;
            }
            if (Character.isLetter(c) && Character.isLowerCase(c)) {
                capitals = false;
            }
            if (hasLetter && leet(c) != 0) {
                c = leet(c);
            }
            char lower = Character.toLowerCase(c);
            if (lower == 'đ') {
                marked = true;
                base.append('đ');
                folded.append('d');
                continue;
            }
            base.append(lower);
            folded.append(lower);
        }
        String toned = Normalizer.normalize(base, Normalizer.Form.NFC) + (lastTone == 0 ? "" : String.valueOf(lastTone));
        return new Word(r.start, r.end, toned, folded.toString(), marked, capitals);
    }

    /** The key a policy term is matched by: its words' toned keys, space-separated. */
    public static String tonedKey(String term) {
        return String.join(" ", of(term).words.stream().map(Word::toned).toList());
    }

    /**
     * A toned word key folded: its letters without marks, đ as d, the tone dropped. The same as the
     * word's folded key, so a word whose folded key no term uses cannot have a toned key one does.
     */
    static String fold(String tonedWord) {
        StringBuilder out = new StringBuilder(tonedWord.length());
        for (int i = 0; i < tonedWord.length(); i++) {
            char c = tonedWord.charAt(i);
            if (toneMark(c)) {
                continue;
            }
            out.append(c >= 0x80 && c < TABLE && TONELESS[c] != 0 ? BARE[c] : c);
        }
        return out.toString();
    }

    /** The key a term is matched by in text typed without diacritics. */
    public static String foldedKey(String term) {
        return String.join(" ", of(term).words.stream().map(Word::folded).toList());
    }
}
