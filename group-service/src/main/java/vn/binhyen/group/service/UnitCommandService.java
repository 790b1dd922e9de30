package vn.binhyen.group.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.Set;
import vn.binhyen.contracts.group.UnitEvent;
import vn.binhyen.eventlog.EventStore;
import vn.binhyen.eventlog.decider.CommandHandler;
import vn.binhyen.group.domain.unit.Unit;
import vn.binhyen.group.domain.unit.UnitCommand;
import vn.binhyen.group.projection.UnitProjector;

/**
 * Units: load → decide → append in one transaction per command, in streams
 * {@code unit-<unitId>} of the same store as groups, the {@code unit} read model updated in it.
 */
@ApplicationScoped
public class UnitCommandService {
    /** How every unit's stream id begins ({@link UnitEvent#streamId}). */
    public static final String STREAM_PREFIX = UnitEvent.streamId("");

    private final CommandHandler<UnitCommand, Unit, UnitEvent> handler;
    private final EventStore store;
    private final UnitProjector projector;

    UnitCommandService(CommandHandler<UnitCommand, Unit, UnitEvent> handler, EventStore store,
            UnitProjector projector) {
        this.handler = handler;
        this.store = store;
        this.projector = projector;
    }

    /**
     * Establishes a unit; whether its parent (if it names one) is established is read here and
     * given to the decider with the command.
     */
    @Transactional
    public CommandHandler.Outcome<Unit, UnitEvent> establish(String unitId, String name, String kind,
            String parentUnitId, String actor, Set<String> roles, Instant at, CommandHandler.Metadata meta) {
        boolean parentEstablished = parentUnitId != null && !parentUnitId.isBlank() && established(parentUnitId);
        return handle(unitId, OptionalLong.empty(), new UnitCommand.EstablishUnit(unitId, name, kind, parentUnitId,
                parentEstablished, actor, roles, at), meta);
    }

    /** Decides and appends, and updates the read model in the same transaction. */
    @Transactional
    public CommandHandler.Outcome<Unit, UnitEvent> handle(String unitId, OptionalLong ifMatch, UnitCommand command,
            CommandHandler.Metadata meta) {
        var outcome = handler.handle(UnitEvent.streamId(unitId), ifMatch, command, meta);
        projector.apply(outcome.events());
        return outcome;
    }

    /** The unit as it is now, and the stream version it was read at. */
    public Loaded load(String unitId) {
        var current = handler.current(UnitEvent.streamId(unitId));
        return new Loaded(current.state(), current.version());
    }

    /** Whether the unit is established (by its events, not the read model). */
    public boolean established(String unitId) {
        return unitId != null && !unitId.isBlank() && load(unitId).unit() instanceof Unit.Established;
    }

    /** The unit as it was at {@code at}: its events recorded up to then, folded. */
    public Loaded loadAt(String unitId, Instant at) {
        var decider = handler.decider();
        Unit state = decider.initialState();
        long version = 0;
        for (var envelope : store.read(UnitEvent.streamId(unitId))) {
            if (envelope.recordedAt().isAfter(at)) {
                break;
            }
            state = decider.evolve(state, handler.codec().decode(envelope));
            version = envelope.streamVersion();
        }
        return new Loaded(state, version);
    }

    public record Loaded(Unit unit, long version) {
    }
}
