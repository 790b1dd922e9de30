package vn.binhyen.group.domain;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import vn.binhyen.contracts.Roles;
import vn.binhyen.contracts.group.GroupEvent;
import vn.binhyen.contracts.group.GroupEvent.AccountChanged;
import vn.binhyen.contracts.group.GroupEvent.AccountCompromisedReported;
import vn.binhyen.contracts.group.GroupEvent.BotBound;
import vn.binhyen.contracts.group.GroupEvent.BotUnbound;
import vn.binhyen.contracts.group.GroupEvent.GroupEstablished;
import vn.binhyen.contracts.group.GroupEvent.GroupInfoChanged;
import vn.binhyen.contracts.group.GroupEvent.GroupResumed;
import vn.binhyen.contracts.group.GroupEvent.GroupSuspended;
import vn.binhyen.contracts.group.GroupEvent.GroupTerminated;
import vn.binhyen.contracts.group.GroupEvent.LeaveRequested;
import vn.binhyen.contracts.group.GroupEvent.Member;
import vn.binhyen.contracts.group.GroupEvent.MemberAdded;
import vn.binhyen.contracts.group.GroupEvent.MemberLeft;
import vn.binhyen.contracts.group.GroupEvent.MemberRemoved;
import vn.binhyen.contracts.group.GroupEvent.MembershipProposed;
import vn.binhyen.contracts.group.GroupEvent.MessagePinned;
import vn.binhyen.contracts.group.GroupEvent.MessageUnpinned;
import vn.binhyen.contracts.group.GroupEvent.PinExpired;
import vn.binhyen.contracts.group.GroupEvent.ProposalRejected;
import vn.binhyen.contracts.group.GroupEvent.RoleAssigned;
import vn.binhyen.contracts.group.GroupEvent.RoleHandedOver;
import vn.binhyen.contracts.group.GroupRole;
import vn.binhyen.contracts.names.FullNames;
import vn.binhyen.eventlog.decider.Decider;
import vn.binhyen.eventlog.decider.InvalidInput;
import vn.binhyen.eventlog.decider.NotPermitted;
import vn.binhyen.eventlog.decider.RuleViolation;
import vn.binhyen.group.domain.Group.Established;
import vn.binhyen.group.domain.Group.Pin;
import vn.binhyen.group.domain.Group.Seat;
import java.util.Optional;
import vn.binhyen.group.domain.Group.Status;
import vn.binhyen.group.domain.GroupCommand.ChangeAccount;
import vn.binhyen.group.domain.GroupCommand.ChangeGroupInfo;
import vn.binhyen.group.domain.GroupCommand.ConsentToLeave;
import vn.binhyen.group.domain.GroupCommand.DecideProposal;
import vn.binhyen.group.domain.GroupCommand.EstablishGroup;
import vn.binhyen.group.domain.GroupCommand.ExpirePin;
import vn.binhyen.group.domain.GroupCommand.HandOverRole;
import vn.binhyen.group.domain.GroupCommand.PinMessage;
import vn.binhyen.group.domain.GroupCommand.ProposeMembership;
import vn.binhyen.group.domain.GroupCommand.ReportAccountCompromised;
import vn.binhyen.group.domain.GroupCommand.RequestLeave;
import vn.binhyen.group.domain.GroupCommand.ResumeGroup;
import vn.binhyen.group.domain.GroupCommand.SuspendGroup;
import vn.binhyen.group.domain.GroupCommand.TerminateGroup;
import vn.binhyen.group.domain.GroupCommand.Unpin;
import vn.binhyen.group.domain.unit.UnitDecider;

/**
 * The group aggregate's rules, each refusal naming its citation. Profile-specific rules come
 * from the group's {@link RegulationProfile}; a rule its regulation does not make is not enforced.
 */
