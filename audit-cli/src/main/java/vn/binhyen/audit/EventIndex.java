package vn.binhyen.audit;

import java.util.Arrays;
import java.util.UUID;

/**
 * Every event id read so far with its 32-byte hash, in flat {@code long} arrays: a million
 * events cost ≈ 60 MB and no objects for the collector to trace (a {@code HashMap<UUID, String>}
 * held ≈ 280 bytes an event in objects, and the collector's copying of them was a seventh of a
 * verify's time). Entries are numbered in the order they were added; an open-addressing table
 * finds an entry by id.
 */
final class EventIndex {
    private long[] hi = new long[1 << 12];
    private long[] lo = new long[1 << 12];
    private long[] hashes = new long[4 << 12];
    private int[] table = new int[1 << 13]; // entry + 1; 0 is empty
    private int size;

    int size() {
        return size;
    }

    /** The entry of this id, or -1. */
    int find(UUID id) {
        long h = id.getMostSignificantBits();
        long l = id.getLeastSignificantBits();
        int mask = table.length - 1;
        for (int slot = spread(h, l) & mask; ; slot = (slot + 1) & mask) {
            int e = table[slot] - 1;
            if (e < 0) {
                return -1;
            }
            if (hi[e] == h && lo[e] == l) {
                return e;
            }
        }
    }

    /** Adds an id not yet present with its hash (32 bytes, or null for none: all zeros); returns its entry. */
    int add(UUID id, byte[] hash) {
        if (size == hi.length) {
            hi = Arrays.copyOf(hi, size * 2);
            lo = Arrays.copyOf(lo, size * 2);
            hashes = Arrays.copyOf(hashes, size * 8);
        }
        if ((size + 1) * 2 > table.length) {
            rehash(table.length * 2);
        }
        int e = size++;
        hi[e] = id.getMostSignificantBits();
        lo[e] = id.getLeastSignificantBits();
        if (hash != null) {
            for (int i = 0; i < 4; i++) {
                hashes[e * 4 + i] = word(hash, i);
            }
        }
        insert(e);
        return e;
    }

    UUID id(int entry) {
        return new UUID(hi[entry], lo[entry]);
    }

    /** Whether the entry's hash is these 32 bytes (null: none). */
    boolean hashIs(int entry, byte[] hash) {
        for (int i = 0; i < 4; i++) {
            if (hashes[entry * 4 + i] != (hash == null ? 0 : word(hash, i))) {
                return false;
            }
        }
        return true;
    }

    byte[] hash(int entry) {
        byte[] out = new byte[32];
        for (int i = 0; i < 32; i++) {
            out[i] = (byte) (hashes[entry * 4 + i / 8] >>> (56 - 8 * (i % 8)));
        }
        return out;
    }

    private void rehash(int capacity) {
        table = new int[capacity];
        for (int e = 0; e < size; e++) {
            insert(e);
        }
    }

    private void insert(int e) {
        int mask = table.length - 1;
        int slot = spread(hi[e], lo[e]) & mask;
        while (table[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        table[slot] = e + 1;
    }

    private static int spread(long h, long l) {
        long x = (h ^ Long.rotateLeft(l, 29)) * 0x9E3779B97F4A7C15L;
        return (int) (x ^ (x >>> 32));
    }

    private static long word(byte[] b, int i) {
        long w = 0;
        for (int k = 0; k < 8; k++) {
            w = (w << 8) | (b[i * 8 + k] & 0xFF);
        }
        return w;
    }
}
