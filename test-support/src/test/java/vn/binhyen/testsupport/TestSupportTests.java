package vn.binhyen.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import vn.binhyen.contracts.Roles;

class TestSupportTests {

    @Test
    void database_isCreatedFreshAndDroppedAfter() throws Exception {
        String name;
        try (PostgresDatabase db = PostgresDatabase.create()) {
            name = db.name();
            assertThat(name).startsWith("binhyen_test_");
            try (Connection c = db.connect(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("select current_database()")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo(name);
            }
        }
        try (Connection c = java.sql.DriverManager.getConnection(PostgresDatabase.serverUrl(), PostgresDatabase.user(),
                PostgresDatabase.password()); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select count(*) from pg_database where datname = '" + name + "'")) {
            rs.next();
            assertThat(rs.getInt(1)).as("dropped after use").isZero();
        }
    }

    @Test
    void database_noServerAnswering_oneClearErrorNamingTheUrl() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        String url = "jdbc:postgresql://127.0.0.1:" + closedPort + "/postgres";

        assertThatThrownBy(() -> PostgresDatabase.create(url, "postgres", ""))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no PostgreSQL server answers at " + url)
                .hasMessageContaining("BINHYEN_PG_URL");
    }

    /**
     * Only a JDK to start (issue 25): with no server, a real PostgreSQL from Maven Central's
     * binaries; PostgreSQL itself refuses root, and then the error says what to do (CI runs as
     * root, so there this checks the refusal; run as another user, it starts one and uses it).
     */
    @Test
    void embeddedPostgres_startsARealServerFromMavenCentralsBinaries_orSaysWhyNotForRoot() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("binhyen-pg-check-");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        if ("root".equals(System.getProperty("user.name"))) {
            int closed = port;
            assertThatThrownBy(() -> EmbeddedPostgres.start(dir, closed, false)).isInstanceOf(java.io.IOException.class)
                    .hasMessageContaining("does not run as root").hasMessageContaining("BINHYEN_PG_URL");
            return;
        }
        try (var pg = EmbeddedPostgres.start(dir, port, false)) {
            String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
            assertThat(EmbeddedPostgres.answers("127.0.0.1", port)).isTrue();
            try (PostgresDatabase db = PostgresDatabase.create(url, "postgres", ""); Connection c = db.connect();
                    Statement s = c.createStatement(); ResultSet rs = s.executeQuery("show server_version")) {
                rs.next();
                assertThat(rs.getString(1)).startsWith("14.");
            }
        }
    }

    @Test
    void databaseUrl_replacesOnlyTheDatabaseName() {
        assertThat(PostgresDatabase.withDatabase("jdbc:postgresql://db.local:6543/postgres?sslmode=require", "x_1"))
                .isEqualTo("jdbc:postgresql://db.local:6543/x_1?sslmode=require");
        assertThatThrownBy(() -> PostgresDatabase.withDatabase("jdbc:mysql://h/db", "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tokens_carryTheRoleAndSubject_andRefuseUnknownRoles() throws Exception {
        String token = Tokens.forRole(Roles.COMMANDER, "chi-huy-1");
        String claims = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), java.nio.charset.StandardCharsets.UTF_8);

        assertThat(claims).contains("\"sub\":\"chi-huy-1\"").contains("\"groups\":[\"COMMANDER\"]")
                .contains("\"iss\":\"" + Tokens.ISSUER + "\"");
        assertThatThrownBy(() -> Tokens.forRole("OVERLORD")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPortForAProcess_isFreeAndBelowTheRangeOfOutgoingConnections() throws Exception {
        int port = Ports.free();
        // below 32768, where Linux takes the ports of outgoing connections from (ip_local_port_range)
        assertThat(port).isBetween(20_000, 31_999);
        try (java.net.ServerSocket s = new java.net.ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
            assertThat(s.getLocalPort()).isEqualTo(port);
        }
    }
}
