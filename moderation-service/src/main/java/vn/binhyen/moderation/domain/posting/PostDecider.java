package vn.binhyen.moderation.domain.posting;

import java.util.List;
import vn.binhyen.contracts.moderation.ModerationEvent;
import vn.binhyen.eventlog.decider.Decider;
import vn.binhyen.eventlog.decider.InvalidInput;
import vn.binhyen.moderation.domain.policy.Policy;
import vn.binhyen.eventlog.decider.NotPermitted;
import vn.binhyen.eventlog.decider.RuleViolation;
import vn.binhyen.moderation.domain.posting.Post.Draft;
import vn.binhyen.moderation.domain.posting.Post.Stage;

/**
 * The police group's publishing workflow (police-song-tri:13.2): (1) a member proposes a post
 * from an official source (13.1); (2) the board checks it and returns it for edits when it
 * falls short; (3) the board approves it, editing if needed, and publishes it. Only the board
 * verifies, returns, approves and publishes; every step is an event.
 */
public final class PostDecider implements Decider<PostCommand, Post, ModerationEvent> {
    private final String workflow;
    private final String officialSource;
    private final vn.binhyen.moderation.domain.policy.Policy.Brevity brevity;
    private final List<Policy.Source> sources;

    /** The posting rule of the regulation that makes one (police-song-tri's 13.1-13.2), from its policy. */
    public PostDecider(vn.binhyen.moderation.domain.policy.Policy.PostingRule rule) {
        this.workflow = rule.citation();
        this.officialSource = rule.sourceCitation();
        this.brevity = rule.brevity();
        this.sources = rule.sources();
    }

    @Override
    public Post initialState() {
        return new Post.None();
    }

    @Override
    public List<ModerationEvent> decide(PostCommand command, Post state) {
        if (command instanceof PostCommand.Submit s) {
            if (state instanceof Draft) {
                throw new RuleViolation(workflow, "postId", "this post was already submitted");
            }
            checkText(s.text(), s.sourceKind(), s.source(), s.screening());
            return List.of(new ModerationEvent.PostSubmitted(s.groupId(), s.postId(), s.actor(), s.text().strip(),
                    s.source().strip(), s.screening().warnings(), kind(s.sourceKind())));
        }
        if (!(state instanceof Draft d)) {
            throw new RuleViolation(workflow, "postId", "no such post");
        }
        return switch (command) {
            case PostCommand.Submit s -> throw new IllegalStateException("handled above");
            case PostCommand.Return r -> {
                board(r.board(), "returns a post for edits");
                stage(d, "returned for edits", Stage.SUBMITTED, Stage.VERIFIED);
                if (r.comments() == null || r.comments().isBlank()) {
                    throw new InvalidInput(workflow, "comments", "say what to change");
                }
                yield List.of(new ModerationEvent.PostReturned(d.groupId(), d.postId(), r.actor(), r.comments().strip()));
            }
            case PostCommand.Revise r -> {
                if (!r.actor().equals(d.authorId())) {
                    throw new NotPermitted(workflow, "only the author revises a returned post");
                }
                stage(d, "revised", Stage.RETURNED);
                checkText(r.text(), r.sourceKind(), r.source(), r.screening());
                yield List.of(new ModerationEvent.PostRevised(d.groupId(), d.postId(), r.actor(), r.text().strip(),
                        r.source().strip(), r.screening().warnings(), kind(r.sourceKind())));
            }
            case PostCommand.Verify v -> {
                board(v.board(), "verifies a post");
                stage(d, "verified", Stage.SUBMITTED);
                yield List.of(new ModerationEvent.PostVerified(d.groupId(), d.postId(), v.actor()));
            }
            case PostCommand.Approve a -> {
                board(a.board(), "approves a post");
                stage(d, "approved", Stage.VERIFIED);
                if (a.finalText() != null && a.finalText().isBlank()) {
                    throw new InvalidInput(workflow, "finalText", "an edited text cannot be blank");
                }
                // 7(I).2 is the board's duty: what it publishes is short, whatever length the proposal had
                brief(a.finalText() != null ? a.finalText() : d.text(), "finalText");
                if (a.finalText() != null && a.screening().blockedBy() != null) {
                    throw new RuleViolation(a.screening().blockedBy(), "finalText", a.screening().blockedWhy());
                }
                yield List.of(new ModerationEvent.PostApproved(d.groupId(), d.postId(), a.actor(),
                        a.finalText() == null ? d.text() : a.finalText().strip()));
            }
            case PostCommand.Publish p -> {
                board(p.board(), "publishes a post");
                stage(d, "published", Stage.APPROVED);
                yield List.of(new ModerationEvent.PostPublished(d.groupId(), d.postId(), p.actor()));
            }
        };
    }

