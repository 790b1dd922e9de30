package vn.binhyen.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.binhyen.audit.LogReader;
import vn.binhyen.audit.Verifier;
import vn.binhyen.contracts.Roles;
import vn.binhyen.contracts.Topics;
import vn.binhyen.eventlog.Json;
import vn.binhyen.testsupport.Tokens;

/**
 * Faults, each bounded in time and load, on loopback only (issue 7): report-intake-service as a
 * process, its database behind a proxy the test cuts, under a steady load of citizens' crime
 * tips from bots that retry each tip under its Idempotency-Key until it is accepted (honouring
 * Retry-After). PostgreSQL unreachable for 30 s; then a batch of 10,000 tips with the service
 * killed with -9 a third of the way through and started again; then the broker restarted
 * mid-load. Afterwards every tip is recorded exactly once (also those whose answer the kill
 * lost: their retry was answered from the first recording), the log verifies as an auditor
 * checks it, and while the database was down the clients were told 503 with Retry-After, never
 * 500, and never left waiting.
 */
class FaultTests {
    static final Duration OUTAGE = Duration.ofSeconds(Integer.getInteger("faults.outageSeconds", 30));
    static final int CLIENTS = 8;
    static final int BATCH = Integer.getInteger("faults.batch", 10_000);
    static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(15);

    static FaultStage stage;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** What the clients saw: attempts, tips accepted, and how. */
    static final AtomicLong sent = new AtomicLong();
    static final AtomicLong tips = new AtomicLong();
    static final AtomicLong accepted = new AtomicLong();
    static final AtomicLong recovered = new AtomicLong();
    static final AtomicLong replayed = new AtomicLong();
    static final AtomicLong unavailable = new AtomicLong();
    static final AtomicLong unreachable = new AtomicLong();
    static final AtomicLong serverErrors = new AtomicLong();
    static final AtomicLong hung = new AtomicLong();
    static final AtomicLong otherStatus = new AtomicLong();
    static final Set<String> acceptedIds = ConcurrentHashMap.newKeySet();

    @BeforeAll
    static void start() throws Exception {
        stage = FaultStage.start("report-intake-service");
        AuditorOnKafka.configure(); // the log is verified as the auditor reads it (issue 21)
        stage.bind("zalo-bot", "group-police");
    }

    @AfterAll
    static void stop() throws Exception {
        if (stage != null) {
            stage.close();
        }
    }

    static String tip(int n) throws Exception {
        return Json.MAPPER.writeValueAsString(Map.of("type", "CRIME_TIP", "channel", "zalo", "groupId", "group-police",
                "reporter", Map.of("name", "Nguyễn Văn Bình", "address", n + " Lê Lợi", "phone", "0912345678"),
                "details", Map.of("incidentAt", Instant.now().minus(Duration.ofHours(1)).toString(), "place",
                        "Chợ Sông Trí", "summary", "Trộm xe máy số " + n, "howKnown", "tôi chứng kiến")));
    }

