package vn.binhyen.notification.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import vn.binhyen.testsupport.KafkaBrokerResource;
import vn.binhyen.testsupport.PostgresDatabaseResource;

/**
 * On assignment the consumer moves to the offset stored with the routing: past what was handled
 * after a group reset (nothing fetched again), back to what the database lacks after a restore;
 * a partition with nothing stored keeps the group's position. A real broker and a real consumer.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PostgresDatabaseResource.class)
class StoredOffsetsTests {
    @Inject
    @Identifier("stored-offsets")
    StoredOffsets listener;

    @Inject
    AgroalDataSource dataSource;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    void store(String topic, int partition, long next) throws Exception {
        try (var c = dataSource.getConnection(); var ps = c.prepareStatement(
                "insert into consumed_offset (topic, partition, next_offset) values (?, ?, ?)")) {
            ps.setString(1, topic);
            ps.setInt(2, partition);
            ps.setLong(3, next);
            ps.executeUpdate();
        }
    }

    @Test
    void assignedPartitions_startFromTheStoredOffsets_forwardOrBack_andOthersKeepTheirPosition() throws Exception {
        String handled = "stored-offsets-" + UUID.randomUUID();
        String restored = "stored-offsets-" + UUID.randomUUID();
        String untouched = "stored-offsets-" + UUID.randomUUID();
        try (var producer = new KafkaProducer<>(vn.binhyen.testsupport.KafkaPrincipals.admin(bootstrap),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (String topic : List.of(handled, restored, untouched)) {
                for (int i = 0; i < 10; i++) {
                    producer.send(new ProducerRecord<>(topic, ("r" + i).getBytes())).get();
                }
            }
        }
        store(handled, 0, 7);  // a group reset: 0..6 were handled
        store(restored, 0, 2); // a restored database: it has handled only 0..1
        TopicPartition h = new TopicPartition(handled, 0);
        TopicPartition r = new TopicPartition(restored, 0);
        TopicPartition u = new TopicPartition(untouched, 0);
        try (var consumer = new KafkaConsumer<>(with(vn.binhyen.testsupport.KafkaPrincipals.admin(bootstrap),
                Map.of("group.id", "stored-offsets-test-" + UUID.randomUUID(), "enable.auto.commit", "false")),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(h, r, u));
            consumer.seek(h, 0);
            consumer.seek(r, 5); // the group's committed offset ran ahead of the database
            consumer.seek(u, 3);

            listener.onPartitionsAssigned(consumer, List.of(h, r, u));

            assertThat(consumer.position(h)).isEqualTo(7);
            assertThat(consumer.position(r)).isEqualTo(2);
            assertThat(consumer.position(u)).isEqualTo(3);
            List<Long> offsets = new java.util.ArrayList<>();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).records(h).forEach(rec -> offsets.add(rec.offset()));
                return offsets.size() >= 3;
            });
            assertThat(offsets).containsExactly(7L, 8L, 9L); // the handled records are never fetched again
        }
    }

    /** {@code base} with {@code more} added. */
    static java.util.Map<String, Object> with(java.util.Map<String, Object> base, java.util.Map<String, ?> more) {
        var all = new java.util.HashMap<String, Object>(base);
        all.putAll(more);
        return all;
    }
}
