package vn.binhyen.eventlog.backtracking;

import jakarta.validation.constraints.Pattern;

/** A must-fail case of LinearTimeText: a query parameter validated by java.util.regex. */
public final class PatternParameter {
    private PatternParameter() {
    }

    public static String find(@Pattern(regexp = "([a-z]+)*!") String status) {
        return status;
    }
}
