package vn.binhyen.group.domain;

import static vn.binhyen.group.domain.GroupDecider.BOTS;
import static vn.binhyen.group.domain.GroupDecider.PROFILES;

import java.util.List;
import vn.binhyen.contracts.group.GroupEvent;
import vn.binhyen.contracts.group.GroupEvent.GroupInfoChanged;
import vn.binhyen.contracts.group.GroupEvent.MessagePinned;
import vn.binhyen.contracts.group.GroupEvent.MessageUnpinned;
import vn.binhyen.contracts.group.GroupEvent.PinExpired;
import vn.binhyen.contracts.group.GroupRole;
import vn.binhyen.eventlog.decider.InvalidInput;
import vn.binhyen.eventlog.decider.NotPermitted;
import vn.binhyen.eventlog.decider.RuleViolation;
import vn.binhyen.group.domain.Group.Established;
import vn.binhyen.group.domain.Group.Pin;
import vn.binhyen.group.domain.Group.Seat;
import java.util.Optional;
import vn.binhyen.group.domain.GroupCommand.ChangeGroupInfo;
import vn.binhyen.group.domain.GroupCommand.ExpirePin;
import vn.binhyen.group.domain.GroupCommand.PinMessage;
import vn.binhyen.group.domain.GroupCommand.Unpin;

/**
 * The group's information and pins, delivery problems and the admin actions a bot saw. Each refusal
 * names its citation; a rule the group's regulation does not make is not enforced.
 */
final class InformationDecisions {
    private InformationDecisions() {
    }

    // ---- information and pins -----------------------------------------------------------

    /**
     * The leader, or an admin where the regulation asks no direction, changes the group's information
     * at once; where it asks the leader's (council-binh-duong:9.1, ioc-dak-lak:4.2.3,
     * province-lai-chau:6.1), an admin's change waits for the leader, who decides it: the direction
     * is the leader's own act, never a name the admin writes in.
     */
    static List<GroupEvent> changeInfo(ChangeGroupInfo c, Established g, RegulationProfile p) {
        String cite = p.rules().groupInfo().citation();
        List<GroupRole> directors = p.rules().groupInfo().directedBy();
        GroupRole actorRole = g.roleOf(c.actor()).orElse(null);
        if (actorRole != GroupRole.LEADER && actorRole != GroupRole.ADMIN && actorRole != GroupRole.ADMIN_ASSISTANT) {
            throw new NotPermitted(cite, "the leader or an admin changes group information");
        }
        if (c.name() != null && c.name().isBlank()) {
            throw new RuleViolation(cite, "name", "a group name cannot be blank");
        }
        if (directors.isEmpty()) {
            return List.of(new GroupInfoChanged(g.groupId(), c.name(), c.avatar(), c.description(), null, c.actor()));
        }
        if (directors.contains(actorRole)) {
            return List.of(new GroupInfoChanged(g.groupId(), c.name(), c.avatar(), c.description(), c.actor(),
                    c.actor()));
        }
        if (c.changeId() == null || c.changeId().isBlank()) {
            throw new InvalidInput(cite, "changeId", "a proposed change is named for the leader to decide");
        }
        if (g.infoChanges().containsKey(c.changeId())) {
            throw new RuleViolation(cite, "changeId", "change " + c.changeId() + " is already proposed");
        }
        return List.of(new GroupEvent.GroupInfoChangeProposed(g.groupId(), c.changeId(), c.name(), c.avatar(),
                c.description(), c.actor()));
    }

    /** How long after a member's report of a delivery problem the same member's next is the same report. */
    public static final java.time.Duration DELIVERY_PROBLEM_AGAIN = java.time.Duration.ofHours(1);

    /**
     * A bot bound to the group saw an admin action in the Zalo group (police-song-tri:6.10: "xâm nhập
     * trái phép ... sử dụng quyền quản trị của người khác"): by an account whose seat holds the admin
     * rights, nothing is recorded; by anyone else (a member, someone off the roster) it is recorded and
     * the board is told at once. The account is matched by member id or by the Zalo id on the roster.
     */
    static List<GroupEvent> observedAction(GroupCommand.ReportObservedAction c, Established g, RegulationProfile p) {
        RegulationProfile.RolesRule rule = p.rules().adminRights();
        if (rule == null) {
            throw new RuleViolation(PROFILES, "groupId", "this group's regulation sets no watch on its admin rights");
        }
        if (!g.servedBy(c.actor())) {
            throw new NotPermitted(BOTS, "only a bot bound to the group reports what it saw there");
        }
        if (c.action() == null) {
            throw new InvalidInput(rule.citation(), "action", "the admin action seen: " + java.util.Arrays.toString(
                    GroupCommand.AdminAction.values()));
        }
        if (c.account() == null || c.account().isBlank()) {
            throw new InvalidInput(rule.citation(), "account", "the account that acted, by its Zalo id or member id");
        }
        String account = c.account().strip();
        Optional<Seat> seat = g.roster().values().stream().filter(s -> s.member().memberId().equals(account)
                || account.equals(s.member().zaloId())).findFirst();
        GroupRole role = seat.map(Seat::role).orElse(null);
        if (role != null && rule.roles().contains(role)) {
            return List.of(); // the seat's own admin right: nothing to report
        }
        return List.of(new GroupEvent.AdminRightsMisused(g.groupId(), account,
                seat.map(s -> s.member().memberId()).orElse(null), role == null ? null : role.name(), c.action().name(),
                c.observedAt() == null ? c.at() : c.observedAt(), c.actor()));
    }

