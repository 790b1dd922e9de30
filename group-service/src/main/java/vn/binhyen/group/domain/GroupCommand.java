package vn.binhyen.group.domain;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import vn.binhyen.contracts.group.GroupEvent.Member;
import vn.binhyen.contracts.group.GroupRole;
import vn.binhyen.contracts.group.MembershipChange;

/** What people ask of a group. {@code actor} is the member id of whoever asks; {@code at} is when. */
public sealed interface GroupCommand {
    String actor();

    Instant at();

    record EstablishGroup(String groupId, String name, String purpose, String profile, String unit, String kind,
            String responsibility, String avatarRule, Member leader, String actor, Instant at) implements GroupCommand {
    }

    /** ADD with {@code member}, or REMOVE with {@code member.memberId()}. */
    record ProposeMembership(String proposalId, MembershipChange change, Member member, GroupRole role, String reason,
            String actor, Instant at) implements GroupCommand {
    }


    record DecideProposal(String proposalId, boolean approve, String reason, String actor, Instant at)
            implements GroupCommand {
    }

    record RequestLeave(String reason, String actor, Instant at) implements GroupCommand {
    }

    record ConsentToLeave(String memberId, String actor, Instant at) implements GroupCommand {
    }

    record HandOverRole(GroupRole role, String fromMemberId, Member successor, String actor, Instant at)
            implements GroupCommand {
    }

    /** The leader assigns deputies and admins (ward-binh-phuoc:4.1). */
    record AssignRole(String memberId, GroupRole role, String actor, Instant at) implements GroupCommand {
    }

    record ChangeAccount(String memberId, String newZaloId, String newPhone, String actor, Instant at)
            implements GroupCommand {
    }

    /**
     * {@code earlier}: the group's reports of hijacked accounts in the last
     * {@link CompromisedReportLimits#LOOK_BACK}, each with when it was made, for the limits on
     * how often ({@link CompromisedReportLimits}); the event carries no time of its own.
     */
    record ReportAccountCompromised(String memberId, String details, String actor, Instant at,
            List<EarlierReport> earlier) implements GroupCommand {
        public ReportAccountCompromised {
            earlier = earlier == null ? List.of() : List.copyOf(earlier);
        }

        /** A report in a group with no earlier ones. */
        public ReportAccountCompromised(String memberId, String details, String actor, Instant at) {
            this(memberId, details, actor, at, List.of());
        }
    }

    /** An earlier report of a hijacked account in the same group: of whom, by whom, when. */
    record EarlierReport(String memberId, String reportedBy, Instant at) {
    }

    /**
     * A change to the group's name, picture or description; where the regulation asks for the leader's
     * direction and the actor is not the leader, it becomes the proposal {@code changeId} for the leader.
     */
    record ChangeGroupInfo(String name, String avatar, String description, String changeId, String actor,
            Instant at) implements GroupCommand {
    }

    /** The admin actions a bot can see in a Zalo group. */
    enum AdminAction { ADD_MEMBER, REMOVE_MEMBER, CHANGE_GROUP_INFO, PIN_MESSAGE, CHANGE_SETTINGS, APPOINT_ADMIN }

    /** A bot bound to the group ({@code actor}) saw {@code account} take an admin action at {@code observedAt} (police-song-tri:6.10). */
    record ReportObservedAction(String account, AdminAction action, Instant observedAt, String actor, Instant at)
            implements GroupCommand {
    }

    /** A member tells the admins that the group's messages do not reach them, or theirs do not go out. */
    record ReportDeliveryProblem(String details, String actor, Instant at) implements GroupCommand {
    }

    /** The leader approves or rejects a proposed change to the group's information. */
    record DecideInfoChange(String changeId, boolean approve, String reason, String actor, Instant at)
            implements GroupCommand {
    }

    /** {@code expiresAt} null: the profile's default pin expiry. */
    record PinMessage(String pinId, String messageId, Instant expiresAt, String actor, Instant at)
            implements GroupCommand {
    }

    record Unpin(String pinId, String actor, Instant at) implements GroupCommand {
    }

    /** The scheduler's: expires a pin whose time has come, exactly once. */
    record ExpirePin(String pinId, String actor, Instant at) implements GroupCommand {
    }

    record SuspendGroup(String decisionRef, String reason, Instant until, String actor, Instant at)
            implements GroupCommand {
    }

    record ResumeGroup(String actor, Instant at) implements GroupCommand {
    }

    enum TerminationGround { SERIOUS_VIOLATION, UNIT_DISSOLVED_WITHOUT_HANDOVER }

    record TerminateGroup(TerminationGround ground, String reason, String actor, Instant at) implements GroupCommand {
    }

    /** An oversight role moves the group to another profile, or to its profile's current version. */
    record ChangeProfile(String profile, String decisionRef, String actor, Instant at) implements GroupCommand {
    }

    /** {@code acknowledgeBy} null: the profile's default deadline. */
    record IssueDirective(String directiveId, String text, Instant acknowledgeBy, String actor, Instant at)
            implements GroupCommand {
    }

    enum Acknowledgement { REPLY, REACTION }

    record AcknowledgeDirective(String directiveId, Acknowledgement via, String actor, Instant at)
            implements GroupCommand {
    }

    /** The scheduler's: raises the overdue reminder of a directive, exactly once. */
    record RaiseDirectiveReminder(String directiveId, String actor, Instant at) implements GroupCommand {
    }

    record OpenPoll(String pollId, String question, java.util.List<String> options, Instant closesAt, String actor,
            Instant at) implements GroupCommand {
    }

    record CastVote(String pollId, String option, String actor, Instant at) implements GroupCommand {
    }

    record ConfirmVote(String pollId, String confirmation, String actor, Instant at) implements GroupCommand {
    }

    /**
     * A chat bot (its token's subject) is to serve the group: asked by the group's leader by its
     * roster, or by a system administrator; {@code roles} are the asking token's (issue 21).
     */
    record BindBot(String botId, String actor, Set<String> roles, Instant at) implements GroupCommand {
        public BindBot {
            roles = roles == null ? Set.of() : Set.copyOf(roles);
        }
    }

    /** The bot no longer serves the group; asked as {@link BindBot} is. */
    record UnbindBot(String botId, String actor, Set<String> roles, Instant at) implements GroupCommand {
        public UnbindBot {
            roles = roles == null ? Set.of() : Set.copyOf(roles);
        }
    }

    /** From moderation-service: the sanction ladder reached removal; the leader still decides. */
    record ProposeRemovalForSanction(String proposalId, String memberId, String sanctionId, String citation,
            String reason, String actor, Instant at) implements GroupCommand {
    }
}
