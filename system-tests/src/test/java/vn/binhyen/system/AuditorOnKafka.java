package vn.binhyen.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Properties;
import vn.binhyen.testsupport.KafkaPrincipals;

/**
 * The audit tool reads the log as the auditor (issue 21): its Kafka client configuration, as
 * {@code bin/stack kafka-config auditor} gives it, named for the tool in this JVM.
 */
final class AuditorOnKafka {
    private AuditorOnKafka() {
    }

    static synchronized void configure() {
        if (System.getProperty("binhyen.kafka.config") != null) {
            return;
        }
        try {
            var file = Files.createTempFile("kafka-auditor-", ".properties");
            Properties p = new Properties();
            p.putAll(KafkaPrincipals.clientSettings("auditor"));
            try (var out = Files.newOutputStream(file)) {
                p.store(out, "the auditor's Kafka identity (development)");
            }
            file.toFile().deleteOnExit();
            System.setProperty("binhyen.kafka.config", file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
