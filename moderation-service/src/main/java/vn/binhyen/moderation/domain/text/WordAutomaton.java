package vn.binhyen.moderation.domain.text;

import vn.binhyen.contracts.text.Split;

import com.hankcs.algorithm.AhoCorasickDoubleArrayTrie;
import java.util.Map;
import java.util.TreeMap;

/**
 * Aho–Corasick over words: every term (its words' keys separated by single spaces) becomes a
 * string of word numbers from a {@link Vocabulary}, and a text is matched as the sequence of
 * its words' numbers. One automaton step per word instead of per letter, and a hit is always
 * a run of whole words. Immutable and thread-safe once built.
 *
 * @param <V> what a term stands for
 */
public final class WordAutomaton<V> {
    /** A term found: the first and last word of the text it covers. */
    @FunctionalInterface
    public interface Found<V> {
        void found(int firstWord, int lastWord, V value);
    }

    private final AhoCorasickDoubleArrayTrie<V> trie = new AhoCorasickDoubleArrayTrie<>();
    private final boolean empty;

    /** The terms' words are numbered in {@code words}, which may be shared with other automata. */
    WordAutomaton(Map<String, V> terms, Vocabulary words) {
        Map<String, V> byNumbers = new TreeMap<>();
        for (var term : terms.entrySet()) {
            StringBuilder numbers = new StringBuilder();
            for (String word : Split.on(term.getKey(), ' ', false)) {
                if (!word.isEmpty()) {
                    numbers.append(words.add(word));
                }
            }
            if (!numbers.isEmpty() && byNumbers.put(numbers.toString(), term.getValue()) != null) {
                throw new IllegalArgumentException("term given twice: " + term.getKey());
            }
        }
        empty = byNumbers.isEmpty();
        if (!empty) {
            trie.build(byNumbers);
        }
    }

    public boolean isEmpty() {
        return empty;
    }

    /** Every term in a sequence of word numbers, overlapping ones included. */
    void match(char[] ids, Found<V> found) {
        if (!empty && ids.length > 0) {
            trie.parseText(ids, (int begin, int end, V value) -> found.found(begin, end - 1, value));
        }
    }
}