    /**
     * Tips from {@link #CLIENTS} bots until {@code running} is cleared; each tip retried under its
     * key until it is accepted; every answer counted.
     */
    static ExecutorService load(AtomicBoolean running) {
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        String token = Tokens.forRole(Roles.BOT, "zalo-bot");
        for (int c = 0; c < CLIENTS; c++) {
            clients.submit(() -> {
                while (running.get()) {
                    int n = (int) tips.incrementAndGet();
                    String key = "fault-tip-" + n;
                    boolean failedBefore = false;
                    while (running.get()) {
                        sent.incrementAndGet();
                        long backoffMillis = 0;
                        try {
                            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(stage.service().base
                                    + "/api/v1/reports")).timeout(CLIENT_TIMEOUT).header("Authorization", "Bearer "
                                    + token).header("Idempotency-Key", key).header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(tip(n))).build(),
                                    HttpResponse.BodyHandlers.ofString());
                            if (r.statusCode() == 201) {
                                String id = Json.MAPPER.readTree(r.body()).path("reportId").asText();
                                acceptedIds.add(id);
                                accepted.incrementAndGet();
                                recovered.addAndGet(failedBefore ? 1 : 0);
                                replayed.addAndGet(r.headers().firstValue("Idempotent-Replayed").isPresent() ? 1 : 0);
                                break;
                            }
                            failedBefore = true;
                            if (r.statusCode() == 503 && r.headers().firstValue("Retry-After").isPresent()) {
                                unavailable.incrementAndGet();
                                backoffMillis = Math.min(1_000, 1_000L * Long.parseLong(r.headers()
                                        .firstValue("Retry-After").orElseThrow()));
                            } else if (r.statusCode() >= 500) {
                                serverErrors.incrementAndGet();
                                System.err.println("[faults] " + r.statusCode() + ": " + r.body());
                            } else {
                                otherStatus.incrementAndGet();
                                System.err.println("[faults] " + r.statusCode() + ": " + r.body());
                                break; // a 4xx is not retried
                            }
                        } catch (HttpTimeoutException e) {
                            hung.incrementAndGet();
                            failedBefore = true;
                        } catch (java.io.IOException e) {
                            unreachable.incrementAndGet(); // the process is down: nobody to answer
                            failedBefore = true;
                            backoffMillis = 50;
                        }
                        // a bot backs off before it tries again (it would not hammer a dead port)
                        java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(backoffMillis).toNanos());
                    }
                }
                return null;
            });
        }
        return clients;
    }

    static void awaitAccepted(long more, Duration limit) throws Exception {
        long target = accepted.get() + more;
        long deadline = System.nanoTime() + limit.toNanos();
        org.awaitility.Awaitility.await().atMost(limit).pollInterval(Duration.ofMillis(100))
                .until(() -> accepted.get() >= target || System.nanoTime() > deadline);
        assertThat(accepted.get()).as("tips accepted").isGreaterThanOrEqualTo(target);
    }

    @Test
    void databaseDown30s_thenKill9_thenBrokerRestart_nothingAcceptedIsLost_nothingTwice_theLogVerifies_andClientsSaw503s()
            throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService clients = load(running);
        try {
            awaitAccepted(200, Duration.ofSeconds(60));

            // PostgreSQL unreachable for the service, for 30 s
            long before503 = unavailable.get();
            stage.database().cut();
            long cutAt = System.nanoTime();
            org.awaitility.Awaitility.await().atMost(OUTAGE.plusSeconds(5)).pollInterval(Duration.ofMillis(200))
                    .until(() -> System.nanoTime() - cutAt >= OUTAGE.toNanos());
            long refusedDuringOutage = unavailable.get() - before503;
            stage.database().restore();
            awaitAccepted(200, Duration.ofSeconds(60)); // recovered by itself, no restart
            assertThat(refusedDuringOutage).as("503s while the database was down").isPositive();

            // a batch of 10,000 tips: kill -9 a third of the way through, start it again, the bots retry
            long batchStart = accepted.get();
            awaitAccepted(BATCH / 3, Duration.ofSeconds(120));
            stage.kill();
            stage.startAgain();
            awaitAccepted(BATCH - (accepted.get() - batchStart), Duration.ofSeconds(180));

            // the broker restarted under load: intake goes on (the table is the outbox), the relay catches up
            stage.restartBroker();
            awaitAccepted(200, Duration.ofSeconds(60));
        } finally {
            running.set(false);
            clients.shutdown();
            assertThat(clients.awaitTermination(CLIENT_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS)).isTrue();
        }
        System.out.printf("[faults] tips %,d, requests sent %,d, accepted %,d (recovered after a refusal or a lost"
                + " answer %,d, of them answered from the first recording %,d), refused with 503 %,d, unreachable while"
                + " killed %,d, 500s %,d, hung %,d, other %,d%n", tips.get(), sent.get(), accepted.get(),
                recovered.get(), replayed.get(), unavailable.get(), unreachable.get(), serverErrors.get(), hung.get(),
                otherStatus.get());
        assertThat(serverErrors.get()).as("500s").isZero();
        assertThat(hung.get()).as("requests left waiting " + CLIENT_TIMEOUT.toSeconds() + " s").isZero();
        assertThat(otherStatus.get()).as("other answers").isZero();

        // nothing accepted is lost, nothing recorded twice
        try (Connection c = stage.db().connect(); Statement s = c.createStatement()) {
            Set<String> stored = ConcurrentHashMap.newKeySet();
            try (ResultSet rs = s.executeQuery("select stream_id from event where event_type = 'ReportReceived'")) {
                while (rs.next()) {
                    assertThat(stored.add(rs.getString(1))).as("received once: " + rs.getString(1)).isTrue();
                }
            }
            assertThat(stored).as("every accepted tip is stored").containsAll(acceptedIds);
            Set<String> extra = new java.util.HashSet<>(stored);
            extra.removeAll(acceptedIds);
            assertThat(extra.size()).as("stored but unanswered: only tips in flight when the load stopped")
                    .isLessThanOrEqualTo(CLIENTS);
            assertThat(recovered.get()).as("tips accepted on a retry").isPositive();
            try (ResultSet rs = s.executeQuery("select count(*), count(distinct report_id) from report_summary")) {
                rs.next();
                assertThat(rs.getLong(1)).as("one summary row per report").isEqualTo(rs.getLong(2));
                assertThat(rs.getLong(1)).as("a summary row per stored report").isEqualTo(stored.size());
            }
        }
        // the relay catches up and the log verifies as an auditor checks it
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    Verifier verifier = new Verifier();
                    LogReader.read(stage.broker().bootstrapServers(), List.of(Topics.REPORT_EVENTS), Verifier::inspect,
                            verifier::apply, (d, t) -> { }, 2);
                    assertThat(verifier.breaks()).isEmpty();
                    try (Connection c = stage.db().connect(); Statement s = c.createStatement();
                            ResultSet rs = s.executeQuery("select count(*) from event")) {
                        rs.next();
                        assertThat(verifier.events()).as("every stored event published").isEqualTo(rs.getLong(1));
                    }
                });
    }
}
