package vn.binhyen.moderation.domain.text;

/**
 * The words of a text as two matching streams, built in one pass over the characters with no
 * object per word: {@code toned} and {@code folded} hold each word's key (as
 * {@link VietnameseText} defines them) separated by single spaces; parallel int arrays give
 * each word's span in the original text and its place in each stream. Letters spelled out
 * one by one ("M.ậ.t") are joined into words afterwards, as {@link VietnameseText} joins them;
 * only text typed with combining marks (NFD) takes its general path.
 */
public final class TextStreams {
    private String original;
    char[] toned;
    int tonedLength;
    char[] folded;
    int foldedLength;
    int[] start;
    int[] end;
    int[] tonedAt;
    int[] foldedAt;
    boolean[] marked;
    boolean[] capitals;
    char[] tones;
    boolean[] single; // one letter (and at most two other characters): a candidate for joining
    int[] tonedHash; // each word's key's String.hashCode, computed as it is written
    int[] foldedHash;
    int count;
    boolean spelledOut; // scanned with letters spelled out one by one, not joined yet

    private TextStreams() {
        this(64);
    }

    /** Empty, with room for {@code capacity} words (the streams are sized by {@link #reset}). */
    private TextStreams(int capacity) {
        toned = new char[0];
        folded = new char[0];
        start = new int[capacity];
        end = new int[capacity];
        tonedAt = new int[capacity];
        foldedAt = new int[capacity];
        marked = new boolean[capacity];
        capitals = new boolean[capacity];
        tones = new char[capacity];
        single = new boolean[capacity];
        tonedHash = new int[capacity];
        foldedHash = new int[capacity];
    }

    /**
     * Empty again, for {@code text}, its streams with room for as many words as the text can
     * hold (a word and its separator take at least two characters): kept from the last text
     * when they are large enough, so that reading a text allocates nothing.
     */
    private TextStreams reset(String text) {
        original = text;
        count = 0;
        tonedLength = 0;
        foldedLength = 0;
        int words = text.length() / 2 + 2;
        if (toned.length < text.length() + 2 * words) {
            toned = new char[text.length() + 2 * words];
            folded = new char[text.length() + words];
        }
        return this;
    }

    private void grow() {
        int capacity = start.length * 2;
        start = java.util.Arrays.copyOf(start, capacity);
        end = java.util.Arrays.copyOf(end, capacity);
        tonedAt = java.util.Arrays.copyOf(tonedAt, capacity);
        foldedAt = java.util.Arrays.copyOf(foldedAt, capacity);
        marked = java.util.Arrays.copyOf(marked, capacity);
        capitals = java.util.Arrays.copyOf(capitals, capacity);
        tones = java.util.Arrays.copyOf(tones, capacity);
        single = java.util.Arrays.copyOf(single, capacity);
        tonedHash = java.util.Arrays.copyOf(tonedHash, capacity);
        foldedHash = java.util.Arrays.copyOf(foldedHash, capacity);
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
        return marked[word];
    }

    public boolean capitals(int word) {
        return capitals[word];
    }

    public String folded(int word) {
        return new String(folded, foldedAt[word], foldedEnd(word) - foldedAt[word]);
    }

    String toned(int word) {
        return new String(toned, tonedAt[word], tonedEnd(word) - tonedAt[word]);
    }

    /** Where a word's key ends in the toned stream (each word is followed by one space). */
    private int tonedEnd(int word) {
        return (word + 1 < count ? tonedAt[word + 1] : tonedLength) - 1;
    }

    private int foldedEnd(int word) {
        return (word + 1 < count ? foldedAt[word + 1] : foldedLength) - 1;
    }

    /**
     * Each word's number in {@code words} by its folded or toned key, one char per word
     * (0 for a word no term uses): the sequence a {@link WordAutomaton} runs over.
     */
    char[] ids(Vocabulary words, boolean byFolded) {
        char[] ids = new char[count];
        for (int i = 0; i < count; i++) {
            ids[i] = byFolded ? words.id(folded, foldedAt[i], foldedEnd(i), foldedHash[i])
                    : words.id(toned, tonedAt[i], tonedEnd(i), tonedHash[i]);
        }
        return ids;
    }

    /** True when the text has words and none of them carries a mark. */
    public boolean withoutDiacritics() {
        if (count == 0) {
            return false;
        }
        for (int i = 0; i < count; i++) {
            if (marked[i]) {
                return false;
            }
        }
        return true;
    }

    // One lookup per character: the look-alike mapped to Latin and lower-cased, and what it is.
    private static final char[] LOWER = new char[0x10000];
    private static final byte[] KIND = new byte[0x10000];
    private static final byte LETTER = 1;
    private static final byte DIGIT = 2;
    private static final byte LOWERCASE = 4;
    private static final byte ZERO_WIDTH = 8;
    private static final byte MARK = 16;
    private static final byte SIGN = 32; // @ $ €: letters inside a word

