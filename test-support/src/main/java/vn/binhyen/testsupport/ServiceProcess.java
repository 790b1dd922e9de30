package vn.binhyen.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A service as it runs: its built Quarkus jar as a process, on its own database and the given
 * broker, verifying the development key's tokens unless the environment it is given names an
 * identity provider's keys and issuer ({@link #withKeycloak}); its log in {@code <module>/target/<module>.process.log}.
 */
public final class ServiceProcess implements AutoCloseable {
    /** The service's base URL, e.g. {@code http://127.0.0.1:41234}. */
    public final String base;
    private final Process process;

    private ServiceProcess(String base, Process process) {
        this.base = base;
        this.process = process;
    }

    /** CPU time the service's process has used so far (all its threads), as the OS counts it. */
    public java.time.Duration cpuTime() {
        return process.toHandle().info().totalCpuDuration().orElseThrow();
    }

    /**
     * CPU time the service's JIT compiler threads have used so far, where the OS tells it per
     * thread (Linux: /proc/PID/task/TID/stat); empty elsewhere. A benchmark warms up until
     * the compiler is done: while it compiles, it takes a core from the work being measured.
     */
    public java.util.Optional<Duration> compilerCpuTime() {
        Path tasks = Path.of("/proc", Long.toString(process.pid()), "task");
        if (!Files.isDirectory(tasks)) {
            return java.util.Optional.empty();
        }
        long ticks = 0;
        try (var threads = Files.list(tasks)) {
            for (Path t : (Iterable<Path>) threads::iterator) {
                String stat;
                try {
                    stat = Files.readString(t.resolve("stat"));
                } catch (IOException e) {
                    continue; // the thread ended meanwhile
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
                }
            }
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(Duration.ofMillis(ticks * 1000 / CLOCK_TICKS_PER_SECOND));
    }

    /** USER_HZ: 100 on every Linux this runs on (the kernel's ABI fixes it for /proc). */
    private static final long CLOCK_TICKS_PER_SECOND = 100;

    /** The repository's root: the nearest directory upwards holding bin/stack. */
    public static Path root() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("bin/stack"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("not inside the repository (no bin/stack above " + Path.of("").toAbsolutePath() + ")");
        }
        return p;
    }

    public static ServiceProcess start(String module, PostgresDatabase db, KafkaBroker broker) throws Exception {
        return start(module, db, broker, Map.of());
    }

    /** As {@link #start(String, PostgresDatabase, KafkaBroker)}, with further environment settings. */
    public static ServiceProcess start(String module, PostgresDatabase db, KafkaBroker broker, Map<String, String> env)
            throws Exception {
        if (env.containsKey("QUARKUS_HTTP_PORT")) {
            // a port chosen before (an address Keycloak knows)
            return start(module, db, broker, env, Integer.parseInt(env.get("QUARKUS_HTTP_PORT")));
        }
        // a port found free here can still be taken before the service binds it (Ports): a start that finds its
        // port taken is tried again on another one
        for (int attempt = 1; ; attempt++) {
            Path log = log(module);
            long before = Files.exists(log) ? Files.size(log) : 0;
            try {
                return start(module, db, broker, env, Ports.free());
            } catch (Exited e) {
                if (attempt == 3 || !portTaken(log, before)) {
                    throw e;
                }
            }
        }
    }

    /** Whether the service's log, since {@code offset}, says its HTTP port was in use. */
    private static boolean portTaken(Path log, long offset) throws IOException {
        if (!Files.exists(log)) {
            return false;
        }
        byte[] all = Files.readAllBytes(log);
        String since = new String(all, (int) Math.min(offset, all.length), (int) Math.max(0, all.length - offset),
                java.nio.charset.StandardCharsets.UTF_8);
        return since.contains("seems to be in use by another process");
    }

    private static ServiceProcess start(String module, PostgresDatabase db, KafkaBroker broker, Map<String, String> env,
            int port) throws Exception {
        Path root = root();
        Path jar = root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build first (bin/bench does)");
        }
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-jar", jar.toString());
        pb.environment().put("BINHYEN_DB_URL", db.jdbcUrl());
        pb.environment().put("BINHYEN_PG_USER", db.username());
        pb.environment().put("BINHYEN_PG_PASSWORD", db.passwordValue());
        pb.environment().put("BINHYEN_KAFKA_BOOTSTRAP", broker.bootstrapServers());
        pb.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        if (env.containsKey("BINHYEN_JWT_PUBLIC_KEY_LOCATION")) {
            // tokens from the identity provider env names (Keycloak's JWKS and issuer, issue 22)
            pb.environment().put("QUARKUS_PROFILE", "stack");
        } else {
            // a test's process on the development key: the stack profile alone refuses it (ProductionSecrets)
            pb.environment().put("BINHYEN_JWT_PUBLIC_KEY_LOCATION",
                    root.resolve("test-support/src/main/resources/binhyen/dev-jwt/publicKey.pem").toString());
            pb.environment().put("QUARKUS_PROFILE", "stack,dev-tokens");
        }
        pb.environment().put("QUARKUS_LOG_LEVEL", "WARN");
        pb.environment().putAll(env);
        pb.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        // appended: a restarted service (the fault tests) keeps what its previous run logged
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(root.resolve(module)
                .resolve("target/" + module + ".process.log").toFile()));
        ServiceProcess service = new ServiceProcess("http://127.0.0.1:" + port, pb.start());
        service.awaitReady(module);
        return service;
    }

    /** The environment that makes a service verify {@code keycloak}'s tokens (its JWKS and issuer), with {@code more}. */
    public static Map<String, String> withKeycloak(Keycloak keycloak, Map<String, String> more) {
        Map<String, String> env = new java.util.HashMap<>(more);
        env.put("BINHYEN_JWT_PUBLIC_KEY_LOCATION", keycloak.jwks());
        env.put("BINHYEN_JWT_ISSUER", keycloak.issuer());
        return env;
    }

    private void awaitReady(String module) throws Exception {
        HttpClient http = Http.client();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new Exited(module, process.exitValue());
            }
            try {
                var r = http.send(Http.get(URI.create(base + "/q/health/ready")),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet, or not answering within Http's timeout
            }
            Thread.sleep(250); // polling a process that is starting; nothing to await on
        }
        throw new IllegalStateException(module + " did not become ready; see " + module + "/target/" + module
                + ".process.log");
    }

    /** The service's process ended while starting. */
    public static final class Exited extends IllegalStateException {
        private final int exitValue;

        Exited(String module, int exitValue) {
            super(module + " exited with " + exitValue + " while starting; see " + module + "/target/" + module
                    + ".process.log");
            this.exitValue = exitValue;
        }

        public int exitValue() {
            return exitValue;
        }
    }

    /** The log of a module's processes started here (appended across starts). */
    public static Path log(String module) {
        return root().resolve(module).resolve("target/" + module + ".process.log");
    }

    /** kill -9: no shutdown hook, no clean close of connections or transactions. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        // a clean stop, so the next start finds the port and the database free
        process.destroy();
        process.waitFor();
    }
}
