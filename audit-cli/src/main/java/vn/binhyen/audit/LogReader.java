package vn.binhyen.audit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads topics from their beginning to the end they had when reading started, every
 * partition, with no consumer group (an audit leaves no trace in the brokers' offsets).
 */
public final class LogReader {
    /** How far along a read is: records read of those there were at the start. */
    public interface Progress {
        void at(long read, long total);
    }

    /** Batches read ahead while earlier ones are still being inspected. */
    private static final int IN_FLIGHT = 2; // more kept more records alive through each collection (measured: 6 was slower)

    private LogReader() {
    }

    /** Every record to {@code sink}, in log order per partition, on the calling thread. */
    public static long read(String bootstrap, List<String> topics, Consumer<LogRecord> sink, Progress progress) {
        return read(bootstrap, topics, Function.identity(), sink, progress, 0);
    }

    /**
     * Every record through {@code inspect} on {@code workers} threads (order-free work: parsing,
     * hashing), then each result to {@code apply} on one thread of its own, in log order per
     * partition (the order-dependent checks). Reading the next batches overlaps the inspection and
     * the checks of earlier ones. With no workers, everything runs on the calling thread.
     */
    /**
     * The reader's identity on Kafka (issue 21): a Java client properties file (security.protocol,
     * sasl.mechanism, sasl.jaas.config, ...) named by {@code -Dbinhyen.kafka.config} or
     * {@code BINHYEN_KAFKA_CONFIG}, e.g. the auditor's, {@code bin/stack kafka-config auditor};
     * none: an unauthenticated client, which a broker with ACLs refuses.
     */
    static Properties clientConfig() {
        Properties p = new Properties();
        String file = System.getProperty("binhyen.kafka.config", System.getenv("BINHYEN_KAFKA_CONFIG"));
        if (file != null && !file.isBlank()) {
            try (var in = java.nio.file.Files.newInputStream(java.nio.file.Path.of(file))) {
                p.load(in);
            } catch (java.io.IOException e) {
                throw new IllegalStateException("the Kafka client configuration " + file + " cannot be read: "
                        + e.getMessage(), e);
            }
        }
        return p;
    }

    public static <T> long read(String bootstrap, List<String> topics, Function<LogRecord, T> inspect,
            Consumer<T> apply, Progress progress, int workers) {
        Properties p = clientConfig();
        p.put("bootstrap.servers", bootstrap);
        p.put("enable.auto.commit", "false");
        p.put("max.poll.records", "5000");
        p.put("fetch.max.bytes", "52428800");
        p.put("max.partition.fetch.bytes", "8388608");
        ExecutorService pool = workers > 0 ? Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "audit-inspect");
            t.setDaemon(true);
            return t;
        }) : null;
        try (var consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                var infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
                if (infos != null) {
                    infos.forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
            long total = 0;
            for (TopicPartition tp : partitions) {
                total += end.get(tp) - begin.get(tp);
            }
            long read = 0;
            List<TopicPartition> open = new ArrayList<>();
            for (TopicPartition tp : partitions) {
                if (end.get(tp) > begin.get(tp)) {
                    open.add(tp);
                }
            }
            BlockingQueue<List<Future<List<T>>>> pending = new ArrayBlockingQueue<>(IN_FLIGHT);
            Thread applier = null;
            AtomicReference<Throwable> failed = new AtomicReference<>();
            if (pool != null) {
                applier = new Thread(() -> {
                    try {
                        for (List<Future<List<T>>> batch = pending.take(); !batch.isEmpty(); batch = pending.take()) {
                            drain(batch, apply);
                        }
                    } catch (Throwable t) {
                        failed.set(t);
                    }
                }, "audit-apply");
                applier.start();
            }
            while (!open.isEmpty() && failed.get() == null) {
                ConsumerRecords<byte[], byte[]> polled = consumer.poll(Duration.ofMillis(500));
                List<LogRecord> batch = new ArrayList<>(polled.count());
                for (TopicPartition tp : polled.partitions()) {
                    long stop = end.getOrDefault(tp, 0L);
                    for (ConsumerRecord<byte[], byte[]> r : polled.records(tp)) {
                        if (r.offset() < stop) { // later records were written after the audit began
                            batch.add(new LogRecord(r.topic(), r.partition(), r.offset(), r.headers(), r.value()));
                        }
                    }
                }
                read += batch.size();
                if (pool == null) {
                    batch.forEach(r -> apply.accept(inspect.apply(r)));
                } else if (!batch.isEmpty()) {
                    put(pending, submit(pool, batch, inspect, workers));
                }
                open.removeIf(tp -> consumer.position(tp) >= end.get(tp));
                progress.at(read, total);
            }
            if (applier != null) {
                put(pending, List.of()); // the end
                try {
                    applier.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while verifying", e);
                }
            }
            if (failed.get() != null) {
                throw new IllegalStateException("checking the records failed: " + failed.get().getMessage(), failed.get());
            }
            return read;
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }

    private static <T> List<Future<List<T>>> submit(ExecutorService pool, List<LogRecord> batch,
            Function<LogRecord, T> inspect, int workers) {
        int chunks = Math.min(workers, Math.max(1, batch.size() / 256));
        int size = (batch.size() + chunks - 1) / chunks;
        List<Future<List<T>>> futures = new ArrayList<>(chunks);
        for (int from = 0; from < batch.size(); from += size) {
            List<LogRecord> chunk = batch.subList(from, Math.min(batch.size(), from + size));
            futures.add(pool.submit(() -> {
                List<T> out = new ArrayList<>(chunk.size());
                for (LogRecord r : chunk) {
                    out.add(inspect.apply(r));
                }
                return out;
            }));
        }
        return futures;
    }

    private static <T> void put(BlockingQueue<List<Future<List<T>>>> queue, List<Future<List<T>>> batch) {
        try {
            queue.put(batch);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while verifying", e);
        }
    }

    private static <T> void drain(List<Future<List<T>>> batch, Consumer<T> apply) {
        for (Future<List<T>> f : batch) {
            try {
                f.get().forEach(apply);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while verifying", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("inspecting a record failed", e.getCause());
            }
        }
    }
}
