package vn.binhyen.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A sign-in to the dashboard as a browser without a screen makes it (issue 22): the dashboard
 * sends it to Keycloak, whose real login page takes the username and password and whose next page
 * the one-time code, and Keycloak sends it back to the dashboard's callback, which opens the
 * session. For tests and benchmarks that need a session but no browser; the browser tests sign in
 * through the same pages in Chromium.
 */
public final class DashboardSignIn {
    private static final Pattern FORM_ACTION = Pattern.compile("<form[^>]*\\baction=\"([^\"]+)\"");

    private DashboardSignIn() {
    }

    /** The session cookie's value after {@code username} signed in at {@code dashboard} with their current code. */
    public static String session(String dashboard, String username, String password, String code)
            throws IOException, InterruptedException {
        LoopbackCookies cookies = new LoopbackCookies();
        HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> r = get(http, URI.create(dashboard + "/dashboard/sign-in"));
        r = follow(http, r); // Keycloak's login page
        r = post(http, action(r), Map.of("username", username, "password", password, "credentialId", ""));
        if (r.statusCode() != 200 || !r.body().contains("name=\"otp\"")) {
            throw new IllegalStateException(username + ": Keycloak did not ask for the code (" + r.statusCode() + ")");
        }
        r = post(http, action(r), Map.of("otp", code));
        r = follow(http, r); // the dashboard's callback, then the queue
        String session = cookies.value("binhyen_session");
        if (session == null) {
            throw new IllegalStateException(username + ": no session after the sign-in (" + r.statusCode() + " at "
                    + r.uri() + ")");
        }
        return session;
    }

    /**
     * A browser's cookie jar for one sign-in on loopback: by host and path, as Set-Cookie says.
     * Keycloak marks its cookies Secure, and browsers send those to 127.0.0.1 and localhost over
     * plain http (a secure context), where Java's CookieManager would not.
     */
    static final class LoopbackCookies extends java.net.CookieHandler {
        record Cookie(String host, String name, String value, String path) {
        }

        final java.util.List<Cookie> jar = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public Map<String, java.util.List<String>> get(URI uri, Map<String, java.util.List<String>> headers) {
            String path = uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath();
            String cookie = jar.stream().filter(c -> c.host().equals(uri.getHost()) && path.startsWith(c.path()))
                    .map(c -> c.name() + "=" + c.value()).collect(Collectors.joining("; "));
            return cookie.isEmpty() ? Map.of() : Map.of("Cookie", java.util.List.of(cookie));
        }

        @Override
        public void put(URI uri, Map<String, java.util.List<String>> headers) {
            headers.forEach((name, values) -> {
                if (name != null && name.equalsIgnoreCase("Set-Cookie")) {
                    values.forEach(v -> set(uri, v));
                }
            });
        }

        private void set(URI uri, String header) {
            String[] parts = header.split(";");
            int eq = parts[0].indexOf('=');
            if (eq <= 0) {
                return;
            }
            String name = parts[0].substring(0, eq).strip();
            String value = parts[0].substring(eq + 1).strip();
            String path = "/";
            boolean gone = value.isEmpty();
            for (int i = 1; i < parts.length; i++) {
                String a = parts[i].strip();
                String lower = a.toLowerCase(java.util.Locale.ROOT);
                if (lower.startsWith("path=")) {
                    path = a.substring(5);
                } else if (lower.equals("max-age=0")) {
                    gone = true;
                }
            }
            String p = path;
            jar.removeIf(c -> c.host().equals(uri.getHost()) && c.name().equals(name) && c.path().equals(p));
            if (!gone) {
                jar.add(new Cookie(uri.getHost(), name, value, path));
            }
        }

        String value(String name) {
            return jar.stream().filter(c -> c.name().equals(name)).map(Cookie::value).findFirst().orElse(null);
        }
    }

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    /** The CSRF token a dashboard page puts in its forms (its {@code _csrf} field). */
    public static String csrf(String page) {
        Matcher m = CSRF.matcher(page);
        if (!m.find()) {
            throw new IllegalStateException("no CSRF token on the page");
        }
        return m.group(1);
    }

    private static URI action(HttpResponse<String> page) {
        Matcher m = FORM_ACTION.matcher(page.body());
        if (!m.find()) {
            throw new IllegalStateException("no form on " + page.uri() + " (" + page.statusCode() + ")");
        }
        return page.uri().resolve(m.group(1).replace("&amp;", "&"));
    }

    private static HttpResponse<String> follow(HttpClient http, HttpResponse<String> r)
            throws IOException, InterruptedException {
        for (int i = 0; i < 10 && r.statusCode() / 100 == 3; i++) {
            r = get(http, r.uri().resolve(r.headers().firstValue("Location").orElseThrow()));
        }
        return r;
    }

    private static HttpResponse<String> get(HttpClient http, URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(HttpClient http, URI uri, Map<String, String> form)
            throws IOException, InterruptedException {
        String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
