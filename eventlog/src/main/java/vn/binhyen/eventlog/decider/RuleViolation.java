package vn.binhyen.eventlog.decider;

import java.util.Objects;

/**
 * A command refused by a rule of a regulation, e.g. {@code ward-binh-phuoc:6.3}. HTTP 422,
 * with the citation in the problem document.
 */
public class RuleViolation extends RuntimeException {
    private final String citation;
    private final String field;

    public RuleViolation(String citation, String message) {
        this(citation, null, message);
    }

    /** @param field the input field at fault, if one is */
    public RuleViolation(String citation, String field, String message) {
        super(citation + ": " + message);
        this.citation = Objects.requireNonNull(citation, "citation");
        this.field = field;
    }

    public String citation() {
        return citation;
    }

    public String field() {
        return field;
    }

    public String reason() {
        String m = getMessage();
        return m.substring(citation.length() + 2);
    }
}
