package vn.binhyen.moderation.domain.text;

/**
 * The words a policy's terms are made of, each with a small number (1, 2, …), so that a text's
 * words can be matched as one symbol each rather than letter by letter. Open addressing over
 * the words' characters: looking up a word of the text reads it once and allocates nothing; a
 * word no term uses is 0. Build with {@link #add}, then only read (thread-safe once built).
 */
public final class Vocabulary {
    private char[][] keys = new char[16][];
    private int[] hashes = new int[16];
    private char[] ids = new char[16];
    private int size;
    private int longest;

    /** The word's number, added if new. */
    public char add(String word) {
        char[] w = word.toCharArray();
        char id = id(w, 0, w.length);
        if (id != 0) {
            return id;
        }
        if (size + 1 >= Character.MAX_VALUE) {
            throw new IllegalStateException("more than " + (Character.MAX_VALUE - 1) + " distinct words in terms");
        }
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        id = (char) ++size;
        put(w, hash(w, 0, w.length), id);
        longest = Math.max(longest, w.length);
        return id;
    }

    public int size() {
        return size;
    }

    /** The number of the word {@code text[from, to)}, or 0 when no term uses it. */
    public char id(char[] text, int from, int to) {
        return id(text, from, to, hash(text, from, to));
    }

    /** As {@link #id(char[], int, int)}, given the word's {@link #hash}. */
    char id(char[] text, int from, int to, int h) {
        if (to - from > longest) {
            return 0;
        }
        int mask = ids.length - 1;
        for (int i = mix(h) & mask;; i = (i + 1) & mask) {
            char id = ids[i];
            if (id == 0) { // an empty slot: the word is not here
                return 0;
            }
            if (hashes[i] == h && same(keys[i], text, from, to)) {
                return id;
            }
        }
    }

    /** A short word compared a character at a time: cheaper than a vectorised compare's set-up. */
    private static boolean same(char[] key, char[] text, int from, int to) {
        if (key.length != to - from) {
            return false;
        }
        for (int k = 0; k < key.length; k++) {
            if (key[k] != text[from + k]) {
                return false;
            }
        }
        return true;
    }

    private void put(char[] w, int h, char id) {
        int mask = keys.length - 1;
        int i = mix(h) & mask;
        while (keys[i] != null) {
            i = (i + 1) & mask;
        }
        keys[i] = w;
        hashes[i] = h;
        ids[i] = id;
    }

    private void grow() {
        char[][] oldKeys = keys;
        int[] oldHashes = hashes;
        char[] oldIds = ids;
        keys = new char[oldKeys.length * 2][];
        hashes = new int[oldKeys.length * 2];
        ids = new char[oldKeys.length * 2];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != null) {
                put(oldKeys[i], oldHashes[i], oldIds[i]);
            }
        }
    }

    /**
     * A word's hash, from its length and four of its characters (the first, second, middle and
     * last), not from every character: the scan computes one for every word of every text, and
     * a multiply per character, each waiting for the one before, was a sixth of reading a text.
     * Words that share all five only cost a comparison of their characters on a lookup.
     */
    static int hash(char[] text, int from, int to) {
        int n = to - from;
        if (n <= 0) {
            return 0;
        }
        // independent products: no chain of multiplies waiting on each other
        return n * 0x9E3779B1 ^ text[from] * 0x85EBCA77 ^ text[from + (n > 1 ? 1 : 0)] * 0xC2B2AE3D
                ^ text[from + (n >> 1)] * 0x27D4EB2F ^ text[to - 1] * 0x165667B1;
    }

    private static int mix(int h) {
        h *= 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
