package vn.binhyen.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import vn.binhyen.contracts.Roles;
import vn.binhyen.testsupport.KafkaBroker;
import vn.binhyen.testsupport.PostgresDatabase;
import vn.binhyen.testsupport.ServiceProcess;
import vn.binhyen.testsupport.Tokens;

/**
 * report-intake-service as it runs: intake of crime tips over REST beside the service's no-op
 * endpoint, and the clock's sweep finding the due rows among a million open deadlines, beside
 * the same query made to scan the table — each limit measured in the same run.
 */
public final class ReportBench {
    static final Duration PHASE = Duration.ofSeconds(Long.getLong("bench.seconds", 8));
    static final int CLIENTS = Integer.getInteger("bench.clients", 16);
    static final int DEADLINES = Integer.getInteger("bench.deadlines", 1_000_000);
    static final int ROUNDS = Integer.getInteger("bench.rounds", 3);
    static final String DUE = "select report_id, kind from report_deadline where not done and due_at <= ? "
            + "order by due_at limit 500 for update skip locked";

    public static void main(String[] args) throws Exception {
        vn.binhyen.audit.QuietLogging.apply();
        System.out.printf("Bình Yên report-intake-service benchmark — %s, %d cores, JDK %s%n", Instant.now(),
                Runtime.getRuntime().availableProcessors(), Runtime.version());
        try (PostgresDatabase db = PostgresDatabase.create(); KafkaBroker broker = KafkaBroker.startTemporary();
                ServiceProcess service = ServiceProcess.start("report-intake-service", db, broker)) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String token = Tokens.forRole(Roles.BOT, "bench-bot");
            Bindings.bind(broker, db, "bench-bot", java.util.List.of("group-police"));
            System.out.println("\n(warming up for " + 3 * PHASE.toSeconds() + " s; not measured: the JIT compiles the"
                    + " intake's path well after the first seconds)");
            noop(http, service.base, token);
            intake(http, service.base, token);
            intake(http, service.base, token);

            System.out.println("\n== Intake, " + CLIENTS + " clients, " + PHASE.toSeconds() + " s each, the no-op and the"
                    + " intake alternating " + ROUNDS + " times; medians ==");
            // issue 21: the same tip taken by a duty officer (the unit from the token's claim, no directory
            // lookup) and relayed by the bot (bound to the group, the group's unit looked up): the checks' cost
            String officer = Tokens.forRole(Roles.DUTY_OFFICER, "bench-duty");
            intake(http, service.base, officer, false);
            List<HttpLoad.Result> noops = new ArrayList<>();
            List<HttpLoad.Result> intakes = new ArrayList<>();
            List<HttpLoad.Result> officers = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                noops.add(noop(http, service.base, token));
                intakes.add(intake(http, service.base, token));
                officers.add(intake(http, service.base, officer, false));
                System.out.printf("   round %d: no-op %,.0f/s, intake by the bot %,.0f/s (p99 %.2f ms), by a duty officer"
                        + " %,.0f/s%n", round + 1, noops.getLast().perSecond(), intakes.getLast().perSecond(),
                        intakes.getLast().p99(), officers.getLast().perSecond());
            }
            var byOfficer = median(officers);
            var noop = median(noops);
            var intake = median(intakes);
            System.out.printf("limit: GET /api/v1/me (no-op, same service): %,.0f requests/s  p99 %.2f ms%n",
                    noop.perSecond(), noop.p99());
            System.out.printf("POST /api/v1/reports (complete crime tip): %,.0f reports/s  p50 %.2f ms  p99 %.2f ms  "
                    + "ratio to the no-op %.2f%n", intake.perSecond(), intake.p50(), intake.p99(),
                    intake.perSecond() / noop.perSecond());
            System.out.printf("limit: the same tip taken by a duty officer (no bot binding, no group lookup): %,.0f/s%n",
                    byOfficer.perSecond());
            System.out.printf("   issue 21, the bot's binding and the group's unit checked: ratio to the officer's %.2f, "
                    + "target ≥ 0.90: %s%n", intake.perSecond() / byOfficer.perSecond(),
                    intake.perSecond() / byOfficer.perSecond() >= 0.90 ? "MET" : "NOT MET");
            System.out.printf("   target ≥ 1,000 reports/s with p99 ≤ 50 ms: %s (ratio to 1,000/s %.2f; p99 %.2f ms)%n",
                    intake.perSecond() >= 1_000 && intake.p99() <= 50 ? "MET" : "NOT MET", intake.perSecond() / 1_000,
                    intake.p99());

