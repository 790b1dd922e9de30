package vn.binhyen.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import vn.binhyen.contracts.Roles;
import vn.binhyen.contracts.Topics;
import vn.binhyen.testsupport.KafkaBroker;
import vn.binhyen.testsupport.PostgresDatabase;
import vn.binhyen.testsupport.ServiceProcess;
import vn.binhyen.testsupport.Tokens;

/**
 * moderation-service as it runs (its Quarkus jar, a real broker, PostgreSQL): REST screening
 * of 1 KB messages beside a no-op endpoint of the same service (GET /api/v1/me), and the Kafka
 * path (chat messages → verdicts) beside a pass-through consumer → producer, each in the same run.
 */
public final class ModerationServiceBench {
    static final Duration PHASE = Duration.ofSeconds(Long.getLong("bench.seconds", 8));
    static final int CLIENTS = Integer.getInteger("bench.clients", 16);
    static final int KAFKA_MESSAGES = Integer.getInteger("bench.kafkaMessages", 40_000);
    /** Medians of five: this machine's neighbours move a single round by ±20 %. */
    static final int ROUNDS = Integer.getInteger("bench.rounds", 5);
    /** At least this many warm-up runs of the Kafka path (the compiler is still busy after the first few). */
    static final int KAFKA_WARM_UPS = Integer.getInteger("bench.kafkaWarmUps", 4);
    /** -Dbench.only=rest or kafka runs one of the two parts. */
    static final String ONLY = System.getProperty("bench.only", "");

