package vn.binhyen.group.domain;

import vn.binhyen.eventlog.decider.RuleViolation;

/**
 * A command asking for what already holds, or no longer does: a unit established a second time,
 * a bot bound to a group it already serves, or unbound from one it does not. Nothing is
 * written; HTTP 409 (a state conflict), with the rule's citation and the field at fault.
 */
public class Conflict extends RuleViolation {
    public Conflict(String citation, String field, String message) {
        super(citation, field, message);
    }
}