public final class GroupDecider implements Decider<GroupCommand, Group, GroupEvent> {
    /**
     * The platform's rule on profiles (no regulation's): a group follows one loaded regulation, named
     * at establishment and changed only on a decision; a procedure its regulation does not make (a
     * poll outside the council's groups) is not available to it.
     */
    public static final String PROFILES = "binhyen:profiles";
    /**
     * The platform's rule on accounts, where a regulation has none of its own (ioc-dak-lak's 8.2 and
     * 4.3.8 are): a member, the leader or an admin records a member's new account, and any member
     * reports a hijacked one.
     */
    public static final String ACCOUNTS = "binhyen:accounts";
    /**
     * The platform's rules on bots (not a regulation's, issue 21): the group's leader by its roster,
     * or a system administrator, binds a bot to the group and unbinds it; a bot acts only where bound.
     */
    public static final String BOTS = "binhyen:bots";

    private final Map<String, RegulationProfile> profiles;

    public GroupDecider(Map<String, RegulationProfile> profiles) {
        this.profiles = Map.copyOf(profiles);
    }

    @Override
    public Group initialState() {
        return new Group.None();
    }

    @Override
    public List<GroupEvent> decide(GroupCommand command, Group state) {
        if (command instanceof EstablishGroup e) {
            return establish(e, state);
        }
        if (!(state instanceof Established g)) {
            throw new UnknownGroupException("no such group");
        }
        RegulationProfile p = profile(g.profile());
        guardLifecycle(command, g, p);
        return switch (command) {
            case EstablishGroup e -> throw new IllegalStateException("handled above");
            case ProposeMembership c -> propose(c, g, p);
            case DecideProposal c -> decideProposal(c, g, p);
            case RequestLeave c -> requestLeave(c, g, p);
            case ConsentToLeave c -> consentToLeave(c, g, p);
            case HandOverRole c -> handOver(c, g, p);
            case GroupCommand.AssignRole c -> assignRole(c, g, p);
            case ChangeAccount c -> changeAccount(c, g, p);
            case ReportAccountCompromised c -> reportCompromised(c, g, p);
            case ChangeGroupInfo c -> changeInfo(c, g, p);
            case GroupCommand.DecideInfoChange c -> decideInfoChange(c, g, p);
            case GroupCommand.ReportDeliveryProblem c -> reportDeliveryProblem(c, g, p);
            case GroupCommand.ReportObservedAction c -> observedAction(c, g, p);
            case PinMessage c -> pin(c, g, p);
            case Unpin c -> unpin(c, g, p);
            case ExpirePin c -> expire(c, g, p);
            case SuspendGroup c -> suspend(c, g, p);
            case ResumeGroup c -> List.of(new GroupResumed(g.groupId(), c.actor()));
            case TerminateGroup c -> terminate(c, g, p);
            case GroupCommand.ChangeProfile c -> changeProfile(c, g);
            case GroupCommand.IssueDirective c -> issueDirective(c, g, p);
            case GroupCommand.AcknowledgeDirective c -> acknowledge(c, g, p);
            case GroupCommand.RaiseDirectiveReminder c -> remind(c, g, p);
            case GroupCommand.OpenPoll c -> openPoll(c, g, p);
            case GroupCommand.CastVote c -> vote(c, g, p);
            case GroupCommand.ConfirmVote c -> confirmVote(c, g, p);
            case GroupCommand.ProposeRemovalForSanction c -> proposeRemovalForSanction(c, g);
            case GroupCommand.BindBot c -> bindBot(c, g);
            case GroupCommand.UnbindBot c -> unbindBot(c, g);
        };
    }

    // ---- establishment ----------------------------------------------------------------

    private List<GroupEvent> establish(EstablishGroup e, Group state) {
        if (state instanceof Established) {
            throw new RuleViolation(PROFILES, "groupId", "this group is already established");
        }
        if (e.profile() == null || e.profile().isBlank()) {
            throw new InvalidInput(PROFILES, "profile", "profile is required to establish a group");
        }
        RegulationProfile p = profiles.get(e.profile());
        if (p == null) {
            throw new InvalidInput(PROFILES, "profile", "unknown regulation profile " + e.profile()
                    + "; known: " + profiles.keySet().stream().sorted().toList());
        }
        String cite = p.rules().establishment().citation();
        required(cite, e.name(), "name");
        required(cite, e.purpose(), "purpose");
        required(cite, e.responsibility(), "responsibility");
        if (e.unit() == null || e.unit().isBlank()) {
            throw new InvalidInput(UnitDecider.UNITS, "unit", "every group belongs to a unit");
        }
        if (e.leader() == null) {
            throw new InvalidInput(cite, "leader", "a group is established with its leader");
        }
        required(cite, e.leader().memberId(), "leader.memberId");
        checkName(e.leader(), p, "leader.fullName");
        return List.of(new GroupEstablished(e.groupId(), e.name().strip(), e.purpose().strip(), p.id(), p.version(),
                e.unit(), e.kind(), e.responsibility().strip(), e.avatarRule(), e.leader()));
    }

