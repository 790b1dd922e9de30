package vn.binhyen.report.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The api_keys of Open311 GeoReport v2 clients. A key is 32 random bytes, shown once when issued;
 * only its SHA-256 is kept. Issuing a key for a client that has one replaces it (the old key stops
 * working at once). A key acts as the bot it was issued for: it files only for the units of the
 * groups that bot is bound to.
 */
@ApplicationScoped
public class Open311Clients {
    /** A key as issued: base64url, 43 characters. */
    static final int KEY_LENGTH = 43;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Clock clock;

    Open311Clients(Clock clock) {
        this.clock = clock;
    }

    /** A new key for {@code client}, replacing any it had; the only time the key is seen. */
    @Transactional
    public String issue(String client, String by) {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String key = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        Open311Client row = Open311Client.findById(client);
        if (row == null) {
            row = new Open311Client();
            row.clientId = client;
        }
        row.keyHash = hash(key);
        row.issuedBy = by;
        row.issuedAt = clock.instant();
        row.revokedBy = null;
        row.revokedAt = null;
        row.persist();
        return key;
    }

    /** Whether {@code client} had a live key, now revoked. */
    @Transactional
    public boolean revoke(String client, String by) {
        Open311Client row = Open311Client.findById(client);
        if (row == null || row.revokedAt != null) {
            return false;
        }
        row.revokedBy = by;
        row.revokedAt = clock.instant();
        return true;
    }

    /** The client a live key belongs to; empty for an unknown, revoked or malformed key. */
    public Optional<String> client(String key) {
        if (key == null || key.length() != KEY_LENGTH) {
            return Optional.empty(); // no lookup, and no hashing of a client's megabyte, for what cannot be a key
        }
        return Open311Client.<Open311Client>find("keyHash = ?1 and revokedAt is null", hash(key)).firstResultOptional()
                .map(c -> c.clientId);
    }

    private static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
