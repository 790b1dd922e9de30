package vn.binhyen.testsupport;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A throwaway database {@code binhyen_test_<random>} on the PostgreSQL server at
 * {@code BINHYEN_PG_URL} (default {@code jdbc:postgresql://127.0.0.1:5432/postgres}),
 * as {@code BINHYEN_PG_USER} (default {@code postgres}) with {@code BINHYEN_PG_PASSWORD}
 * (default empty). Dropped on {@link #close()}.
 */
public final class PostgresDatabase implements AutoCloseable {
    private static final Pattern URL = Pattern.compile("^(jdbc:postgresql://[^/?]+/)([^?]*)(\\?.*)?$");
    private final String serverUrl;
    private final String user;
    private final String password;
    private final String name;
    private final String url;

    private PostgresDatabase(String serverUrl, String user, String password, String name) {
        this.serverUrl = serverUrl;
        this.user = user;
        this.password = password;
        this.name = name;
        this.url = withDatabase(serverUrl, name);
    }

    /**
     * The server: {@code BINHYEN_PG_URL} when set (used as it is, running or not); else the
     * default 127.0.0.1:5432 when something answers there; else an embedded PostgreSQL this JVM
     * starts ({@link EmbeddedPostgres}), so a machine with only a JDK runs the tests.
     */
    public static String serverUrl() {
        String configured = System.getenv("BINHYEN_PG_URL");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        // decided once for the JVM: a server that starts on 5432 later does not move its databases
        String chosen = CHOSEN;
        if (chosen == null) {
            synchronized (PostgresDatabase.class) {
                if (CHOSEN == null) {
                    CHOSEN = EmbeddedPostgres.answers("127.0.0.1", 5432) ? DEFAULT_URL : EmbeddedPostgres.serverUrl();
                }
                chosen = CHOSEN;
            }
        }
        return chosen;
    }

    private static volatile String CHOSEN;

    static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";

    public static String user() {
        return env("BINHYEN_PG_USER", "postgres");
    }

    public static String password() {
        return env("BINHYEN_PG_PASSWORD", "");
    }

    public static PostgresDatabase create() {
        return create(serverUrl(), user(), password());
    }

    static PostgresDatabase create(String serverUrl, String user, String password) {
        byte[] random = new byte[6];
        new SecureRandom().nextBytes(random);
        PostgresDatabase db = new PostgresDatabase(serverUrl, user, password,
                "binhyen_test_" + HexFormat.of().formatHex(random));
        db.execute("create database " + db.name);
        return db;
    }

    /** Creates {@code name} on the server unless it exists (for {@code bin/stack}). */
    public static void ensureExists(String name) {
        PostgresDatabase admin = new PostgresDatabase(serverUrl(), user(), password(), name);
        try (Connection c = admin.serverConnection(); Statement s = c.createStatement()) {
            var rs = s.executeQuery("select 1 from pg_database where datname = '" + name.replace("'", "''") + "'");
            if (!rs.next()) {
                s.execute("create database " + quoteIdent(name));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name + ": " + e.getMessage(), e);
        }
    }

    /** Drops {@code name} if it exists, closing its connections (for {@code bin/stack --reset}). */
    public static void dropIfExists(String name) {
        new PostgresDatabase(serverUrl(), user(), password(), name)
                .execute("drop database if exists " + quoteIdent(name) + " with (force)");
    }

    public String name() {
        return name;
    }

    public String jdbcUrl() {
        return url;
    }

    public String username() {
        return user;
    }

    public String passwordValue() {
        return password;
    }

    public PGSimpleDataSource dataSource() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(url);
        ds.setUser(user);
        ds.setPassword(password);
        return ds;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    @Override
    public void close() {
        execute("drop database if exists " + name + " with (force)");
    }

    private void execute(String sql) {
        try (Connection c = serverConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed on " + serverUrl + ": " + e.getMessage(), e);
        }
    }

    private Connection serverConnection() {
        try {
            return DriverManager.getConnection(serverUrl, user, password);
        } catch (SQLException e) {
            throw new IllegalStateException("no PostgreSQL server answers at " + serverUrl
                    + " (set BINHYEN_PG_URL, BINHYEN_PG_USER, BINHYEN_PG_PASSWORD): " + e.getMessage(), e);
        }
    }

    static String withDatabase(String serverUrl, String database) {
        Matcher m = URL.matcher(serverUrl);
        if (!m.matches()) {
            throw new IllegalArgumentException("BINHYEN_PG_URL must look like jdbc:postgresql://host:port/db, not "
                    + serverUrl);
        }
        return m.group(1) + database + (m.group(3) == null ? "" : m.group(3));
    }

    private static String quoteIdent(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    /** {@code PostgresDatabase ensure NAME...} / {@code drop NAME...}: used by {@code bin/stack}. */
    public static void main(String[] args) {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: ensure|drop NAME...");
        }
        for (int i = 1; i < args.length; i++) {
            switch (args[0]) {
                case "ensure" -> ensureExists(args[i]);
                case "drop" -> dropIfExists(args[i]);
                default -> throw new IllegalArgumentException("usage: ensure|drop NAME...");
            }
        }
    }
}
