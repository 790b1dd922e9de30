package vn.binhyen.group.domain;

import java.util.List;
import java.util.Map;
import java.util.Objects;
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
import vn.binhyen.eventlog.decider.Decider;
import vn.binhyen.eventlog.decider.InvalidInput;
import vn.binhyen.eventlog.decider.RuleViolation;
import vn.binhyen.group.domain.Group.Established;
import vn.binhyen.group.domain.Group.Pin;
import vn.binhyen.group.domain.Group.Seat;
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
 * This class establishes a group, dispatches each command to its seam ({@link RosterDecisions},
 * {@link InformationDecisions}, {@link DirectiveDecisions}, {@link PollDecisions}, {@link LifecycleDecisions}),
 * changes the profile and evolves the state.
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
        LifecycleDecisions.guardLifecycle(command, g, p);
        return switch (command) {
            case EstablishGroup e -> throw new IllegalStateException("handled above");
            case ProposeMembership c -> RosterDecisions.propose(c, g, p);
            case DecideProposal c -> RosterDecisions.decideProposal(c, g, p);
            case RequestLeave c -> RosterDecisions.requestLeave(c, g, p);
            case ConsentToLeave c -> RosterDecisions.consentToLeave(c, g, p);
            case HandOverRole c -> RosterDecisions.handOver(c, g, p);
            case GroupCommand.AssignRole c -> RosterDecisions.assignRole(c, g, p);
            case ChangeAccount c -> RosterDecisions.changeAccount(c, g, p);
            case ReportAccountCompromised c -> RosterDecisions.reportCompromised(c, g, p);
            case ChangeGroupInfo c -> InformationDecisions.changeInfo(c, g, p);
            case GroupCommand.DecideInfoChange c -> InformationDecisions.decideInfoChange(c, g, p);
            case GroupCommand.ReportDeliveryProblem c -> InformationDecisions.reportDeliveryProblem(c, g, p);
            case GroupCommand.ReportObservedAction c -> InformationDecisions.observedAction(c, g, p);
            case PinMessage c -> InformationDecisions.pin(c, g, p);
            case Unpin c -> InformationDecisions.unpin(c, g, p);
            case ExpirePin c -> InformationDecisions.expire(c, g, p);
            case SuspendGroup c -> LifecycleDecisions.suspend(c, g, p);
            case ResumeGroup c -> List.of(new GroupResumed(g.groupId(), c.actor()));
            case TerminateGroup c -> LifecycleDecisions.terminate(c, g, p);
            case GroupCommand.ChangeProfile c -> changeProfile(c, g);
            case GroupCommand.IssueDirective c -> DirectiveDecisions.issueDirective(c, g, p);
            case GroupCommand.AcknowledgeDirective c -> DirectiveDecisions.acknowledge(c, g, p);
            case GroupCommand.RaiseDirectiveReminder c -> DirectiveDecisions.remind(c, g, p);
            case GroupCommand.OpenPoll c -> PollDecisions.openPoll(c, g, p);
            case GroupCommand.CastVote c -> PollDecisions.vote(c, g, p);
            case GroupCommand.ConfirmVote c -> PollDecisions.confirmVote(c, g, p);
            case GroupCommand.ProposeRemovalForSanction c -> RosterDecisions.proposeRemovalForSanction(c, g);
            case GroupCommand.BindBot c -> LifecycleDecisions.bindBot(c, g);
            case GroupCommand.UnbindBot c -> LifecycleDecisions.unbindBot(c, g);
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
        Rulings.checkName(e.leader(), p, "leader.fullName");
        return List.of(new GroupEstablished(e.groupId(), e.name().strip(), e.purpose().strip(), p.id(), p.version(),
                e.unit(), e.kind(), e.responsibility().strip(), e.avatarRule(), e.leader()));
    }

    private static void required(String citation, String value, String field) {
        if (value == null || value.isBlank()) {
            throw new InvalidInput(citation, field, field + " is required to establish a group");
        }
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

    private RegulationProfile profile(String id) {
        return Objects.requireNonNull(profiles.get(id), () -> "profile " + id + " is no longer loaded");
    }

    @Override
    public Group evolve(Group state, GroupEvent event) {
        if (event instanceof GroupEstablished e) {
            return Established.of(e.groupId(), e.name(), e.purpose(), e.profile(), e.profileVersion(), e.unit(),
                    e.kind(), e.avatarRule(), new Seat(e.leader(), GroupRole.LEADER, false));
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
