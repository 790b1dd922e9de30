package vn.binhyen.group.rest;

import jakarta.ws.rs.core.Response;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import vn.binhyen.contracts.Roles;
import vn.binhyen.eventlog.http.Problem;

/** Who may read beyond their own groups, and the 403 problem document for those who may not. */
final class Access {
    /** Roles that may read any group without being on its roster. */
    static final Set<String> OVERSIGHT = Set.of(Roles.SYSTEM_ADMIN, Roles.AUDITOR, Roles.COMMANDER, Roles.BOT);

    private Access() {
    }

    static boolean oversight(JsonWebToken token) {
        return token.getGroups().stream().anyMatch(OVERSIGHT::contains);
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
