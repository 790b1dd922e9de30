package vn.binhyen.group.domain;

import static vn.binhyen.group.domain.GroupDecider.ACCOUNTS;
import static vn.binhyen.group.domain.GroupDecider.PROFILES;

import java.util.List;
import vn.binhyen.contracts.group.GroupEvent;
import vn.binhyen.contracts.group.GroupEvent.AccountChanged;
import vn.binhyen.contracts.group.GroupEvent.AccountCompromisedReported;
import vn.binhyen.contracts.group.GroupEvent.LeaveRequested;
import vn.binhyen.contracts.group.GroupEvent.MemberAdded;
import vn.binhyen.contracts.group.GroupEvent.MemberLeft;
import vn.binhyen.contracts.group.GroupEvent.MemberRemoved;
import vn.binhyen.contracts.group.GroupEvent.MembershipProposed;
import vn.binhyen.contracts.group.GroupEvent.ProposalRejected;
import vn.binhyen.contracts.group.GroupEvent.RoleAssigned;
import vn.binhyen.contracts.group.GroupEvent.RoleHandedOver;
import vn.binhyen.contracts.group.GroupRole;
import vn.binhyen.contracts.group.MembershipChange;
import vn.binhyen.eventlog.decider.InvalidInput;
import vn.binhyen.eventlog.decider.NotPermitted;
import vn.binhyen.eventlog.decider.RuleViolation;
import vn.binhyen.group.domain.Group.Established;
import vn.binhyen.group.domain.Group.Seat;
import vn.binhyen.group.domain.GroupCommand.ChangeAccount;
import vn.binhyen.group.domain.GroupCommand.ConsentToLeave;
import vn.binhyen.group.domain.GroupCommand.DecideProposal;
import vn.binhyen.group.domain.GroupCommand.HandOverRole;
import vn.binhyen.group.domain.GroupCommand.ProposeMembership;
import vn.binhyen.group.domain.GroupCommand.ReportAccountCompromised;
import vn.binhyen.group.domain.GroupCommand.RequestLeave;

/**
 * The roster's rules: membership proposals and the leader's decisions, leaving, handover, roles,
 * accounts, and the removal moderation proposes for a sanction. Each refusal names its citation; a
 * rule the group's regulation does not make is not enforced.
 */
final class RosterDecisions {
    private RosterDecisions() {
    }

    // ---- roster -----------------------------------------------------------------------

    static List<GroupEvent> propose(ProposeMembership c, Established g, RegulationProfile p) {
        GroupRole actorRole = g.roleOf(c.actor()).orElse(null);
        RegulationProfile.MembershipRule rule = p.rules().membership();
        String membership = rule.citation();
        // List.copyOf's lists refuse contains(null): someone not on the roster has no role
        boolean direct = actorRole != null && rule.adds().contains(actorRole);
        if (!direct && (actorRole == null || !rule.proposes().contains(actorRole))) {
            String cite = p.rules().membersMayNotAdd() != null && (actorRole == null || actorRole == GroupRole.MEMBER)
                    ? p.rules().membersMayNotAdd().citation() : membership;
            throw new NotPermitted(cite, rule.proposes().isEmpty()
                    ? "only " + Rulings.roles(rule.adds()) + " add or remove members"
                    : "only " + Rulings.roles(rule.adds()) + " add or remove members; " + Rulings.roles(rule.proposes())
                            + " propose it to the leader");
        }
        if (c.member() == null || c.member().memberId() == null || c.member().memberId().isBlank()) {
            throw new InvalidInput(membership, "member.memberId", "the member is required");
        }
        String memberId = c.member().memberId();
        GroupRole role = c.role() == null ? GroupRole.MEMBER : c.role();
        if (c.change() == MembershipChange.ADD) {
            if (g.roster().containsKey(memberId)) {
                throw new RuleViolation(membership, "member.memberId", memberId + " is already a member");
            }
            if (role == GroupRole.LEADER) {
                throw new RuleViolation(p.rules().handover().citation(), "role", "a group has one leader; hand the role over instead");
            }
            Rulings.checkName(c.member(), p, "member.fullName");
            Rulings.checkBoard(g, p, role);
        } else if (!g.roster().containsKey(memberId)) {
            throw new RuleViolation(membership, "member.memberId", memberId + " is not a member");
        } else if (g.roleOf(memberId).orElseThrow() == GroupRole.LEADER) {
            throw new RuleViolation(p.rules().handover().citation(), "member.memberId", "the leader is not removed; the role is handed over");
        }
        if (direct) {
            return List.of(c.change() == MembershipChange.ADD
                    ? new MemberAdded(g.groupId(), c.member(), role, c.actor(), null)
                    : new MemberRemoved(g.groupId(), memberId, c.actor(), null, c.reason()));
        }
        return List.of(new MembershipProposed(g.groupId(), c.proposalId(), c.change(), c.member(), role,
                c.actor(), c.reason()));
    }

