package vn.binhyen.moderation.domain.text;

import java.util.Arrays;

/**
 * The words of a text, with no object per word: each word's span in the original text and its
 * two keys (as {@link VietnameseText} defines them). The folded keys are written one after
 * another in one pass over the characters, each with its end; a word's toned key is derived from its
 * characters only when it is asked for, which {@link TermAutomata} does only for the words where
 * a term's folded key was found. Letters spelled out one by one ("M.ậ.t") are joined into words
 * afterwards, as {@link VietnameseText} joins them; only text typed with combining marks (NFD)
 * takes its general path.
 */
public final class TextStreams {
    // a word's flags
    private static final byte MARKED_WORD = 1;
    private static final byte CAPITALS_WORD = 2;
    private static final byte SINGLE_WORD = 4; // one letter (and at most two other characters): a candidate for joining
    private static final byte SWAP_WORD = 8; // a word with letters and digits or signs written for letters (m4t)

    private String original;
    char[] folded = new char[0];
    int foldedLength;
    char[] toned = new char[0]; // toned keys, each where tonedAt says, once derived
    int tonedLength;
    int[] start;
    int[] end;
    int[] foldedAt;
    int[] foldedEnd;
    int[] foldedHash; // each word's folded key's Vocabulary.hash, computed as it is written
    int[] tonedAt; // -1 until derived
    int[] tonedEnd;
    byte[] flags;
    int count;
    boolean spelledOut; // scanned with letters spelled out one by one, not joined yet
    private boolean legacySigns; // a character of the text may be a sign of a legacy encoding

    private TextStreams() {
        start = new int[64];
        end = new int[64];
        foldedAt = new int[64];
        foldedEnd = new int[64];
        foldedHash = new int[64];
        tonedAt = new int[64];
        tonedEnd = new int[64];
        flags = new byte[64];
    }

    /**
     * Empty again, for {@code text}: the folded stream with room for the text's words and for
     * the words joined from letters spelled out (written after them), kept from the last text
     * when it is large enough, so that reading a text allocates nothing.
     */
    private TextStreams reset(String text) {
        original = text;
        count = 0;
        foldedLength = 0;
        tonedLength = 0;
        int room = 2 * text.length() + 2;
        if (folded.length < room) {
            folded = new char[room];
        }
        return this;
    }

    /** Room for {@code words} words in all, kept from text to text. */
    private void room(int words) {
        while (start.length < words) {
            grow();
        }
    }

    private void grow() {
        int capacity = start.length * 2;
        start = Arrays.copyOf(start, capacity);
        end = Arrays.copyOf(end, capacity);
        foldedAt = Arrays.copyOf(foldedAt, capacity);
        foldedEnd = Arrays.copyOf(foldedEnd, capacity);
        foldedHash = Arrays.copyOf(foldedHash, capacity);
        tonedAt = Arrays.copyOf(tonedAt, capacity);
        tonedEnd = Arrays.copyOf(tonedEnd, capacity);
        flags = Arrays.copyOf(flags, capacity);
    }

    /** A new word's place, growing the arrays when they are full. */
    private int add() {
        if (count == start.length) {
            grow();
        }
        return count++;
    }

    private void ensureToned(int more) {
        if (toned.length < tonedLength + more) {
            toned = Arrays.copyOf(toned, Math.max(2 * toned.length, tonedLength + more));
        }
    }

    public String original() {
        return original;
    }

    public int count() {
        return count;
    }

    public int start(int word) {
        return start[word];
    }

    public int end(int word) {
        return end[word];
    }

    public boolean marked(int word) {
        return (flags[word] & MARKED_WORD) != 0;
    }

    public boolean capitals(int word) {
        return (flags[word] & CAPITALS_WORD) != 0;
    }

    public String folded(int word) {
        return new String(folded, foldedAt[word], foldedEnd[word] - foldedAt[word]);
    }

