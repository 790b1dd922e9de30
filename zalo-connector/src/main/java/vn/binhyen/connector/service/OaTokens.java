package vn.binhyen.connector.service;

import vn.binhyen.connector.config.ConnectorConfig;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;
import vn.binhyen.eventlog.Json;

/**
 * Each Official Account's access token, refreshed ahead of its expiry with the single-use refresh
 * token (Zalo's last 25 hours and 3 months). The pair lives in {@code oa_token}, one row per OA;
 * a refresh happens under that row's lock ({@code select … for update}) in its own transaction,
 * so of two instances (or two threads) only the first spends the refresh token, and the second
 * finds the new access token already there. A token Zalo calls invalid or expired is refreshed
 * once, and only if it is still the stored one.
 */
@ApplicationScoped
public class OaTokens {
    private static final Logger LOG = Logger.getLogger(OaTokens.class);

    private final AgroalDataSource dataSource;
    private final ConnectorConfig config;
    private final Clock clock;
    private final ZaloApis.OAuth oauth;
    /** The stored pair, read again when it is near its expiry or Zalo refuses it. */
    private final ConcurrentHashMap<String, Stored> cache = new ConcurrentHashMap<>();

    record Stored(String accessToken, Instant expiresAt) {
    }

    OaTokens(AgroalDataSource dataSource, ConnectorConfig config, Clock clock) {
        this.dataSource = dataSource;
        this.config = config;
        this.clock = clock;
        this.oauth = ZaloApis.client(ZaloApis.OAuth.class, config.zalo().oauthUrl(), config.zalo().timeout());
    }

    /** The access token to call Zalo with for this OA: refreshed first when it is near its expiry. */
    public String current(ConnectorConfig.Oa oa) {
        Stored s = cache.get(oa.oaId());
        if (s == null) {
            s = load(oa);
        }
        if (s.expiresAt().minus(config.zalo().refreshAhead()).isBefore(clock.instant())) {
            s = refresh(oa, s.accessToken());
        }
        return s.accessToken();
    }

    /**
     * Zalo refused {@code refused} as invalid or expired: the stored token is refreshed unless
     * another instance has done it already; answers the token to try again with.
     */
    public String refused(ConnectorConfig.Oa oa, String refused) {
        return refresh(oa, refused).accessToken();
    }

    /** How many refreshes this OA's row has seen (every instance's). */
    public int refreshes(String oaId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select refreshes from oa_token where oa_id = ?")) {
            ps.setString(1, oaId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("oa_token unreadable: " + e.getMessage(), e);
        }
    }

    /** The stored pair (first written from the configuration), in a transaction of its own. */
    private Stored load(ConnectorConfig.Oa oa) {
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection c = dataSource.getConnection()) {
                try (PreparedStatement ps = c.prepareStatement("insert into oa_token (oa_id, access_token, "
                        + "refresh_token, expires_at) values (?, ?, ?, ?) on conflict (oa_id) do nothing")) {
                    ps.setString(1, oa.oaId());
                    ps.setString(2, oa.accessToken());
                    ps.setString(3, oa.refreshToken());
                    // unknown expiry: taken as far off, and refreshed on Zalo's first token error
                    ps.setTimestamp(4, Timestamp.from(oa.accessTokenExpiresAt()
                            .orElse(Instant.parse("9999-01-01T00:00:00Z"))));
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "select access_token, expires_at from oa_token where oa_id = ?")) {
                    ps.setString(1, oa.oaId());
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        Stored s = new Stored(rs.getString(1), rs.getTimestamp(2).toInstant());
                        cache.put(oa.oaId(), s);
                        return s;
                    }
                }
            }
        });
    }

    /**
     * Under the row lock, in a transaction of its own: when the stored access token is no longer
     * {@code stale} (and not near its expiry), another instance refreshed it and its result is
     * used; otherwise the refresh token is spent and the new pair stored before the lock is let go.
     * A refusal rolls back and changes nothing.
     */
    private synchronized Stored refresh(ConnectorConfig.Oa oa, String stale) {
        load(oa);
        return QuarkusTransaction.requiringNew().call(() -> {
            String access;
            String refreshToken;
            Instant expires;
            try (Connection c = dataSource.getConnection()) {
                try (PreparedStatement ps = c.prepareStatement("select access_token, refresh_token, expires_at "
                        + "from oa_token where oa_id = ? for update")) {
                    ps.setString(1, oa.oaId());
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        access = rs.getString(1);
                        refreshToken = rs.getString(2);
                        expires = rs.getTimestamp(3).toInstant();
                    }
                }
                boolean nearExpiry = expires.minus(config.zalo().refreshAhead()).isBefore(clock.instant());
                if (!access.equals(stale) && !nearExpiry) {
                    Stored s = new Stored(access, expires);
                    cache.put(oa.oaId(), s);
                    return s;
                }
                JsonNode answer = post(oa, refreshToken);
                if (!answer.hasNonNull("access_token") || !answer.hasNonNull("refresh_token")) {
                    LOG.errorf("refreshing the access token of OA %s failed: %s", oa.oaId(), answer);
                    throw new TokenRefreshFailed("Zalo refused the refresh of OA " + oa.oaId() + "'s token: "
                            + answer.path("error").asText("?") + " " + answer.path("message").asText(""));
                }
                Instant newExpiry = clock.instant().plusSeconds(answer.path("expires_in").asLong(90_000));
                try (PreparedStatement ps = c.prepareStatement("update oa_token set access_token = ?, "
                        + "refresh_token = ?, expires_at = ?, refreshed_at = now(), refreshes = refreshes + 1 "
                        + "where oa_id = ?")) {
                    ps.setString(1, answer.path("access_token").asText());
                    ps.setString(2, answer.path("refresh_token").asText());
                    ps.setTimestamp(3, Timestamp.from(newExpiry));
                    ps.setString(4, oa.oaId());
                    ps.executeUpdate();
                }
                Stored s = new Stored(answer.path("access_token").asText(), newExpiry);
                cache.put(oa.oaId(), s);
                LOG.infof("access token of OA %s refreshed; it expires at %s", oa.oaId(), newExpiry);
                return s;
            }
        });
    }

    private JsonNode post(ConnectorConfig.Oa oa, String refreshToken) {
        ZaloApis.Exchange x = ZaloApis.exchange(() -> oauth.refresh(oa.appSecret(), oa.appId(), "refresh_token",
                refreshToken));
        if (x.unanswered() != null) {
            throw new TokenRefreshFailed("Zalo's token endpoint unreachable: " + x.unanswered());
        }
        int status = x.status();
        String text = x.text();
        if (status >= 500) {
            throw new TokenRefreshFailed("Zalo's token endpoint answered " + status);
        }
        try {
            JsonNode answer = Json.MAPPER.readTree(text);
            return answer == null ? Json.MAPPER.missingNode() : answer;
        } catch (java.io.IOException e) {
            throw new TokenRefreshFailed("Zalo's token endpoint answered " + status + " with no JSON");
        }
    }

    static String trim(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** The token could not be refreshed now (Zalo down, or the refresh token refused): actions wait. */
    public static final class TokenRefreshFailed extends RuntimeException {
        public TokenRefreshFailed(String message) {
            super(message);
        }
    }
}
