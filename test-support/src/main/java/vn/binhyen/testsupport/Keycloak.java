package vn.binhyen.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Keycloak's real server (issue 22), as Bình Yên's identity provider on this machine: its
 * distribution from the local Maven repository ({@code org.keycloak:keycloak-quarkus-dist}, which
 * test-support's build resolves), unpacked once, started in development mode on loopback with its
 * own PostgreSQL database and the realm {@code binhyen} imported from {@code deploy/keycloak/}.
 * {@code bin/stack} runs one on 127.0.0.1:8180; the system tests start one for their run.
 * Its admin API ({@link #admin}) adds the demo's and the tests' users and bots ({@link KeycloakTokens}).
 */
public final class Keycloak implements AutoCloseable {
    public static final String REALM = "binhyen";
    /** The master realm's administrator the development server is bootstrapped with (never a production account). */
    static final String ADMIN_USER = "admin";
    static final String ADMIN_PASSWORD = "dev-keycloak-admin";
    static final ObjectMapper JSON = new ObjectMapper();

    /** {@code http://127.0.0.1:PORT}: where browsers, services and tools reach it. */
    public final String base;
    private final Process process;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String adminToken;
    private long adminTokenUntil;

    private Keycloak(String base, Process process) {
        this.base = base;
        this.process = process;
    }

    /** The realm's issuer, as its tokens' {@code iss} says and the services' {@code mp.jwt.verify.issuer} must. */
    public String issuer() {
        return base + "/realms/" + REALM;
    }

    /** The realm's signing keys (JWKS): the services' {@code mp.jwt.verify.publickey.location}. */
    public String jwks() {
        return issuer() + "/protocol/openid-connect/certs";
    }

    /** The version of the distribution test-support was built with (the parent pom's {@code keycloak.version}). */
    public static String version() {
        try (InputStream in = Keycloak.class.getResourceAsStream("/binhyen/keycloak.properties")) {
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The distribution's zip in the local Maven repository ({@code -Dmaven.repo.local} honoured). */
    public static Path distribution() {
        String v = version();
        Path repo = Path.of(System.getProperty("maven.repo.local", System.getProperty("user.home") + "/.m2/repository"));
        Path zip = repo.resolve("org/keycloak/keycloak-quarkus-dist/" + v + "/keycloak-quarkus-dist-" + v + ".zip");
        if (!Files.isRegularFile(zip)) {
            throw new IllegalStateException(zip + " is missing: build test-support first (./mvnw -B -pl test-support "
                    + "install), which downloads Keycloak's distribution");
        }
        return zip;
    }

    /** The distribution unpacked under {@code home} (once; a half-unpacked one is unpacked again). */
    static Path unpacked(Path home) throws IOException {
        Path dir = home.resolve("keycloak-" + version());
        Path done = dir.resolve(".unpacked");
        if (Files.exists(done)) {
            return dir;
        }
        Path partial = home.resolve("keycloak-" + version() + ".partial");
        deleteTree(partial);
        Files.createDirectories(partial);
        try (ZipFile zip = new ZipFile(distribution().toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                // the archive's own top folder (keycloak-VERSION/) is dropped
                String name = e.getName().substring(e.getName().indexOf('/') + 1);
                Path target = partial.resolve(name).normalize();
                if (name.isEmpty() || !target.startsWith(partial)) {
                    continue;
                }
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    try (InputStream in = zip.getInputStream(e)) {
                        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                    if (name.startsWith("bin/") && name.endsWith(".sh")) {
                        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
                    }
                }
            }
        }
        deleteTree(dir);
        Files.move(partial, dir);
        Files.writeString(done, version());
        return dir;
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (var walk = Files.walk(p)) {
            for (Path q : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }

    /** Where the tests unpack and run Keycloak: the repository's {@code target/keycloak}, one for every module. */
    public static Path testHome() {
        return ServiceProcess.root().resolve("target/keycloak");
    }

    /** The repository's realm file, {@code deploy/keycloak/binhyen-realm.json}. */
    public static Path realmFile() {
        return ServiceProcess.root().resolve("deploy/keycloak/binhyen-realm.json");
    }

    /**
     * Starts Keycloak: unpacked under {@code home}, listening on 127.0.0.1:{@code port} (0: any free
     * port), its health on a free management port, its data in {@code jdbcUrl}; the realm imported
     * when the database has none yet, {@code dashboardUrl} (where the dashboard runs) filled into
     * its client's redirect addresses. Its log goes to {@code log}. Ready when this returns.
     */
    public static Keycloak start(Path home, int port, String jdbcUrl, String dbUser, String dbPassword,
            String dashboardUrl, Path log) throws Exception {
        Path dir = unpacked(home);
        Path imports = dir.resolve("data/import");
        Files.createDirectories(imports);
        Files.copy(realmFile(), imports.resolve("binhyen-realm.json"), StandardCopyOption.REPLACE_EXISTING);
        int httpPort = port == 0 ? Ports.free() : port;
        int management = Ports.free();
        String base = "http://127.0.0.1:" + httpPort;
        List<String> command = new ArrayList<>(List.of(dir.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-host=127.0.0.1", "--http-port=" + httpPort, "--http-management-port=" + management,
                "--hostname=" + base, "--health-enabled=true", "--db=postgres", "--db-url=" + jdbcUrl,
                "--db-username=" + dbUser, "--import-realm", "--log-console-output=default"));
        if (dbPassword != null && !dbPassword.isEmpty()) {
            command.add("--db-password=" + dbPassword);
        }
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx768m");
        // JBoss Threads' thread-local reset on Java 24 and later (its own message asks for it)
        pb.environment().put("JAVA_OPTS_APPEND", "--add-opens java.base/java.lang=ALL-UNNAMED");
        pb.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USER);
        pb.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        pb.environment().put("BINHYEN_DASHBOARD_URL", dashboardUrl);
        Files.createDirectories(log.getParent());
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Keycloak keycloak = new Keycloak(base, pb.start());
        keycloak.awaitReady("http://127.0.0.1:" + management + "/health/ready", log);
        return keycloak;
    }

    private void awaitReady(String health, Path log) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue() + " while starting; see "
                        + log);
            }
            try {
                // ready, and its realm answering on the port clients use: the management interface's health is
                // up before the HTTP server listens (seen under load: a client refused 2 s after "ready")
                var r = http.send(HttpRequest.newBuilder(URI.create(health)).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200 && http.send(HttpRequest.newBuilder(URI.create(issuer()
                        + "/.well-known/openid-configuration")).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250); // polling a process that is starting; nothing to await on
        }
        close();
        throw new IllegalStateException("Keycloak did not become ready in 180 s; see " + log);
    }

    /** An answer of Keycloak's: its status and body. */
    public record Answer(int status, String body) {
        public JsonNode json() {
            try {
                return body.isEmpty() ? JSON.createObjectNode() : JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON: " + body, e);
            }
        }
    }

    /** A form POST (a token endpoint's request), unauthenticated. */
    public Answer postForm(String path, Map<String, String> form) {
        String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** A call of the admin REST API ({@code /admin/realms/...}) as the master realm's administrator. */
    public synchronized Answer admin(String method, String path, Object body) {
        if (adminToken == null || System.currentTimeMillis() > adminTokenUntil) {
            Answer t = postForm("/realms/master/protocol/openid-connect/token", Map.of("grant_type", "password",
                    "client_id", "admin-cli", "username", ADMIN_USER, "password", ADMIN_PASSWORD));
            if (t.status() != 200) {
                throw new IllegalStateException("Keycloak's administrator could not sign in: " + t);
            }
            adminToken = t.json().path("access_token").asText();
            adminTokenUntil = System.currentTimeMillis() + (t.json().path("expires_in").asLong(60) - 10) * 1000;
        }
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/admin/realms/" + path))
                    .header("Authorization", "Bearer " + adminToken);
            b = body == null ? b.method(method, HttpRequest.BodyPublishers.noBody())
                    : b.header("Content-Type", "application/json").method(method,
                            HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            return send(b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@link #admin}, failing unless the answer is 2xx (or one of {@code alsoFine}). */
    public Answer adminOk(String method, String path, Object body, int... alsoFine) {
        Answer a = admin(method, path, body);
        if (a.status() / 100 != 2 && java.util.Arrays.stream(alsoFine).noneMatch(s -> s == a.status())) {
            throw new IllegalStateException(method + " /admin/realms/" + path + " answered " + a.status() + ": "
                    + a.body());
        }
        return a;
    }

    private Answer send(HttpRequest.Builder request) {
        HttpRequest built = request.timeout(Duration.ofSeconds(30)).build();
        try {
            HttpResponse<String> r = http.send(built, HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(built.method() + " " + built.uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** An existing Keycloak at {@code base} (bin/stack's), for its admin API and its tokens. */
    public static Keycloak at(String base) {
        return new Keycloak(base, null);
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor();
            }
        }
    }

    /**
     * {@code Keycloak run --home DIR --port P --db-url URL [--dashboard URL]}: bin/stack's Keycloak in
     * the foreground until it is stopped; prints {@code keycloak ready} once it answers.
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> o = new LinkedHashMap<>(Map.of("--home", ".stack/keycloak", "--port", "8180",
                "--dashboard", "http://127.0.0.1:8083"));
        for (int i = 1; i + 1 < args.length; i += 2) {
            o.put(args[i], args[i + 1]);
        }
        if (args.length == 0 || !args[0].equals("run") || !o.containsKey("--db-url")) {
            System.err.println("usage: Keycloak run --db-url JDBC_URL [--home DIR] [--port 8180] [--dashboard URL]");
            System.exit(2);
        }
        Path home = Path.of(o.get("--home"));
        Keycloak k = start(home, Integer.parseInt(o.get("--port")), o.get("--db-url"), PostgresDatabase.user(),
                PostgresDatabase.password(), o.get("--dashboard"), home.resolve("keycloak.log"));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                k.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        KeycloakTokens.seedDemo(k);
        System.out.println("keycloak ready at " + k.base + " (realm " + REALM + "; its log " + home.resolve("keycloak.log")
                + ")");
        k.process.waitFor();
    }
}
