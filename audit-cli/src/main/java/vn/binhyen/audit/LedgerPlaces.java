package vn.binhyen.audit;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * A relay's ledger as read from the log: place → the event's entry in the {@link EventIndex}.
 * Places are dense from 1 (a relay numbers everything it publishes), so they live in an array;
 * a place far beyond the dense range (a forged record claiming place 10¹²) goes to a sorted map
 * instead of growing the array.
 */
final class LedgerPlaces {
    private static final int SLACK = 1 << 20;
    private int[] entries = new int[1024]; // entry + 1; 0 is empty
    private final TreeMap<Long, Integer> sparse = new TreeMap<>();

    /** Claims a place for an entry; the entry already there if it was taken, else -1. */
    int putIfAbsent(long place, int entry) {
        if (place >= 1 && place <= (long) entries.length * 2 + SLACK) {
            int i = (int) place;
            if (i >= entries.length) {
                entries = Arrays.copyOf(entries, Math.max(entries.length * 2, i + 1));
            }
            if (entries[i] != 0) {
                return entries[i] - 1;
            }
            entries[i] = entry + 1;
            return -1;
        }
        Integer other = sparse.putIfAbsent(place, entry);
        return other == null ? -1 : other;
    }

    /** The entry at a place, or -1. */
    int get(long place) {
        if (place >= 1 && place < entries.length && entries[(int) place] != 0) {
            return entries[(int) place] - 1;
        }
        Integer e = sparse.get(place);
        return e == null ? -1 : e;
    }

    /** The first occupied place at or after {@code place}, or null. */
    Long ceiling(long place) {
        for (long i = Math.max(place, 1); i < entries.length; i++) {
            if (entries[(int) i] != 0) {
                return i;
            }
        }
        Map.Entry<Long, Integer> e = sparse.ceilingEntry(place);
        return e == null ? null : e.getKey();
    }
}
