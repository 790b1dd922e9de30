package vn.binhyen.group.domain.unit;

import java.time.Instant;
import java.util.Set;

/**
 * What a system administrator asks of a unit. {@code actor} is the token's subject, {@code roles}
 * its roles (only a system administrator keeps the units, whatever unit a token names); {@code at}
 * is when.
 */
public sealed interface UnitCommand {
    String actor();

    Set<String> roles();

    Instant at();

    /**
     * {@code parentUnitId} may be null (a unit with none above it); {@code parentEstablished} says
     * whether the service found that parent established (the decider reads nothing itself).
     */
    record EstablishUnit(String unitId, String name, String kind, String parentUnitId, boolean parentEstablished,
            String actor, Set<String> roles, Instant at) implements UnitCommand {
        public EstablishUnit {
            roles = roles == null ? Set.of() : Set.copyOf(roles);
        }
    }

    record RenameUnit(String name, String actor, Set<String> roles, Instant at) implements UnitCommand {
        public RenameUnit {
            roles = roles == null ? Set.of() : Set.copyOf(roles);
        }
    }
}
