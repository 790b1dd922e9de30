package vn.binhyen.audit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
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

    private LogReader() {
    }

    public static long read(String bootstrap, List<String> topics, Consumer<LogRecord> sink, Progress progress) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("enable.auto.commit", "false");
        p.put("max.poll.records", "5000");
        p.put("fetch.max.bytes", "52428800");
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
            while (!open.isEmpty()) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    if (r.offset() >= end.get(tp)) {
                        continue; // written after the audit began
                    }
                    Map<String, String> headers = new HashMap<>();
                    for (Header h : r.headers()) {
                        headers.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
                    }
                    sink.accept(new LogRecord(r.topic(), r.partition(), r.offset(), headers, r.value()));
                    read++;
                }
                open.removeIf(tp -> consumer.position(tp) >= end.get(tp));
                progress.at(read, total);
            }
            return read;
        }
    }
}
