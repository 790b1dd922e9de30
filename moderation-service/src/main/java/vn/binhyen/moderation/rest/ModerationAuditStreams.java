package vn.binhyen.moderation.rest;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import vn.binhyen.contracts.moderation.ModerationEvent;
import vn.binhyen.eventlog.Envelope;
import vn.binhyen.eventlog.decider.CommandHandler;
import vn.binhyen.eventlog.directory.Directory;
import vn.binhyen.eventlog.http.AuditQuery;
import vn.binhyen.eventlog.http.AuditStreams;
import vn.binhyen.moderation.domain.ledger.Ledger;
import vn.binhyen.moderation.domain.ledger.LedgerCommand;
import vn.binhyen.moderation.domain.posting.Post;
import vn.binhyen.moderation.domain.posting.PostCommand;

/**
 * moderation-service's streams for eventlog's audit endpoint (issue 8): a member's violation ledger
 * ({@code ledger-…}, the sanction ladder's input) or a post in the posting workflow ({@code post-…}),
 * folded by its decider; other streams (screenings, reviews, policies) with their events only. An
 * auditor sees the streams of their unit's groups and the units' below it (issue 21).
 */
@ApplicationScoped
public class ModerationAuditStreams implements AuditStreams {
    private final CommandHandler<LedgerCommand, Ledger, ModerationEvent> ledgers;
    private final CommandHandler<PostCommand, Post, ModerationEvent> posts;
    private final Directory directory;

    ModerationAuditStreams(CommandHandler<LedgerCommand, Ledger, ModerationEvent> ledgers,
            CommandHandler<PostCommand, Post, ModerationEvent> posts, Directory directory) {
        this.ledgers = ledgers;
        this.posts = posts;
        this.directory = directory;
    }

    @Override
    public boolean visible(JsonWebToken auditor, String streamId, List<Envelope> events) {
        return AuditQuery.scopedTo(auditor, directory).test(events);
    }

    @Override
    public Object fold(JsonWebToken auditor, String streamId, List<Envelope> events, Instant at) {
        if (streamId.startsWith("ledger-")) {
            return fold(ledgers, events);
        }
        return streamId.startsWith("post-") ? fold(posts, events) : null;
    }

    private static <S> S fold(CommandHandler<?, S, ModerationEvent> handler, List<Envelope> events) {
        return handler.decider().fold(events.stream().map(handler.codec()::decode).toList());
    }
}
