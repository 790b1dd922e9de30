package vn.binhyen.contracts.group;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The events group-service publishes to {@code binhyen.group.events} (the payload of each
 * envelope). Type names are the stable strings of {@link #TYPES}, never class names; each
 * record's schema version is in {@link #TYPES} too.
 */
public sealed interface GroupEvent {
    String groupId();

    /** A group was established under a regulation profile (police-song-tri:8.1). */
    record GroupEstablished(String groupId, String name, String purpose, String profile, int profileVersion,
            String unit, String kind, String responsibility, String avatarRule, Member leader) implements GroupEvent {
    }

    /**
     * Who a member is: the platform account, the Zalo account, the shown full name; whether the
     * member sits for a household (ward-binh-phuoc:2); {@code agencyContact}: the platform account of
     * the member's agency leadership, to whom a serious violation is reported (ward-binh-phuoc:9.3),
     * or null where the roster names none.
     */
    record Member(String memberId, String fullName, String zaloId, String phone, boolean householdRepresentative,
            String agencyContact) {
        public Member(String memberId, String fullName, String zaloId, String phone, boolean householdRepresentative) {
            this(memberId, fullName, zaloId, phone, householdRepresentative, null);
        }
    }

    /** An admin proposed adding or removing someone; the leader decides (ward-binh-phuoc:6.3). */
    record MembershipProposed(String groupId, String proposalId, MembershipChange change, Member member, GroupRole role,
            String proposedBy, String reason) implements GroupEvent {
    }

    record ProposalRejected(String groupId, String proposalId, String rejectedBy, String reason) implements GroupEvent {
    }

    /** {@code approvedBy} is the leader who approved (or acted directly); {@code proposalId} may be null. */
    record MemberAdded(String groupId, Member member, GroupRole role, String approvedBy, String proposalId)
            implements GroupEvent {
    }

    record MemberRemoved(String groupId, String memberId, String approvedBy, String proposalId, String reason)
            implements GroupEvent {
    }

    record LeaveRequested(String groupId, String memberId, String reason) implements GroupEvent {
    }

    record MemberLeft(String groupId, String memberId, String consentedBy) implements GroupEvent {
    }

    /** A role passed from one person to a successor in one step (ward-binh-phuoc:6.1). */
    record RoleHandedOver(String groupId, GroupRole role, String fromMemberId, Member successor, String directedBy)
            implements GroupEvent {
    }

    record RoleAssigned(String groupId, String memberId, GroupRole role, String assignedBy) implements GroupEvent {
    }

    /** A new Zalo id or phone replaces the old; the event keeps the old ones (ioc-dak-lak:8.2). */
    record AccountChanged(String groupId, String memberId, String oldZaloId, String newZaloId, String oldPhone,
            String newPhone) implements GroupEvent {
    }

    /** Posting frozen at once; leaders, admins and members are to be told (ioc-dak-lak:4.3.8). */
    record AccountCompromisedReported(String groupId, String memberId, String reportedBy, String details)
            implements GroupEvent {
    }

    /**
     * An admin's change to the group's name, picture or description, waiting for the direction the
     * regulation asks (council-binh-duong:9.1, ioc-dak-lak:4.2.3, province-lai-chau:6.1): the leader
     * decides it; until then nothing changes.
     */
    record GroupInfoChangeProposed(String groupId, String changeId, String name, String avatar, String description,
            String proposedBy) implements GroupEvent {
    }

    /** The leader's decision on a proposed change; an approval is followed by {@code GroupInfoChanged}. */
    record GroupInfoChangeDecided(String groupId, String changeId, boolean approved, String decidedBy, String reason)
            implements GroupEvent {
    }

    /**
     * A member told the group's admins that they cannot send or receive the group's messages (ward-binh-phuoc:6.4,
     * police-song-tri:7(II).4, council-binh-duong:10.8, ioc-dak-lak:4.3.12, province-lai-chau:7.7).
     */
    record DeliveryProblemReported(String groupId, String memberId, String details, Instant at) implements GroupEvent {
    }

    /**
     * A bot saw {@code account} take an admin action ({@code action}) in the Zalo group without a seat
     * that holds the admin rights ({@code memberId} and {@code role} when on the roster, else null):
     * a suspected intrusion, reported to the board (police-song-tri:6.10).
     */
    record AdminRightsMisused(String groupId, String account, String memberId, String role, String action,
            Instant observedAt, String reportedBy) implements GroupEvent {
    }

    record GroupInfoChanged(String groupId, String name, String avatar, String description, String directedBy,
            String changedBy) implements GroupEvent {
    }

    record MessagePinned(String groupId, String pinId, String messageId, String pinnedBy, Instant expiresAt)
            implements GroupEvent {
    }

    record PinExpired(String groupId, String pinId, Instant expiredAt) implements GroupEvent {
    }

    record MessageUnpinned(String groupId, String pinId, String unpinnedBy) implements GroupEvent {
    }

    /** By a superior authority's decision, until a set time (police-song-tri:9.2). */
    record GroupSuspended(String groupId, String decisionRef, String reason, Instant until, String suspendedBy)
            implements GroupEvent {
    }

    record GroupResumed(String groupId, String resumedBy) implements GroupEvent {
    }

    /** For a serious violation, or a unit dissolved without handover (police-song-tri:9.3). */
    record GroupTerminated(String groupId, String ground, String reason, String terminatedBy) implements GroupEvent {
    }

    /**
     * The group now follows another profile, or a new version of its own (a regulation was
     * amended); rules are judged by the version in force when each command arrived.
     */
    record ProfileChanged(String groupId, String profile, int profileVersion, String previousProfile,
            int previousVersion, String decisionRef, String changedBy) implements GroupEvent {
    }

    /**
     * An administrative order of the group's leadership that members must acknowledge by a
     * deadline (province-lai-chau:3.3, 7.3; police-song-tri:7(II).3). {@code recipients} are the
     * members who owe an acknowledgement: everyone on the roster but the issuer (and but the leader
     * it was announced for), at issue time. {@code onBehalfOf}: the leader on whose behalf the
     * directive was announced ("thừa lệnh", ioc-dak-lak:4.1.2); null when the issuer's own.
     */
    record DirectiveIssued(String groupId, String directiveId, String text, String issuedBy,
            Instant acknowledgeBy, List<String> recipients, String onBehalfOf) implements GroupEvent {
        public DirectiveIssued(String groupId, String directiveId, String text, String issuedBy,
                Instant acknowledgeBy, List<String> recipients) {
            this(groupId, directiveId, text, issuedBy, acknowledgeBy, recipients, null);
        }
    }

    /** {@code via} is REPLY (province-lai-chau:7.3) or REACTION (police-song-tri:7(II).3). */
    record DirectiveAcknowledged(String groupId, String directiveId, String memberId, String via)
            implements GroupEvent {
    }

    /** The deadline passed with members still silent: notification-service reminds them. */
    record DirectiveReminderDue(String groupId, String directiveId, Instant acknowledgeBy, List<String> pending)
            implements GroupEvent {
    }

    /** A poll on an urgent matter in a council group (council-binh-duong:7.2). */
    record PollOpened(String groupId, String pollId, String question, List<String> options, Instant closesAt,
            String openedBy) implements GroupEvent {
    }

    record VoteCast(String groupId, String pollId, String memberId, String option) implements GroupEvent {
    }

    /** The delegate's written confirmation of the vote (council-binh-duong:7.2). */
    record VoteConfirmed(String groupId, String pollId, String memberId, String confirmation) implements GroupEvent {
    }

    /**
     * A chat bot (a registered client: its token's subject) now serves this group, by the group's
     * leader or a system administrator (issue 21). A bot screens, reports, completes reports and
     * records acknowledgements only for the groups it is bound to.
     */
    record BotBound(String groupId, String botId, String boundBy) implements GroupEvent {
    }

    record BotUnbound(String groupId, String botId, String unboundBy) implements GroupEvent {
    }

    /** Stable type names and schema versions of the published events. */
    Map<String, Class<? extends GroupEvent>> TYPES = Map.ofEntries(
            Map.entry("GroupEstablished", GroupEstablished.class),
            Map.entry("MembershipProposed", MembershipProposed.class),
            Map.entry("ProposalRejected", ProposalRejected.class),
            Map.entry("MemberAdded", MemberAdded.class),
            Map.entry("MemberRemoved", MemberRemoved.class),
            Map.entry("LeaveRequested", LeaveRequested.class),
            Map.entry("MemberLeft", MemberLeft.class),
            Map.entry("RoleHandedOver", RoleHandedOver.class),
            Map.entry("RoleAssigned", RoleAssigned.class),
            Map.entry("AccountChanged", AccountChanged.class),
            Map.entry("AccountCompromisedReported", AccountCompromisedReported.class),
            Map.entry("GroupInfoChanged", GroupInfoChanged.class),
            Map.entry("DeliveryProblemReported", DeliveryProblemReported.class),
            Map.entry("AdminRightsMisused", AdminRightsMisused.class),
            Map.entry("GroupInfoChangeProposed", GroupInfoChangeProposed.class),
            Map.entry("GroupInfoChangeDecided", GroupInfoChangeDecided.class),
            Map.entry("MessagePinned", MessagePinned.class),
            Map.entry("PinExpired", PinExpired.class),
            Map.entry("MessageUnpinned", MessageUnpinned.class),
            Map.entry("GroupSuspended", GroupSuspended.class),
            Map.entry("GroupResumed", GroupResumed.class),
            Map.entry("GroupTerminated", GroupTerminated.class),
            Map.entry("ProfileChanged", ProfileChanged.class),
            Map.entry("DirectiveIssued", DirectiveIssued.class),
            Map.entry("DirectiveAcknowledged", DirectiveAcknowledged.class),
            Map.entry("DirectiveReminderDue", DirectiveReminderDue.class),
            Map.entry("PollOpened", PollOpened.class),
            Map.entry("VoteCast", VoteCast.class),
            Map.entry("VoteConfirmed", VoteConfirmed.class),
            Map.entry("BotBound", BotBound.class),
            Map.entry("BotUnbound", BotUnbound.class));

    /** Every type is at schema version 1 for now. */
    int SCHEMA_VERSION = 1;

    /** Kinds of group a profile distinguishes. */
    List<String> KINDS = List.of("AGENCY", "NEIGHBOURHOOD", "POLICE", "COUNCIL", "OPERATIONS", "PROVINCE");
}
