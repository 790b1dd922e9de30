package vn.binhyen.report.dashboard;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import vn.binhyen.eventlog.EventLogException;

/**
 * The dashboard's officers and their sessions. Passwords are kept as PBKDF2-HMAC-SHA256 hashes
 * (the JDK's own implementation, 210,000 iterations as OWASP advises for it, a random salt each);
 * a session is a random 256-bit id in an HttpOnly cookie, of which only the SHA-256 is stored,
 * valid for one shift ({@code binhyen.dashboard.session-length}).
 */
@ApplicationScoped
public class Accounts {
    static final int ITERATIONS = 210_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AgroalDataSource dataSource;
    private final Clock clock;
    private final Duration sessionLength;
    private final String defaultUnit;

    Accounts(AgroalDataSource dataSource, Clock clock,
            @ConfigProperty(name = "binhyen.dashboard.session-length", defaultValue = "PT12H") Duration sessionLength,
            @ConfigProperty(name = "binhyen.dashboard.unit") String defaultUnit) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.sessionLength = sessionLength;
        this.defaultUnit = defaultUnit;
    }

    /** A signed-in officer, of a unit (issue 21): their roles count for that unit's reports only. */
    public record Officer(String username, String displayName, Set<String> roles, String unit) {
        public boolean has(String role) {
            return roles.contains(role);
        }

        public vn.binhyen.report.service.ReportScope.Caller caller() {
            return new vn.binhyen.report.service.ReportScope.Caller(username, roles, Optional.ofNullable(unit));
        }
    }

    /** {@code unit}: the officer's unit; null for this deployment's own ({@code binhyen.dashboard.unit}). */
    public void create(String username, String displayName, List<String> roles, String password, String unit) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "insert into dashboard_user (username, display_name, roles, password_hash, created_at, unit) "
                        + "values (?, ?, ?, ?, ?, ?) on conflict (username) do update set display_name = "
                        + "excluded.display_name, roles = excluded.roles, password_hash = excluded.password_hash, "
                        + "unit = excluded.unit")) {
            ps.setString(1, username);
            ps.setString(2, displayName);
            ps.setArray(3, c.createArrayOf("text", roles.toArray()));
            ps.setString(4, hash(password.toCharArray()));
            ps.setTimestamp(5, Timestamp.from(clock.instant()));
            ps.setString(6, unit == null || unit.isBlank() ? defaultUnit : unit);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new EventLogException("officer " + username + " could not be saved: " + e.getMessage(), e);
        }
    }

    /** Checks the password; on success opens a session and returns its cookie value. */
    public Optional<String> signIn(String username, String password) {
        Optional<String> stored = query("select password_hash from dashboard_user where username = ?", username);
        // hash even for an unknown name, so that timing does not tell which names exist
        boolean ok = verify(password == null ? new char[0] : password.toCharArray(),
                stored.orElse("pbkdf2-sha256$" + ITERATIONS + "$AAAAAAAAAAAAAAAAAAAAAA$AAAA"));
        if (stored.isEmpty() || !ok) {
            return Optional.empty();
        }
        byte[] id = new byte[32];
        RANDOM.nextBytes(id);
        String cookie = Base64.getUrlEncoder().withoutPadding().encodeToString(id);
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "insert into dashboard_session (id_hash, username, created_at, expires_at) values (?, ?, ?, ?)")) {
            ps.setString(1, sha256(cookie));
            ps.setString(2, username);
            ps.setTimestamp(3, Timestamp.from(now));
            ps.setTimestamp(4, Timestamp.from(now.plus(sessionLength)));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new EventLogException("session could not be opened: " + e.getMessage(), e);
        }
        return Optional.of(cookie);
    }

    /** The officer of a live session. */
    public Optional<Officer> session(String cookie) {
        if (cookie == null || cookie.isBlank() || cookie.length() > 100) {
            return Optional.empty();
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select u.username, u.display_name, u.roles, coalesce(u.unit, ?) from dashboard_session s join "
                        + "dashboard_user u on u.username = s.username where s.id_hash = ? and s.expires_at > ?")) {
            ps.setString(1, defaultUnit);
            ps.setString(2, sha256(cookie));
            ps.setTimestamp(3, Timestamp.from(clock.instant()));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Officer(rs.getString(1), rs.getString(2),
                        Set.copyOf(Arrays.asList((String[]) rs.getArray(3).getArray())), rs.getString(4)));
            }
        } catch (SQLException e) {
            throw new EventLogException("session could not be read: " + e.getMessage(), e);
        }
    }

    public void signOut(String cookie) {
        if (cookie == null) {
            return;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "delete from dashboard_session where id_hash = ? or expires_at <= ?")) {
            ps.setString(1, sha256(cookie));
            ps.setTimestamp(2, Timestamp.from(clock.instant()));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new EventLogException("session could not be closed: " + e.getMessage(), e);
        }
    }

    private Optional<String> query(String sql, String arg) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new EventLogException("account could not be read: " + e.getMessage(), e);
        }
    }

    static String hash(char[] password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return "pbkdf2-sha256$" + ITERATIONS + "$" + Base64.getEncoder().withoutPadding().encodeToString(salt) + "$"
                + Base64.getEncoder().withoutPadding().encodeToString(pbkdf2(password, salt, ITERATIONS));
    }

    static boolean verify(char[] password, String stored) {
        // scheme$iterations$salt$hash, cut at its three dollar signs by hand (no regular expression in main code)
        int first = stored.indexOf('$');
        int second = first < 0 ? -1 : stored.indexOf('$', first + 1);
        int third = second < 0 ? -1 : stored.indexOf('$', second + 1);
        if (third < 0 || third == stored.length() - 1 || stored.indexOf('$', third + 1) >= 0
                || !stored.substring(0, first).equals("pbkdf2-sha256")) {
            return false;
        }
        byte[] salt = Base64.getDecoder().decode(stored.substring(second + 1, third));
        byte[] expected = Base64.getDecoder().decode(stored.substring(third + 1));
        return MessageDigest.isEqual(expected, pbkdf2(password, salt, Integer.parseInt(stored.substring(first + 1,
                second))));
    }

    private static byte[] pbkdf2(char[] password, byte[] salt, int iterations) {
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new PBEKeySpec(password, salt, iterations, 256)).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2 is unavailable", e);
        }
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
