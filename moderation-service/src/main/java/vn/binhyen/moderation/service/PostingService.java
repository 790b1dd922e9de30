package vn.binhyen.moderation.service;

import vn.binhyen.eventlog.directory.Directory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import vn.binhyen.contracts.moderation.ModerationEvent;
import vn.binhyen.eventlog.Envelope;
import vn.binhyen.eventlog.EventIds;
import vn.binhyen.eventlog.EventStore;
import vn.binhyen.eventlog.decider.CommandHandler;
import vn.binhyen.moderation.domain.posting.Post;
import vn.binhyen.moderation.domain.posting.PostCommand;
import vn.binhyen.moderation.domain.posting.PostDecider;
import vn.binhyen.moderation.domain.screening.Decision;
import vn.binhyen.moderation.domain.screening.Message;
import vn.binhyen.moderation.domain.screening.Screener;
import vn.binhyen.moderation.domain.screening.Verdict;
import vn.binhyen.moderation.domain.screening.Violation;

/**
 * The publishing workflow of police-song-tri:13.2, with screening on every submitted text and on the
 * board's edit; only a group whose regulation makes the workflow has it.
 */
@ApplicationScoped
public class PostingService {
    /** The one regulation with a publishing workflow (police-song-tri:13.2). */
    public static final String REGULATION = "police-song-tri";

    private final CommandHandler<PostCommand, Post, ModerationEvent> posts;
    private final EventStore store;
    private final PolicyRegistry screeners;
    private final GroupProfiles profiles;
    private final Directory boards;
    private final Clock clock;
    private final io.agroal.api.AgroalDataSource dataSource;

    PostingService(CommandHandler<PostCommand, Post, ModerationEvent> posts, EventStore store,
            PolicyRegistry screeners, GroupProfiles profiles, Directory boards, Clock clock,
            io.agroal.api.AgroalDataSource dataSource) {
        this.dataSource = dataSource;
        this.posts = posts;
        this.store = store;
        this.screeners = screeners;
        this.profiles = profiles;
        this.boards = boards;
        this.clock = clock;
    }

    public record Step(String event, String actor, String at, Map<String, Object> details) {
    }

    /** A post as the board sees it, with its whole history. */
    /** {@code sourceKind}: which of 13.1's official sources the post names (its point's letter). */
    public record PostView(String postId, String groupId, String authorId, String text, String sourceKind,
            String source, String stage, List<String> warnings, List<Step> history, long version) {
    }

    @Transactional
    public PostView submit(String groupId, String text, String sourceKind, String source,
            CommandHandler.Metadata meta) {
        if (screeners.at(profiles.profileOf(groupId), clock.instant()).policy().posting() == null) {
            throw new vn.binhyen.eventlog.decider.RuleViolation("binhyen:profiles", "groupId",
                    "this group's regulation makes no publishing workflow; its members post in the group");
        }
        String postId = "post-" + EventIds.next();
        posts.handle(postId, OptionalLong.of(0), new PostCommand.Submit(groupId, postId, text, sourceKind, source,
                screen(groupId, postId, meta.actor().id(), text), meta.actor().id()), meta);
        return project(view(postId));
    }

    @Transactional
    public PostView act(String postId, OptionalLong ifMatch, PostCommand command, CommandHandler.Metadata meta) {
        if (!(command instanceof PostCommand.Submit) && !(posts.load(postId) instanceof Post.Draft)) {
            throw new UnknownPost("no post " + postId); // a step on a post never submitted: 404, not a rule's 422
        }
        posts.handle(postId, ifMatch, command, meta);
        return project(view(postId));
    }

    /** A post in its board's list ({@code post_draft}): its stage, text and version now. */
    public record Waiting(String postId, String authorId, String stage, String text, String source, long version,
            java.time.Instant updatedAt) {
    }

    /** Whether the group's regulation makes a publishing workflow (the police group's 13.2; no other does). */
    public boolean hasWorkflow(String groupId) {
        return screeners.at(profiles.profileOf(groupId), clock.instant()).policy().posting() != null;
    }

    /** The most posts one list answers. */
    public static final int LIST_LIMIT = 200;

