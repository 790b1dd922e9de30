package vn.binhyen.group.domain;

import java.util.List;
import vn.binhyen.contracts.group.GroupEvent.Member;
import vn.binhyen.contracts.group.GroupRole;
import vn.binhyen.contracts.names.FullNames;
import vn.binhyen.eventlog.decider.InvalidInput;
import vn.binhyen.eventlog.decider.RuleViolation;
import vn.binhyen.group.domain.Group.Established;

/**
 * Checks the seams share: names, the board's size, citations. Each refusal names its citation; a rule
 * the group's regulation does not make is not enforced.
 */
final class Rulings {
    private Rulings() {
    }

    // ---- helpers ----------------------------------------------------------------------------

    static void checkName(Member m, RegulationProfile p, String field) {
        RegulationProfile.NameRule rule = p.rules().fullName();
        if (rule == null) {
            if (m.fullName() == null || m.fullName().isBlank()) {
                throw new InvalidInput(p.rules().establishment().citation(), field, "a name is required");
            }
            return;
        }
        FullNames.problem(m.fullName(), rule.positionRequired())
                .ifPresent(problem -> {
                    throw new InvalidInput(rule.citation(), field, problem);
                });
    }

    static void checkBoard(Established g, RegulationProfile p, GroupRole role) {
        RegulationProfile.BoardRule board = p.rules().boardSize();
        if (board != null && role.onBoard() && board.kinds().contains(g.kind()) && g.boardSize() >= board.max()) {
            throw new RuleViolation(board.citation(), "role", "the management board has at most " + board.max()
                    + " people (leader and deputies)");
        }
    }

    static String roles(List<GroupRole> roles) {
        return String.join(", ", roles.stream().map(r -> r.name().toLowerCase(java.util.Locale.ROOT)).toList());
    }

    static String citation(RegulationProfile.Cited rule, String fallback) {
        return rule == null ? fallback : rule.citation();
    }
}
