package vn.binhyen.moderation.domain.posting;

import java.util.List;

/** A post proposed for the police group, folded from its events. */
public sealed interface Post {

    record None() implements Post {
    }

    enum Stage { SUBMITTED, RETURNED, VERIFIED, APPROVED, PUBLISHED }

    /** {@code sourceKind}: which of 13.1's sources the post names (its point's letter). */
    record Draft(String groupId, String postId, String authorId, String text, String source, Stage stage,
            List<String> warnings, String sourceKind) implements Post {
        Draft at(Stage next) {
            return new Draft(groupId, postId, authorId, text, source, next, warnings, sourceKind);
        }
    }
}
