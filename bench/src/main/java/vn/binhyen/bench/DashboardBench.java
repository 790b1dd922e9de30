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
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import vn.binhyen.contracts.Roles;
import vn.binhyen.testsupport.KafkaBroker;
import vn.binhyen.testsupport.PostgresDatabase;
import vn.binhyen.testsupport.ServiceProcess;
import vn.binhyen.testsupport.Tokens;

/**
 * A new tip reaching an open dashboard: an officer signed in, the dashboard's event stream open
 * (as the page keeps it), tips submitted one after another by a bot; each one's latency is from
 * the moment its intake is answered to the moment the stream announces the change. Printed
 * beside the intake's own round trip in the same run.
 */
public final class DashboardBench {
    static final int TIPS = Integer.getInteger("bench.tips", 300);

    public static void main(String[] args) throws Exception {
        vn.binhyen.audit.QuietLogging.apply();
        System.out.printf("Bình Yên dashboard latency benchmark — %s, %d cores, JDK %s%n", Instant.now(),
                Runtime.getRuntime().availableProcessors(), Runtime.version());
        int port = vn.binhyen.testsupport.Keycloak.freePort();
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
                        "BINHYEN_OIDC_ISSUER", keycloak.issuer()))) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String base = service.base;
            new vn.binhyen.testsupport.KeycloakTokens(keycloak).user("bench-duty", Roles.DUTY_OFFICER,
                    Tokens.DEFAULT_UNIT, true);
            String cookie = "binhyen_session=" + vn.binhyen.testsupport.DashboardSignIn.session(dashboard, "bench-duty",
                    vn.binhyen.testsupport.KeycloakTokens.password("bench-duty"),
                    vn.binhyen.testsupport.KeycloakTokens.nextUnusedCode("bench-duty"));

            LinkedBlockingQueue<Long> announced = new LinkedBlockingQueue<>();
            HttpResponse<InputStream> stream = http.send(HttpRequest.newBuilder(URI.create(base + "/dashboard/stream"))
                    .header("Cookie", cookie).header("Accept", "text/event-stream").build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            Thread reader = Thread.ofPlatform().daemon().start(() -> {
                try (var lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                    for (String l = lines.readLine(); l != null; l = lines.readLine()) {
                        if (l.startsWith("data:")) {
                            announced.add(System.nanoTime());
                        }
                    }
                } catch (Exception e) {
                    // the stream closes at the end
                }
            });
            announced.poll(5, TimeUnit.SECONDS); // the first round after connecting

            String token = Tokens.forRole(Roles.BOT, "bench-bot");
            Bindings.bind(broker, db, "bench-bot", java.util.List.of("group-police"));
            Histogram intake = new Histogram(3);
            Histogram shown = new Histogram(3);
            for (int i = 0; i < TIPS; i++) {
                announced.clear();
                long sent = System.nanoTime();
                var r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/reports"))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(tip(i))).build(), HttpResponse.BodyHandlers.discarding());
                long answered = System.nanoTime();
                if (r.statusCode() != 201) {
                    throw new IllegalStateException("intake answered " + r.statusCode());
                }
                Long at = announced.poll(10, TimeUnit.SECONDS);
                if (at == null) {
                    throw new IllegalStateException("tip " + i + " never reached the dashboard's stream");
                }
                intake.recordValue(Math.max(1, (answered - sent) / 1_000));
                shown.recordValue(Math.max(1, (at - answered) / 1_000));
            }
            stream.body().close();
            reader.interrupt();
            System.out.printf("%n== %d tips, one at a time, the dashboard's stream open ==%n", TIPS);
            System.out.printf("limit: the intake's own round trip (POST /api/v1/reports): p50 %.1f ms  p99 %.1f ms%n",
                    intake.getValueAtPercentile(50) / 1e3, intake.getValueAtPercentile(99) / 1e3);
            double p99 = shown.getValueAtPercentile(99) / 1e3;
            System.out.printf("answered → announced on the dashboard's stream: p50 %.1f ms  p99 %.1f ms  max %.1f ms"
                    + "  (p99 ratio to the intake's p99 %.1f)%n", shown.getValueAtPercentile(50) / 1e3, p99,
                    shown.getMaxValue() / 1e3, p99 / (intake.getValueAtPercentile(99) / 1e3));
            System.out.printf("   target p99 ≤ 1,000 ms: %s (ratio to target %.2f)%n", p99 <= 1_000 ? "MET" : "NOT MET",
                    p99 / 1_000);
        }
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
