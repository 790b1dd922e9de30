package vn.binhyen.group.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.OptionalLong;
import vn.binhyen.contracts.group.GroupEvent;
import vn.binhyen.eventlog.EventStore;
import vn.binhyen.eventlog.decider.CommandHandler;
import vn.binhyen.group.domain.Group;
import vn.binhyen.group.domain.GroupCommand;
import vn.binhyen.group.projection.GroupProjector;

/** Load → decide → append, in one transaction per command. */
@ApplicationScoped
public class GroupCommandService {
    private final CommandHandler<GroupCommand, Group, GroupEvent> handler;
    private final EventStore store;
    private final GroupProjector projector;

    GroupCommandService(CommandHandler<GroupCommand, Group, GroupEvent> handler, EventStore store,
            GroupProjector projector) {
        this.handler = handler;
        this.store = store;
        this.projector = projector;
    }

    /** Decides and appends, and updates the read models in the same transaction. */
    @Transactional
    public CommandHandler.Outcome<Group, GroupEvent> handle(String groupId, OptionalLong ifMatch, GroupCommand command,
            CommandHandler.Metadata meta) {
        var outcome = handler.handle(groupId, ifMatch, command, meta);
        projector.apply(outcome.state(), outcome.version(), outcome.events(), command.at());
        return outcome;
    }

    /** The group as it is now, and the stream version it was read at. */
    public Loaded load(String groupId) {
        return new Loaded(handler.load(groupId), store.version(groupId));
    }

    public record Loaded(Group group, long version) {
    }
}
