package vn.binhyen.bench;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import vn.binhyen.contracts.Roles;
import vn.binhyen.testsupport.KafkaBroker;
import vn.binhyen.testsupport.PostgresDatabase;
import vn.binhyen.testsupport.ServiceProcess;
import vn.binhyen.testsupport.Tokens;

/**
 * The officers' console under load (issue 24), against report-intake-service as it runs, an
 * officer signed in through Keycloak:
 * <ol>
 * <li>a new tip reaching {@value #DASHBOARDS} open dashboards: their event streams open (as the
 * pages keep them), tips submitted one after another by a bot; each latency runs from the moment
 * the intake is answered to the moment each stream announces the change (PostgreSQL's
 * LISTEN/NOTIFY since issue 24), and, for one page, to its rows holding the new tip;</li>
 * <li>the queue page with {@value #OPEN} open tips: the page as a browser asks for it, and the
 * worst case, a search that matches nothing (every open tip opened and looked through).</li>
 * </ol>
 * Each beside a limit measured in the same run (the intake's own round trip; the sign-in page).
 * The instance's stream limits are raised for the run (200 per session here; one officer holds
 * them all, so one sign-in serves them), since they bound streams, not the work per stream.
 */
public final class DashboardBench {
    static final int TIPS = Integer.getInteger("bench.tips", 200);
    static final int DASHBOARDS = 200;
    static final int OPEN = 10_000;
    static final int PAGES = Integer.getInteger("bench.pages", 200);