    /**
     * What the board publishes is short (police-song-tri:7(I).2, "ngắn gọn, rõ ràng", a duty of the
     * leader and the admins): at most the rule's characters, a bound the platform chose; a member's
     * longer proposal is the board's to edit (13.2c).
     */
    private void brief(String text, String field) {
        if (brevity != null && text.strip().codePointCount(0, text.strip().length()) > brevity.maxCharacters()) {
            throw new RuleViolation(brevity.citation(), field, "a post is short and clear (ngắn gọn, rõ ràng): at most "
                    + brevity.maxCharacters() + " characters");
        }
    }

    private static String kind(String sourceKind) {
        return sourceKind == null || sourceKind.isBlank() ? null : sourceKind.strip();
    }

    /**
     * A post names which of 13.1's official sources it comes from (the point's letter) and the source
     * itself, the reference the board verifies (a document's number, a case, a newspaper's issue or an
     * article's address).
     */
    private void checkText(String text, String sourceKind, String source, PostCommand.Screening screening) {
        if (text == null || text.isBlank()) {
            throw new InvalidInput(workflow, "text", "the post's text is required");
        }
        Policy.Source point = null;
        if (!sources.isEmpty()) {
            String letter = kind(sourceKind);
            point = sources.stream().filter(x -> x.id().equals(letter)).findFirst().orElseThrow(() ->
                    new InvalidInput(officialSource, "sourceKind", "which official source the post comes from: one of "
                            + sources.stream().map(Policy.Source::id).toList()));
        }
        if (source == null || source.isBlank()) {
            throw new InvalidInput(point == null ? officialSource : point.citation(), "source",
                    "a post comes from an official source; name it");
        }

        if (screening.blockedBy() != null) {
            throw new RuleViolation(screening.blockedBy(), "text", screening.blockedWhy());
        }
    }

    private void board(boolean board, String what) {
        if (!board) {
            throw new NotPermitted(workflow, "only the group's management board " + what);
        }
    }

    private void stage(Draft d, String verb, Stage... allowed) {
        for (Stage s : allowed) {
            if (d.stage() == s) {
                return;
            }
        }
        throw new RuleViolation(workflow, "postId", "a post " + d.stage().name().toLowerCase(java.util.Locale.ROOT)
                + " cannot be " + verb);
    }

    @Override
    public Post evolve(Post state, ModerationEvent event) {
        return switch (event) {
            case ModerationEvent.PostSubmitted e -> new Draft(e.groupId(), e.postId(), e.authorId(), e.text(), e.source(),
                    Stage.SUBMITTED, e.warnings(), e.sourceKind());
            case ModerationEvent.PostReturned e -> ((Draft) state).at(Stage.RETURNED);
            case ModerationEvent.PostRevised e -> {
                Draft d = (Draft) state;
                yield new Draft(d.groupId(), d.postId(), d.authorId(), e.text(), e.source(), Stage.SUBMITTED, e.warnings(),
                        e.sourceKind());
            }
            case ModerationEvent.PostVerified e -> ((Draft) state).at(Stage.VERIFIED);
            case ModerationEvent.PostApproved e -> {
                Draft d = (Draft) state;
                yield new Draft(d.groupId(), d.postId(), d.authorId(), e.finalText(), d.source(), Stage.APPROVED,
                        d.warnings(), d.sourceKind());
            }
            case ModerationEvent.PostPublished e -> ((Draft) state).at(Stage.PUBLISHED);
            default -> state;
        };
    }
}