    String toned(int word) {
        derive(word);
        return new String(toned, tonedAt[word], tonedEnd[word] - tonedAt[word]);
    }

    /**
     * Each word's number in {@code words} by its folded key, one char per word (0 for a word no
     * term uses): the sequence a {@link WordAutomaton} runs over.
     */
    char[] foldedIds(Vocabulary words) {
        char[] ids = new char[count];
        for (int i = 0; i < count; i++) {
            ids[i] = words.id(folded, foldedAt[i], foldedEnd[i], foldedHash[i]);
        }
        return ids;
    }

    /** Whether the words from {@code first} on have these toned keys. */
    boolean tonedEquals(int first, char[][] keys) {
        if (first + keys.length > count) {
            return false;
        }
        for (int k = 0; k < keys.length; k++) {
            derive(first + k);
            if (!Arrays.equals(toned, tonedAt[first + k], tonedEnd[first + k], keys[k], 0, keys[k].length)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether a character of the text may be a sign of a legacy encoding
     * ({@link LegacyEncodings#maySign}); when not, the text is Unicode and
     * {@link LegacyEncodings#detect} finds nothing in it.
     */
    public boolean legacySigns() {
        return legacySigns;
    }

    /** True when the text has words and none of them carries a mark. */
    public boolean withoutDiacritics() {
        if (count == 0) {
            return false;
        }
        for (int i = 0; i < count; i++) {
            if (marked(i)) {
                return false;
            }
        }
        return true;
    }

    // One lookup per character: the low 16 bits are the look-alike mapped to Latin, lower-cased,
    // without any mark (the folded key's character); the bits above say what it is.
    private static final char[] LOWER = new char[0x10000];
    private static final int[] INFO = new int[0x10000];
    private static final int LETTER = 1 << 16;
    private static final int DIGIT = 1 << 17;
    private static final int LOWERCASE = 1 << 18;
    private static final int ZERO_WIDTH = 1 << 19;
    private static final int MARK = 1 << 20;
    private static final int SIGN = 1 << 21; // @ $ €: letters inside a word
    private static final int MARKED = 1 << 22; // a letter with a mark or a tone
    private static final int LEET = 1 << 23; // a digit or sign written for a letter
    private static final int LEGACY_SIGN = 1 << 24; // maybe a sign of a legacy encoding (LegacyEncodings.maySign)

    static {
        for (int i = 0; i < 0x10000; i++) {
            char c = (char) i;
            char l = Homoglyphs.latin(c);
            char lower = Character.toLowerCase(l);
            LOWER[i] = lower;
            int info = lower;
            if (Character.isLetter(l)) {
                info |= LETTER;
                if (lower >= 0x80 && lower < VietnameseText.TABLE && VietnameseText.TONELESS[lower] != 0) {
                    info = (info & ~0xFFFF) | VietnameseText.BARE[lower];
                    info |= VietnameseText.MARKED[lower] ? MARKED : 0;
                }
            } else {
                if (Character.isDigit(l)) {
                    info |= DIGIT;
                }
                info |= VietnameseText.leet(lower) != 0 ? LEET : 0;
            }
            info |= Character.isLowerCase(l) ? LOWERCASE : 0;
            info |= VietnameseText.zeroWidth(c) ? ZERO_WIDTH : 0;
            info |= VietnameseText.mark(l) ? MARK : 0;
            info |= l == '@' || l == '$' || l == '€' ? SIGN : 0;
            info |= LegacyEncodings.maySign(c) ? LEGACY_SIGN : 0;
            INFO[i] = info;
        }
    }

    /** A text's streams, in buffers of their own (see {@link Reader} to reuse them). */
    public static TextStreams of(String text) {
        return new Reader().read(text);
    }

    /**
     * Reads texts into buffers it keeps, for one thread at a time: what {@link #read} returns
     * is valid until the reader's next read. Screening a message would otherwise allocate (and
     * clear) several KB of arrays per 1 KB of text.
     */
    public static class Reader {
        private final TextStreams scanned = new TextStreams();
        private char[] chars = new char[0];

        public TextStreams read(String text) {
            if (chars.length < text.length() + 1) {
                chars = new char[Math.max(text.length() + 1, 2 * chars.length)];
            }
            // copied once (an array copy), then read without a bounds and coder check per charAt;
            // a space after the last character ends the last word
            text.getChars(0, text.length(), chars, 0);
            chars[text.length()] = ' ';
            if (scan(chars, text.length(), scanned.reset(text))) {
                if (scanned.spelledOut) {
                    scanned.joinSpelledOut(chars);
                }
                return scanned;
            }
            return from(VietnameseText.of(text), scanned.reset(text));
        }

        /** The characters of the text read last, as an array (valid until the next read). */
        public char[] chars() {
            return chars;
        }
    }

    /**
     * A reader by the general path only ({@link VietnameseText}'s list of words, no one-pass
     * scan): the reference the scan must agree with. For tests and benchmarks, not the bots.
     */
    public static final class GeneralPathReader extends Reader {
        private char[] last = new char[0];

        @Override
        public TextStreams read(String text) {
            last = text.toCharArray();
            return from(VietnameseText.of(text));
        }

        @Override
        public char[] chars() {
            return last;
        }
    }

    /** The general path's words, laid out as streams. */
    static TextStreams from(VietnameseText v) {
        return from(v, new TextStreams().reset(v.original()));
    }

    private static TextStreams from(VietnameseText v, TextStreams s) {
        s.legacySigns = true; // not looked for on this path: detect reads the text
        int chars = 0;
        for (var w : v.words()) {
            chars += w.toned().length() + 1;
        }
        if (s.folded.length < chars + 1) {
            s.folded = new char[chars + 1];
        }
        s.ensureToned(chars + 1);
        for (var w : v.words()) {
            int i = s.add();
            s.start[i] = w.start();
            s.end[i] = w.end();
            s.flags[i] = (byte) ((w.marked() ? MARKED_WORD : 0) | (w.capitals() ? CAPITALS_WORD : 0));
            s.foldedAt[i] = s.foldedLength;
            w.folded().getChars(0, w.folded().length(), s.folded, s.foldedLength);
            s.foldedLength += w.folded().length();
            s.foldedEnd[i] = s.foldedLength;
            s.foldedHash[i] = Vocabulary.hash(s.folded, s.foldedAt[i], s.foldedLength);
            s.tonedAt[i] = s.tonedLength;
            w.toned().getChars(0, w.toned().length(), s.toned, s.tonedLength);
            s.tonedLength += w.toned().length();
            s.tonedEnd[i] = s.tonedLength;
        }
        return s;
    }

    /**
     * One pass into {@code s}, writing folded keys only; false when the text needs the general
     * path (combining marks). Sets {@link #spelledOut} when letters spelled out one by one are
     * still to be joined.
     */
    private static boolean scan(char[] text, int length, TextStreams s) { // text[length] is a space
        char[] out = s.folded;
        s.room(length / 2 + 1); // a word and a separator at least: no check for room per word
        int[] starts = s.start;
        int[] ends = s.end;
        int[] foldedAts = s.foldedAt;
        int[] foldedEnds = s.foldedEnd;
        int[] foldedHashes = s.foldedHash;
        int[] tonedAts = s.tonedAt;
        byte[] flags = s.flags;
        int w = 0;
        int at = 0;
        int wordStart = -1;
        int wordAt = 0;
        int lastEnd = 0;
        int letters = 0;
        int seen = 0; // every flag of the word's characters, or-ed; lower case counts for letters only
        int singleRun = 0;
        boolean spelledOut = false;
        int every = 0; // every character's flags, or-ed: a word's as it ends, from its seen
        for (int i = 0; i <= length; i++) {
            int info = INFO[text[i]];
            if ((info & (ZERO_WIDTH | MARK)) != 0) {
                if ((info & ZERO_WIDTH) != 0) {
                    every |= info;
                    continue;
                }
                return false; // decomposed input: the general path composes it
            }
            if ((info & (LETTER | DIGIT)) != 0 || ((info & SIGN) != 0 && wordStart >= 0)) {
                if (wordStart < 0) {
                    wordStart = i;
                    wordAt = at;
                    letters = 0;
                    seen = 0;
                }
                lastEnd = i + 1;
                char f = (char) info;
                out[at++] = f;
                letters += (info & LETTER) >>> 16;
                seen |= info;
                continue;
            }
            every |= info;
            if (wordStart < 0) {
                continue;
            }
            // a word ends
            every |= seen;
            boolean swap = (seen & (LETTER | LEET)) == (LETTER | LEET);
            if (swap) {
                for (int k = wordAt; k < at; k++) {
                    char swapped = VietnameseText.leet(out[k]);
                    if (swapped != 0) {
                        out[k] = swapped;
                    }
                }
            }
            starts[w] = wordStart;
            ends[w] = lastEnd;
            foldedAts[w] = wordAt;
            foldedEnds[w] = at;
            foldedHashes[w] = Vocabulary.hash(out, wordAt, at); // once per word, from a few of its chars
            tonedAts[w] = -1;
            boolean single = letters == 1 && at - wordAt <= 3;
            flags[w++] = (byte) (((seen & MARKED) != 0 ? MARKED_WORD : 0)
                    | ((seen & LETTER) != 0 && (seen & LOWERCASE) == 0 ? CAPITALS_WORD : 0)
                    | (single ? SINGLE_WORD : 0) | (swap ? SWAP_WORD : 0));
            singleRun = single ? singleRun + 1 : 0; // three in a row are joined, as the general path joins them
            spelledOut |= singleRun >= 3;
            wordStart = -1;
        }
        s.count = w;
        s.foldedLength = at;
        s.spelledOut = spelledOut;
        s.legacySigns = (every & LEGACY_SIGN) != 0;
        return true;
    }

    /**
     * Derives a word's toned key from its characters, once: each letter without its tone, a
     * digit or sign as the letter it stands for in a word with letters, and the last tone mark
     * at the end. The word's span is read as the scan reads it: zero-width characters skipped,
     * a sign a letter only after a word character; so a word joined from letters spelled out one
     * by one gets its letters' keys, and not its separators'.
     */
    private void derive(int word) {
        if (tonedAt[word] >= 0) {
            return;
        }
        ensureToned(end[word] - start[word] + 1);
        boolean swap = (flags[word] & SWAP_WORD) != 0;
        int at = tonedLength;
        char tone = 0;
        boolean inWord = false;
        for (int j = start[word]; j < end[word]; j++) {
            char c = original.charAt(j);
            int info = INFO[c];
            if ((info & ZERO_WIDTH) != 0) {
                continue;
            }
            inWord = (info & (LETTER | DIGIT)) != 0 || ((info & SIGN) != 0 && inWord);
            if (!inWord) {
                continue; // a separator between letters spelled out
            }
            char lower = LOWER[c];
            char t = lower;
            if ((info & LETTER) != 0) {
                if (lower >= 0x80 && lower < VietnameseText.TABLE && VietnameseText.TONELESS[lower] != 0) {
                    t = VietnameseText.TONELESS[lower];
                    tone = VietnameseText.TONE[lower] != 0 ? VietnameseText.TONE[lower] : tone;
                }
            } else if (swap && VietnameseText.leet(lower) != 0) {
                t = VietnameseText.leet(lower);
            }
            toned[at++] = t;
        }
        if (tone != 0) {
            toned[at++] = tone;
        }
        tonedAt[word] = tonedLength;
        tonedEnd[word] = at;
        tonedLength = at;
    }

    /**
     * Letters spelled out one by one joined into words, as {@link VietnameseText} joins them:
     * within a run of three or more one-letter words, the commonest separator is the one between
     * letters, and any other ends a word. A joined word keeps its letters' keys and the last tone.
     * In place: the words move down, a joined word's folded key is written after the others'.
     */
    private void joinSpelledOut(char[] chars) {
        int n = count;
        int w = 0;
        int i = 0;
        while (i < n) {
            int last = i;
            while (last + 1 < n && (flags[last] & flags[last + 1] & SINGLE_WORD) != 0) {
                last++;
            }
            if (last - i + 1 < 3) {
                join(i, i, w++);
                i++;
                continue;
            }
            int inner = commonestSeparator(chars, i, last); // the word before it; read before any word moves
            int innerAt = end[inner];
            int innerLength = start[inner + 1] - innerAt;
            int first = i;
            for (int k = i + 1; k <= last + 1; k++) {
                if (k > last || !sameChars(chars, end[k - 1], start[k] - end[k - 1], innerAt, innerLength)) {
                    join(first, k - 1, w++);
                    first = k;
                }
            }
            i = last + 1;
        }
        count = w;
    }

    /**
     * The word of {@code first..last - 1} whose separator after it is the commonest among them;
     * of two as common, the one that got there first.
     */
    private int commonestSeparator(char[] chars, int first, int last) {
        if (last - first > 16) { // a long run (rare): counted in a map
            String best = VietnameseText.commonestSeparator(original, first, last, k -> end[k], k -> start[k]);
            for (int k = first; k < last; k++) {
                if (start[k + 1] - end[k] == best.length() && original.startsWith(best, end[k])) {
                    return k;
                }
            }
            return first; // not reached: the commonest is one of them
        }
        int best = first;
        int bestCount = 0;
        for (int k = first; k < last; k++) {
            int at = end[k];
            int length = start[k + 1] - at;
            int seen = 0;
            for (int j = first; j <= k; j++) { // as counted up to k: the same order of reaching the top
                if (sameChars(chars, end[j], start[j + 1] - end[j], at, length)) {
                    seen++;
                }
            }
            if (seen > bestCount) {
                best = k;
                bestCount = seen;
            }
        }
        return best;
    }

    private static boolean sameChars(char[] chars, int at, int length, int otherAt, int otherLength) {
        if (length != otherLength) {
            return false;
        }
        for (int k = 0; k < length; k++) {
            if (chars[at + k] != chars[otherAt + k]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Words {@code first..last} as word {@code to} (at most {@code first}, so nothing is read
     * after it is overwritten): one word moves down; several are joined, their folded keys
     * written after the others', its toned key derived from its span when asked for (digits and
     * signs count as letters in it if they did in any of its letters: each has a letter, so the
     * same ones).
     */
    private void join(int first, int last, int to) {
        if (first == last) {
            if (first != to) {
                start[to] = start[first];
                end[to] = end[first];
                foldedAt[to] = foldedAt[first];
                foldedEnd[to] = foldedEnd[first];
                foldedHash[to] = foldedHash[first];
                flags[to] = flags[first];
                tonedAt[to] = -1;
            }
            return;
        }
        int at = foldedLength;
        byte joined = CAPITALS_WORD;
        for (int k = first; k <= last; k++) {
            for (int c = foldedAt[k]; c < foldedEnd[k]; c++) {
                folded[foldedLength++] = folded[c];
            }
            joined |= (byte) (flags[k] & (MARKED_WORD | SWAP_WORD));
            joined &= (byte) (flags[k] | ~CAPITALS_WORD);
        }
        start[to] = start[first];
        end[to] = end[last];
        foldedAt[to] = at;
        foldedEnd[to] = foldedLength;
        foldedHash[to] = Vocabulary.hash(folded, at, foldedLength);
        flags[to] = joined;
        tonedAt[to] = -1;
    }
}
