package vn.binhyen.eventlog.decider;

/** The caller's role in this group does not allow the command under the cited rule. HTTP 403. */
public class NotPermitted extends RuleViolation {
    public NotPermitted(String citation, String message) {
        super(citation, message);
    }
}