            System.out.println("\n== The clock's sweep among " + DEADLINES + " open deadlines ==");
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("insert into report_deadline (report_id, kind, due_at) select 'report-bench-' || g, 'BREACH', "
                        + "now() + interval '1 hour' + (g % 86400) * interval '1 second' from generate_series(1, "
                        + DEADLINES + ") g");
                s.execute("insert into report_deadline (report_id, kind, due_at) select 'report-due-' || g, 'WARN_1', "
                        + "now() - interval '1 minute' from generate_series(1, 100) g");
                s.execute("analyze report_deadline");
            }
            Histogram indexed = sweep(db, true);
            Histogram scanned = sweep(db, false);
            System.out.printf("limit: the same query forced to scan the table: p50 %.1f ms  p99 %.1f ms%n",
                    scanned.getValueAtPercentile(50) / 1e6, scanned.getValueAtPercentile(99) / 1e6);
            System.out.printf("sweep query (partial index on due_at where not done): p50 %.2f ms  p99 %.2f ms  ratio to "
                    + "the scan %.3f%n", indexed.getValueAtPercentile(50) / 1e6, indexed.getValueAtPercentile(99) / 1e6,
                    (double) indexed.getValueAtPercentile(50) / scanned.getValueAtPercentile(50));
            System.out.printf("   target ≤ 50 ms: %s (p99 %.2f ms; ratio to target %.3f)%n",
                    indexed.getValueAtPercentile(99) / 1e6 <= 50 ? "MET" : "NOT MET",
                    indexed.getValueAtPercentile(99) / 1e6, indexed.getValueAtPercentile(99) / 1e6 / 50);
        }
    }

    /** The round with the median throughput (its own latencies with it). */
    static HttpLoad.Result median(List<HttpLoad.Result> rounds) {
        List<HttpLoad.Result> sorted = new ArrayList<>(rounds);
        sorted.sort(java.util.Comparator.comparingDouble(HttpLoad.Result::perSecond));
        return sorted.get(sorted.size() / 2);
    }

    static HttpLoad.Result noop(HttpClient http, String base, String token) throws InterruptedException {
        return HttpLoad.run(http, CLIENTS, PHASE, client -> HttpRequest.newBuilder(URI.create(base + "/api/v1/me"))
                .header("Authorization", "Bearer " + token).GET().build(), 200);
    }

    static HttpLoad.Result intake(HttpClient http, String base, String token) throws InterruptedException {
        return intake(http, base, token, true);
    }

    /** {@code viaGroup}: relayed from the police group (a bot's), or taken at the desk (an officer's). */
    static HttpLoad.Result intake(HttpClient http, String base, String token, boolean viaGroup)
            throws InterruptedException {
        String tip = "{\"type\":\"CRIME_TIP\",\"channel\":\"zalo\"," + (viaGroup ? "\"groupId\":\"group-police\"," : "")
                + "\"reporter\":{\"name\":\"Nguyễn Văn Bình\",\"address\":\"12 Lê Lợi\",\"phone\":\"0912345678\"},"
                + "\"details\":{\"incidentAt\":\"" + Instant.now().minusSeconds(3600) + "\",\"place\":\"Chợ Sông Trí\","
                + "\"summary\":\"Hai đối tượng trộm xe máy rồi bỏ chạy\",\"howKnown\":\"tôi chứng kiến\"}}";
        return HttpLoad.run(http, CLIENTS, PHASE, client -> HttpRequest.newBuilder(URI.create(base + "/api/v1/reports"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(tip)).build(), 201);
    }

    /** The sweep's own query, in a transaction rolled back each time, 50 times. */
    static Histogram sweep(PostgresDatabase db, boolean index) throws Exception {
        Histogram h = new Histogram(3);
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            for (int i = 0; i < 55; i++) {
                if (!index) {
                    try (Statement s = c.createStatement()) {
                        s.execute("set local enable_indexscan = off; set local enable_bitmapscan = off");
                    }
                }
                long t = System.nanoTime();
                int rows = 0;
                try (PreparedStatement ps = c.prepareStatement(DUE)) {
                    ps.setTimestamp(1, Timestamp.from(Instant.now()));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            rows++;
                        }
                    }
                }
                if (i >= 5) { // the first five warm the caches
                    h.recordValue(System.nanoTime() - t);
                }
                c.rollback();
                if (rows != 100) {
                    throw new IllegalStateException("the sweep found " + rows + " due rows, not 100");
                }
            }
        }
        return h;
    }

    private ReportBench() {
    }
}
