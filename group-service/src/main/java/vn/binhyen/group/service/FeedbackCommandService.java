package vn.binhyen.group.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.OptionalLong;
import vn.binhyen.contracts.group.FeedbackEvent;
import vn.binhyen.eventlog.decider.CommandHandler;
import vn.binhyen.eventlog.decider.Snapshots;
import vn.binhyen.group.domain.feedback.Feedback;
import vn.binhyen.group.domain.feedback.FeedbackCommand;
import vn.binhyen.group.projection.FeedbackProjector;

/**
 * Residents' feedback: load → decide → append in one transaction per command, in streams
 * {@code feedback-<id>} of the same store as groups (and so on the group events' topic), the
 * {@code feedback} read model updated in it.
 */
@ApplicationScoped
public class FeedbackCommandService {
    private final CommandHandler<FeedbackCommand, Feedback, FeedbackEvent> handler;
    private final FeedbackProjector projector;

    FeedbackCommandService(CommandHandler<FeedbackCommand, Feedback, FeedbackEvent> handler,
            FeedbackProjector projector) {
        this.handler = handler;
        this.projector = projector;
    }

    @Transactional
    public CommandHandler.Outcome<Feedback, FeedbackEvent> handle(String feedbackId, OptionalLong ifMatch,
            FeedbackCommand command, CommandHandler.Metadata meta) {
        var outcome = handler.handle(FeedbackEvent.streamId(feedbackId), ifMatch, command, meta);
        projector.apply(outcome.events());
        return outcome;
    }

    /** The feedback now, and the version it was read at. */
    public Snapshots.Snapshot<Feedback> load(String feedbackId) {
        return handler.current(FeedbackEvent.streamId(feedbackId));
    }
}