    private static void required(String citation, String value, String field) {
        if (value == null || value.isBlank()) {
            throw new InvalidInput(citation, field, field + " is required to establish a group");
        }
    }

    // ---- roster -----------------------------------------------------------------------

    private List<GroupEvent> propose(ProposeMembership c, Established g, RegulationProfile p) {
        GroupRole actorRole = g.roleOf(c.actor()).orElse(null);
        RegulationProfile.MembershipRule rule = p.rules().membership();
        String membership = rule.citation();
        // List.copyOf's lists refuse contains(null): someone not on the roster has no role
        boolean direct = actorRole != null && rule.adds().contains(actorRole);
        if (!direct && (actorRole == null || !rule.proposes().contains(actorRole))) {
            String cite = p.rules().membersMayNotAdd() != null && (actorRole == null || actorRole == GroupRole.MEMBER)
                    ? p.rules().membersMayNotAdd().citation() : membership;
            throw new NotPermitted(cite, rule.proposes().isEmpty()
                    ? "only " + roles(rule.adds()) + " add or remove members"
                    : "only " + roles(rule.adds()) + " add or remove members; " + roles(rule.proposes())
                            + " propose it to the leader");
        }
        if (c.member() == null || c.member().memberId() == null || c.member().memberId().isBlank()) {
            throw new InvalidInput(membership, "member.memberId", "the member is required");
        }
        String memberId = c.member().memberId();
        GroupRole role = c.role() == null ? GroupRole.MEMBER : c.role();
        if (c.change() == GroupCommand.Change.ADD) {
            if (g.roster().containsKey(memberId)) {
                throw new RuleViolation(membership, "member.memberId", memberId + " is already a member");
            }
            if (role == GroupRole.LEADER) {
                throw new RuleViolation(p.rules().handover().citation(), "role", "a group has one leader; hand the role over instead");
            }
            checkName(c.member(), p, "member.fullName");
            checkBoard(g, p, role);
        } else if (!g.roster().containsKey(memberId)) {
            throw new RuleViolation(membership, "member.memberId", memberId + " is not a member");
        } else if (g.roleOf(memberId).orElseThrow() == GroupRole.LEADER) {
            throw new RuleViolation(p.rules().handover().citation(), "member.memberId", "the leader is not removed; the role is handed over");
        }
        if (direct) {
            return List.of(c.change() == GroupCommand.Change.ADD
                    ? new MemberAdded(g.groupId(), c.member(), role, c.actor(), null)
                    : new MemberRemoved(g.groupId(), memberId, c.actor(), null, c.reason()));
        }
        return List.of(new MembershipProposed(g.groupId(), c.proposalId(), c.change().name(), c.member(), role,
                c.actor(), c.reason()));
    }

    private List<GroupEvent> decideProposal(DecideProposal c, Established g, RegulationProfile p) {
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
        if (proposal.change().equals("ADD")) {
            if (g.roster().containsKey(proposal.member().memberId())) {
                throw new RuleViolation(membership, "proposalId", "already a member");
            }
            checkBoard(g, p, proposal.role());
            return List.of(new MemberAdded(g.groupId(), proposal.member(), proposal.role(), c.actor(), c.proposalId()));
        }
        if (!g.roster().containsKey(proposal.member().memberId())) {
            throw new RuleViolation(membership, "proposalId", "no longer a member");
        }
        return List.of(new MemberRemoved(g.groupId(), proposal.member().memberId(), c.actor(), c.proposalId(),
                proposal.reason()));
    }

