package vn.binhyen.eventlog.backtracking;

/** A must-fail case of LinearTimeText: String methods that compile a java.util.regex pattern. */
public final class SplitsByRegex {
    private SplitsByRegex() {
    }

    public static int words(String text) {
        return text.trim().split("\\s+").length + (text.matches("(a+)+b") ? 1 : 0);
    }
}
