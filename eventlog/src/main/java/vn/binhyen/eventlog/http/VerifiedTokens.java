package vn.binhyen.eventlog.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The bearer-token parser every request's authentication uses (smallrye-jwt's own, in place of
 * it), remembering the tokens it has verified. A bot sends the same token with every message;
 * verifying its RSA signature and parsing its claims again each time was a quarter of a service's
 * CPU under load. A token is remembered by its exact text, only once it verified, and never past
 * its own {@code exp} (nor longer than {@code binhyen.jwt.remember}, default 10 minutes); anything
 * else, and every failure, goes through the full verification as before.
 * {@code binhyen.jwt.remember-tokens=0} turns it off.
 *
 * <p>Each remembered token keeps the id of the key that signed it ({@code kid}). Where the keys are
 * a published key set (Keycloak's JWKS, issue 22), the set is read again every
 * {@value #KEYS_CHECK_SECONDS} seconds (and at once when a token names a key it does not hold): a
 * token whose key the issuer no longer publishes is refused, remembered or not, so that rotating a
 * key out takes effect within that time rather than at smallrye-jwt's own refresh of the set (an
 * hour) or the token's expiry (issue 21). A single PEM key is rotated by a restart.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class VerifiedTokens extends DefaultJWTParser {
    static final long KEYS_CHECK_SECONDS = 15;
    private final Cache<String, Remembered> verified;
    private final String keyLocation;
    private final long keysCheckNanos;
    private final java.util.concurrent.locks.ReentrantLock reading = new java.util.concurrent.locks.ReentrantLock();
    /** The ids of the keys the issuer publishes; null while unknown (a PEM key, or a set never read). */
    private volatile java.util.Set<String> published;
    private volatile long publishedReadAt;

    /** A verified token and the id of the key that signed it. */
    record Remembered(JsonWebToken jwt, String kid) {
    }

    @jakarta.inject.Inject
    public VerifiedTokens(JWTAuthContextInfo context,
            @ConfigProperty(name = "binhyen.jwt.remember-tokens", defaultValue = "10000") long size,
            @ConfigProperty(name = "binhyen.jwt.remember", defaultValue = "PT10M") Duration atMost) {
        this(context, size, atMost, Duration.ofSeconds(KEYS_CHECK_SECONDS));
    }

    /** {@code keysCheck}: how long a read of the issuer's key set counts (tests shorten it). */
    VerifiedTokens(JWTAuthContextInfo context, long size, Duration atMost, Duration keysCheck) {
        super(context);
        this.keyLocation = context.getPublicKeyLocation();
        this.keysCheckNanos = keysCheck.toNanos();
        long cap = atMost.toNanos();
        this.verified = Caffeine.newBuilder().maximumSize(size).expireAfter(new Expiry<String, Remembered>() {
            @Override
            public long expireAfterCreate(String token, Remembered r, long now) {
                long left = Duration.ofSeconds(r.jwt().getExpirationTime()).toNanos()
                        - Duration.ofMillis(System.currentTimeMillis()).toNanos();
                return Math.max(0, Math.min(cap, left));
            }

            @Override
            public long expireAfterUpdate(String token, Remembered r, long now, long current) {
                return current;
            }

            @Override
            public long expireAfterRead(String token, Remembered r, long now, long current) {
                return current;
            }
        }).build();
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        Remembered known = verified.getIfPresent(token);
        if (known != null) {
            if (stillPublished(known.kid(), false)) {
                return known.jwt();
            }
            verified.invalidate(token);
            throw new ParseException("the token's signing key " + known.kid() + " is no longer the issuer's");
        }
        JsonWebToken jwt = verify(token); // throws when it does not verify: nothing remembered
        String kid = kidOf(token);
        if (!stillPublished(kid, true)) {
            throw new ParseException("the token's signing key " + kid + " is not among the issuer's published keys");
        }
        if (jwt.getExpirationTime() > 0) {
            verified.put(token, new Remembered(jwt, kid));
        }
        return jwt;
    }

    /**
     * Whether the issuer still publishes the key {@code kid}: true while its key set is unknown; the
     * set read again when its last read is older than the check interval, or, when {@code orNewer},
     * when it does not hold the key (a key newer than the last read). One caller reads; the others
     * use the last set meanwhile.
     */
    private boolean stillPublished(String kid, boolean orNewer) {
        java.util.Set<String> keys = published;
        boolean stale = System.nanoTime() - publishedReadAt > keysCheckNanos;
        if ((stale || orNewer && keys != null && !keys.contains(kid)) && reading.tryLock()) {
            try {
                readPublished();
            } finally {
                reading.unlock();
            }
            keys = published;
        }
        return keys == null || keys.contains(kid);
    }

    /** Reads the issuer's key set (a JWKS document at the key location), keeping the last one when it cannot be read. */
    private void readPublished() {
        publishedReadAt = System.nanoTime();
        if (keyLocation == null) {
            return;
        }
        try {
            String text;
            if (keyLocation.startsWith("http://") || keyLocation.startsWith("https://")) {
                var http = java.net.http.HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
                var r = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(keyLocation))
                        .timeout(Duration.ofSeconds(5)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) {
                    return;
                }
                text = r.body();
            } else {
                java.nio.file.Path file = java.nio.file.Path.of(keyLocation.startsWith("file:")
                        ? keyLocation.substring(5) : keyLocation);
                if (!java.nio.file.Files.isRegularFile(file)) {
                    return; // a classpath resource: the development key's, fixed
                }
                text = java.nio.file.Files.readString(file);
            }
            if (!text.stripLeading().startsWith("{")) {
                return; // a PEM key, not a key set
            }
            java.util.Set<String> kids = new java.util.HashSet<>();
            for (var key : vn.binhyen.eventlog.Json.MAPPER.readTree(text).path("keys")) {
                if (key.hasNonNull("kid")) {
                    kids.add(key.path("kid").asText());
                }
            }
            published = java.util.Set.copyOf(kids);
        } catch (java.io.IOException | RuntimeException e) {
            // the issuer cannot be read now: its last set stands, and smallrye-jwt verifies as before
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The {@code kid} of a token's JOSE header, or {@code (none)}. */
    static String kidOf(String token) {
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return "(none)";
        }
        try {
            var header = vn.binhyen.eventlog.Json.MAPPER.readTree(java.util.Base64.getUrlDecoder().decode(
                    token.substring(0, dot)));
            return header.hasNonNull("kid") ? header.path("kid").asText() : "(none)";
        } catch (java.io.IOException | IllegalArgumentException e) {
            return "(none)";
        }
    }

    /** The full verification, smallrye-jwt's. */
    protected JsonWebToken verify(String token) throws ParseException {
        return super.parse(token);
    }
}