    private List<GroupEvent> requestLeave(RequestLeave c, Established g, RegulationProfile p) {
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

    private List<GroupEvent> consentToLeave(ConsentToLeave c, Established g, RegulationProfile p) {
        String cite = citation(p.rules().leaveConsent(), p.rules().membership().citation());
        if (g.roleOf(c.actor()).orElse(null) != GroupRole.LEADER) {
            throw new NotPermitted(cite, "only the leader consents to a member leaving");
        }
        if (!g.leaveRequests().contains(c.memberId())) {
            throw new RuleViolation(cite, "memberId", c.memberId() + " has not asked to leave");
        }
        return List.of(new MemberLeft(g.groupId(), c.memberId(), c.actor()));
    }

    private List<GroupEvent> handOver(HandOverRole c, Established g, RegulationProfile p) {
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
            checkName(c.successor(), p, "successor.fullName");
        }
        return List.of(new RoleHandedOver(g.groupId(), c.role(), c.fromMemberId(), c.successor(), c.actor()));
    }

    private List<GroupEvent> assignRole(GroupCommand.AssignRole c, Established g, RegulationProfile p) {
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
            checkBoard(g, p, c.role());
        }
        return List.of(new RoleAssigned(g.groupId(), c.memberId(), c.role(), c.actor()));
    }

    private List<GroupEvent> changeAccount(ChangeAccount c, Established g, RegulationProfile p) {
        String cite = citation(p.rules().accountChange(), ACCOUNTS);
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

    private List<GroupEvent> reportCompromised(ReportAccountCompromised c, Established g, RegulationProfile p) {
        String cite = citation(p.rules().accountCompromised(), ACCOUNTS);
        if (!g.roster().containsKey(c.memberId())) {
            throw new RuleViolation(cite, "memberId", "not a member");
        }
        if (!g.roster().containsKey(c.actor())) {
            throw new NotPermitted(cite, "members of the group report a hijacked account");
        }
        CompromisedReportLimits.check(c);
        return List.of(new AccountCompromisedReported(g.groupId(), c.memberId(), c.actor(), c.details()));
    }

    // ---- information and pins -----------------------------------------------------------

    /**
     * The leader, or an admin where the regulation asks no direction, changes the group's information
     * at once; where it asks the leader's (council-binh-duong:9.1, ioc-dak-lak:4.2.3,
     * province-lai-chau:6.1), an admin's change waits for the leader, who decides it: the direction
     * is the leader's own act, never a name the admin writes in.
     */
    private List<GroupEvent> changeInfo(ChangeGroupInfo c, Established g, RegulationProfile p) {
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
    private List<GroupEvent> observedAction(GroupCommand.ReportObservedAction c, Established g, RegulationProfile p) {
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
    private List<GroupEvent> reportDeliveryProblem(GroupCommand.ReportDeliveryProblem c, Established g,
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

    private List<GroupEvent> decideInfoChange(GroupCommand.DecideInfoChange c, Established g, RegulationProfile p) {
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

    private List<GroupEvent> pin(PinMessage c, Established g, RegulationProfile p) {
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

    private List<GroupEvent> unpin(Unpin c, Established g, RegulationProfile p) {
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
    private List<GroupEvent> expire(ExpirePin c, Established g, RegulationProfile p) {
        Pin pin = g.pins().get(c.pinId());
        if (pin == null) {
            return List.of();
        }
        if (c.at().isBefore(pin.expiresAt())) {
            throw new RuleViolation(p.rules().pins().citation(), "pinId", "the pin is not due to expire until " + pin.expiresAt());
        }
        return List.of(new PinExpired(g.groupId(), c.pinId(), c.at()));
    }

    // ---- profile ------------------------------------------------------------------------------

    private List<GroupEvent> changeProfile(GroupCommand.ChangeProfile c, Established g) {
        RegulationProfile next = profiles.get(c.profile());
        if (next == null) {
            throw new InvalidInput(PROFILES, "profile", "unknown regulation profile " + c.profile()
                    + "; known: " + profiles.keySet().stream().sorted().toList());
        }
        if (c.decisionRef() == null || c.decisionRef().isBlank()) {
            throw new InvalidInput(PROFILES, "decisionRef", "a profile change rests on a decision");
        }
        if (next.id().equals(g.profile()) && next.version() == g.profileVersion()) {
            throw new RuleViolation(PROFILES, "profile", "the group already follows " + next.id() + " version "
                    + next.version());
        }
        return List.of(new GroupEvent.ProfileChanged(g.groupId(), next.id(), next.version(), g.profile(),
                g.profileVersion(), c.decisionRef().strip(), c.actor()));
    }

    // ---- directives and acknowledgements ------------------------------------------------------

    private List<GroupEvent> issueDirective(GroupCommand.IssueDirective c, Established g, RegulationProfile p) {
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
        List<String> recipients = g.roster().keySet().stream().filter(m -> !m.equals(c.actor())).sorted().toList();
        return List.of(new GroupEvent.DirectiveIssued(g.groupId(), c.directiveId(), text, c.actor(),
                deadline, recipients, leader));
    }

    private List<GroupEvent> acknowledge(GroupCommand.AcknowledgeDirective c, Established g, RegulationProfile p) {
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
        if (!p.rules().directives().accepts(c.via().name())) {
            throw new RuleViolation(cite, "via", "this regulation asks for a written reply to a directive: a "
                    + c.via().name().toLowerCase(java.util.Locale.ROOT) + " is not an acknowledgement");
        }
        if (d.acknowledged().containsKey(c.actor())) {
            return List.of(); // a second reaction or reply changes nothing
        }
        return List.of(new GroupEvent.DirectiveAcknowledged(g.groupId(), c.directiveId(), c.actor(), c.via().name()));
    }

    /** Exactly once: after the deadline, while someone is still silent. */
    private List<GroupEvent> remind(GroupCommand.RaiseDirectiveReminder c, Established g, RegulationProfile p) {
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

    // ---- council polls ----------------------------------------------------------------------------

    private List<GroupEvent> openPoll(GroupCommand.OpenPoll c, Established g, RegulationProfile p) {
        RegulationProfile.PollRule rule = p.rules().polls();
        if (rule == null) {
            throw new RuleViolation(PROFILES, "profile", "polls are a procedure of the council's groups; "
                    + p.id() + " has none");
        }
        if (!rule.openers().contains(g.roleOf(c.actor()).orElse(null))) {
            throw new NotPermitted(rule.citation(), "only the group's leader or a deputy opens a poll");
        }
        if (c.question() == null || c.question().isBlank()) {
            throw new InvalidInput(rule.citation(), "question", "the question is required");
        }
        List<String> options = c.options() == null ? List.of() : c.options().stream().map(String::strip).toList();
        if (options.size() < 2 || options.stream().anyMatch(String::isEmpty)
                || options.stream().distinct().count() != options.size()) {
            throw new InvalidInput(rule.citation(), "options", "at least two distinct, non-empty options");
        }
        if (c.closesAt() == null || !c.closesAt().isAfter(c.at())) {
            throw new InvalidInput(rule.citation(), "closesAt", "a poll closes at a time in the future");
        }
        if (g.polls().containsKey(c.pollId())) {
            throw new RuleViolation(rule.citation(), "pollId", "poll " + c.pollId() + " already exists");
        }
        return List.of(new GroupEvent.PollOpened(g.groupId(), c.pollId(), c.question().strip(), options, c.closesAt(),
                c.actor()));
    }

    /** The poll rule of the group's regulation: a poll is opened only where there is one. */
    private static String polls(RegulationProfile p) {
        return citation(p.rules().polls(), PROFILES);
    }

    private Group.Poll poll(Established g, RegulationProfile p, String pollId) {
        Group.Poll poll = g.polls().get(pollId);
        if (poll == null) {
            throw new RuleViolation(polls(p), "pollId", "no poll " + pollId + " in this group");
        }
        return poll;
    }

    private List<GroupEvent> vote(GroupCommand.CastVote c, Established g, RegulationProfile p) {
        Group.Poll poll = poll(g, p, c.pollId());
        if (g.seat(c.actor()).isEmpty()) {
            throw new NotPermitted(polls(p), "only the group's delegates vote");
        }
        if (!c.at().isBefore(poll.closesAt())) {
            throw new RuleViolation(polls(p), "pollId", "the poll closed at " + poll.closesAt());
        }
        if (poll.votes().containsKey(c.actor())) {
            throw new RuleViolation(polls(p), "option", "each delegate votes once");
        }
        if (c.option() == null || !poll.options().contains(c.option().strip())) {
            throw new InvalidInput(polls(p), "option", "one of " + poll.options());
        }
        return List.of(new GroupEvent.VoteCast(g.groupId(), c.pollId(), c.actor(), c.option().strip()));
    }

    private List<GroupEvent> confirmVote(GroupCommand.ConfirmVote c, Established g, RegulationProfile p) {
        Group.Poll poll = poll(g, p, c.pollId());
        if (!poll.votes().containsKey(c.actor())) {
            throw new RuleViolation(polls(p), "pollId", "a vote is confirmed after it is cast");
        }
        if (poll.confirmations().containsKey(c.actor())) {
            throw new RuleViolation(polls(p), "pollId", "this vote is already confirmed");
        }
        if (c.confirmation() == null || c.confirmation().isBlank()) {
            throw new InvalidInput(polls(p), "confirmation", "the written confirmation is required");
        }
        return List.of(new GroupEvent.VoteConfirmed(g.groupId(), c.pollId(), c.actor(), c.confirmation().strip()));
    }

    // ---- sanctions from moderation ------------------------------------------------------------------

    /**
     * A member who has left, the leader (whose role passes only by handover), or a removal
     * already proposed: nothing to propose, and no error, since a redelivered event lands here too.
     */
    private List<GroupEvent> proposeRemovalForSanction(GroupCommand.ProposeRemovalForSanction c, Established g) {
        Seat seat = g.roster().get(c.memberId());
        boolean alreadyProposed = g.proposals().values().stream()
                .anyMatch(pr -> pr.change().equals("REMOVE") && pr.member().memberId().equals(c.memberId()));
        if (seat == null || seat.role() == GroupRole.LEADER || alreadyProposed) {
            return List.of();
        }
        if (c.citation() == null || c.citation().isBlank()) {
            throw new InvalidInput(PROFILES, "citation", "a removal for a sanction names the rule it rests on");
        }
        String reason = "Đề xuất xóa khỏi nhóm theo mức xử lý 2 (" + c.citation() + "), chế tài " + c.sanctionId() + (c.reason() == null ? "" : ": " + c.reason());
        return List.of(new MembershipProposed(g.groupId(), c.proposalId(), "REMOVE", seat.member(), seat.role(),
                c.actor(), reason));
    }

    // ---- bots ------------------------------------------------------------------------------

    private List<GroupEvent> bindBot(GroupCommand.BindBot c, Established g) {
        String botId = botId(c.botId(), c.actor(), c.roles(), g);
        if (g.servedBy(botId)) {
            throw new Conflict(BOTS, "botId", "bot " + botId + " is already bound to this group");
        }
        return List.of(new BotBound(g.groupId(), botId, c.actor()));
    }

    private List<GroupEvent> unbindBot(GroupCommand.UnbindBot c, Established g) {
        String botId = botId(c.botId(), c.actor(), c.roles(), g);
        if (!g.servedBy(botId)) {
            throw new Conflict(BOTS, "botId", "bot " + botId + " is not bound to this group");
        }
        return List.of(new BotUnbound(g.groupId(), botId, c.actor()));
    }

    /** The bot's id, stripped, once the actor is found to be the leader by the roster or a system administrator. */
    private static String botId(String botId, String actor, java.util.Set<String> roles, Established g) {
        if (!roles.contains(Roles.SYSTEM_ADMIN) && g.roleOf(actor).orElse(null) != GroupRole.LEADER) {
            throw new NotPermitted(BOTS, "the group's leader, or a system administrator, binds and unbinds its bots");
        }
        if (botId == null || botId.isBlank()) {
            throw new InvalidInput(BOTS, "botId", "the bot is required");
        }
        return botId.strip();
    }

    // ---- lifecycle ------------------------------------------------------------------------

    private List<GroupEvent> suspend(SuspendGroup c, Established g, RegulationProfile p) {
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

    private List<GroupEvent> terminate(TerminateGroup c, Established g, RegulationProfile p) {
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
    private static void guardLifecycle(GroupCommand c, Established g, RegulationProfile p) {
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

    // ---- helpers ----------------------------------------------------------------------------

    private void checkName(Member m, RegulationProfile p, String field) {
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

    private static void checkBoard(Established g, RegulationProfile p, GroupRole role) {
        RegulationProfile.BoardRule board = p.rules().boardSize();
        if (board != null && role.onBoard() && board.kinds().contains(g.kind()) && g.boardSize() >= board.max()) {
            throw new RuleViolation(board.citation(), "role", "the management board has at most " + board.max()
                    + " people (leader and deputies)");
        }
    }

    private static String roles(List<GroupRole> roles) {
        return String.join(", ", roles.stream().map(r -> r.name().toLowerCase(java.util.Locale.ROOT)).toList());
    }

    private static String citation(RegulationProfile.Cited rule, String fallback) {
        return rule == null ? fallback : rule.citation();
    }

    private RegulationProfile profile(String id) {
        return Objects.requireNonNull(profiles.get(id), () -> "profile " + id + " is no longer loaded");
    }

    @Override
    public Group evolve(Group state, GroupEvent event) {
        if (event instanceof GroupEstablished e) {
            return new Established(e.groupId(), e.name(), e.purpose(), e.profile(), e.profileVersion(), e.unit(),
                    e.kind(), e.avatarRule(), null, Status.ACTIVE,
                    Map.of(e.leader().memberId(), new Seat(e.leader(), GroupRole.LEADER, false)), Map.of(),
                    java.util.Set.of(), Map.of(), Map.of(), Map.of(), java.util.Set.of(), Map.of(), Map.of());
        }
        if (!(state instanceof Established g)) {
            return state;
        }
        return switch (event) {
            case GroupEstablished e -> g;
            case MembershipProposed e -> {
                var proposals = g.proposalsCopy();
                proposals.put(e.proposalId(), e);
                yield g.withProposals(proposals);
            }
            case ProposalRejected e -> {
                var proposals = g.proposalsCopy();
                proposals.remove(e.proposalId());
                yield g.withProposals(proposals);
            }
            case MemberAdded e -> {
                var roster = g.rosterCopy();
                roster.put(e.member().memberId(), new Seat(e.member(), e.role(), false));
                var proposals = g.proposalsCopy();
                if (e.proposalId() != null) {
                    proposals.remove(e.proposalId());
                }
                yield g.withRoster(roster).withProposals(proposals);
            }
            case MemberRemoved e -> {
                var roster = g.rosterCopy();
                roster.remove(e.memberId());
                var proposals = g.proposalsCopy();
                if (e.proposalId() != null) {
                    proposals.remove(e.proposalId());
                }
                yield g.withRoster(roster).withProposals(proposals);
            }
            case LeaveRequested e -> {
                var requests = g.leaveRequestsCopy();
                requests.add(e.memberId());
                yield g.withLeaveRequests(requests);
            }
            case MemberLeft e -> {
                var roster = g.rosterCopy();
                roster.remove(e.memberId());
                var requests = g.leaveRequestsCopy();
                requests.remove(e.memberId());
                yield g.withRoster(roster).withLeaveRequests(requests);
            }
            case RoleHandedOver e -> {
                var roster = g.rosterCopy();
                Seat from = roster.get(e.fromMemberId());
                roster.put(e.fromMemberId(), new Seat(from.member(), GroupRole.MEMBER, from.postingFrozen()));
                Seat existing = roster.get(e.successor().memberId());
                roster.put(e.successor().memberId(), new Seat(existing == null ? e.successor() : existing.member(),
                        e.role(), existing != null && existing.postingFrozen()));
                yield g.withRoster(roster);
            }
            case RoleAssigned e -> {
                var roster = g.rosterCopy();
                Seat s = roster.get(e.memberId());
                roster.put(e.memberId(), new Seat(s.member(), e.role(), s.postingFrozen()));
                yield g.withRoster(roster);
            }
            case AccountChanged e -> {
                var roster = g.rosterCopy();
                Seat s = roster.get(e.memberId());
                Member m = s.member();
                roster.put(e.memberId(), new Seat(new Member(m.memberId(), m.fullName(), e.newZaloId(), e.newPhone(),
                        m.householdRepresentative(), m.agencyContact()), s.role(), s.postingFrozen()));
                yield g.withRoster(roster);
            }
            case AccountCompromisedReported e -> {
                var roster = g.rosterCopy();
                Seat s = roster.get(e.memberId());
                roster.put(e.memberId(), new Seat(s.member(), s.role(), true));
                yield g.withRoster(roster);
            }
            case GroupEvent.DeliveryProblemReported e -> g.withDeliveryProblem(e.memberId(), e.at());
            case GroupEvent.AdminRightsMisused e -> g; // a report to the board: the group's state is unchanged
            case GroupEvent.GroupInfoChangeProposed e -> {
                var changes = g.infoChangesCopy();
                changes.put(e.changeId(), e);
                yield g.withInfoChanges(changes);
            }
            case GroupEvent.GroupInfoChangeDecided e -> {
                var changes = g.infoChangesCopy();
                changes.remove(e.changeId());
                yield g.withInfoChanges(changes);
            }
            case GroupInfoChanged e -> g.withInfo(e.name() == null ? g.name() : e.name(),
                    e.avatar() == null ? g.avatar() : e.avatar(), e.description() == null ? g.description() : e.description());
            case MessagePinned e -> {
                var pins = g.pinsCopy();
                pins.put(e.pinId(), new Pin(e.pinId(), e.messageId(), e.expiresAt()));
                yield g.withPins(pins);
            }
            case PinExpired e -> {
                var pins = g.pinsCopy();
                pins.remove(e.pinId());
                yield g.withPins(pins);
            }
            case MessageUnpinned e -> {
                var pins = g.pinsCopy();
                pins.remove(e.pinId());
                yield g.withPins(pins);
            }
            case GroupSuspended e -> g.with(Status.SUSPENDED);
            case GroupResumed e -> g.with(Status.ACTIVE);
            case GroupTerminated e -> g.with(Status.TERMINATED);
            case GroupEvent.ProfileChanged e -> g.withProfile(e.profile(), e.profileVersion());
            case GroupEvent.DirectiveIssued e -> g.withDirective(new Group.Directive(e.directiveId(), e.text(),
                    e.issuedBy(), e.acknowledgeBy(), List.copyOf(e.recipients()), Map.of(), false));
            case GroupEvent.DirectiveAcknowledged e -> {
                Group.Directive d = g.directives().get(e.directiveId());
                var acks = new java.util.LinkedHashMap<>(d.acknowledged());
                acks.put(e.memberId(), e.via());
                yield g.withDirective(new Group.Directive(d.directiveId(), d.text(), d.issuedBy(), d.acknowledgeBy(),
                        d.recipients(), acks, d.reminded()));
            }
            case GroupEvent.DirectiveReminderDue e -> {
                Group.Directive d = g.directives().get(e.directiveId());
                yield g.withDirective(new Group.Directive(d.directiveId(), d.text(), d.issuedBy(), d.acknowledgeBy(),
                        d.recipients(), d.acknowledged(), true));
            }
            case GroupEvent.PollOpened e -> g.withPoll(new Group.Poll(e.pollId(), e.question(), List.copyOf(e.options()),
                    e.closesAt(), e.openedBy(), Map.of(), Map.of()));
            case GroupEvent.VoteCast e -> {
                Group.Poll poll = g.polls().get(e.pollId());
                var votes = new java.util.LinkedHashMap<>(poll.votes());
                votes.put(e.memberId(), e.option());
                yield g.withPoll(new Group.Poll(poll.pollId(), poll.question(), poll.options(), poll.closesAt(),
                        poll.openedBy(), votes, poll.confirmations()));
            }
            case GroupEvent.VoteConfirmed e -> {
                Group.Poll poll = g.polls().get(e.pollId());
                var confirmations = new java.util.LinkedHashMap<>(poll.confirmations());
                confirmations.put(e.memberId(), e.confirmation());
                yield g.withPoll(new Group.Poll(poll.pollId(), poll.question(), poll.options(), poll.closesAt(),
                        poll.openedBy(), poll.votes(), confirmations));
            }
            case BotBound e -> {
                var bots = g.botsCopy();
                bots.add(e.botId());
                yield g.withBots(bots);
            }
            case BotUnbound e -> {
                var bots = g.botsCopy();
                bots.remove(e.botId());
                yield g.withBots(bots);
            }
        };
    }
}
