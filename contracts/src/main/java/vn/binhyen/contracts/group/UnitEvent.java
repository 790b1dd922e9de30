package vn.binhyen.contracts.group;

import java.util.List;
import java.util.Map;

/**
 * The events of units (đơn vị): a ward police, a ward committee, a provincial council, an IOC,
 * a provincial committee. Every group, report, register, duty roster and dashboard account
 * belongs to one (issue 21). group-service publishes them on {@code binhyen.group.events},
 * in streams {@code unit-<unitId>}; a unit's parent (a ward's province) lets an auditor be
 * given a province-wide scope.
 */
public sealed interface UnitEvent {
    String unitId();

    /** Established by a system administrator; {@code parentUnitId} may be null (a province). */
    record UnitEstablished(String unitId, String name, String kind, String parentUnitId, String establishedBy)
            implements UnitEvent {
    }

    record UnitRenamed(String unitId, String name, String renamedBy) implements UnitEvent {
    }

    Map<String, Class<? extends UnitEvent>> TYPES = Map.ofEntries(
            Map.entry("UnitEstablished", UnitEstablished.class),
            Map.entry("UnitRenamed", UnitRenamed.class));

    int SCHEMA_VERSION = 1;

    /** The stream of a unit's events. */
    static String streamId(String unitId) {
        return "unit-" + unitId;
    }

    /** Kinds of unit. */
    List<String> KINDS = List.of("WARD_POLICE", "WARD_COMMITTEE", "PROVINCIAL_COUNCIL", "IOC",
            "PROVINCIAL_COMMITTEE", "PROVINCIAL_POLICE");
}
