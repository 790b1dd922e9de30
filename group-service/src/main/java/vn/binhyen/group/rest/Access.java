package vn.binhyen.group.rest;

import jakarta.ws.rs.core.Response;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.jwt.JsonWebToken;
import vn.binhyen.contracts.Roles;
import vn.binhyen.eventlog.http.Callers;
import vn.binhyen.eventlog.http.Problem;
import vn.binhyen.group.domain.Group;
import vn.binhyen.group.projection.UnitTree;

/**
 * Who may see and do what beyond their own groups (issue 21; audit F9, L5), in one place, and
 * the 403 problem document for those who may not. Staff roles count only within the unit their
 * token's {@code unit} claim names: a commander oversees and acts on the groups of that unit; an
 * auditor reads those and the groups of the units below it (a province's wards); a bot reads
 * only the groups it is bound to; a system administrator, every group. Out of scope, a staff
 * role is told the group is unknown (404), so another unit's groups are not revealed; a person
 * who is not on a group's roster is refused (403).
 */
final class Access {
    /** Roles that may read groups without being on their rosters, each within its scope ({@link #mayOversee}). */
    static final Set<String> OVERSIGHT = Set.of(Roles.SYSTEM_ADMIN, Roles.AUDITOR, Roles.COMMANDER, Roles.BOT);

    private Access() {
    }

    /** Whether the token holds an oversight role at all: out of scope it is answered 404, not 403. */
    static boolean oversight(JsonWebToken token) {
        return token.getGroups().stream().anyMatch(OVERSIGHT::contains);
    }

    /**
     * Whether the token's holder may read {@code g} without being on its roster: a system
     * administrator; a commander of the group's unit; an auditor of that unit or of a unit above
     * it; a bot bound to the group.
     */
    static boolean mayOversee(JsonWebToken token, Group.Established g, UnitTree units) {
        if (has(token, Roles.SYSTEM_ADMIN)) {
            return true;
        }
        if (has(token, Roles.BOT) && g.servedBy(token.getName())) {
            return true;
        }
        Optional<String> unit = Callers.unit(token);
        if (unit.isEmpty() || g.unit() == null) {
            return false;
        }
        return has(token, Roles.COMMANDER) && unit.get().equals(g.unit())
                || has(token, Roles.AUDITOR) && units.within(g.unit(), unit.get());
    }

    /**
     * Whether the token's holder may act on {@code g} as its superior authority (suspend, resume,
     * terminate, change its profile): a system administrator, or a commander of the group's unit.
     */
    static boolean mayCommand(JsonWebToken token, Group.Established g) {
        return has(token, Roles.SYSTEM_ADMIN) || mayEstablishIn(token, g.unit());
    }

    /** Whether the token's holder may establish a group of {@code unit}: a system administrator, or its commander. */
    static boolean mayEstablishIn(JsonWebToken token, String unit) {
        return has(token, Roles.SYSTEM_ADMIN) || Callers.actsFor(token, Roles.COMMANDER, unit);
    }

    /**
     * The units whose groups the token's holder lists: null for every unit (a system
     * administrator); else the commander's unit, and the auditor's with every unit below it
     * (none without a {@code unit} claim).
     */
    static Set<String> listScope(JsonWebToken token, UnitTree units) {
        if (has(token, Roles.SYSTEM_ADMIN)) {
            return null;
        }
        Set<String> scope = new TreeSet<>();
        Optional<String> unit = Callers.unit(token);
        if (unit.isPresent()) {
            if (has(token, Roles.AUDITOR)) {
                scope.addAll(units.below(unit.get()));
            }
            if (has(token, Roles.COMMANDER)) {
                scope.add(unit.get());
            }
        }
        return scope;
    }

    private static boolean has(JsonWebToken token, String role) {
        return token.getGroups().contains(role);
    }

    /** A read refused because the caller is neither on the group's roster nor an oversight role. */
    static final class Forbidden extends RuntimeException {
        Forbidden(String detail) {
            super(detail);
        }
    }

    /** A directive, poll or other item the group does not have. */
    static final class NotFound extends RuntimeException {
        NotFound(String detail) {
            super(detail);
        }
    }

    static Response forbidden(String detail) {
        return Problem.of("not-permitted", "Không có quyền / Not permitted", Response.Status.FORBIDDEN, detail)
                .toResponse();
    }
}
