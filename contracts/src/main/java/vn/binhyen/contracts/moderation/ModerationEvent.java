package vn.binhyen.contracts.moderation;

import java.util.List;
import java.util.Map;

/**
 * The events moderation-service publishes to {@code binhyen.moderation.events} that other
 * services act on. Type names are the stable strings of {@link #TYPES}.
 */
public sealed interface ModerationEvent {
    String groupId();

    /**
     * A message broke a content rule. {@code category} is one of docs/regulations.md's content
     * categories (CLASSIFIED, ADVERTISING, …); {@code citation} the rule's article; {@code at}
     * when the message was posted.
     */
    record ViolationRecorded(String groupId, String violationId, String memberId, String messageId, String ruleId,
            String category, String citation, String decision, java.time.Instant at) implements ModerationEvent {
    }

    /**
     * The sanction ladder reached removal from the group (ward-binh-phuoc:9, level 2): a
     * proposal for the group's leader, who still decides.
     */
    record MemberRemovalProposed(String groupId, String memberId, String sanctionId, String citation,
            List<String> violationIds, String reason) implements ModerationEvent {
    }

    /**
     * The sanction the ladder chose for a member's violation (ward-binh-phuoc:9): REMIND,
     * REMOVE_MEMBER, REPORT_TO_AGENCY or REFER_TO_LAW; {@code inWindow} counts the member's
     * violating messages in the group within the profile's window, this one included.
     * {@code reportTo}: for REPORT_TO_AGENCY, the platform account of the member's agency leadership
     * as the roster names it (notification-service tells them), or null where it names none (the
     * group's leader is told to report it).
     */
    record SanctionDecided(String groupId, String sanctionId, String memberId, String sanction, String citation,
            int inWindow, List<String> messageIds, String reason, String reportTo) implements ModerationEvent {
    }

    /**
     * A published message was removed (police-song-tri:13.3; ward-binh-phuoc:6.3): the bot
     * deletes it, and the leader is told. {@code reply} is what the bot posts in the group.
     */
    record MessageTakenDown(String groupId, String messageId, String memberId, List<String> categories,
            List<String> citations, String reply) implements ModerationEvent {
    }

    /** A FLAG or HOLD awaiting the group's admins, who confirm or overturn it. */
    record ReviewQueued(String groupId, String reviewId, String messageId, String memberId, String decision,
            List<String> ruleIds, List<String> categories, String excerpt) implements ModerationEvent {
    }

    /** {@code outcome}: CONFIRMED (the violation stands) or OVERTURNED (a false positive of its rules). */
    record ReviewResolved(String groupId, String reviewId, String outcome, String reviewedBy, List<String> ruleIds,
            String note) implements ModerationEvent {
    }

    /**
     * The police group's publishing workflow (police-song-tri:13.2): a member proposes a post
     * from an official source (13.1); the board verifies it or returns it for edits; the board
     * approves it; it is published. {@code warnings} are the screening's findings on submission;
     * {@code sourceKind}: which of 13.1's official sources it names (the point's letter, a-e or đ), and
     * {@code source} the reference the board verifies (null kind: a post recorded before it was asked).
     */
    record PostSubmitted(String groupId, String postId, String authorId, String text, String source,
            List<String> warnings, String sourceKind) implements ModerationEvent {
        public PostSubmitted(String groupId, String postId, String authorId, String text, String source,
                List<String> warnings) {
            this(groupId, postId, authorId, text, source, warnings, null);
        }
    }

    record PostReturned(String groupId, String postId, String returnedBy, String comments) implements ModerationEvent {
    }

    record PostRevised(String groupId, String postId, String authorId, String text, String source,
            List<String> warnings, String sourceKind) implements ModerationEvent {
        public PostRevised(String groupId, String postId, String authorId, String text, String source,
                List<String> warnings) {
            this(groupId, postId, authorId, text, source, warnings, null);
        }
    }

    record PostVerified(String groupId, String postId, String verifiedBy) implements ModerationEvent {
    }

    record PostApproved(String groupId, String postId, String approvedBy, String finalText) implements ModerationEvent {
    }

    record PostPublished(String groupId, String postId, String publishedBy) implements ModerationEvent {
    }

    /**
     * A version of a profile's content policy came into force at {@code effectiveFrom}; the
     * policy and its term lists travel with the event (RFC 8785 JSON), so a replay judges each
     * message by the version in force when it arrived, whatever files are deployed then.
     * {@code groupId} is null: a policy belongs to a profile, not a group.
     */
    record PolicyActivated(String groupId, String profile, int version, java.time.Instant effectiveFrom,
            String policySha256, String policyJson, String termsJson) implements ModerationEvent {
    }

    Map<String, Class<? extends ModerationEvent>> TYPES = Map.ofEntries(
            Map.entry("PolicyActivated", PolicyActivated.class),
            Map.entry("PostSubmitted", PostSubmitted.class),
            Map.entry("PostReturned", PostReturned.class),
            Map.entry("PostRevised", PostRevised.class),
            Map.entry("PostVerified", PostVerified.class),
            Map.entry("PostApproved", PostApproved.class),
            Map.entry("PostPublished", PostPublished.class),
            Map.entry("ViolationRecorded", ViolationRecorded.class),
            Map.entry("MemberRemovalProposed", MemberRemovalProposed.class),
            Map.entry("SanctionDecided", SanctionDecided.class),
            Map.entry("MessageTakenDown", MessageTakenDown.class),
            Map.entry("ReviewQueued", ReviewQueued.class),
            Map.entry("ReviewResolved", ReviewResolved.class));

    int SCHEMA_VERSION = 1;
}
