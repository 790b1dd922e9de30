package vn.binhyen.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.binhyen.contracts.Topics;

/**
 * Kafka with identities (issue 21, audit F6), on the broker the tests, the benchmarks and
 * {@code bin/stack} run: a client without credentials, or with a wrong password, gets nothing;
 * a service writes its own topic and not another's; the auditor reads and never writes.
 */
class KafkaAclTests {
    static KafkaBroker broker;

    @BeforeAll
    static void start() {
        broker = KafkaBroker.startTemporary();
        broker.createTopics(Topics.ALL, 1);
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    static KafkaProducer<String, String> producer(Properties p) {
        p.put("max.block.ms", "4000");
        p.put("delivery.timeout.ms", "6000");
        p.put("request.timeout.ms", "3000");
        p.put("linger.ms", "0");
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    static Throwable sendFails(Properties p, String topic) {
        try (var producer = producer(p)) {
            producer.send(new ProducerRecord<>(topic, "k", "v")).get(10, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (org.apache.kafka.common.KafkaException e) {
            // a refusal that reached the producer before this send (its producer id was refused) comes back as
            // "in an error state", carrying the refusal: the refusal is the answer, whichever way it came
            return e.getCause() != null ? e.getCause() : e;
        } catch (Exception e) {
            return e;
        }
    }

    @Test
    void aClientWithoutCredentials_cannotWrite() {
        Properties anonymous = new Properties();
        anonymous.put("bootstrap.servers", broker.bootstrapServers());
        assertThat(sendFails(anonymous, Topics.GROUP_EVENTS)).as("no credentials, nothing written").isNotNull();
    }

    @Test
    void aWrongPassword_isRefused() {
        Properties p = broker.clientProperties("group-service");
        p.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                + "username=\"group-service\" password=\"guessed\";");
        assertThat(sendFails(p, Topics.GROUP_EVENTS)).isInstanceOf(SaslAuthenticationException.class);
    }

    @Test
    void aServiceWritesItsOwnTopic_butNotAnothersOne() {
        assertThat(sendFails(broker.clientProperties("group-service"), Topics.GROUP_EVENTS)).isNull();
        assertThat(sendFails(broker.clientProperties("group-service"), Topics.REPORT_EVENTS))
                .isInstanceOf(TopicAuthorizationException.class);
        assertThat(sendFails(broker.clientProperties("report-intake-service"), Topics.GROUP_EVENTS))
                .isInstanceOf(TopicAuthorizationException.class);
        assertThat(sendFails(broker.clientProperties("zalo-bot"), Topics.CHAT_MESSAGES)).isNull();
        assertThat(sendFails(broker.clientProperties("zalo-bot"), Topics.MODERATION_VERDICTS))
                .as("a bot cannot forge verdicts").isInstanceOf(TopicAuthorizationException.class);
    }

    @Test
    void theAuditorReadsTheEventLogs_andWritesNothing() {
        // refused at the topic, or before it: a principal that may write nowhere gets no producer id
        assertThat(sendFails(broker.clientProperties("auditor"), Topics.GROUP_EVENTS)).isInstanceOfAny(
                TopicAuthorizationException.class, org.apache.kafka.common.errors.ClusterAuthorizationException.class);
        Properties p = broker.clientProperties("auditor");
        try (var consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            var partition = new TopicPartition(Topics.GROUP_EVENTS, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            consumer.poll(Duration.ofSeconds(2)); // throws TopicAuthorizationException were it refused
            assertThat(consumer.position(partition)).isNotNegative();
        }
        // and a service cannot read what it does not consume
        Properties report = broker.clientProperties("report-intake-service");
        try (var consumer = new KafkaConsumer<>(report, new StringDeserializer(), new StringDeserializer())) {
            var partition = new TopicPartition(Topics.MODERATION_EVENTS, 0);
            consumer.assign(List.of(partition));
            assertThatThrownBy(() -> {
                consumer.seekToBeginning(List.of(partition));
                consumer.poll(Duration.ofSeconds(3));
                consumer.poll(Duration.ofSeconds(3));
            }).isInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void everyPrincipal_hasADevelopmentConfigurationFile() throws Exception {
        var dir = java.nio.file.Files.createTempDirectory("kafka-clients-");
        broker.writeClientConfigurations(dir);
        for (var principal : KafkaPrincipals.ALL) {
            Properties p = new Properties();
            try (var in = java.nio.file.Files.newInputStream(dir.resolve(principal.name() + ".properties"))) {
                p.load(in);
            }
            assertThat(p.getProperty("sasl.jaas.config")).contains("username=\"" + principal.name() + "\"");
            assertThat(java.nio.file.Files.readString(dir.resolve(principal.name() + ".librdkafka.conf")))
                    .contains("sasl.username=" + principal.name());
        }
    }
}