    public static void main(String[] args) throws Exception {
        vn.binhyen.audit.QuietLogging.apply();
        System.out.printf("Bình Yên moderation-service benchmark — %s, %d cores, JDK %s%n", Instant.now(),
                Runtime.getRuntime().availableProcessors(), Runtime.version());
        try (PostgresDatabase db = PostgresDatabase.create(); KafkaBroker broker = KafkaBroker.startTemporary();
                ServiceProcess service = ServiceProcess.start("moderation-service", db, broker)) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String base = service.base;
            String token = Tokens.forRole(Roles.BOT, "bench-bot");
            Bindings.bind(broker, db, "bench-bot", java.util.stream.IntStream.range(0, CLIENTS)
                    .mapToObj(c -> "group-bench-" + c).toList());
            String text = oneKilobyte();

            System.out.println("\n(warming up until the screening rate and the Kafka path's rate are steady; not"
                    + " measured)");
            if (!ONLY.equals("kafka")) {
                warmUp(2, 12, service, run -> {
                    double noop = rest(http, base, token, text, false).perSecond;
                    double screen = rest(http, base, token, text, true).perSecond;
                    System.out.printf("   warm-up %d: no-op %,.0f/s, screening %,.0f/s", run, noop, screen);
                    return screen;
                });
            }
            if (!ONLY.equals("rest")) {
                warmUp(KAFKA_WARM_UPS, 6 * KAFKA_WARM_UPS, service, run -> {
                    double rate = kafkaPath(broker, text);
                    System.out.printf("   warm-up %d: Kafka path %,.0f/s", run, rate);
                    return rate;
                });
            }
            if (!ONLY.equals("kafka")) {
                restRounds(http, base, token, text);
            }
            if (!ONLY.equals("rest")) {
                kafkaRounds(broker, service, text);
            }
        }
    }

    /** One warm-up run, returning the rate it measured. */
    interface WarmUpRun {
        double run(int number) throws Exception;
    }

    /** At most this share of a core for the service's JIT compiler during a run, once warm. */
    static final double COMPILER_SETTLED = 0.05;

    /**
     * Until the service is warm: runs until the rate stays within 10 % of the run before and the
     * service's JIT compiler has used at most {@link #COMPILER_SETTLED} of a core during it and
     * the run before (at least {@code min} runs, at most {@code max}). On two cores the compiler
     * takes one of them for half a minute or more after the rate first looks steady; measured
     * rounds are of the service as it then runs for hours, not of its compiler.
     */
    static void warmUp(int min, int max, ServiceProcess service, WarmUpRun run) throws Exception {
        double before = 0;
        int quiet = 0; // runs in a row with the compiler at most COMPILER_SETTLED busy: one can be a lull
        for (int number = 1; number <= max; number++) {
            var compiled = service.compilerCpuTime();
            long start = System.nanoTime();
            double rate = run.run(number);
            double compiling = compiled.isEmpty() ? 0 : (service.compilerCpuTime().orElseThrow().toNanos()
                    - compiled.get().toNanos()) / (double) (System.nanoTime() - start);
            System.out.printf(compiled.isEmpty() ? "%n" : " (the service's JIT compiler: %.0f %% of a core)%n",
                    100 * compiling);
            quiet = compiling <= COMPILER_SETTLED ? quiet + 1 : 0;
            if (number >= min && Math.abs(rate - before) <= 0.1 * before && quiet >= 2) {
                return;
            }
            before = rate;
        }
        System.out.printf("   (not steady after %d warm-up runs: measuring anyway)%n", max);
    }

    static void restRounds(HttpClient http, String base, String token, String text) throws InterruptedException {
        System.out.println("\n== REST, " + CLIENTS + " clients, " + PHASE.toSeconds() + " s each, the no-op and the"
                + " screening alternating " + ROUNDS + " times; medians ==");
        List<Result> noops = new ArrayList<>();
        List<Result> screens = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            noops.add(rest(http, base, token, text, false));
            screens.add(rest(http, base, token, text, true));
            System.out.printf("   round %d: no-op %,.0f/s, screening %,.0f/s (p99 %.2f ms)%n", round + 1,
                    noops.getLast().perSecond, screens.getLast().perSecond, screens.getLast().p99);
        }
        Result noop = median(noops);
        Result screen = median(screens);
        bindingShare(http, base, token);
        System.out.printf("limit: GET /api/v1/me (no-op, same service, same token): %,.0f requests/s  p50 %.2f ms  "
                + "p99 %.2f ms%n", noop.perSecond, noop.p50, noop.p99);
        System.out.printf("POST /api/v1/screenings, 1 KB: %,.0f requests/s  p50 %.2f ms  p99 %.2f ms  ratio to the "
                + "no-op %.2f%n", screen.perSecond, screen.p50, screen.p99, screen.perSecond / noop.perSecond);
        System.out.printf("   target ≥ 5,000/s with p99 ≤ 10 ms: %s (ratio to 5,000/s %.2f; p99 %.2f ms)%n",
                screen.perSecond >= 5_000 && screen.p99 <= 10 ? "MET" : "NOT MET", screen.perSecond / 5_000,
                screen.p99);
    }

    /**
     * Issue 21's check in the same run: the time the service spent in its binding check
     * ({@code binhyen.screening.binding.check}) beside the time it spent serving the screenings
     * ({@code http.server.requests} of POST /api/v1/screenings), both from its own /q/metrics,
     * over every screening of the rounds. Target: the check at most 10 % of a screening.
     */
    static void bindingShare(HttpClient http, String base, String token) throws InterruptedException {
        String metrics;
        try {
            metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/q/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (java.io.IOException e) {
            System.out.println("   the binding check's share: /q/metrics could not be read: " + e.getMessage());
            return;
        }
        double checkSum = metric(metrics, "binhyen_screening_binding_check_seconds_sum", "");
        double checkCount = metric(metrics, "binhyen_screening_binding_check_seconds_count", "");
        double requestSum = metric(metrics, "http_server_requests_seconds_sum", "uri=\"/api/v1/screenings\"");
        double requestCount = metric(metrics, "http_server_requests_seconds_count", "uri=\"/api/v1/screenings\"");
        if (checkCount == 0 || requestCount == 0) {
            System.out.println("   the binding check's share: no figures in /q/metrics");
            return;
        }
        double check = checkSum / checkCount * 1e6;
        double request = requestSum / requestCount * 1e6;
        System.out.printf("the binding check (issue 21): %.2f µs a screening over %,.0f checks, beside the screening's own "
                + "%.1f µs in the service (%,.0f requests): share %.4f%n", check, checkCount, request, requestCount,
                check / request);
        System.out.printf("   target ≤ 0.10 of a screening: %s (ratio to the target %.3f)%n",
                check / request <= 0.10 ? "MET" : "NOT MET", check / request / 0.10);
    }

    /** The sum of a Prometheus metric's lines whose labels contain {@code having} (every line when empty). */
    static double metric(String metrics, String name, String having) {
        double sum = 0;
        for (String line : metrics.split("\n")) {
            if (line.startsWith(name) && (line.length() == name.length() || line.charAt(name.length()) == '{'
                    || line.charAt(name.length()) == ' ') && line.contains(having)) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    /** CPU time used by this JVM (the broker, the producers and consumers of the benchmark). */
    static double ownCpuMicros() {
        return ProcessHandle.current().info().totalCpuDuration().orElseThrow().toNanos() / 1e3;
    }

    static void kafkaRounds(KafkaBroker broker, ServiceProcess service, String text) throws Exception {
        System.out.println("\n== Kafka path, " + KAFKA_MESSAGES + " messages, the pass-through and the path"
                + " alternating " + ROUNDS + " times; medians ==");
        double[] passes = new double[ROUNDS];
        double[] streams = new double[ROUNDS];
        double[] passCpu = new double[ROUNDS];
        double[] pathCpu = new double[ROUNDS];
        double[] serviceCpu = new double[ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            double own = ownCpuMicros();
            passes[round] = passThrough(broker, text);
            passCpu[round] = (ownCpuMicros() - own) / KAFKA_MESSAGES;
            own = ownCpuMicros();
            double svc = service.cpuTime().toNanos() / 1e3;
            var compiler = service.compilerCpuTime();
            streams[round] = kafkaPath(broker, text);
            serviceCpu[round] = (service.cpuTime().toNanos() / 1e3 - svc) / KAFKA_MESSAGES;
            pathCpu[round] = (ownCpuMicros() - own) / KAFKA_MESSAGES + serviceCpu[round];
            String compiling = compiler.isEmpty() ? "" : String.format(", its JIT compiler %.1f µs",
                    (service.compilerCpuTime().orElseThrow().toNanos() - compiler.get().toNanos()) / 1e3
                            / KAFKA_MESSAGES);
            System.out.printf("   round %d: pass-through %,.0f/s (%.0f µs CPU/message), screening path %,.0f/s (%.0f µs "
                    + "CPU/message, of it the service %.0f µs%s)%n", round + 1, passes[round], passCpu[round],
                    streams[round], pathCpu[round], serviceCpu[round], compiling);
        }
        java.util.Arrays.sort(passCpu);
        java.util.Arrays.sort(pathCpu);
        java.util.Arrays.sort(serviceCpu);
        System.out.printf("CPU per message, medians (less sensitive to the machine's neighbours than the rates): "
                + "pass-through %.0f µs, screening path %.0f µs (the service %.0f µs); two cores give %.0f µs per "
                + "message at 20,000/s%n", passCpu[ROUNDS / 2], pathCpu[ROUNDS / 2], serviceCpu[ROUNDS / 2],
                2 * 1e6 / 20_000);
        java.util.Arrays.sort(passes);
        java.util.Arrays.sort(streams);
        double passThrough = passes[ROUNDS / 2];
        double stream = streams[ROUNDS / 2];
        System.out.printf("limit: pass-through consumer → producer of the same records, produced during the window as"
                + " the path's are: %,.0f messages/s%n", passThrough);
        System.out.printf("chat messages → screening → verdicts: %,.0f messages/s  ratio to pass-through %.2f%n",
                stream, stream / passThrough);
        System.out.printf("   target ≥ 20,000 messages/s: %s (ratio to target %.2f)%n",
                stream >= 20_000 ? "MET" : "NOT MET", stream / 20_000);
    }

    /** The round with the median throughput, with its own latencies. */
    static Result median(List<Result> rounds) {
        List<Result> sorted = new ArrayList<>(rounds);
        sorted.sort(java.util.Comparator.comparingDouble(Result::perSecond));
        return sorted.get(sorted.size() / 2);
    }

    record Result(double perSecond, double p50, double p99) {
    }

    static String oneKilobyte() {
        String notice = "Kính gửi các đồng chí, Ban Thường trực đề nghị các tổ dân phố rà soát danh sách hộ nghèo, "
                + "hộ cận nghèo trước ngày 30/11 và gửi báo cáo về Văn phòng UBND phường. ";
        StringBuilder kb = new StringBuilder();
        while (kb.length() < 1024) {
            kb.append(notice);
        }
        return kb.substring(0, 1024);
    }

    /** Each message from its own member: one member sending thousands a second is a flood, and is held. */
    static String body(String group, String messageId, String text) {
        return "{\"groupId\":\"" + group + "\",\"messageId\":\"" + messageId + "\",\"author\":{\"id\":\"m-" + messageId + "\","
                + "\"displayName\":\"Nguyễn Văn An\"},\"text\":\"" + text + "\"}";
    }

    static Result rest(HttpClient http, String base, String token, String text, boolean screen)
            throws InterruptedException {
        var r = HttpLoad.run(http, CLIENTS, PHASE, client -> screen
                ? HttpRequest.newBuilder(URI.create(base + "/api/v1/screenings"))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body("group-bench-" + client,
                                UUID.randomUUID().toString(), text))).build()
                : HttpRequest.newBuilder(URI.create(base + "/api/v1/me")).header("Authorization", "Bearer " + token)
                        .GET().build(), 200);
        return new Result(r.perSecond(), r.p50(), r.p99());
    }

    /**
     * The limit: a plain consumer copying each record to another topic, with its input produced
     * during the timed window exactly as the screening path's is (the same producer, the same
     * 40,000 records, on the same cores).
     */
    static double passThrough(KafkaBroker broker, String text) throws Exception {
        String in = "bench.in-" + UUID.randomUUID();
        String out = "bench.out-" + UUID.randomUUID();
        try (var admin = org.apache.kafka.clients.admin.Admin.create(
                vn.binhyen.testsupport.KafkaPrincipals.admin(broker.bootstrapServers()))) {
            admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(in, java.util.Optional.empty(),
                    java.util.Optional.empty()))).all().get();
        }
        try (var consumer = consumer(broker); var producer = producer(broker)) {
            consumer.subscribe(List.of(in));
            while (consumer.assignment().isEmpty()) {
                consumer.poll(Duration.ofMillis(100)); // joined before the first record
            }
            long started = System.nanoTime();
            var input = java.util.concurrent.CompletableFuture.runAsync(() -> {
                try {
                    produce(broker, in, text);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            long copied = 0;
            while (copied < KAFKA_MESSAGES) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                    producer.send(new ProducerRecord<>(out, r.key(), r.value()));
                    copied++;
                }
            }
            producer.flush();
            input.join();
            return KAFKA_MESSAGES / ((System.nanoTime() - started) / 1e9);
        }
    }

    static double kafkaPath(KafkaBroker broker, String text) throws Exception {
        try (var consumer = consumer(broker)) {
            consumer.subscribe(List.of(Topics.MODERATION_VERDICTS));
            while (consumer.assignment().isEmpty()) {
                consumer.poll(Duration.ofMillis(100)); // joined before the first verdict
            }
            // only this round's verdicts: earlier rounds' are skipped, the end resolved before producing
            consumer.seekToEnd(consumer.assignment());
            consumer.assignment().forEach(consumer::position);
            long started = System.nanoTime();
            produce(broker, Topics.CHAT_MESSAGES, text);
            long seen = 0;
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (seen < KAFKA_MESSAGES && System.nanoTime() < deadline) {
                seen += consumer.poll(Duration.ofMillis(100)).count();
            }
            return seen / ((System.nanoTime() - started) / 1e9);
        }
    }

    static void produce(KafkaBroker broker, String topic, String text) throws Exception {
        try (var producer = producer(broker)) {
            List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < KAFKA_MESSAGES; i++) {
                String group = "group-stream-" + (i % 64);
                sent.add(producer.send(new ProducerRecord<>(topic, group, body(group, "s-" + i + "-" + UUID.randomUUID(),
                        text))));
            }
            for (var f : sent) {
                f.get();
            }
        }
    }

    static KafkaProducer<String, String> producer(KafkaBroker broker) {
        Properties p = new Properties();
        p.put("bootstrap.servers", broker.bootstrapServers());
        p.putAll(vn.binhyen.testsupport.KafkaPrincipals.clientSettings(vn.binhyen.testsupport.KafkaPrincipals.ADMIN));
        p.put("linger.ms", "5");
        p.put("batch.size", "262144");
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    static KafkaConsumer<String, String> consumer(KafkaBroker broker) {
        Properties p = new Properties();
        p.put("bootstrap.servers", broker.bootstrapServers());
        p.putAll(vn.binhyen.testsupport.KafkaPrincipals.clientSettings(vn.binhyen.testsupport.KafkaPrincipals.ADMIN));
        p.put("group.id", "bench-" + UUID.randomUUID());
        p.put("auto.offset.reset", "earliest");
        p.put("max.poll.records", "2000");
        return new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
    }

    private ModerationServiceBench() {
    }
}
