package vn.binhyen.notification.messaging;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;
import vn.binhyen.contracts.Topics;
import vn.binhyen.eventlog.EventLogException;

/**
 * The offsets this service stored with its routing (table {@code consumed_offset}, written in the
 * transaction that handled the records) are the truth of what it has consumed, not the consumer
 * group's offsets in Kafka. When partitions are assigned, the consumer is moved to the stored
 * offset ("storing offsets outside Kafka" in {@code KafkaConsumer}'s documentation): after a
 * consumer group reset nothing already handled is fetched again, and after a database restored
 * from an older backup the records it lacks are read again (routing is idempotent per source
 * event, recipient and channel). Records skipped this way count as handled in
 * {@code binhyen.notification.records}. Partitions with no stored offset keep the group's position.
 */
@ApplicationScoped
@Identifier("stored-offsets")
public class StoredOffsets implements KafkaConsumerRebalanceListener {
    private static final Logger LOG = Logger.getLogger(StoredOffsets.class);

    private final AgroalDataSource dataSource;
    private final MeterRegistry metrics;

    StoredOffsets(AgroalDataSource dataSource, MeterRegistry metrics) {
        this.dataSource = dataSource;
        this.metrics = metrics;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        Map<String, Map<Integer, Long>> byTopic = new HashMap<>();
        for (TopicPartition tp : partitions) {
            Long stored = byTopic.computeIfAbsent(tp.topic(), this::read).get(tp.partition());
            if (stored == null) {
                continue;
            }
            long position = consumer.position(tp);
            if (position != stored) {
                consumer.seek(tp, stored);
                LOG.infof("%s: from the stored offset %d (the group was at %d)", tp, stored, position);
                if (stored > position) {
                    metrics.counter("binhyen.notification.records", "topic", shortName(tp.topic()))
                            .increment(stored - position);
                }
            }
        }
    }

    /** The stored next offset of each partition of a topic. */
    public Map<Integer, Long> read(String topic) {
        Map<Integer, Long> out = new HashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select partition, next_offset from consumed_offset where topic = ?")) {
            ps.setString(1, topic);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getInt(1), rs.getLong(2));
                }
            }
        } catch (SQLException e) {
            throw new EventLogException("offsets of " + topic + " could not be read: " + e.getMessage(), e);
        }
        return out;
    }

    static String shortName(String topic) {
        return switch (topic) {
            case Topics.GROUP_EVENTS -> "group";
            case Topics.MODERATION_EVENTS -> "moderation";
            case Topics.REPORT_EVENTS -> "report";
            default -> topic;
        };
    }
}
