package vn.binhyen.testsupport;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import vn.binhyen.contracts.Topics;

/**
 * Who may do what on Kafka (issue 21, audit F6), in one table: each service writes only its own
 * topics and reads only what it consumes, in its own consumer group; the auditor reads the event
 * logs and writes nothing; a streaming bot sends chat messages and reads verdicts. The test
 * broker and {@code bin/stack}'s broker create these principals (SCRAM-SHA-512) and their ACLs;
 * {@code deploy/base/kafka-users.yaml} declares the same as Strimzi {@code KafkaUser}s, and a test
 * holds the two to each other. Passwords here are development ones ({@code dev-kafka-<name>}),
 * which the prod profile refuses.
 */
public final class KafkaPrincipals {
    /** The broker's own principal and the tests' and tools' super user. */
    public static final String ADMIN = "admin";
    public static final String MECHANISM = "SCRAM-SHA-512";

    /**
     * A principal's rights: topics it writes, topics it reads, and the consumer groups it may use
     * ({@code group} as a prefix; null for none).
     */
    public record Principal(String name, List<String> writes, List<String> reads, String groupPrefix) {
    }

    public static final List<Principal> ALL = List.of(
            new Principal("group-service", List.of(Topics.GROUP_EVENTS), List.of(Topics.MODERATION_EVENTS),
                    "group-service"),
            new Principal("moderation-service", List.of(Topics.MODERATION_EVENTS, Topics.MODERATION_VERDICTS),
                    List.of(Topics.GROUP_EVENTS, Topics.CHAT_MESSAGES), "moderation-service"),
            new Principal("report-intake-service", List.of(Topics.REPORT_EVENTS), List.of(Topics.GROUP_EVENTS),
                    "report-intake-service"),
            new Principal("notification-service", List.of(Topics.NOTIFICATION_EVENTS),
                    List.of(Topics.GROUP_EVENTS, Topics.MODERATION_EVENTS, Topics.REPORT_EVENTS, Topics.CONNECTOR_EVENTS),
                    "notification-service"),
            new Principal("zalo-connector", List.of(Topics.CONNECTOR_EVENTS, Topics.CHAT_MESSAGES),
                    List.of(Topics.GROUP_EVENTS, Topics.MODERATION_VERDICTS, Topics.NOTIFICATION_EVENTS), "zalo-connector"),
            new Principal("auditor", List.of(), Topics.EVENT_LOGS, "binhyen-audit"),
            new Principal("zalo-bot", List.of(Topics.CHAT_MESSAGES), List.of(Topics.MODERATION_VERDICTS), "zalo-bot"));

    private KafkaPrincipals() {
    }

    public static Principal named(String name) {
        return ALL.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no Kafka principal " + name + "; there are "
                        + ALL.stream().map(Principal::name).toList() + " and " + ADMIN));
    }

    /** The development password of a principal. */
    public static String password(String name) {
        return "dev-kafka-" + name;
    }

    /** A Java client's security settings for {@code name} (bootstrap servers not included). */
    public static Map<String, Object> clientSettings(String name) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("security.protocol", "SASL_PLAINTEXT");
        p.put("sasl.mechanism", MECHANISM);
        p.put("sasl.jaas.config", jaas(name, password(name)));
        return p;
    }

    /** A Java client's properties for {@code name}, bootstrap servers included. */
    public static Properties clientProperties(String bootstrap, String name) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.putAll(clientSettings(name));
        return p;
    }

    /** A Java client's configuration as the super user {@link #ADMIN}, for tests, benchmarks and tools. */
    public static Map<String, Object> admin(String bootstrap) {
        Map<String, Object> p = new LinkedHashMap<>(clientSettings(ADMIN));
        p.put("bootstrap.servers", bootstrap);
        return p;
    }

    /** The same settings in librdkafka's names (kcat -F). */
    public static Map<String, String> librdkafkaSettings(String bootstrap, String name) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("bootstrap.servers", bootstrap);
        p.put("security.protocol", "sasl_plaintext");
        p.put("sasl.mechanisms", MECHANISM);
        p.put("sasl.username", name);
        p.put("sasl.password", password(name));
        return p;
    }

    static String jaas(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }
}
