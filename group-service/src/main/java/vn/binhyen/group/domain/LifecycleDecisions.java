package vn.binhyen.group.domain;

import static vn.binhyen.group.domain.GroupDecider.BOTS;

import java.util.List;
import vn.binhyen.contracts.Roles;
import vn.binhyen.contracts.group.GroupEvent;
import vn.binhyen.contracts.group.GroupEvent.BotBound;
import vn.binhyen.contracts.group.GroupEvent.BotUnbound;
import vn.binhyen.contracts.group.GroupEvent.GroupSuspended;
import vn.binhyen.contracts.group.GroupEvent.GroupTerminated;
import vn.binhyen.contracts.group.GroupRole;
import vn.binhyen.eventlog.decider.InvalidInput;
import vn.binhyen.eventlog.decider.NotPermitted;
import vn.binhyen.eventlog.decider.RuleViolation;
import vn.binhyen.group.domain.Group.Established;
import vn.binhyen.group.domain.Group.Status;
import vn.binhyen.group.domain.GroupCommand.ExpirePin;
import vn.binhyen.group.domain.GroupCommand.ResumeGroup;
import vn.binhyen.group.domain.GroupCommand.SuspendGroup;
import vn.binhyen.group.domain.GroupCommand.TerminateGroup;

/**
 * Suspension, resumption and termination, and the bots bound to the group. Each refusal names its
 * citation; a rule the group's regulation does not make is not enforced.
 */
final class LifecycleDecisions {
    private LifecycleDecisions() {
    }

    // ---- lifecycle ------------------------------------------------------------------------

    static List<GroupEvent> suspend(SuspendGroup c, Established g, RegulationProfile p) {
        String suspension = p.rules().lifecycle().citation();
        if (g.status() != Status.ACTIVE) {
            throw new RuleViolation(suspension, "the group is not active");
        }
        if (c.decisionRef() == null || c.decisionRef().isBlank()) {
            throw new RuleViolation(suspension, "decisionRef", "a suspension rests on a decision of a superior authority");
        }
        if (c.reason() == null || c.reason().isBlank()) {
            throw new RuleViolation(suspension, "reason", "the reason for the suspension is required");
        }
        if (c.until() == null || !c.until().isAfter(c.at())) {
            throw new RuleViolation(suspension, "until", "a suspension lasts until a time in the future");
        }
        return List.of(new GroupSuspended(g.groupId(), c.decisionRef(), c.reason(), c.until(), c.actor()));
    }

    static List<GroupEvent> terminate(TerminateGroup c, Established g, RegulationProfile p) {
        String termination = p.rules().termination().citation();
        if (c.ground() == null) {
            throw new RuleViolation(termination, "ground", "SERIOUS_VIOLATION or UNIT_DISSOLVED_WITHOUT_HANDOVER");
        }
        if (c.reason() == null || c.reason().isBlank()) {
            throw new RuleViolation(termination, "reason", "the reason for terminating the group is required");
        }
        return List.of(new GroupTerminated(g.groupId(), c.ground().name(), c.reason(), c.actor()));
    }

    /**
     * A suspended group refuses every change but its resumption, termination, profile change, pin
     * expiry and the unbinding of a bot; a terminated one, all.
     */
    static void guardLifecycle(GroupCommand c, Established g, RegulationProfile p) {
        String suspension = p.rules().lifecycle().citation();
        String termination = p.rules().termination().citation();
        if (g.status() == Status.TERMINATED) {
            throw new RuleViolation(termination, "the group is terminated; it can only be read");
        }
        boolean allowedWhileSuspended = c instanceof ResumeGroup || c instanceof TerminateGroup || c instanceof ExpirePin
                || c instanceof GroupCommand.ChangeProfile || c instanceof GroupCommand.UnbindBot;
        if (g.status() == Status.SUSPENDED && !allowedWhileSuspended) {
            throw new RuleViolation(suspension, "the group is suspended; it can only be read");
        }
        if (g.status() == Status.ACTIVE && c instanceof ResumeGroup) {
            throw new RuleViolation(suspension, "the group is not suspended");
        }
    }

    // ---- bots ------------------------------------------------------------------------------

    static List<GroupEvent> bindBot(GroupCommand.BindBot c, Established g) {
        String botId = botId(c.botId(), c.actor(), c.roles(), g);
        if (g.servedBy(botId)) {
            throw new Conflict(BOTS, "botId", "bot " + botId + " is already bound to this group");
        }
        return List.of(new BotBound(g.groupId(), botId, c.actor()));
    }

    static List<GroupEvent> unbindBot(GroupCommand.UnbindBot c, Established g) {
        String botId = botId(c.botId(), c.actor(), c.roles(), g);
        if (!g.servedBy(botId)) {
            throw new Conflict(BOTS, "botId", "bot " + botId + " is not bound to this group");
        }
        return List.of(new BotUnbound(g.groupId(), botId, c.actor()));
    }

    /** The bot's id, stripped, once the actor is found to be the leader by the roster or a system administrator. */
    static String botId(String botId, String actor, java.util.Set<String> roles, Established g) {
        if (!roles.contains(Roles.SYSTEM_ADMIN) && g.roleOf(actor).orElse(null) != GroupRole.LEADER) {
            throw new NotPermitted(BOTS, "the group's leader, or a system administrator, binds and unbinds its bots");
        }
        if (botId == null || botId.isBlank()) {
            throw new InvalidInput(BOTS, "botId", "the bot is required");
        }
        return botId.strip();
    }
}
