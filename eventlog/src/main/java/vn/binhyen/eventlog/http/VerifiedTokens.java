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
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class VerifiedTokens extends DefaultJWTParser {
    private final Cache<String, JsonWebToken> verified;

    @jakarta.inject.Inject
    public VerifiedTokens(JWTAuthContextInfo context,
            @ConfigProperty(name = "binhyen.jwt.remember-tokens", defaultValue = "10000") long size,
            @ConfigProperty(name = "binhyen.jwt.remember", defaultValue = "PT10M") Duration atMost) {
        super(context);
        long cap = atMost.toNanos();
        this.verified = Caffeine.newBuilder().maximumSize(size).expireAfter(new Expiry<String, JsonWebToken>() {
            @Override
            public long expireAfterCreate(String token, JsonWebToken jwt, long now) {
                long left = Duration.ofSeconds(jwt.getExpirationTime()).toNanos()
                        - Duration.ofMillis(System.currentTimeMillis()).toNanos();
                return Math.max(0, Math.min(cap, left));
            }

            @Override
            public long expireAfterUpdate(String token, JsonWebToken jwt, long now, long current) {
                return current;
            }

            @Override
            public long expireAfterRead(String token, JsonWebToken jwt, long now, long current) {
                return current;
            }
        }).build();
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        JsonWebToken known = verified.getIfPresent(token);
        if (known != null) {
            return known;
        }
        JsonWebToken jwt = verify(token); // throws when it does not verify: nothing remembered
        if (jwt.getExpirationTime() > 0) {
            verified.put(token, jwt);
        }
        return jwt;
    }

    /** The full verification, smallrye-jwt's. */
    protected JsonWebToken verify(String token) throws ParseException {
        return super.parse(token);
    }
}
