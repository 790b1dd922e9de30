package vn.binhyen.zalosim;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The receiving end of webhooks in tests: a tiny JDK HTTP server that keeps what it was sent. */
final class Receiver implements AutoCloseable {
    record Received(Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().getFirst()).findFirst().orElse(null);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final HttpServer server;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    /** The status answered to each request. */
    final AtomicInteger status = new AtomicInteger(200);

    Receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            int answer = status.get(); // read first: a test may change it once it has seen the request
            try (InputStream in = ex.getRequestBody()) {
                received.add(new Received(Map.copyOf(ex.getRequestHeaders()), in.readAllBytes()));
            }
            ex.sendResponseHeaders(answer, -1);
            ex.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/webhook";
    }

    /** The next request received, waiting at most 5 s. */
    Received next() throws InterruptedException {
        Received r = received.poll(5, TimeUnit.SECONDS);
        if (r == null) throw new AssertionError("no webhook arrived within 5 s");
        return r;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
