package vn.binhyen.moderation.domain.posting;

import java.util.List;

/** A post proposed for the police group, folded from its events. */
public sealed interface Post {

    record None() implements Post {
    }

    enum Stage { SUBMITTED, RETURNED, VERIFIED, APPROVED, PUBLISHED }

    record Draft(String groupId, String postId, String authorId, String text, String source, Stage stage,
            List<String> warnings) implements Post {
        Draft at(Stage next) {
            return new Draft(groupId, postId, authorId, text, source, next, warnings);
        }
    }
}