    static List<GroupEvent> decideProposal(DecideProposal c, Established g, RegulationProfile p) {
        String membership = p.rules().membership().citation();
        MembershipProposed proposal = g.proposals().get(c.proposalId());
        if (proposal == null) {
            throw new RuleViolation(membership, "proposalId", "no open proposal " + c.proposalId());
        }
        if (g.roleOf(c.actor()).orElse(null) != GroupRole.LEADER) {
            throw new NotPermitted(membership, "only the leader approves or rejects a proposal");
        }
        if (!c.approve()) {
            return List.of(new ProposalRejected(g.groupId(), c.proposalId(), c.actor(), c.reason()));
        }
        if (proposal.change() == MembershipChange.ADD) {
            if (g.roster().containsKey(proposal.member().memberId())) {
                throw new RuleViolation(membership, "proposalId", "already a member");
            }
            Rulings.checkBoard(g, p, proposal.role());
            return List.of(new MemberAdded(g.groupId(), proposal.member(), proposal.role(), c.actor(), c.proposalId()));
        }
        if (!g.roster().containsKey(proposal.member().memberId())) {
            throw new RuleViolation(membership, "proposalId", "no longer a member");
        }
        return List.of(new MemberRemoved(g.groupId(), proposal.member().memberId(), c.actor(), c.proposalId(),
                proposal.reason()));
    }

    static List<GroupEvent> requestLeave(RequestLeave c, Established g, RegulationProfile p) {
        GroupRole role = g.roleOf(c.actor()).orElseThrow(() -> new NotPermitted(
                p.rules().membership().citation(), "not a member of this group"));
        if (role == GroupRole.LEADER) {
            throw new RuleViolation(p.rules().handover().citation(), "the leader hands the role over before leaving");
        }
        if (p.rules().leaveConsent() != null) {
            return List.of(new LeaveRequested(g.groupId(), c.actor(), c.reason()));
        }
        return List.of(new MemberLeft(g.groupId(), c.actor(), null));
    }

    static List<GroupEvent> consentToLeave(ConsentToLeave c, Established g, RegulationProfile p) {
        String cite = Rulings.citation(p.rules().leaveConsent(), p.rules().membership().citation());
        if (g.roleOf(c.actor()).orElse(null) != GroupRole.LEADER) {
            throw new NotPermitted(cite, "only the leader consents to a member leaving");
        }
        if (!g.leaveRequests().contains(c.memberId())) {
            throw new RuleViolation(cite, "memberId", c.memberId() + " has not asked to leave");
        }
        return List.of(new MemberLeft(g.groupId(), c.memberId(), c.actor()));
    }

    static List<GroupEvent> handOver(HandOverRole c, Established g, RegulationProfile p) {
        String cite = p.rules().handover().citation();
        if (c.role() != GroupRole.LEADER && c.role() != GroupRole.ADMIN) {
            throw new RuleViolation(cite, "role", "the leader or an admin role is handed over");
        }
        if (g.roleOf(c.actor()).orElse(null) != GroupRole.LEADER) {
            throw new NotPermitted(cite, "the leader directs a handover");
        }
        if (g.roleOf(c.fromMemberId()).orElse(null) != c.role()) {
            throw new RuleViolation(cite, "fromMemberId", c.fromMemberId() + " does not hold " + c.role());
        }
        if (c.successor() == null || c.successor().memberId() == null || c.successor().memberId().isBlank()) {
            throw new RuleViolation(cite, "successor.memberId", "the successor is required");
        }
        if (c.successor().memberId().equals(c.fromMemberId())) {
            throw new RuleViolation(cite, "successor.memberId", "the successor is someone else");
        }
        if (!g.roster().containsKey(c.successor().memberId())) {
            Rulings.checkName(c.successor(), p, "successor.fullName");
        }
        return List.of(new RoleHandedOver(g.groupId(), c.role(), c.fromMemberId(), c.successor(), c.actor()));
    }

