package vn.binhyen.moderation.domain.screening;

import vn.binhyen.contracts.moderation.Category;

/**
 * A rule the message broke, with the evidence: {@code field} is where (text,
 * attachments[0].name, links[1], author.displayName), {@code start}/{@code end} the span in it.
 */
public record Violation(String ruleId, Category category, String citation, Decision decision, Evidence evidence) {

    public record Evidence(String field, int start, int end, String excerpt) {
    }
}
