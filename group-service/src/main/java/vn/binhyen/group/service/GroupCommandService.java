package vn.binhyen.group.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import vn.binhyen.eventlog.EventIds;
import vn.binhyen.eventlog.decider.InvalidInput;
import vn.binhyen.eventlog.decider.RuleViolation;
import vn.binhyen.group.domain.GroupDecider;
import vn.binhyen.group.domain.RegulationProfile;
import vn.binhyen.contracts.group.GroupEvent;
import vn.binhyen.eventlog.EventStore;
import vn.binhyen.eventlog.decider.CommandHandler;
import vn.binhyen.group.domain.Group;
import vn.binhyen.group.domain.GroupCommand;
import vn.binhyen.group.domain.UnknownGroupException;
import vn.binhyen.group.domain.unit.UnitDecider;
import vn.binhyen.group.projection.GroupProjector;

/**
 * Load → decide → append, in one transaction per command. A group is established only for a
 * unit that is (issue 21); a unit's stream is never read as a group's.
 */
@ApplicationScoped
public class GroupCommandService {
    private final CommandHandler<GroupCommand, Group, GroupEvent> handler;
    private final EventStore store;
    private final GroupProjector projector;
    private final UnitCommandService units;

    GroupCommandService(CommandHandler<GroupCommand, Group, GroupEvent> handler, EventStore store,
            GroupProjector projector, UnitCommandService units) {
        this.handler = handler;
        this.store = store;
        this.projector = projector;
        this.units = units;
    }

    /**
     * Decides and appends, and updates the read models in the same transaction; a group's
     * establishment for a unit that is not established is refused (422, field {@code unit}) and
     * writes nothing.
     */
    @Transactional
    public CommandHandler.Outcome<Group, GroupEvent> handle(String groupId, OptionalLong ifMatch, GroupCommand command,
            CommandHandler.Metadata meta) {
        requireGroupStream(groupId);
        if (command instanceof GroupCommand.EstablishGroup e) {
            requireUnit(e.unit());
        }
        var outcome = handler.handle(groupId, ifMatch, command, meta);
        projector.apply(outcome.state(), outcome.version(), outcome.events(), command.at());
        return outcome;
    }

    /** One group a template created. */
    public record Created(String key, String groupId, String name, long version) {
    }

    /**
     * Establishes every group of a profile's template in one transaction (all or none), each
     * with the leader given for its key (council-binh-duong:4; police-song-tri:5).
     */
    @Transactional
    public List<Created> establishFromTemplate(RegulationProfile profile, String templateId, String unit,
            String responsibility, Map<String, GroupEvent.Member> leaders, CommandHandler.Metadata meta, Instant at) {
        RegulationProfile.Template template = profile.template(templateId).orElseThrow(() -> new InvalidInput(
                profile.rules().establishment().citation(), "templateId", profile.id() + " has no template " + templateId));
        requireUnit(unit);
        List<Created> created = new ArrayList<>();
        for (RegulationProfile.TemplateGroup tg : template.groups()) {
            GroupEvent.Member leader = leaders.get(tg.key());
            if (leader == null) {
                throw new InvalidInput(template.citation(), "leaders." + tg.key(), "the leader of \"" + tg.name()
                        + "\" is required");
            }
            String groupId = "group-" + EventIds.next();
            String avatar = tg.avatarRule() != null ? tg.avatarRule() : template.avatarRule();
            var outcome = handle(groupId, OptionalLong.of(0), new GroupCommand.EstablishGroup(groupId, tg.name(),
                    tg.purpose(), profile.id(), unit, tg.kind(), responsibility, avatar, leader, meta.actor().id(), at),
                    meta);
            created.add(new Created(tg.key(), groupId, tg.name(), outcome.version()));
        }
        return created;
    }

    /** The group as it was at {@code at}: its events recorded up to then, folded. */
    public Group loadAt(String groupId, Instant at) {
        requireGroupStream(groupId);
        return fold(groupId, at).group();
    }

    /** The group as it is now, and the stream version it was read at (snapshot, then the events after it). */
    public Loaded load(String groupId) {
        requireGroupStream(groupId);
        var current = handler.current(groupId);
        return new Loaded(current.state(), current.version());
    }

    private Loaded fold(String groupId, Instant upTo) {
        var decider = handler.decider();
        Group state = decider.initialState();
        long version = 0;
        for (var envelope : store.read(groupId)) {
            if (envelope.recordedAt().isAfter(upTo)) {
                break;
            }
            state = decider.evolve(state, handler.codec().decode(envelope));
            version = envelope.streamVersion();
        }
        return new Loaded(state, version);
    }

    public record Loaded(Group group, long version) {
    }

    /** Refuses a group's establishment for a unit that is not established (binhyen:units). */
    private void requireUnit(String unit) {
        if (unit == null || unit.isBlank()) {
            throw new InvalidInput(UnitDecider.UNITS, "unit", "every group belongs to a unit");
        }
        if (!units.established(unit)) {
            throw new RuleViolation(UnitDecider.UNITS, "unit", "no unit " + unit
                    + " is established; a system administrator establishes it first (POST /api/v1/units)");
        }
    }

    /** A unit's stream (the same store) is no group: 404, never a unit's events folded as a group's. */
    private static void requireGroupStream(String groupId) {
        if (groupId != null && groupId.startsWith(UnitCommandService.STREAM_PREFIX)) {
            throw new UnknownGroupException("no group " + groupId);
        }
    }
}
