package vn.binhyen.testsupport;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;

/**
 * The tests' HTTP client for plain requests to a service: HTTP/1.1 (the JDK client's default,
 * HTTP/2 by an h2c upgrade, once hung a fresh-clone CI run for minutes on a service's large OpenAPI
 * document, the server idle and the client waiting), and every wait bounded, so a request that is
 * never answered fails its test instead of stopping the build.
 */
public final class Http {
    /** How long a connection may take to open. */
    public static final Duration CONNECT = Duration.ofSeconds(10);
    /** How long an answer may take. */
    public static final Duration ANSWER = Duration.ofSeconds(60);

    private Http() {
    }

    public static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT).build();
    }

    public static HttpRequest get(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(ANSWER).GET().build();
    }
}
