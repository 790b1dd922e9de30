package vn.binhyen.report.dashboard;

import vn.binhyen.report.config.ReportIntakeConfig;
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
import java.util.Optional;
import java.util.Set;
import vn.binhyen.eventlog.EventLogException;

/**
 * The dashboard's sessions (issue 22: the officers themselves are Keycloak's). A session opens
 * when Keycloak's ID token validated ({@link OidcClient}), and keeps what it said: name, roles,
 * unit, Keycloak's session id. Its cookie is a random 256-bit id of which only the SHA-256 is
 * stored; it lasts one shift ({@code binhyen.dashboard.session-length}) or until the officer signs
 * out, here or at Keycloak (back-channel logout). Each has a CSRF token its forms carry. A sign-in
 * under way is kept ten minutes at most, bound to the browser that started it.
 */
@ApplicationScoped
public class Sessions {
    private static final SecureRandom RANDOM = new SecureRandom();
    static final Duration SIGN_IN_LASTS = Duration.ofMinutes(10);

    private final AgroalDataSource dataSource;
    private final Clock clock;
    private final Duration sessionLength;
    private final String defaultUnit;

    private final vn.binhyen.report.service.ReporterKeys keys;

    Sessions(AgroalDataSource dataSource, Clock clock, vn.binhyen.report.service.ReporterKeys keys,
            ReportIntakeConfig.Dashboard dashboard) {
        Duration sessionLength = dashboard.sessionLength();
        String defaultUnit = dashboard.unit();
        this.keys = keys;
        this.dataSource = dataSource;
        this.clock = clock;
        this.sessionLength = sessionLength;
        this.defaultUnit = defaultUnit;
    }

    /** A signed-in officer, of a unit (issue 21): their roles count for that unit's reports only. */
    public record Officer(String username, String displayName, Set<String> roles, String unit, String csrf) {
        public boolean has(String role) {
            return roles.contains(role);
        }

        public vn.binhyen.report.service.ReportScope.Caller caller() {
            return new vn.binhyen.report.service.ReportScope.Caller(username, roles, Optional.ofNullable(unit));
        }

        /** Whether a form's CSRF token is this session's (compared in constant time). */
        public boolean sent(String token) {
            return token != null && MessageDigest.isEqual(csrf.getBytes(StandardCharsets.US_ASCII),
                    token.getBytes(StandardCharsets.US_ASCII));
        }
    }

    /** A sign-in under way, as the callback finds it again. */
    public record Pending(String codeVerifier, String nonce) {
    }

    static String random() {
        byte[] id = new byte[32];
        RANDOM.nextBytes(id);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(id);
    }

