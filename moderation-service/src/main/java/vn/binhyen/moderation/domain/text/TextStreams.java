package vn.binhyen.moderation.domain.text;

/**
 * The words of a text as two matching streams, built in one pass over the characters with no
 * object per word: {@code toned} and {@code folded} hold each word's key (as
 * {@link VietnameseText} defines them) separated by single spaces; parallel int arrays give
 * each word's span in the original text and its place in each stream. Text with letters
 * spelled out one by one ("M.ậ.t") takes {@link VietnameseText}'s general path instead.
 */
public final class TextStreams {
    private final String original;
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
    int count;

    private TextStreams(String original, int capacity) {
        this.original = original;
        int chars = original.length() + capacity + 2;
        toned = new char[chars + capacity];
        folded = new char[chars];
        start = new int[capacity];
        end = new int[capacity];
        tonedAt = new int[capacity];
        foldedAt = new int[capacity];
        marked = new boolean[capacity];
        capitals = new boolean[capacity];
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
        int to = word + 1 < count ? foldedAt[word + 1] - 1 : foldedLength - 1;
        return new String(folded, foldedAt[word], to - foldedAt[word]);
    }

    /** The toned stream, exactly as long as its content. */
    public char[] tonedStream() {
        if (toned.length != tonedLength) {
            toned = java.util.Arrays.copyOf(toned, tonedLength);
        }
        return toned;
    }

    public char[] foldedStream() {
        if (folded.length != foldedLength) {
            folded = java.util.Arrays.copyOf(folded, foldedLength);
        }
        return folded;
    }

    /** The word a stream offset falls in. */
    public int wordAtToned(int offset) {
        return wordAt(tonedAt, offset);
    }

    public int wordAtFolded(int offset) {
        return wordAt(foldedAt, offset);
    }

    private int wordAt(int[] at, int offset) {
        int i = java.util.Arrays.binarySearch(at, 0, count, offset);
        return i >= 0 ? i : -i - 2;
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

    public static TextStreams of(String text) {
        TextStreams fast = scan(text);
        return fast != null ? fast : from(VietnameseText.of(text));
    }

    /** The general path's words, laid out as streams. */
    static TextStreams from(VietnameseText v) {
        int n = v.words().size();
        int chars = 0;
        for (var w : v.words()) {
            chars += w.toned().length() + 1;
        }
        TextStreams s = new TextStreams(v.original(), Math.max(n, 1));
        s.toned = new char[chars + 1];
        s.folded = new char[chars + 1];
        for (var w : v.words()) {
            int i = s.count++;
            s.start[i] = w.start();
            s.end[i] = w.end();
            s.marked[i] = w.marked();
            s.capitals[i] = w.capitals();
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

    /** One pass; null when the text needs the general path (combining marks, spelled-out letters). */
    private static TextStreams scan(String text) {
        int length = text.length();
        TextStreams s = new TextStreams(text, length / 2 + 2);
        int wordStart = -1;
        int lastEnd = 0;
        int letters = 0;
        int digitsToSwap = 0;
        boolean hasLetter = false;
        boolean isMarked = false;
        boolean allCapitals = true;
        char tone = 0;
        int singleRun = 0;
        for (int i = 0; i <= length; i++) {
            char c = i < length ? text.charAt(i) : ' ';
            byte kind = KIND[c];
            if ((kind & ZERO_WIDTH) != 0) {
                continue;
            }
            if ((kind & MARK) != 0) {
                return null; // decomposed input: the general path composes it
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
                    s.tonedAt[s.count] = s.tonedLength;
                    s.foldedAt[s.count] = s.foldedLength;
                }
                lastEnd = i + 1;
                char lower = LOWER[c];
                if ((kind & LETTER) != 0) {
                    letters++;
                    hasLetter = true;
                    if ((kind & LOWERCASE) != 0) {
                        allCapitals = false;
                    }
                    if (lower < 0x80 || lower >= VietnameseText.TABLE || VietnameseText.TONELESS[lower] == 0) {
                        s.toned[s.tonedLength++] = lower;
                        s.folded[s.foldedLength++] = lower;
                    } else {
                        s.toned[s.tonedLength++] = VietnameseText.TONELESS[lower];
                        s.folded[s.foldedLength++] = VietnameseText.BARE[lower];
                        isMarked |= VietnameseText.MARKED[lower];
                        if (VietnameseText.TONE[lower] != 0) {
                            tone = VietnameseText.TONE[lower];
                        }
                    }
                } else {
                    if (VietnameseText.leet(lower) != 0) {
                        digitsToSwap++;
                    }
                    s.toned[s.tonedLength++] = lower;
                    s.folded[s.foldedLength++] = lower;
                }
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
            }
            if (tone != 0) {
                s.toned[s.tonedLength++] = tone;
            }
            s.toned[s.tonedLength++] = ' ';
            s.folded[s.foldedLength++] = ' ';
            s.start[s.count] = wordStart;
            s.end[s.count] = lastEnd;
            s.marked[s.count] = isMarked;
            s.capitals[s.count] = hasLetter && allCapitals;
            s.count++;
            singleRun = letters == 1 && lastEnd - wordStart == 1 ? singleRun + 1 : 0;
            if (singleRun >= 3) {
                return null; // letters spelled out one by one: the general path joins them
            }
            wordStart = -1;
        }
        return s;
    }
}
