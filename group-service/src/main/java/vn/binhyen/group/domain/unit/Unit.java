package vn.binhyen.group.domain.unit;

/** A unit's state (đơn vị: a ward police, a ward committee, a provincial council…), folded from its events. */
public sealed interface Unit {

    /** Not established yet. */
    record None() implements Unit {
    }

    /** An established unit; {@code parentUnitId} is null for a unit with none above it (a province). */
    record Established(String unitId, String name, String kind, String parentUnitId) implements Unit {

        Established withName(String n) {
            return new Established(unitId, n, kind, parentUnitId);
        }
    }
}
