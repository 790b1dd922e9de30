package vn.binhyen.moderation.domain.posting;

import java.util.List;

/**
 * What is asked of a post. {@code board}: the actor is on the group's management board
 * (leader, deputy or admin), as the service knows from group events. {@code screening}: what
 * screening found in the text on submission or revision.
 */
public sealed interface PostCommand {
    String actor();

    /** {@code blockedBy}: the citation of a rule the text breaks outright (a REMOVE), else null. */
    record Screening(List<String> warnings, String blockedBy, String blockedWhy) {
    }

    /** {@code sourceKind}: which of 13.1's official sources (the point's letter); {@code source}: its reference. */
    record Submit(String groupId, String postId, String text, String sourceKind, String source, Screening screening,
            String actor) implements PostCommand {
    }

    record Return(String comments, boolean board, String actor) implements PostCommand {
    }

    record Revise(String text, String sourceKind, String source, Screening screening, String actor)
            implements PostCommand {
    }

    record Verify(boolean board, String actor) implements PostCommand {
    }

    /**
     * {@code finalText}: the board's edit, or null to approve the text as it stands; {@code screening}:
     * what screening found in the edit (an edited text is screened again before it is approved).
     */
    record Approve(String finalText, Screening screening, boolean board, String actor) implements PostCommand {
        public Approve(String finalText, boolean board, String actor) {
            this(finalText, new Screening(List.of(), null, null), board, actor);
        }
    }

    record Publish(boolean board, String actor) implements PostCommand {
    }
}
