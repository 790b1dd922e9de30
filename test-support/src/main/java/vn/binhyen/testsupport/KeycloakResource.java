package vn.binhyen.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Keycloak's real server for a {@code @QuarkusTest} whose pages sign officers in through it (the
 * dashboard, issue 22): started once for the module's tests on a throwaway database, the realm of
 * {@code deploy/keycloak/} with the dashboard at {@link #dashboard()}: a port chosen here, which it
 * sets as Quarkus's test port ({@code quarkus.http.test-port}), with {@code binhyen.dashboard.url}
 * and {@code binhyen.dashboard.oidc.issuer} (Keycloak's issuer). The API's bearer tokens stay the
 * development key's ({@link Tokens}).
 */
public class KeycloakResource implements QuarkusTestResourceLifecycleManager {
    private static String dashboard;
    private static Keycloak keycloak;
    private static KeycloakTokens tokens;
    private PostgresDatabase db;

    @Override
    public Map<String, String> start() {
        int port;
        try {
            db = PostgresDatabase.create();
            port = Ports.free();
            dashboard = "http://localhost:" + port;
            keycloak = Keycloak.start(Keycloak.testHome(), 0, db.jdbcUrl(), db.username(), db.passwordValue(),
                    dashboard, Keycloak.testHome().resolve("keycloak-" + ProcessHandle.current().pid() + ".log"));
            tokens = new KeycloakTokens(keycloak);
        } catch (Exception e) {
            throw new IllegalStateException("Keycloak did not start: " + e.getMessage(), e);
        }
        return Map.of("binhyen.dashboard.oidc.issuer", keycloak.issuer(), "quarkus.http.test-port",
                Integer.toString(port), "binhyen.dashboard.url", dashboard);
    }

    /** Where the tests reach the dashboard, and Keycloak sends the browser back to. */
    public static String dashboard() {
        return dashboard;
    }

    /** The running Keycloak's users and tokens (its admin API). */
    public static KeycloakTokens tokens() {
        return tokens;
    }

    @Override
    public void stop() {
        try {
            if (keycloak != null) {
                keycloak.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (db != null) {
                db.close();
            }
        }
    }
}
