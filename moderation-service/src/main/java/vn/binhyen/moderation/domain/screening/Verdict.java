package vn.binhyen.moderation.domain.screening;

import java.util.List;

/** The screening's outcome: the strongest decision of the rules that fired, why, and what to offer instead. */
public record Verdict(Decision decision, List<Violation> violations, List<String> suggestions, String policyId,
        int policyVersion) {

    /** This verdict with one more violation found after the text was screened, its decision the stronger. */
    public Verdict adding(Violation v) {
        List<Violation> all = new java.util.ArrayList<>(violations);
        all.add(v);
        return new Verdict(decision.max(v.decision()), List.copyOf(all), suggestions, policyId, policyVersion);
    }
}