    /** The group's posts at {@code stages}, the longest waiting first, at most {@link #LIST_LIMIT}. */
    public List<Waiting> waiting(String groupId, java.util.Set<Post.Stage> stages) {
        List<Waiting> out = new java.util.ArrayList<>();
        try (var c = dataSource.getConnection(); var ps = c.prepareStatement(
                "select post_id, author_id, stage, text, source, version, updated_at from post_draft "
                        + "where group_id = ? and stage = any(?) order by updated_at limit " + LIST_LIMIT)) {
            ps.setString(1, groupId);
            ps.setArray(2, c.createArrayOf("text", stages.stream().map(Enum::name).toArray()));
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Waiting(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getLong(6), rs.getTimestamp(7).toInstant()));
                }
            }
        } catch (java.sql.SQLException e) {
            throw new vn.binhyen.eventlog.EventLogException("the posts of " + groupId + " could not be read: "
                    + e.getMessage(), e);
        }
        return out;
    }

    /** Writes the post's row of its board's list, in the step's transaction. */
    private PostView project(PostView v) {
        try (var c = dataSource.getConnection(); var ps = c.prepareStatement(
                "insert into post_draft (post_id, group_id, author_id, stage, text, source, version, updated_at) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (post_id) do update set stage = excluded.stage, "
                        + "text = excluded.text, source = excluded.source, version = excluded.version, "
                        + "updated_at = excluded.updated_at where post_draft.version < excluded.version")) {
            ps.setString(1, v.postId());
            ps.setString(2, v.groupId());
            ps.setString(3, v.authorId());
            ps.setString(4, v.stage());
            ps.setString(5, v.text());
            ps.setString(6, v.source());
            ps.setLong(7, v.version());
            ps.setTimestamp(8, java.sql.Timestamp.from(clock.instant()));
            ps.executeUpdate();
        } catch (java.sql.SQLException e) {
            throw new vn.binhyen.eventlog.EventLogException("post " + v.postId() + " could not be listed: "
                    + e.getMessage(), e);
        }
        return v;
    }

    /** Whether {@code memberId} is on the board of the post's group. */
    public boolean onBoard(String postId, String memberId) {
        return posts.load(postId) instanceof Post.Draft d && boards.onBoard(d.groupId(), memberId);
    }

    public PostCommand.Screening screenFor(String postId, String text, String actor) {
        if (!(posts.load(postId) instanceof Post.Draft d)) {
            return new PostCommand.Screening(List.of(), null, null);
        }
        return screen(d.groupId(), postId, actor, text);
    }

    private PostCommand.Screening screen(String groupId, String postId, String author, String text) {
        if (text == null || text.isBlank()) {
            return new PostCommand.Screening(List.of(), null, null);
        }
        Screener screener = screeners.at(profiles.profileOf(groupId), clock.instant());
        Verdict v = screener.screen(new Message(groupId, postId, author, null, text, List.of(), List.of(), false,
                clock.instant()), 1);
        List<String> warnings = v.violations().stream()
                .map(x -> x.category() + " (" + x.citation() + "): " + x.evidence().excerpt()).toList();
        if (v.decision() != Decision.REMOVE) {
            return new PostCommand.Screening(warnings, null, null);
        }
        Violation first = v.violations().stream().filter(x -> x.decision() == Decision.REMOVE).findFirst().orElseThrow();
        return new PostCommand.Screening(warnings, first.citation(), "the text breaks "
                + v.violations().stream().filter(x -> x.decision() == Decision.REMOVE)
                        .map(x -> x.category() + " (" + x.citation() + ")").distinct().collect(Collectors.joining(", ")));
    }

    public PostView view(String postId) {
        List<Envelope> history = store.read(postId);
        if (!(posts.load(postId) instanceof Post.Draft d)) {
            throw new UnknownPost("no post " + postId);
        }
        List<Step> steps = history.stream().map(e -> new Step(e.eventType(), e.actor().id(), e.recordedAt().toString(),
                vn.binhyen.eventlog.Json.MAPPER.convertValue(e.payload(), Map.class))).map(s -> {
                    s.details().remove("groupId");
                    s.details().remove("postId");
                    return s;
                }).toList();
        return new PostView(d.postId(), d.groupId(), d.authorId(), d.text(), d.sourceKind(), d.source(),
                d.stage().name(), d.warnings(),
                steps, history.isEmpty() ? 0 : history.getLast().streamVersion());
    }

    /** No post with that id. */
    public static final class UnknownPost extends RuntimeException {
        public UnknownPost(String detail) {
            super(detail);
        }
    }

    /** The workflow's citation, for the REST layer's problems. */
    public String citation() {
        return screeners.at(REGULATION, clock.instant()).policy().posting().citation();
    }
}
