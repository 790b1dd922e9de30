package vn.binhyen.eventlog.quarkus;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * A service started in the {@code prod} profile refuses to run with a development secret
 * (audit F1, F4, F15; issue 21): the committed development public key (known by its
 * fingerprint, wherever the file lies), the development token issuer, or a default secret of
 * the committed configuration (the Zalo OA secret and app id, the Zalo access token, the SMS key, the dashboard's Keycloak client secret,
 * an empty database password).
 * It stops at startup naming each one. The development stack ({@code bin/stack}, the system
 * tests, docker compose) runs in the profile {@code stack}, which accepts the other development
 * secrets and says so in its log, but not the development token key or issuer (issue 22: its
 * tokens come from Keycloak): only a test's service process, which adds the profile
 * {@value #DEV_TOKENS_PROFILE}, verifies the development key's tokens.
 */
@ApplicationScoped
public class ProductionSecrets {
    private static final Logger LOG = Logger.getLogger(ProductionSecrets.class);

    /** SHA-256 of the DER of test-support's {@code binhyen/dev-jwt/publicKey.pem}. */
    public static final String DEVELOPMENT_KEY_SHA256 = "6dbbced995deb7445dd9e4ba759070905b585bdaee9a58bab12fc333b9a598fe";
    public static final String DEVELOPMENT_ISSUER = "https://binhyen.vn/dev";
    /** The profile a test's service process adds to {@code stack} to accept the development key's tokens. */
    public static final String DEV_TOKENS_PROFILE = "dev-tokens";
    /** The committed defaults of secrets, by property. */
    public static final Map<String, String> DEFAULT_SECRETS = Map.of(
            "binhyen.connector.oa.main.secret-key", "dev-oa-secret",
            "binhyen.connector.oa.main.app-secret", "dev-app-secret",
            "binhyen.connector.oa.main.refresh-token", "dev-refresh-token",
            "binhyen.notification.sms.api-key", "dev-sms-key",
            "binhyen.dashboard.oidc.client-secret", "dev-dashboard-secret");

    /** A development secret found in production; the service does not start. */
    public static final class DevelopmentSecret extends IllegalStateException {
        DevelopmentSecret(String profile, List<String> found) {
            super("refusing to start in the " + profile + " profile with development secrets: " + String.join("; ", found));
        }
    }

    /** First of all startup work (before the @Startup beans, the relay and the consumers): nothing is written or published. */
    void check(@Observes @Priority(1) StartupEvent event) {
        if (LaunchMode.current() != LaunchMode.NORMAL) {
            return;
        }
        List<String> profiles = ConfigUtils.getProfiles();
        if (profiles.contains("stack")) {
            if (profiles.contains(DEV_TOKENS_PROFILE)) {
                LOG.warn("profiles stack and " + DEV_TOKENS_PROFILE + ": the development token key and secrets are "
                        + "accepted, for a test; never run them in production");
                return;
            }
            List<String> found = tokenProblems(ConfigProvider.getConfig());
            if (!found.isEmpty()) {
                throw new DevelopmentSecret("stack", found);
            }
            LOG.warn("profile stack: development secrets are accepted (tokens only from the configured issuer); "
                    + "never run it in production");
            return;
        }
        if (profiles.contains("prod")) {
            List<String> found = problems(ConfigProvider.getConfig());
            if (!found.isEmpty()) {
                throw new DevelopmentSecret("prod", found);
            }
        }
    }

    /** Each development secret the configuration holds, named; empty when none. */
    public static List<String> problems(Config config) {
        List<String> found = tokenProblems(config);
        config.getOptionalValue("kafka.sasl.jaas.config", String.class).filter(j -> j.contains("dev-kafka-"))
                .ifPresent(j -> found.add("kafka.sasl.jaas.config (BINHYEN_KAFKA_PASSWORD) is the development broker's "
                        + "password"));
        config.getOptionalValue("kafka.security.protocol", String.class).filter("PLAINTEXT"::equalsIgnoreCase)
                .ifPresent(j -> found.add("kafka.security.protocol (BINHYEN_KAFKA_SECURITY_PROTOCOL) is PLAINTEXT: "
                        + "no identity on Kafka"));
        if (config.getOptionalValue("binhyen.secrets.master-key", String.class).filter("required"::equals).isPresent()
                && config.getOptionalValue("binhyen.report.master-key-file", String.class).isEmpty()) {
            found.add("binhyen.report.master-key-file (BINHYEN_MASTER_KEY_FILE) is not set: report keys would be "
                    + "wrapped under the development master key");
        }
        if (config.getOptionalValue("quarkus.datasource.db-kind", String.class).isPresent()
                && config.getOptionalValue("quarkus.datasource.password", String.class).filter(p -> !p.isBlank())
                        .isEmpty()) {
            found.add("quarkus.datasource.password (BINHYEN_PG_PASSWORD) is empty, the development default");
        }
        DEFAULT_SECRETS.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(secret -> config
                .getOptionalValue(secret.getKey(), String.class).filter(secret.getValue()::equals)
                .ifPresent(v -> found.add(secret.getKey() + " is its committed development default")));
        return found;
    }

    /** The token settings that would accept the committed development key's tokens, named; empty when none. */
    public static List<String> tokenProblems(Config config) {
        List<String> found = new ArrayList<>();
        config.getOptionalValue("mp.jwt.verify.publickey.location", String.class).ifPresent(location -> {
            if (fingerprint(location).filter(DEVELOPMENT_KEY_SHA256::equals).isPresent()) {
                found.add("mp.jwt.verify.publickey.location (BINHYEN_JWT_PUBLIC_KEY_LOCATION) " + location
                        + " is the committed development public key");
            }
        });
        config.getOptionalValue("mp.jwt.verify.issuer", String.class).filter(DEVELOPMENT_ISSUER::equals)
                .ifPresent(i -> found.add("mp.jwt.verify.issuer (BINHYEN_JWT_ISSUER) is the development issuer " + i));
        return found;
    }

    /** SHA-256 of the DER of a PEM public key (a file, or a classpath resource); empty when unreadable. */
    static Optional<String> fingerprint(String location) {
        try {
            byte[] pem;
            Path file = Path.of(location.startsWith("file:") ? location.substring(5) : location);
            if (Files.isRegularFile(file)) {
                pem = Files.readAllBytes(file);
            } else {
                try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(
                        location.startsWith("classpath:") ? location.substring(10) : location)) {
                    if (in == null) {
                        return Optional.empty();
                    }
                    pem = in.readAllBytes();
                }
            }
            StringBuilder base64 = new StringBuilder();
            new String(pem, StandardCharsets.US_ASCII).lines().filter(line -> !line.startsWith("-----"))
                    .forEach(line -> base64.append(line.strip()));
            byte[] der = Base64.getDecoder().decode(base64.toString());
            return Optional.of(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der)));
        } catch (IOException | IllegalArgumentException e) { // InvalidPathException included
            return Optional.empty(); // not a key we can read: the verifier itself will say so
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
