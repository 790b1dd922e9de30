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
     * A message broke a content rule. {@code category} is one of REGULATIONS.md's content
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
     */
    record SanctionDecided(String groupId, String sanctionId, String memberId, String sanction, String citation,
            int inWindow, List<String> messageIds, String reason) implements ModerationEvent {
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

    Map<String, Class<? extends ModerationEvent>> TYPES = Map.of(
            "ViolationRecorded", ViolationRecorded.class,
            "MemberRemovalProposed", MemberRemovalProposed.class,
            "SanctionDecided", SanctionDecided.class,
            "MessageTakenDown", MessageTakenDown.class,
            "ReviewQueued", ReviewQueued.class,
            "ReviewResolved", ReviewResolved.class);

    int SCHEMA_VERSION = 1;
}