    /** Keeps a sign-in under way; returns the value of the browser's cookie it is bound to. */
    public String pending(OidcClient.Start start) {
        String browser = random();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement gone = c.prepareStatement("delete from dashboard_sign_in where created_at < ?")) {
                gone.setTimestamp(1, Timestamp.from(clock.instant().minus(SIGN_IN_LASTS)));
                gone.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("insert into dashboard_sign_in (state_hash, browser_hash, "
                    + "code_verifier, nonce, created_at) values (?, ?, ?, ?, ?)")) {
                ps.setString(1, sha256(start.state()));
                ps.setString(2, sha256(browser));
                ps.setString(3, start.codeVerifier());
                ps.setString(4, start.nonce());
                ps.setTimestamp(5, Timestamp.from(clock.instant()));
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw new EventLogException("a sign-in could not be kept: " + e.getMessage(), e);
        }
        return browser;
    }

    /** The sign-in of {@code state}, once, if the same browser started it less than ten minutes ago. */
    public Optional<Pending> takePending(String state, String browser) {
        if (state == null || browser == null || state.length() > 200 || browser.length() > 100) {
            return Optional.empty();
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "delete from dashboard_sign_in where state_hash = ? returning browser_hash, code_verifier, nonce, "
                        + "created_at")) {
            ps.setString(1, sha256(state));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || !MessageDigest.isEqual(rs.getString(1).getBytes(StandardCharsets.US_ASCII),
                        sha256(browser).getBytes(StandardCharsets.US_ASCII))
                        || rs.getTimestamp(4).toInstant().isBefore(clock.instant().minus(SIGN_IN_LASTS))) {
                    return Optional.empty();
                }
                return Optional.of(new Pending(rs.getString(2), rs.getString(3)));
            }
        } catch (SQLException e) {
            throw new EventLogException("a sign-in could not be read: " + e.getMessage(), e);
        }
    }

    /** Opens a session for whom Keycloak signed in; returns its cookie value. */
    public String open(OidcClient.Identity who) {
        String cookie = random();
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "insert into dashboard_session (id_hash, username, display_name, roles, unit, provider_session, "
                        + "id_token, csrf, created_at, expires_at, access_token, refresh_token, access_expires_at) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            String id = sha256(cookie);
            var grant = who.grant();
            ps.setString(11, grant == null ? null : keys.sealSecret(id, grant.accessToken()));
            ps.setString(12, grant == null || grant.refreshToken() == null ? null
                    : keys.sealSecret(id, grant.refreshToken()));
            ps.setTimestamp(13, grant == null ? null : Timestamp.from(grant.accessExpiresAt()));
            ps.setString(1, id);
            ps.setString(2, who.username());
            ps.setString(3, who.displayName());
            ps.setArray(4, c.createArrayOf("text", who.roles().stream().sorted().toArray()));
            ps.setString(5, who.unit());
            ps.setString(6, who.providerSession());
            ps.setString(7, who.idToken());
            ps.setString(8, random());
            ps.setTimestamp(9, Timestamp.from(now));
            ps.setTimestamp(10, Timestamp.from(now.plus(sessionLength)));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new EventLogException("session could not be opened: " + e.getMessage(), e);
        }
        return cookie;
    }

    /** A live session's tokens, opened: the access token, the refresh token, when the access token ends. */
    public Optional<OidcClient.Grant> grant(String cookie) {
        if (cookie == null || cookie.isBlank() || cookie.length() > 100) {
            return Optional.empty();
        }
        String id = sha256(cookie);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select access_token, refresh_token, access_expires_at from dashboard_session "
                        + "where id_hash = ? and expires_at > ? and access_token is not null")) {
            ps.setString(1, id);
            ps.setTimestamp(2, Timestamp.from(clock.instant()));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new OidcClient.Grant(keys.openSecret(id, rs.getString(1)),
                        keys.openSecret(id, rs.getString(2)), rs.getTimestamp(3).toInstant()));
            }
        } catch (SQLException e) {
            throw new EventLogException("session could not be read: " + e.getMessage(), e);
        }
    }

    /** Keeps the tokens a refresh gave the session. */
    public void renewed(String cookie, OidcClient.Grant grant) {
        String id = sha256(cookie);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "update dashboard_session set access_token = ?, refresh_token = coalesce(?, refresh_token), "
                        + "access_expires_at = ? where id_hash = ?")) {
            ps.setString(1, keys.sealSecret(id, grant.accessToken()));
            ps.setString(2, grant.refreshToken() == null ? null : keys.sealSecret(id, grant.refreshToken()));
            ps.setTimestamp(3, Timestamp.from(grant.accessExpiresAt()));
            ps.setString(4, id);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new EventLogException("session could not be renewed: " + e.getMessage(), e);
        }
    }

    /** The officer of a live session. */
    public Optional<Officer> session(String cookie) {
        if (cookie == null || cookie.isBlank() || cookie.length() > 100) {
            return Optional.empty();
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select username, display_name, roles, coalesce(unit, ?), csrf from dashboard_session "
                        + "where id_hash = ? and expires_at > ?")) {
            ps.setString(1, defaultUnit);
            ps.setString(2, sha256(cookie));
            ps.setTimestamp(3, Timestamp.from(clock.instant()));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Officer(rs.getString(1), rs.getString(2),
                        Set.copyOf(Arrays.asList((String[]) rs.getArray(3).getArray())), rs.getString(4),
                        rs.getString(5)));
            }
        } catch (SQLException e) {
            throw new EventLogException("session could not be read: " + e.getMessage(), e);
        }
    }

    /** Ends the session of {@code cookie}; its ID token, for signing out of Keycloak too, if it was live. */
    public Optional<String> signOut(String cookie) {
        if (cookie == null || cookie.length() > 100) {
            return Optional.empty();
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "delete from dashboard_session where id_hash = ? or expires_at <= ? returning id_hash, id_token, "
                        + "expires_at")) {
            Instant now = clock.instant();
            String mine = sha256(cookie);
            ps.setString(1, mine);
            ps.setTimestamp(2, Timestamp.from(now));
            Optional<String> idToken = Optional.empty();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    // Keycloak's session too, only for a session still live (its CSRF token was checked)
                    if (rs.getString(1).equals(mine) && rs.getTimestamp(3).toInstant().isAfter(now)) {
                        idToken = Optional.of(rs.getString(2));
                    }
                }
            }
            return idToken;
        } catch (SQLException e) {
            throw new EventLogException("session could not be closed: " + e.getMessage(), e);
        }
    }

    /** Ends every session of Keycloak's session {@code sid} (a sign-out there); how many ended. */
    public int signedOutAtProvider(String sid) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "delete from dashboard_session where provider_session = ?")) {
            ps.setString(1, sid);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new EventLogException("sessions could not be closed: " + e.getMessage(), e);
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
