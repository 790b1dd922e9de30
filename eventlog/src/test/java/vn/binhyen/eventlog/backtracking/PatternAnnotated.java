package vn.binhyen.eventlog.backtracking;

import jakarta.validation.constraints.Pattern;

/** A must-fail case of LinearTimeText: a request field validated by java.util.regex. */
public record PatternAnnotated(@Pattern(regexp = "(\\w+\\s?)+$") String name) {
}
