package vn.binhyen.group.domain.unit;

import java.util.List;
import vn.binhyen.contracts.Roles;
import vn.binhyen.contracts.group.UnitEvent;
import vn.binhyen.contracts.group.UnitEvent.UnitEstablished;
import vn.binhyen.contracts.group.UnitEvent.UnitRenamed;
import vn.binhyen.eventlog.decider.Decider;
import vn.binhyen.eventlog.decider.InvalidInput;
import vn.binhyen.eventlog.decider.NotPermitted;
import vn.binhyen.eventlog.decider.RuleViolation;
import vn.binhyen.group.domain.Conflict;
import vn.binhyen.group.domain.unit.UnitCommand.EstablishUnit;
import vn.binhyen.group.domain.unit.UnitCommand.RenameUnit;

/**
 * The unit aggregate's rules (issue 21), each refusal naming {@link #UNITS}: only a system
 * administrator establishes or renames a unit; a unit's id is short and plain (it is the
 * {@code unit} claim of tokens and the unit of every group); its kind is one of
 * {@link UnitEvent#KINDS}; its parent, if it has one, is established before it.
 */
public final class UnitDecider implements Decider<UnitCommand, Unit, UnitEvent> {
    /** The platform's rules on units (not a regulation's): who keeps them, their ids, kinds and parents. */
    public static final String UNITS = "binhyen:units";
    /** The shortest and the longest unit id. */
    public static final int MIN_ID = 2;
    public static final int MAX_ID = 64;

    @Override
    public Unit initialState() {
        return new Unit.None();
    }

    @Override
    public List<UnitEvent> decide(UnitCommand command, Unit state) {
        if (!command.roles().contains(Roles.SYSTEM_ADMIN)) {
            throw new NotPermitted(UNITS, "only a system administrator establishes and renames units");
        }
        return switch (command) {
            case EstablishUnit c -> establish(c, state);
            case RenameUnit c -> rename(c, state);
        };
    }

    private static List<UnitEvent> establish(EstablishUnit c, Unit state) {
        if (state instanceof Unit.Established) {
            throw new Conflict(UNITS, "unitId", "unit " + c.unitId() + " is already established");
        }
        if (!isUnitId(c.unitId())) {
            throw new InvalidInput(UNITS, "unitId", "a unit id is " + MIN_ID + " to " + MAX_ID
                    + " lowercase letters a-z, digits and hyphens, such as ca-phuong-song-tri");
        }
        if (c.name() == null || c.name().isBlank()) {
            throw new InvalidInput(UNITS, "name", "the unit's name is required");
        }
        if (c.kind() == null || !UnitEvent.KINDS.contains(c.kind())) {
            throw new InvalidInput(UNITS, "kind", "the kind of unit is one of " + UnitEvent.KINDS);
        }
        String parent = c.parentUnitId() == null || c.parentUnitId().isBlank() ? null : c.parentUnitId();
        if (parent != null && !c.parentEstablished()) {
            throw new RuleViolation(UNITS, "parentUnitId", "no unit " + parent
                    + " is established; a unit's parent is established before it");
        }
        return List.of(new UnitEstablished(c.unitId(), c.name().strip(), c.kind(), parent, c.actor()));
    }

    /** The same name again records nothing. */
    private static List<UnitEvent> rename(RenameUnit c, Unit state) {
        if (!(state instanceof Unit.Established u)) {
            throw new UnknownUnitException("no such unit");
        }
        if (c.name() == null || c.name().isBlank()) {
            throw new InvalidInput(UNITS, "name", "the unit's new name is required");
        }
        String name = c.name().strip();
        if (name.equals(u.name())) {
            return List.of();
        }
        return List.of(new UnitRenamed(u.unitId(), name, c.actor()));
    }

    /**
     * Whether {@code id} is a unit id: {@value #MIN_ID} to {@value #MAX_ID} characters, each a
     * lowercase ASCII letter, a digit or a hyphen; read once, character by character.
     */
    public static boolean isUnitId(String id) {
        if (id == null || id.length() < MIN_ID || id.length() > MAX_ID) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char ch = id.charAt(i);
            if (!(ch >= 'a' && ch <= 'z' || ch >= '0' && ch <= '9' || ch == '-')) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Unit evolve(Unit state, UnitEvent event) {
        return switch (event) {
            case UnitEstablished e -> new Unit.Established(e.unitId(), e.name(), e.kind(), e.parentUnitId());
            case UnitRenamed e -> state instanceof Unit.Established u ? u.withName(e.name()) : state;
        };
    }
}
