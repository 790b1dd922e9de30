package vn.binhyen.eventlog.http;

import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;
import vn.binhyen.contracts.Roles;

/** What a verified token says about its caller beyond roles: the unit its staff roles are limited to (issue 21). */
public final class Callers {
    private Callers() {
    }

    /** The unit the token's {@code unit} claim names, if any (a bot's and a person's token name none). */
    public static Optional<String> unit(JsonWebToken token) {
        Object claim = token.getClaim(Roles.UNIT_CLAIM);
        if (claim instanceof jakarta.json.JsonString s) {
            claim = s.getString();
        }
        return claim instanceof String s && !s.isBlank() ? Optional.of(s) : Optional.empty();
    }

    public static boolean has(JsonWebToken token, String role) {
        return token.getGroups().contains(role);
    }

    /** Whether the token carries {@code role} for {@code unitId}: the role, and the unit its claim names. */
    public static boolean actsFor(JsonWebToken token, String role, String unitId) {
        return has(token, role) && unitId != null && unit(token).filter(unitId::equals).isPresent();
    }
}
