package vn.binhyen.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import vn.binhyen.audit.LogReader;
import vn.binhyen.audit.Verifier;
import vn.binhyen.eventlog.Actor;
import vn.binhyen.eventlog.Envelope;
import vn.binhyen.eventlog.EventIds;
import vn.binhyen.eventlog.HashChain;
import vn.binhyen.eventlog.Json;
import vn.binhyen.eventlog.Relay;
import vn.binhyen.testsupport.KafkaBroker;

/**
 * `audit verify` over a million relay-published events from a local broker, beside the raw
 * consumer reading the same topic in the same run. Targets: ≥ 200,000 events/s, ratio ≥ 0.5,
 * 1,000,000 events in ≤ 10 s.
 */
public final class AuditBench {
    static final int EVENTS = Integer.getInteger("bench.auditEvents", 1_000_000);
    static final int STREAMS = 10_000;

    public static void main(String[] args) throws Exception {
        vn.binhyen.audit.QuietLogging.apply();
        System.out.printf("Bình Yên audit verify benchmark — %s, %d cores, JDK %s%n", Instant.now(),
                Runtime.getRuntime().availableProcessors(), Runtime.version());
        try (KafkaBroker broker = KafkaBroker.startTemporary()) {
            String topic = "bench.audit-" + UUID.randomUUID();
            System.out.println("\n(publishing " + EVENTS + " chained events in " + STREAMS + " streams; not measured)");
            publish(broker, topic);
            int workers = Integer.getInteger("bench.auditWorkers", Runtime.getRuntime().availableProcessors());
            // warm-up, not measured: one raw read and one verify of the whole topic (the JIT, the page cache)
            LogReader.read(broker.bootstrapServers(), List.of(topic), r -> { }, (d, t) -> { });
            Verifier warm = new Verifier();
            LogReader.read(broker.bootstrapServers(), List.of(topic), Verifier::inspect, warm::apply, (d, t) -> { },
                    workers);
            // measured: raw and verify in turn, three times each; the medians are reported
            double[] rawTimes = new double[ROUNDS];
            double[] verifyTimes = new double[ROUNDS];
            long raw = 0;
            Verifier verifier = null;
            for (int round = 0; round < ROUNDS; round++) {
                long t0 = System.nanoTime();
                raw = LogReader.read(broker.bootstrapServers(), List.of(topic), r -> { }, (d, t) -> { });
                rawTimes[round] = (System.nanoTime() - t0) / 1e9;
                verifier = new Verifier();
                long t1 = System.nanoTime();
                LogReader.read(broker.bootstrapServers(), List.of(topic), Verifier::inspect, verifier::apply,
                        (d, t) -> { }, workers);
                int found = verifier.breaks().size();
                verifyTimes[round] = (System.nanoTime() - t1) / 1e9;
                System.out.printf("round %d: raw %.2f s, verify %.2f s (%d breaks)%n", round + 1, rawTimes[round],
                        verifyTimes[round], found);
            }
            int breaks = verifier.breaks().size();
            double rawSeconds = median(rawTimes);
            double verifySeconds = median(verifyTimes);
            double rawRate = raw / rawSeconds;
            double verifyRate = verifier.events() / verifySeconds;
            System.out.printf("%nlimit: raw consumer, same topic (median of %d): %,.0f records/s (%,d in %.1f s)%n", ROUNDS, rawRate, raw,
                    rawSeconds);
            System.out.printf("audit verify (median of " + ROUNDS + "): %,.0f events/s (%,d in %.1f s, %d breaks)  ratio to the raw consumer %.2f%n",
                    verifyRate, verifier.events(), verifySeconds, breaks, verifyRate / rawRate);
            System.out.printf("   target ≥ 200,000 events/s and ratio ≥ 0.5: %s (ratio to 200,000/s %.2f)%n",
                    verifyRate >= 200_000 && verifyRate / rawRate >= 0.5 ? "MET" : "NOT MET", verifyRate / 200_000);
            System.out.printf("   target 1,000,000 events in ≤ 10 s: %s (%.1f s for %,d)%n",
                    verifySeconds * 1_000_000 / verifier.events() <= 10 ? "MET" : "NOT MET", verifySeconds,
                    verifier.events());
        }
    }

    static final int ROUNDS = 3;

    static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    static void publish(KafkaBroker broker, String topic) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", broker.bootstrapServers());
        p.putAll(vn.binhyen.testsupport.KafkaPrincipals.clientSettings(vn.binhyen.testsupport.KafkaPrincipals.ADMIN));
        p.put("linger.ms", "10");
        p.put("batch.size", "524288");
        // no compression: the relays publish uncompressed (their producer sets none), so the log is read as it is
        String[] streams = new String[STREAMS];
        String[] heads = new String[STREAMS];
        long[] versions = new long[STREAMS];
        for (int i = 0; i < STREAMS; i++) {
            streams[i] = "group-" + UUID.randomUUID();
            heads[i] = HashChain.GENESIS;
        }
        Actor actor = Actor.of("leader-1", "LEADER");
        try (var producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            List<Future<?>> pending = new ArrayList<>();
            for (int n = 0; n < EVENTS; n++) {
                int s = n % STREAMS;
                Envelope e = new Envelope(EventIds.next(), "MemberAdded", 1, "group", streams[s], ++versions[s],
                        Instant.now(), Instant.now(), actor, "bench", null, Json.MAPPER.createObjectNode()
                                .put("groupId", streams[s]).put("memberId", "m-" + n).put("role", "MEMBER"),
                        heads[s], null).sealed();
                heads[s] = e.hash();
                pending.add(producer.send(Relay.record(topic, "bench-ledger", e, n + 1)));
                if (pending.size() == 10_000) {
                    for (var f : pending) {
                        f.get();
                    }
                    pending.clear();
                }
            }
            for (var f : pending) {
                f.get();
            }
        }
    }

    private AuditBench() {
    }
}
