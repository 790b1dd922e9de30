package vn.binhyen.contracts.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Text cut in one pass, without a regular expression (issue 20: none runs on client text in main
 * code): {@code String.split} on one character, and Java's {@code \\s}.
 */
public final class Split {
    private Split() {
    }

    /**
     * The parts of {@code s} between occurrences of {@code c}; as {@code s.split(c)} (trailing
     * empty parts dropped), or as {@code s.split(c, -1)} (kept) when {@code keepTrailing}.
     */
    public static List<String> on(String s, char c, boolean keepTrailing) {
        List<String> parts = new ArrayList<>();
        int from = 0;
        for (int i = s.indexOf(c); i >= 0; i = s.indexOf(c, from)) {
            parts.add(s.substring(from, i));
            from = i + 1;
        }
        parts.add(s.substring(from));
        if (!keepTrailing) {
            while (!parts.isEmpty() && parts.get(parts.size() - 1).isEmpty() && parts.size() > (s.isEmpty() ? 1 : 0)) {
                parts.remove(parts.size() - 1);
            }
        }
        return parts;
    }

    /** Java's {@code \\s}: space, tab, line feed, vertical tab, form feed, carriage return. */
    public static boolean asciiSpace(char c) {
        return c == ' ' || c >= '\t' && c <= '\r';
    }
}
