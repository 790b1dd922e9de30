package vn.binhyen.bench;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import vn.binhyen.contracts.Roles;
import vn.binhyen.contracts.Topics;
import vn.binhyen.eventlog.Actor;
import vn.binhyen.eventlog.Envelope;
import vn.binhyen.eventlog.EventIds;
import vn.binhyen.eventlog.HashChain;
import vn.binhyen.eventlog.Json;
import vn.binhyen.eventlog.Relay;
import vn.binhyen.testsupport.KafkaBroker;
import vn.binhyen.testsupport.PostgresDatabase;
import vn.binhyen.testsupport.ServiceProcess;
import vn.binhyen.testsupport.Tokens;

/**
 * notification-service as it runs (its jar, a real broker, PostgreSQL, an SMS gateway stub on
 * loopback): deadline warnings routed to the duty officers, each recorded in the feed and queued
 * (and sent) on SMS; then the whole topic replayed (the service's consumer group reset to the
 * beginning, the service restarted) beside a raw consumer of the same topic in the same run.
 */
public final class NotificationBench {
    static final int EVENTS = Integer.getInteger("bench.events", 100_000);
    static final String GROUP = "notification-service";

    public static void main(String[] args) throws Exception {
        vn.binhyen.audit.QuietLogging.apply();
        System.out.printf("Bình Yên notification-service benchmark — %s, %d cores, JDK %s%n", Instant.now(),
                Runtime.getRuntime().availableProcessors(), Runtime.version());
        AtomicLong smsReceived = new AtomicLong();
        HttpServer sms = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        sms.createContext("/sms/messages", exchange -> {
            exchange.getRequestBody().readAllBytes();
            smsReceived.incrementAndGet();
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        sms.start();
        Map<String, String> env = Map.of("BINHYEN_SMS_GATEWAY_URL",
                "http://127.0.0.1:" + sms.getAddress().getPort() + "/sms");
        try (PostgresDatabase db = PostgresDatabase.create(); KafkaBroker broker = KafkaBroker.startTemporary()) {
            long routed;
            double routeRate;
            try (ServiceProcess service = ServiceProcess.start("notification-service", db, broker, env)) {
                HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(service.base
                        + "/api/v1/contacts/role:DUTY_OFFICER")).header("Authorization", "Bearer "
                        + Tokens.forRole(Roles.SYSTEM_ADMIN, "bench-admin")).header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString("{\"phone\":\"0912345678\",\"preferred\":[\"SMS\"]}"))
                        .build(), HttpResponse.BodyHandlers.discarding());

                System.out.println("\n== routed and queued: " + EVENTS + " deadline warnings → the duty officers "
                        + "(feed + SMS queue) ==");
                long started = System.nanoTime();
                produce(broker);
                long produced = System.nanoTime();
                routed = awaitCount(db, "select count(*) from notification", EVENTS, Duration.ofMinutes(10));
                double seconds = (System.nanoTime() - started) / 1e9;
                routeRate = routed / seconds;
                System.out.printf("produced in %.1f s; %,d notifications routed and queued in %.1f s: %,.0f/s%n",
                        (produced - started) / 1e9, routed, seconds, routeRate);
                System.out.printf("   target ≥ 2,000 notifications/s: %s (ratio to target %.2f)%n",
                        routeRate >= 2_000 ? "MET" : "NOT MET", routeRate / 2_000);
                awaitCount(db, "select count(*) from delivery where state = 'DELIVERED'", EVENTS,
                        Duration.ofMinutes(10));
                System.out.printf("(then delivered on SMS: %,d messages at the gateway stub)%n", smsReceived.get());
            }

            long notificationsBefore = count(db, "select count(*) from notification");
            long deliveriesBefore = count(db, "select count(*) from delivery");
            long smsBefore = smsReceived.get();
            System.out.println("\n== replay: the same " + EVENTS + " events, consumer group reset to the beginning, "
                    + ROUNDS + " times ==");
            double[] raws = new double[ROUNDS];
            double[] replays = new double[ROUNDS];
            for (int round = 0; round < ROUNDS; round++) {
                raws[round] = rawConsumer(broker);
                // the limit of a start: the service started and ready, with nothing to catch up on
                long s0 = System.nanoTime();
                double plainStart;
                try (ServiceProcess service = ServiceProcess.start("notification-service", db, broker, env)) {
                    awaitHandled(service.base, 0);
                    plainStart = (System.nanoTime() - s0) / 1e9; // before the stop, as the replay's below
                }
                resetGroup(broker);
                long s1 = System.nanoTime();
                double caughtUp;
                try (ServiceProcess service = ServiceProcess.start("notification-service", db, broker, env)) {
                    awaitHandled(service.base, EVENTS);
                    caughtUp = (System.nanoTime() - s1) / 1e9;
                }
                // what the replay added to a start, at least one look at the service's counter
                double added = Math.max(caughtUp - plainStart, POLL.toNanos() / 1e9);
                replays[round] = EVENTS / added;
                System.out.printf("round %d: raw consumer %,.0f events/s; the service caught up %.2f s after its start, "
                        + "a start with nothing to replay took %.2f s: the replay added %.2f s, %,.0f events/s%n",
                        round + 1, raws[round], caughtUp, plainStart, added, replays[round]);
            }
            double raw = median(raws);
            double replay = median(replays);
            System.out.printf("limit: a raw consumer of the same topic (byte[], no work), median: %,.0f events/s%n", raw);
            System.out.printf("replay through notification-service (what it adds to a start), median: %,.0f events/s  "
                    + "ratio to the raw consumer %.2f%n", replay, replay / raw);
            System.out.printf("   sent nothing: %s (notifications %,d → %,d, deliveries %,d → %,d, SMS %,d → %,d)%n",
                    notificationsBefore == count(db, "select count(*) from notification")
                            && deliveriesBefore == count(db, "select count(*) from delivery")
                            && smsBefore == smsReceived.get() ? "YES" : "NO",
                    notificationsBefore, count(db, "select count(*) from notification"), deliveriesBefore,
                    count(db, "select count(*) from delivery"), smsBefore, smsReceived.get());
            System.out.printf("   target ratio ≥ 0.50: %s%n", replay / raw >= 0.5 ? "MET" : "NOT MET");
        } finally {
            sms.stop(0);
        }
    }

    static final int ROUNDS = 3;

    static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    static void produce(KafkaBroker broker) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", broker.bootstrapServers());
        p.putAll(vn.binhyen.testsupport.KafkaPrincipals.clientSettings(vn.binhyen.testsupport.KafkaPrincipals.ADMIN));
        p.put("linger.ms", "5");
        p.put("batch.size", "262144");
        try (var producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            List<Future<?>> sent = new ArrayList<>();
            Instant now = Instant.now();
            for (int i = 0; i < EVENTS; i++) {
                String report = "report-bench-" + i;
                Envelope e = new Envelope(EventIds.next(), "DeadlineWarning", 1, "report", report, 2, now, now,
                        Actor.system("report-intake-service:deadline-sweep"), "corr-" + i, null,
                        Json.MAPPER.valueToTree(Map.of("reportId", report, "hoursLeft", 4, "deadline",
                                "2026-11-23T08:00:00Z")), HashChain.GENESIS, null).sealed();
                sent.add(producer.send(Relay.record(Topics.REPORT_EVENTS, "bench-ledger", e, i + 1)));
            }
            for (Future<?> f : sent) {
                f.get();
            }
        }
    }

    static long count(PostgresDatabase db, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.passwordValue());
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static long awaitCount(PostgresDatabase db, String sql, long target, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        long n = 0;
        while (System.nanoTime() < deadline && (n = count(db, sql)) < target) {
            Thread.sleep(50); // polling another process's database; nothing to await on
        }
        return n;
    }

    static Properties consumerProps(KafkaBroker broker, String group) {
        Properties p = new Properties();
        p.put("bootstrap.servers", broker.bootstrapServers());
        p.putAll(vn.binhyen.testsupport.KafkaPrincipals.clientSettings(vn.binhyen.testsupport.KafkaPrincipals.ADMIN));
        p.put("group.id", group);
        p.put("auto.offset.reset", "earliest");
        p.put("max.poll.records", "500");
        return p;
    }

    static double rawConsumer(KafkaBroker broker) {
        try (var consumer = new KafkaConsumer<>(consumerProps(broker, "bench-raw-" + UUID.randomUUID()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.REPORT_EVENTS));
            long total = 0;
            long first = 0;
            long started = 0;
            while (total < EVENTS) {
                int n = consumer.poll(Duration.ofMillis(100)).count();
                if (n > 0 && started == 0) {
                    started = System.nanoTime(); // from the first records: the group join is not reading
                    first = n;
                }
                total += n;
            }
            return (total - first) / ((System.nanoTime() - started) / 1e9);
        }
    }

    static void resetGroup(KafkaBroker broker) throws Exception {
        try (Admin admin = Admin.create(vn.binhyen.testsupport.KafkaPrincipals.admin(broker.bootstrapServers()))) {
            var offsets = admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetAndMetadata> zero = new HashMap<>();
            offsets.keySet().forEach(tp -> zero.put(tp, new OffsetAndMetadata(0)));
            admin.alterConsumerGroupOffsets(GROUP, zero).all().get();
        }
    }

    static final Duration POLL = Duration.ofMillis(50);

    /**
     * Waits until the service's own counter of records handled ({@code /q/metrics}: routed,
     * skipped as handled before, or failed) reaches {@code target}; 0 waits for the counter to be
     * served at all.
     */
    static void awaitHandled(String base, long target) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (recordsHandled(http, base) >= target) {
                return;
            }
            Thread.sleep(POLL.toMillis()); // polling another process's counter (each poll renders its /q/metrics)
        }
        throw new IllegalStateException("the service did not handle " + target + " records in 10 minutes");
    }

    static long recordsHandled(HttpClient http, String base) throws Exception {
        String metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return metrics.lines().filter(l -> l.startsWith("binhyen_notification_records_total{") && l.contains(
                "topic=\"report\"")).mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }

    private NotificationBench() {
    }
}