    public static void main(String[] args) throws Exception {
        vn.binhyen.audit.QuietLogging.apply();
        System.out.printf("Bình Yên console benchmark — %s, %d cores, JDK %s%n", Instant.now(),
                Runtime.getRuntime().availableProcessors(), Runtime.version());
        int port = vn.binhyen.testsupport.Ports.free();
        String dashboard = "http://127.0.0.1:" + port;
        try (PostgresDatabase db = PostgresDatabase.create(); PostgresDatabase keycloakDb = PostgresDatabase.create();
                KafkaBroker broker = KafkaBroker.startTemporary();
                // the officer signs in through Keycloak (issue 22), as on every dashboard
                vn.binhyen.testsupport.Keycloak keycloak = vn.binhyen.testsupport.Keycloak.start(
                        vn.binhyen.testsupport.Keycloak.testHome(), 0, keycloakDb.jdbcUrl(), keycloakDb.username(),
                        keycloakDb.passwordValue(), dashboard,
                        vn.binhyen.testsupport.Keycloak.testHome().resolve("keycloak-bench.log"));
                ServiceProcess service = ServiceProcess.start("report-intake-service", db, broker, java.util.Map.of(
                        "QUARKUS_HTTP_PORT", Integer.toString(port), "BINHYEN_DASHBOARD_URL", dashboard,
                        "BINHYEN_OIDC_ISSUER", keycloak.issuer(),
                        "BINHYEN_DASHBOARD_SSE_MAX_PER_SESSION", Integer.toString(DASHBOARDS),
                        "BINHYEN_DASHBOARD_SSE_MAX_TOTAL", Integer.toString(DASHBOARDS)))) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String base = service.base;
            new vn.binhyen.testsupport.KeycloakTokens(keycloak).user("bench-duty", Roles.DUTY_OFFICER,
                    Tokens.DEFAULT_UNIT, true);
            String cookie = "binhyen_session=" + vn.binhyen.testsupport.DashboardSignIn.session(dashboard, "bench-duty",
                    vn.binhyen.testsupport.KeycloakTokens.password("bench-duty"),
                    vn.binhyen.testsupport.KeycloakTokens.nextUnusedCode("bench-duty"));
            String token = Tokens.forRole(Roles.BOT, "bench-bot");
            Bindings.bind(broker, db, "bench-bot", java.util.List.of("group-police"));

            // ---- 1. a new tip reaching 200 open dashboards
            List<LinkedBlockingQueue<Long>> announced = new ArrayList<>();
            List<HttpResponse<InputStream>> streams = new ArrayList<>();
            for (int d = 0; d < DASHBOARDS; d++) {
                LinkedBlockingQueue<Long> heard = new LinkedBlockingQueue<>();
                HttpResponse<InputStream> stream = http.send(HttpRequest.newBuilder(URI.create(base
                        + "/dashboard/stream")).header("Cookie", cookie).header("Accept", "text/event-stream").build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                if (stream.statusCode() != 200) {
                    throw new IllegalStateException("stream " + d + " answered " + stream.statusCode());
                }
                Thread.ofVirtual().start(() -> {
                    try (var lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                        for (String l = lines.readLine(); l != null; l = lines.readLine()) {
                            if (l.startsWith("data:")) {
                                heard.add(System.nanoTime());
                            }
                        }
                    } catch (Exception e) {
                        // the stream closes at the end
                    }
                });
                heard.poll(5, TimeUnit.SECONDS); // the notice every new listener gets at once
                announced.add(heard);
                streams.add(stream);
            }
            Histogram intake = new Histogram(3);
            Histogram reached = new Histogram(3);
            Histogram shown = new Histogram(3);
            for (int i = 0; i < TIPS; i++) {
                announced.forEach(LinkedBlockingQueue::clear);
                long sent = System.nanoTime();
                var r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/reports"))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(tip(i))).build(), HttpResponse.BodyHandlers.ofString());
                long answered = System.nanoTime();
                if (r.statusCode() != 201) {
                    throw new IllegalStateException("intake answered " + r.statusCode());
                }
                String id = vn.binhyen.eventlog.Json.MAPPER.readTree(r.body()).path("reportId").asText();
                intake.recordValue(Math.max(1, (answered - sent) / 1_000));
                for (int d = 0; d < DASHBOARDS; d++) {
                    Long at = announced.get(d).poll(10, TimeUnit.SECONDS);
                    if (at == null) {
                        throw new IllegalStateException("tip " + i + " never reached dashboard " + d);
                    }
                    reached.recordValue(Math.max(1, (at - answered) / 1_000));
                    if (d == 0) {
                        // the first page's own fetch of its rows, as the page does on the notice
                        var rows = http.send(HttpRequest.newBuilder(URI.create(base + "/dashboard/queue"))
                                .header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString());
                        // the newest tip has the most time left, so it is counted, not always on the first page
                        if (!rows.body().contains((i + 1) + " tin báo")) {
                            throw new IllegalStateException("the rows fetched after the notice do not count " + id);
                        }
                        shown.recordValue(Math.max(1, (System.nanoTime() - answered) / 1_000));
                    }
                }
            }
            streams.forEach(st -> {
                try {
                    st.body().close();
                } catch (java.io.IOException e) {
                    // closing
                }
            });
            System.out.printf("%n== %d tips, one at a time, %d dashboards' streams open ==%n", TIPS, DASHBOARDS);
            System.out.printf("limit: the intake's own round trip (POST /api/v1/reports): p50 %.1f ms  p99 %.1f ms%n",
                    ms(intake, 50), ms(intake, 99));
            System.out.printf("answered → announced on each of the %d streams (%,d latencies): p50 %.1f ms  p99 %.1f ms"
                    + "  max %.1f ms  (p99 ratio to the intake's p99 %.2f)%n", DASHBOARDS, reached.getTotalCount(),
                    ms(reached, 50), ms(reached, 99), reached.getMaxValue() / 1e3, ms(reached, 99) / ms(intake, 99));
            System.out.printf("   target p99 ≤ 100 ms: %s (ratio to target %.2f)%n", ms(reached, 99) <= 100 ? "MET"
                    : "NOT MET", ms(reached, 99) / 100);
            System.out.printf("answered → one page's rows fetched, counting the tip: p50 %.1f ms  p99 %.1f ms%n",
                    ms(shown, 50), ms(shown, 99));

            // ---- 2. the queue page with 10,000 open tips
            seed(http, base, token, OPEN - TIPS);
            Histogram login = new Histogram(3);
            Histogram page = new Histogram(3);
            Histogram search = new Histogram(3);
            int bytes = 0;
            for (int i = 0; i < PAGES; i++) {
                long t0 = System.nanoTime();
                http.send(HttpRequest.newBuilder(URI.create(base + "/dashboard/login")).build(),
                        HttpResponse.BodyHandlers.discarding());
                login.recordValue(Math.max(1, (System.nanoTime() - t0) / 1_000));
                t0 = System.nanoTime();
                var q = http.send(HttpRequest.newBuilder(URI.create(base + "/dashboard")).header("Cookie", cookie)
                        .build(), HttpResponse.BodyHandlers.ofString());
                page.recordValue(Math.max(1, (System.nanoTime() - t0) / 1_000));
                if (q.statusCode() != 200 || !q.body().contains(OPEN + " tin báo")) {
                    throw new IllegalStateException("the queue page answered " + q.statusCode() + " without its "
                            + OPEN + " tips");
                }
                bytes = q.body().length();
                if (i < PAGES / 10) {
                    t0 = System.nanoTime();
                    var s = http.send(HttpRequest.newBuilder(URI.create(base + "/dashboard?q=khong-co-tin-nao-" + i))
                            .header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString());
                    search.recordValue(Math.max(1, (System.nanoTime() - t0) / 1_000));
                    if (!s.body().contains("Không có tin báo nào khớp")) {
                        throw new IllegalStateException("the search matched something");
                    }
                }
            }
            System.out.printf("%n== the queue page, %,d open tips (100 shown per page, %,d characters) ==%n", OPEN, bytes);
            System.out.printf("limit: GET /dashboard/login (same service, no data): p50 %.1f ms  p99 %.1f ms%n",
                    ms(login, 50), ms(login, 99));
            System.out.printf("GET /dashboard, %d times: p50 %.1f ms  p99 %.1f ms  max %.1f ms  (p99 ratio to the sign-in"
                    + " page's p99 %.1f)%n", PAGES, ms(page, 50), ms(page, 99), page.getMaxValue() / 1e3,
                    ms(page, 99) / ms(login, 99));
            System.out.printf("   target p99 ≤ 200 ms: %s (ratio to target %.2f)%n", ms(page, 99) <= 200 ? "MET"
                    : "NOT MET", ms(page, 99) / 200);
            System.out.printf("worst case, a search matching none of the %,d (each opened and looked through), %d times:"
                    + " p50 %.1f ms  p99 %.1f ms  (ratio to the 200 ms target %.2f)%n", OPEN, search.getTotalCount(),
                    ms(search, 50), ms(search, 99), ms(search, 99) / 200);
        }
    }

