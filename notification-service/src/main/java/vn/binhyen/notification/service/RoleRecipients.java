package vn.binhyen.notification.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;
import vn.binhyen.contracts.Roles;
import vn.binhyen.eventlog.http.Callers;

/**
 * A notification addressed to a role (issue 21): a staff role of a unit is {@code role:ROLE@unit}
 * (the commanders of that ward police, not of every ward), a role no unit limits is
 * {@code role:ROLE}. A caller answers for the role addresses of the roles their token holds, each
 * staff role only with the unit the token names.
 */
public final class RoleRecipients {
    static final String PREFIX = "role:";

    private RoleRecipients() {
    }

    /** The address of {@code role}'s holders in {@code unit}; a staff role without a unit is nobody's. */
    public static Optional<String> of(String role, String unit) {
        if (Roles.UNIT_STAFF.contains(role)) {
            return unit == null || unit.isBlank() ? Optional.empty() : Optional.of(PREFIX + role + "@" + unit);
        }
        return Optional.of(PREFIX + role);
    }

    /** The role a role address names ({@code role:ROLE} or {@code role:ROLE@unit}); empty for any other recipient. */
    public static Optional<String> role(String recipient) {
        if (recipient == null || !recipient.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String rest = recipient.substring(PREFIX.length());
        int at = rest.indexOf('@');
        return Optional.of(at < 0 ? rest : rest.substring(0, at));
    }

    /** The unit of a role address, if it names one. */
    public static Optional<String> unit(String recipient) {
        if (recipient == null || !recipient.startsWith(PREFIX) || recipient.indexOf('@') < 0) {
            return Optional.empty();
        }
        return Optional.of(recipient.substring(recipient.indexOf('@') + 1));
    }

    /** The role addresses {@code token}'s holder answers for. */
    public static List<String> forCaller(JsonWebToken token) {
        String unit = Callers.unit(token).orElse(null);
        List<String> out = new ArrayList<>();
        for (String role : token.getGroups()) {
            if (Roles.ALL.contains(role)) {
                of(role, unit).ifPresent(out::add);
            }
        }
        return out;
    }
}
