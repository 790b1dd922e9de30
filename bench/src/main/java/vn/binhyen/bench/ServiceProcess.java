package vn.binhyen.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import vn.binhyen.testsupport.KafkaBroker;
import vn.binhyen.testsupport.PostgresDatabase;

/** A service as it runs: its Quarkus jar as a process, on its own database and the given broker. */
final class ServiceProcess implements AutoCloseable {
    final String base;
    private final Process process;

    private ServiceProcess(String base, Process process) {
        this.base = base;
        this.process = process;
    }

    static ServiceProcess start(String module, PostgresDatabase db, KafkaBroker broker) throws Exception {
        Path jar = Path.of(module, "target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build first (bin/bench does)");
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-jar", jar.toString());
        pb.environment().put("BINHYEN_DB_URL", db.jdbcUrl());
        pb.environment().put("BINHYEN_PG_USER", db.username());
        pb.environment().put("BINHYEN_PG_PASSWORD", db.passwordValue());
        pb.environment().put("BINHYEN_KAFKA_BOOTSTRAP", broker.bootstrapServers());
        pb.environment().put("BINHYEN_JWT_PUBLIC_KEY_LOCATION",
                Path.of("test-support/src/main/resources/binhyen/dev-jwt/publicKey.pem").toAbsolutePath().toString());
        pb.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        pb.environment().put("QUARKUS_LOG_LEVEL", "WARN");
        pb.redirectErrorStream(true).redirectOutput(Path.of("bench/target/" + module + ".log").toFile());
        ServiceProcess service = new ServiceProcess("http://127.0.0.1:" + port, pb.start());
        service.awaitReady(module);
        return service;
    }

    private void awaitReady(String module) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                var r = http.send(HttpRequest.newBuilder(URI.create(base + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250); // polling a process that is starting; nothing to await on
        }
        throw new IllegalStateException(module + " did not become ready; see bench/target/" + module + ".log");
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
