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
     * categories (CLASSIFIED, ADVERTISING, …); {@code citation} the rule's article.
     */
    record ViolationRecorded(String groupId, String violationId, String memberId, String messageId, String ruleId,
            String category, String citation, String decision) implements ModerationEvent {
    }

    /**
     * The sanction ladder reached removal from the group (ward-binh-phuoc:9, level 2): a
     * proposal for the group's leader, who still decides.
     */
    record MemberRemovalProposed(String groupId, String memberId, String sanctionId, String citation,
            List<String> violationIds, String reason) implements ModerationEvent {
    }

    Map<String, Class<? extends ModerationEvent>> TYPES = Map.of(
            "ViolationRecorded", ViolationRecorded.class,
            "MemberRemovalProposed", MemberRemovalProposed.class);

    int SCHEMA_VERSION = 1;
}
