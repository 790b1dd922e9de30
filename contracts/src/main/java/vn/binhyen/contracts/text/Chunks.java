package vn.binhyen.contracts.text;

import java.util.ArrayList;
import java.util.List;

/**
 * A text cut into parts of at most a given number of characters (Zalo's messages take 2,000):
 * at the last line break, else the last space, before the limit; a word longer than the limit
 * is cut where it must, never inside a surrogate pair. Parts keep their order; none is blank.
 */
public final class Chunks {
    private Chunks() {
    }

    public static List<String> of(String text, int limit) {
        if (limit < 2) {
            throw new IllegalArgumentException("limit: at least 2 characters");
        }
        List<String> parts = new ArrayList<>();
        String rest = text.strip();
        while (rest.length() > limit) {
            int cut = rest.lastIndexOf('\n', limit);
            if (cut <= 0) {
                cut = rest.lastIndexOf(' ', limit);
            }
            if (cut <= 0) {
                cut = Character.isHighSurrogate(rest.charAt(limit - 1)) ? limit - 1 : limit;
            }
            String part = rest.substring(0, cut).strip();
            if (!part.isEmpty()) {
                parts.add(part);
            }
            rest = rest.substring(cut).strip();
        }
        if (!rest.isEmpty()) {
            parts.add(rest);
        }
        return parts;
    }
}
