package vn.binhyen.eventlog.decider;

/** A field is missing or malformed under the cited rule (a name that is not a full name). HTTP 400. */
public class InvalidInput extends RuleViolation {
    public InvalidInput(String citation, String field, String message) {
        super(citation, field, message);
    }
}
