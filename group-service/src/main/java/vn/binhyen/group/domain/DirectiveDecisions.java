package vn.binhyen.group.domain;

import java.util.List;
import vn.binhyen.contracts.group.GroupEvent;
import vn.binhyen.contracts.group.GroupRole;
import vn.binhyen.eventlog.decider.InvalidInput;
import vn.binhyen.eventlog.decider.NotPermitted;
import vn.binhyen.eventlog.decider.RuleViolation;
import vn.binhyen.group.domain.Group.Established;

/**
 * Directives, their acknowledgements and the reminder of the silent. Each refusal names its citation;
 * a rule the group's regulation does not make is not enforced.
 */
final class DirectiveDecisions {
    private DirectiveDecisions() {
    }

    // ---- directives and acknowledgements ------------------------------------------------------

    static List<GroupEvent> issueDirective(GroupCommand.IssueDirective c, Established g, RegulationProfile p) {
        RegulationProfile.DirectiveRule rule = p.rules().directives();
        String cite = rule.citation();
        GroupRole role = g.roleOf(c.actor()).orElse(null);
        RegulationProfile.RolesRule announcers = p.rules().announcers();
        // the leadership's own, or announced on its behalf by a role the regulation names (4.1.2's "thừa lệnh")
        boolean onBehalf = !rule.issuers().contains(role) && announcers != null && announcers.roles().contains(role);
        if (!rule.issuers().contains(role) && !onBehalf) {
            throw new NotPermitted(cite, "only " + rule.issuers() + (announcers == null ? ""
                    : ", or " + announcers.roles() + " on the leadership's behalf (" + announcers.citation() + ")")
                    + " issue directives in this group");
        }
        if (c.text() == null || c.text().isBlank()) {
            throw new InvalidInput(cite, "text", "the directive's text is required");
        }
        RegulationProfile.BrevityRule brevity = p.rules().directiveBrevity();
        String text = c.text().strip();
        if (brevity != null && text.codePointCount(0, text.length()) > brevity.maxCharacters()) {
            throw new RuleViolation(brevity.citation(), "text", "a directive is short and clear (ngắn gọn, rõ ràng): "
                    + "at most " + brevity.maxCharacters() + " characters");
        }
        String leader = onBehalf ? g.leader().orElseThrow(() -> new RuleViolation(announcers.citation(), "actor",
                "the group has no leader on whose behalf to announce")) : null;
        var deadline = c.acknowledgeBy() != null ? c.acknowledgeBy()
                : c.at().plus(rule.defaultDeadline());
        if (!deadline.isAfter(c.at())) {
            throw new RuleViolation(cite, "acknowledgeBy", "the acknowledgement deadline is in the future");
        }
        if (g.directives().containsKey(c.directiveId())) {
            throw new RuleViolation(cite, "directiveId", "directive " + c.directiveId() + " already exists");
        }
        // everyone but the issuer, and but the leader on whose behalf it was announced
        List<String> recipients = g.roster().keySet().stream().filter(m -> !m.equals(c.actor()) && !m.equals(leader))
                .sorted().toList();
        return List.of(new GroupEvent.DirectiveIssued(g.groupId(), c.directiveId(), text, c.actor(),
                deadline, recipients, leader));
    }

    static List<GroupEvent> acknowledge(GroupCommand.AcknowledgeDirective c, Established g, RegulationProfile p) {
        String cite = p.rules().directives().citation();
        Group.Directive d = g.directives().get(c.directiveId());
        if (d == null) {
            throw new RuleViolation(cite, "directiveId", "no directive " + c.directiveId() + " in this group");
        }
        if (c.via() == null) {
            throw new InvalidInput(cite, "via", "REPLY or REACTION");
        }
        if (!d.recipients().contains(c.actor())) {
            throw new RuleViolation(cite, "directiveId", "this directive was not addressed to " + c.actor());
        }
        if (!p.rules().directives().accepts(c.via())) {
            throw new RuleViolation(cite, "via", "this regulation asks for a written reply to a directive: a "
                    + c.via().name().toLowerCase(java.util.Locale.ROOT) + " is not an acknowledgement");
        }
        if (d.acknowledged().containsKey(c.actor())) {
            return List.of(); // a second reaction or reply changes nothing
        }
        return List.of(new GroupEvent.DirectiveAcknowledged(g.groupId(), c.directiveId(), c.actor(), c.via().name()));
    }

    /** Exactly once: after the deadline, while someone is still silent. */
    static List<GroupEvent> remind(GroupCommand.RaiseDirectiveReminder c, Established g, RegulationProfile p) {
        String cite = p.rules().directives().citation();
        Group.Directive d = g.directives().get(c.directiveId());
        if (d == null) {
            throw new RuleViolation(cite, "directiveId", "no directive " + c.directiveId() + " in this group");
        }
        if (d.reminded() || d.pending().isEmpty()) {
            return List.of();
        }
        if (c.at().isBefore(d.acknowledgeBy())) {
            throw new RuleViolation(cite, "directiveId", "acknowledgements are due by " + d.acknowledgeBy());
        }
        return List.of(new GroupEvent.DirectiveReminderDue(g.groupId(), d.directiveId(), d.acknowledgeBy(),
                d.pending()));
    }
}