    static {
        for (int i = 0; i < 0x10000; i++) {
            char c = (char) i;
            char l = Homoglyphs.latin(c);
            LOWER[i] = Character.toLowerCase(l);
            byte k = 0;
            if (Character.isLetter(l)) {
                k |= LETTER;
            } else if (Character.isDigit(l)) {
                k |= DIGIT;
            }
            if (Character.isLowerCase(l)) {
                k |= LOWERCASE;
            }
            if (VietnameseText.zeroWidth(c)) {
                k |= ZERO_WIDTH;
            }
            if (VietnameseText.mark(l)) {
                k |= MARK;
            }
            if (l == '@' || l == '$' || l == '€') {
                k |= SIGN;
            }
            KIND[i] = k;
        }
    }

    /** A text's streams, in buffers of their own (see {@link Reader} to reuse them). */
    public static TextStreams of(String text) {
        return new Reader().read(text);
    }

    /**
     * Reads texts into buffers it keeps, for one thread at a time: what {@link #read} returns
     * is valid until the reader's next read. Screening a message would otherwise allocate (and
     * clear) about 17 KB of arrays per 1 KB of text.
     */
    public static final class Reader {
        private final TextStreams scanned = new TextStreams();
        private final TextStreams joined = new TextStreams();

        public TextStreams read(String text) {
            if (scan(text, scanned.reset(text))) {
                return scanned.spelledOut ? joined.reset(text).joinSpelledOut(scanned) : scanned;
            }
            return from(VietnameseText.of(text), scanned.reset(text));
        }
    }

    /** The general path's words, laid out as streams. */
    static TextStreams from(VietnameseText v) {
        return from(v, new TextStreams().reset(v.original()));
    }

    private static TextStreams from(VietnameseText v, TextStreams s) {
        int chars = 0;
        for (var w : v.words()) {
            chars += w.toned().length() + 1;
        }
        if (s.toned.length < chars + 1) {
            s.toned = new char[chars + 1];
            s.folded = new char[chars + 1];
        }
        for (var w : v.words()) {
            if (s.count == s.start.length) {
                s.grow();
            }
            int i = s.count++;
            s.start[i] = w.start();
            s.end[i] = w.end();
            s.marked[i] = w.marked();
            s.capitals[i] = w.capitals();
            s.tonedHash[i] = w.toned().hashCode();
            s.foldedHash[i] = w.folded().hashCode();
            s.tonedAt[i] = s.tonedLength;
            w.toned().getChars(0, w.toned().length(), s.toned, s.tonedLength);
            s.tonedLength += w.toned().length();
            s.toned[s.tonedLength++] = ' ';
            s.foldedAt[i] = s.foldedLength;
            w.folded().getChars(0, w.folded().length(), s.folded, s.foldedLength);
            s.foldedLength += w.folded().length();
            s.folded[s.foldedLength++] = ' ';
        }
        return s;
    }

