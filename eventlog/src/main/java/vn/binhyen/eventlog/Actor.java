package vn.binhyen.eventlog;

import java.util.Objects;

/**
 * Who caused an event: the acting principal, the role it acted in, and on whose behalf
 * (a bot relaying a citizen, a deputy acting for the leader), if anyone.
 */
public record Actor(String id, String role, String onBehalfOf) {
    public Actor {
        Objects.requireNonNull(id, "actor id");
        Objects.requireNonNull(role, "actor role");
        if (id.isBlank() || role.isBlank()) {
            throw new IllegalArgumentException("actor id and role must not be blank");
        }
    }

    public static Actor of(String id, String role) {
        return new Actor(id, role, null);
    }

    public static Actor system(String service) {
        return new Actor(service, "SYSTEM", null);
    }
}