    /**
     * A member tells the admins that the group's messages do not reach them (each seed's own clause);
     * the same member again within an hour is answered 409 and nothing is recorded: the admins were told.
     */
    static List<GroupEvent> reportDeliveryProblem(GroupCommand.ReportDeliveryProblem c, Established g,
            RegulationProfile p) {
        RegulationProfile.Rule rule = p.rules().deliveryProblems();
        if (rule == null) {
            throw new RuleViolation(PROFILES, "groupId", "this group's regulation asks no report of delivery problems");
        }
        if (!g.roster().containsKey(c.actor())) {
            throw new NotPermitted(rule.citation(), "a member of the group reports that its messages do not arrive");
        }
        java.time.Instant last = g.deliveryProblems().get(c.actor());
        if (last != null && c.at().isBefore(last.plus(DELIVERY_PROBLEM_AGAIN))) {
            throw new Conflict(rule.citation(), "memberId", "already reported at " + last
                    + "; the admins were told");
        }
        String details = c.details() == null || c.details().isBlank() ? null : c.details().strip();
        return List.of(new GroupEvent.DeliveryProblemReported(g.groupId(), c.actor(), details, c.at()));
    }

    static List<GroupEvent> decideInfoChange(GroupCommand.DecideInfoChange c, Established g, RegulationProfile p) {
        String cite = p.rules().groupInfo().citation();
        GroupEvent.GroupInfoChangeProposed proposed = g.infoChanges().get(c.changeId());
        if (proposed == null) {
            throw new RuleViolation(cite, "changeId", "no proposed change " + c.changeId() + " waits in this group");
        }
        if (!p.rules().groupInfo().directedBy().contains(g.roleOf(c.actor()).orElse(null))) {
            throw new NotPermitted(cite, "the leader directs a change to the group's information");
        }
        var decided = new GroupEvent.GroupInfoChangeDecided(g.groupId(), c.changeId(), c.approve(), c.actor(),
                c.reason());
        if (!c.approve()) {
            return List.of(decided);
        }
        return List.of(decided, new GroupInfoChanged(g.groupId(), proposed.name(), proposed.avatar(),
                proposed.description(), c.actor(), proposed.proposedBy()));
    }

    static List<GroupEvent> pin(PinMessage c, Established g, RegulationProfile p) {
        String cite = p.rules().pins().citation();
        List<GroupRole> roles = p.rules().pins() == null ? List.of(GroupRole.LEADER, GroupRole.ADMIN)
                : p.rules().pins().roles();
        if (!roles.contains(g.roleOf(c.actor()).orElse(null))) {
            throw new NotPermitted(cite, "only leaders and admins pin messages");
        }
        if (c.messageId() == null || c.messageId().isBlank()) {
            throw new RuleViolation(cite, "messageId", "the message to pin is required");
        }
        var expiresAt = c.expiresAt() != null ? c.expiresAt()
                : c.at().plus(p.rules().pins() == null ? java.time.Duration.ofDays(7) : p.rules().pins().defaultExpiry());
        if (!expiresAt.isAfter(c.at())) {
            throw new RuleViolation(cite, "expiresAt", "a pin expires in the future");
        }
        return List.of(new MessagePinned(g.groupId(), c.pinId(), c.messageId(), c.actor(), expiresAt));
    }

    static List<GroupEvent> unpin(Unpin c, Established g, RegulationProfile p) {
        String cite = p.rules().pins().citation();
        if (!g.pins().containsKey(c.pinId())) {
            throw new RuleViolation(cite, "pinId", "no such pin");
        }
        GroupRole role = g.roleOf(c.actor()).orElse(null);
        if (role != GroupRole.LEADER && role != GroupRole.DEPUTY && role != GroupRole.ADMIN) {
            throw new NotPermitted(cite, "only leaders and admins unpin messages");
        }
        return List.of(new MessageUnpinned(g.groupId(), c.pinId(), c.actor()));
    }

    /** Exactly once: a pin already expired or unpinned yields nothing; one not yet due is refused. */
    static List<GroupEvent> expire(ExpirePin c, Established g, RegulationProfile p) {
        Pin pin = g.pins().get(c.pinId());
        if (pin == null) {
            return List.of();
        }
        if (c.at().isBefore(pin.expiresAt())) {
            throw new RuleViolation(p.rules().pins().citation(), "pinId", "the pin is not due to expire until " + pin.expiresAt());
        }
        return List.of(new PinExpired(g.groupId(), c.pinId(), c.at()));
    }
}