    /**
     * One pass into {@code s}; false when the text needs the general path (combining marks).
     * Sets {@link #spelledOut} when letters spelled out one by one are still to be joined.
     */
    private static boolean scan(String text, TextStreams s) {
        int length = text.length();
        int wordStart = -1;
        int lastEnd = 0;
        int letters = 0;
        int digitsToSwap = 0;
        boolean hasLetter = false;
        boolean isMarked = false;
        boolean allCapitals = true;
        char tone = 0;
        int singleRun = 0;
        boolean spelledOut = false;
        int tonedHash = 0;
        int foldedHash = 0;
        for (int i = 0; i <= length; i++) {
            char c = i < length ? text.charAt(i) : ' ';
            byte kind = KIND[c];
            if ((kind & ZERO_WIDTH) != 0) {
                continue;
            }
            if ((kind & MARK) != 0) {
                return false; // decomposed input: the general path composes it
            }
            boolean wordChar = i < length && ((kind & (LETTER | DIGIT)) != 0 || ((kind & SIGN) != 0 && wordStart >= 0));
            if (wordChar) {
                if (wordStart < 0) {
                    wordStart = i;
                    letters = 0;
                    digitsToSwap = 0;
                    hasLetter = false;
                    isMarked = false;
                    allCapitals = true;
                    tone = 0;
                    tonedHash = 0;
                    foldedHash = 0;
                    if (s.count == s.start.length) {
                        s.grow();
                    }
                    s.tonedAt[s.count] = s.tonedLength;
                    s.foldedAt[s.count] = s.foldedLength;
                }
                lastEnd = i + 1;
                char lower = LOWER[c];
                char toned = lower;
                char folded = lower;
                if ((kind & LETTER) != 0) {
                    letters++;
                    hasLetter = true;
                    if ((kind & LOWERCASE) != 0) {
                        allCapitals = false;
                    }
                    if (lower >= 0x80 && lower < VietnameseText.TABLE && VietnameseText.TONELESS[lower] != 0) {
                        toned = VietnameseText.TONELESS[lower];
                        folded = VietnameseText.BARE[lower];
                        isMarked |= VietnameseText.MARKED[lower];
                        if (VietnameseText.TONE[lower] != 0) {
                            tone = VietnameseText.TONE[lower];
                        }
                    }
                } else if (VietnameseText.leet(lower) != 0) {
                    digitsToSwap++;
                }
                s.toned[s.tonedLength++] = toned;
                s.folded[s.foldedLength++] = folded;
                tonedHash = 31 * tonedHash + toned;
                foldedHash = 31 * foldedHash + folded;
                continue;
            }
            if (wordStart < 0) {
                continue;
            }
            // a word ends
            if (hasLetter && digitsToSwap > 0) {
                for (int k = s.tonedAt[s.count]; k < s.tonedLength; k++) {
                    char swapped = VietnameseText.leet(s.toned[k]);
                    if (swapped != 0) {
                        s.toned[k] = swapped;
                    }
                }
                for (int k = s.foldedAt[s.count]; k < s.foldedLength; k++) {
                    char swapped = VietnameseText.leet(s.folded[k]);
                    if (swapped != 0) {
                        s.folded[k] = swapped;
                    }
                }
                tonedHash = Vocabulary.hash(s.toned, s.tonedAt[s.count], s.tonedLength);
                foldedHash = Vocabulary.hash(s.folded, s.foldedAt[s.count], s.foldedLength);
            }
            if (tone != 0) {
                s.toned[s.tonedLength++] = tone;
                tonedHash = 31 * tonedHash + tone;
            }
            s.tonedHash[s.count] = tonedHash;
            s.foldedHash[s.count] = foldedHash;
            s.toned[s.tonedLength++] = ' ';
            s.folded[s.foldedLength++] = ' ';
            s.start[s.count] = wordStart;
            s.end[s.count] = lastEnd;
            s.marked[s.count] = isMarked;
            s.capitals[s.count] = hasLetter && allCapitals;
            s.tones[s.count] = tone;
            s.single[s.count] = letters == 1 && s.foldedLength - 1 - s.foldedAt[s.count] <= 3;
            s.count++;
            singleRun = letters == 1 && lastEnd - wordStart == 1 ? singleRun + 1 : 0;
            spelledOut |= singleRun >= 3;
            wordStart = -1;
        }
        s.spelledOut = spelledOut;
        return true;
    }

    /**
     * Letters spelled out one by one joined into words, as {@link VietnameseText} joins them:
     * within a run of three or more one-letter words, the commonest separator is the one between
     * letters, and any other ends a word. A joined word keeps its letters' keys and the last tone.
     */
    private TextStreams joinSpelledOut(TextStreams src) {
        int count = src.count;
        boolean[] single = src.single;
        int[] start = src.start;
        int[] end = src.end;
        int i = 0;
        while (i < count) {
            int last = i;
            while (last + 1 < count && single[last] && single[last + 1]) {
                last++;
            }
            if (last - i + 1 < 3) {
                append(src, i, i);
                i++;
                continue;
            }
            String inner = VietnameseText.commonestSeparator(original, i, last, k -> end[k], k -> start[k]);
            int first = i;
            for (int k = i + 1; k <= last + 1; k++) {
                if (k > last || !original.substring(end[k - 1], start[k]).equals(inner)) {
                    append(src, first, k - 1);
                    first = k;
                }
            }
            i = last + 1;
        }
        return this;
    }

    /** Appends the source's words {@code first..last} as one word. */
    private void append(TextStreams src, int first, int last) {
        if (count == start.length) {
            grow();
        }
        int w = count++;
        start[w] = src.start[first];
        end[w] = src.end[last];
        tonedAt[w] = tonedLength;
        foldedAt[w] = foldedLength;
        boolean isMarked = false;
        boolean allCapitals = true;
        char tone = 0;
        for (int k = first; k <= last; k++) {
            int tonedTo = src.tonedEnd(k) - (src.tones[k] != 0 ? 1 : 0);
            System.arraycopy(src.toned, src.tonedAt[k], toned, tonedLength, tonedTo - src.tonedAt[k]);
            tonedLength += tonedTo - src.tonedAt[k];
            int foldedTo = src.foldedEnd(k);
            System.arraycopy(src.folded, src.foldedAt[k], folded, foldedLength, foldedTo - src.foldedAt[k]);
            foldedLength += foldedTo - src.foldedAt[k];
            isMarked |= src.marked[k];
            allCapitals &= src.capitals[k];
            tone = src.tones[k] != 0 ? src.tones[k] : tone;
        }
        if (tone != 0) {
            toned[tonedLength++] = tone;
        }
        tonedHash[w] = Vocabulary.hash(toned, tonedAt[w], tonedLength);
        foldedHash[w] = Vocabulary.hash(folded, foldedAt[w], foldedLength);
        toned[tonedLength++] = ' ';
        folded[foldedLength++] = ' ';
        marked[w] = isMarked;
        capitals[w] = allCapitals;
    }
}
