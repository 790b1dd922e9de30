package vn.binhyen.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Server-Sent Events stream opened as a browser would ({@code Accept: text/event-stream}, over
 * HTTP/1.1, one connection each), read on a thread of its own: how many {@code data:} lines it
 * received, the short ones themselves, and whether the server ended it. Closing it closes its
 * connection.
 */
public final class SseListener implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    /** Data lines longer than this are counted, not kept. */
    private static final int KEPT_LENGTH = 2_000;

    private final HttpResponse<InputStream> response;
    private final AtomicInteger received = new AtomicInteger();
    private final List<String> kept = new CopyOnWriteArrayList<>();
    private final AtomicBoolean closedByUs = new AtomicBoolean();
    private volatile boolean ended;
    private volatile String body;

    private SseListener(HttpResponse<InputStream> response) {
        this.response = response;
        if (response.statusCode() == 200) {
            Thread reader = new Thread(this::read, "sse-listener");
            reader.setDaemon(true);
            reader.start();
        }
    }

    /** Opens {@code uri} with these extra request headers (authorisation, cookie); returns once the answer's head arrived. */
    public static SseListener open(URI uri, Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream");
        headers.forEach(request::header);
        return new SseListener(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
    }

    public int status() {
        return response.statusCode();
    }

    public Optional<String> header(String name) {
        return response.headers().firstValue(name);
    }

    /** The whole body of an answer that is not a stream (a refusal's problem document). */
    public synchronized String body() throws IOException {
        if (status() == 200) {
            throw new IllegalStateException("the body of an open stream is read as it comes");
        }
        if (body == null) {
            try (InputStream in = response.body()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        return body;
    }

    /** How many {@code data:} lines arrived. */
    public int received() {
        return received.get();
    }

    /** The {@code data:} lines that arrived, those up to 2,000 characters. */
    public List<String> lines() {
        return List.copyOf(kept);
    }

    /** The server ended the stream (it completed, or the connection was closed or reset), not we. */
    public boolean ended() {
        return ended;
    }

    /** Open, and neither side has ended it. */
    public boolean isOpen() {
        return status() == 200 && !ended && !closedByUs.get();
    }

    @Override
    public void close() {
        if (closedByUs.compareAndSet(false, true)) {
            try {
                response.body().close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    private void read() {
        try (var reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.startsWith("data:")) {
                    if (line.length() <= KEPT_LENGTH) {
                        kept.add(line);
                    }
                    received.incrementAndGet();
                }
            }
            ended = !closedByUs.get();
        } catch (IOException e) {
            ended = !closedByUs.get();
        }
    }
}