    static double ms(Histogram h, double percentile) {
        return h.getValueAtPercentile(percentile) / 1e3;
    }

    /** {@code n} more open tips through the intake, by four bots' worth of concurrent requests. */
    static void seed(HttpClient http, String base, String token, int n) throws Exception {
        long t0 = System.nanoTime();
        var next = new java.util.concurrent.atomic.AtomicInteger();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(4)) {
            List<java.util.concurrent.Future<Object>> workers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                        var r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/reports"))
                                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(tip(TIPS + i))).build(),
                                HttpResponse.BodyHandlers.discarding());
                        if (r.statusCode() != 201) {
                            throw new IllegalStateException("intake answered " + r.statusCode());
                        }
                    }
                    return null;
                }));
            }
            for (var w : workers) {
                w.get();
            }
        }
        System.out.printf("%nseeded %,d more open tips through the intake in %.0f s%n", n, (System.nanoTime() - t0) / 1e9);
    }

    static String tip(int i) {
        return "{\"type\":\"CRIME_TIP\",\"channel\":\"zalo\",\"groupId\":\"group-police\",\"reporter\":{\"name\":"
                + "\"Nguyễn Văn Bình\",\"address\":\"12 Lê Lợi\",\"phone\":\"0912345678\"},\"details\":{\"incidentAt\":\""
                + Instant.now().minus(Duration.ofHours(1)) + "\",\"place\":\"Chợ Sông Trí\",\"summary\":\"Trộm xe máy "
                + i + "\",\"howKnown\":\"tôi chứng kiến\"}}";
    }

    private DashboardBench() {
    }
}
