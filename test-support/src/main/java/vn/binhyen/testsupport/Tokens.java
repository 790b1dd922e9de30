package vn.binhyen.testsupport;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.Set;
import vn.binhyen.contracts.Roles;

/**
 * Signed bearer tokens for every role, with the development key in
 * {@code binhyen/dev-jwt/} (never a production key). Services verify them in {@code %test}
 * and in the tests' own service processes ({@link ServiceProcess}); {@code bin/stack} takes its
 * tokens from Keycloak ({@link KeycloakTokens}).
 */
public final class Tokens {
    public static final String ISSUER = "https://binhyen.vn/dev";
    /** The audience every service accepts ({@code mp.jwt.verify.audiences}). */
    public static final String AUDIENCE = "binhyen";
    private static final PrivateKey KEY = load();
    /** The demo's ward police (Công an phường Sông Trí): the unit of staff tokens unless another is named. */
    public static final String DEFAULT_UNIT = "ca-phuong-song-tri";
    /** Roles whose tokens name a unit by default (a bot's token names the bot and nothing else). */
    static final Set<String> UNIT_ROLES = Set.of(Roles.DUTY_OFFICER, Roles.PCTP_OFFICER, Roles.COMMANDER,
            Roles.AUDITOR);

    private Tokens() {
    }

    public static String forRole(String role) {
        return forRole(role, role.toLowerCase() + "-1");
    }

    public static String forRole(String role, String subject) {
        return forRoles(Set.of(role), subject, Duration.ofHours(12));
    }

    /** A token of {@code role} whose {@code unit} claim names {@code unit} (none when null). */
    public static String forUnit(String role, String subject, String unit) {
        return forRoles(Set.of(role), subject, Duration.ofHours(12), unit);
    }

    public static String forRoles(Set<String> roles, String subject, Duration lifetime) {
        return forRoles(roles, subject, lifetime, roles.stream().anyMatch(UNIT_ROLES::contains) ? DEFAULT_UNIT : null);
    }

    public static String forRoles(Set<String> roles, String subject, Duration lifetime, String unit) {
        for (String r : roles) {
            if (!Roles.ALL.contains(r)) {
                throw new IllegalArgumentException("unknown role " + r + "; roles are " + Roles.ALL);
            }
        }
        var claims = Jwt.issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(subject)
                .upn(subject)
                .groups(roles)
                .expiresIn(lifetime);
        if (unit != null) {
            claims.claim(Roles.UNIT_CLAIM, unit);
        }
        return claims.sign(KEY);
    }

    /** A token of the development key whose JOSE header names the key {@code kid} (a key set's, issue 21). */
    public static String withKeyId(String role, String subject, String kid) {
        return Jwt.issuer(ISSUER).audience(AUDIENCE).subject(subject).upn(subject).groups(Set.of(role))
                .expiresIn(Duration.ofHours(1)).jws().keyId(kid).sign(KEY);
    }

    /** A token of the development key for another audience (no service may accept it). */
    public static String forAudience(String role, String subject, String audience) {
        return Jwt.issuer(ISSUER).audience(audience).subject(subject).upn(subject).groups(Set.of(role))
                .expiresIn(Duration.ofHours(1)).sign(KEY);
    }

    /** A token of the development key issued at {@code issuedAt}, valid until {@code expiresAt}. */
    public static String issuedAt(String role, String subject, java.time.Instant issuedAt, java.time.Instant expiresAt) {
        return Jwt.issuer(ISSUER).audience(AUDIENCE).subject(subject).upn(subject).groups(Set.of(role))
                .issuedAt(issuedAt).expiresAt(expiresAt).sign(KEY);
    }

    /** A token signed by some other key, which no service may accept. */
    public static String forgedForRole(String role) {
        try {
            var generator = java.security.KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return Jwt.issuer(ISSUER).subject("forger").upn("forger").groups(Set.of(role))
                    .expiresIn(Duration.ofHours(1)).sign(generator.generateKeyPair().getPrivate());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PrivateKey load() {
        try (InputStream in = Tokens.class.getResourceAsStream("/binhyen/dev-jwt/privateKey.pem")) {
            if (in == null) {
                throw new IllegalStateException("binhyen/dev-jwt/privateKey.pem is missing from test-support");
            }
            return KeyUtils.decodePrivateKey(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("the development private key does not decode", e);
        }
    }
}