    static List<GroupEvent> assignRole(GroupCommand.AssignRole c, Established g, RegulationProfile p) {
        String cite = p.rules().roleAssignment().citation();
        if (g.roleOf(c.actor()).orElse(null) != GroupRole.LEADER) {
            throw new NotPermitted(cite, "the leader assigns deputies and admins");
        }
        GroupRole current = g.roleOf(c.memberId())
                .orElseThrow(() -> new RuleViolation(cite, "memberId", c.memberId() + " is not a member"));
        if (c.role() == null || c.role() == GroupRole.LEADER || current == GroupRole.LEADER) {
            throw new RuleViolation(p.rules().handover().citation(), "role", "the leader's role passes only by handover");
        }
        if (!current.onBoard()) {
            Rulings.checkBoard(g, p, c.role());
        }
        return List.of(new RoleAssigned(g.groupId(), c.memberId(), c.role(), c.actor()));
    }

    static List<GroupEvent> changeAccount(ChangeAccount c, Established g, RegulationProfile p) {
        String cite = Rulings.citation(p.rules().accountChange(), ACCOUNTS);
        Seat seat = g.seat(c.memberId()).orElseThrow(() -> new RuleViolation(cite, "memberId", "not a member"));
        GroupRole actorRole = g.roleOf(c.actor()).orElse(null);
        if (!c.actor().equals(c.memberId()) && actorRole != GroupRole.LEADER && actorRole != GroupRole.ADMIN) {
            throw new NotPermitted(cite, "the member, the leader or an admin records an account change");
        }
        if ((c.newZaloId() == null || c.newZaloId().isBlank()) && (c.newPhone() == null || c.newPhone().isBlank())) {
            throw new RuleViolation(cite, "newZaloId", "a new Zalo id or phone number is required");
        }
        return List.of(new AccountChanged(g.groupId(), c.memberId(), seat.member().zaloId(),
                c.newZaloId() == null ? seat.member().zaloId() : c.newZaloId(), seat.member().phone(),
                c.newPhone() == null ? seat.member().phone() : c.newPhone()));
    }

    static List<GroupEvent> reportCompromised(ReportAccountCompromised c, Established g, RegulationProfile p) {
        String cite = Rulings.citation(p.rules().accountCompromised(), ACCOUNTS);
        if (!g.roster().containsKey(c.memberId())) {
            throw new RuleViolation(cite, "memberId", "not a member");
        }
        if (!g.roster().containsKey(c.actor())) {
            throw new NotPermitted(cite, "members of the group report a hijacked account");
        }
        CompromisedReportLimits.check(c);
        return List.of(new AccountCompromisedReported(g.groupId(), c.memberId(), c.actor(), c.details()));
    }

    // ---- sanctions from moderation ------------------------------------------------------------------

    /**
     * A member who has left, the leader (whose role passes only by handover), or a removal
     * already proposed: nothing to propose, and no error, since a redelivered event lands here too.
     */
    static List<GroupEvent> proposeRemovalForSanction(GroupCommand.ProposeRemovalForSanction c, Established g) {
        Seat seat = g.roster().get(c.memberId());
        boolean alreadyProposed = g.proposals().values().stream()
                .anyMatch(pr -> pr.change() == MembershipChange.REMOVE && pr.member().memberId().equals(c.memberId()));
        if (seat == null || seat.role() == GroupRole.LEADER || alreadyProposed) {
            return List.of();
        }
        if (c.citation() == null || c.citation().isBlank()) {
            throw new InvalidInput(PROFILES, "citation", "a removal for a sanction names the rule it rests on");
        }
        String reason = "Đề xuất xóa khỏi nhóm theo mức xử lý 2 (" + c.citation() + "), chế tài " + c.sanctionId() + (c.reason() == null ? "" : ": " + c.reason());
        return List.of(new MembershipProposed(g.groupId(), c.proposalId(), MembershipChange.REMOVE, seat.member(), seat.role(),
                c.actor(), reason));
    }
}
