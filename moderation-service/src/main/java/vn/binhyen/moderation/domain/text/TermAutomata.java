package vn.binhyen.moderation.domain.text;

import vn.binhyen.contracts.text.Split;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Terms matched in a text's words by either key, toned or folded, with one {@link WordAutomaton}
 * over the folded keys. A term given by its toned key is found where its folded key is, and
 * kept only when the words there have its toned keys too (a toned key folds to the folded key,
 * so nothing is missed). Each word is looked up once, by its folded key, and only the words of
 * such a hit have their toned keys derived. A term found by its folded key in words that all carry
 * their diacritics is kept only when those words are, toned, one of the terms that fold to that key:
 * "mà tùy" is not "ma túy", nor "phần đông" "phản động", while "ma tuy" and "ma tùy" (a word typed
 * without its marks) still are. Immutable and thread-safe once built.
 *
 * @param <V> what a term stands for
 */
public final class TermAutomata<V> {
    /** A term given by its toned key: its words' toned keys. */
    private record Toned<V>(char[][] words, V value) {
    }

    /** What a folded key stands for: a term given by that key, and the toned terms that fold to it. */
    private static final class Entry<V> {
        V folded;
        final List<Toned<V>> toned = new ArrayList<>(1);
        /** The toned keys of every term that folds to this key: what fully marked words must be. */
        final List<char[][]> tonedSources = new ArrayList<>(1);
    }

    private final Vocabulary words = new Vocabulary();
    private final WordAutomaton<Entry<V>> automaton;

    /** Terms by their toned keys and by their folded keys (each a term's words' keys, space-separated). */
    public TermAutomata(Map<String, V> byToned, Map<String, V> byFolded) {
        Map<String, Entry<V>> entries = new HashMap<>();
        byFolded.forEach((key, value) -> entries.computeIfAbsent(key, k -> new Entry<>()).folded = value);
        byToned.forEach((key, value) -> {
            List<String> toned = List.copyOf(Split.on(key, ' ', false));
            Entry<V> entry = entries.computeIfAbsent(String.join(" ", toned.stream().map(VietnameseText::fold).toList()),
                    k -> new Entry<>());
            char[][] keys = toned.stream().map(String::toCharArray).toArray(char[][]::new);
            entry.tonedSources.add(keys);
            if (!value.equals(entry.folded)) { // else found where its folded key is, with the same value
                entry.toned.add(new Toned<>(keys, value));
            }
        });
        automaton = new WordAutomaton<>(entries, words);
    }

    public boolean isEmpty() {
        return automaton.isEmpty();
    }

    /**
     * Every term in the text by either key, overlapping ones included. A term found by both keys
     * is reported twice, unless its toned key stands for what its folded key stands for.
     */
    public void match(TextStreams text, WordAutomaton.Found<V> found) {
        if (text.count() == 0 || isEmpty()) {
            return;
        }
        automaton.match(text.foldedIds(words), (first, last, entry) -> {
            if (entry.folded != null && (entry.tonedSources.isEmpty() || !allMarked(text, first, last)
                    || tonedAsASource(text, first, entry))) {
                found.found(first, last, entry.folded);
            }
            for (Toned<V> t : entry.toned) {
                if (text.tonedEquals(first, t.words())) {
                    found.found(first, last, t.value());
                }
            }
        });
    }

    private static boolean allMarked(TextStreams text, int first, int last) {
        for (int i = first; i <= last; i++) {
            if (!text.marked(i)) {
                return false;
            }
        }
        return true;
    }

    private static <V> boolean tonedAsASource(TextStreams text, int first, Entry<V> entry) {
        for (char[][] source : entry.tonedSources) {
            if (text.tonedEquals(first, source)) {
                return true;
            }
        }
        return false;
    }
}
