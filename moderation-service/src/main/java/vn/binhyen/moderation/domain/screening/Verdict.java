package vn.binhyen.moderation.domain.screening;

import java.util.List;

/** The screening's outcome: the strongest decision of the rules that fired, why, and what to offer instead. */
public record Verdict(Decision decision, List<Violation> violations, List<String> suggestions, String policyId,
        int policyVersion) {
}
