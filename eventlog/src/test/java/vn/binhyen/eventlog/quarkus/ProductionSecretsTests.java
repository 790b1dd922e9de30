package vn.binhyen.eventlog.quarkus;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

/** Production refuses development secrets (audit F1, F4): each is found and named. */
class ProductionSecretsTests {
    static Config config(Map<String, String> properties) {
        return new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(properties, "test", 500)).build();
    }

    @Test
    void theCommittedDevelopmentKey_isKnownByItsFingerprint() {
        assertThat(ProductionSecrets.fingerprint("binhyen/dev-jwt/publicKey.pem"))
                .contains(ProductionSecrets.DEVELOPMENT_KEY_SHA256);
    }

    @Test
    void theDevelopmentKeyIssuerAndDefaultSecrets_areEachNamed() {
        // given a configuration with the committed development values
        Config dev = config(Map.of("mp.jwt.verify.publickey.location", "binhyen/dev-jwt/publicKey.pem",
                "mp.jwt.verify.issuer", "https://binhyen.vn/dev", "binhyen.connector.oa.main.secret-key", "dev-oa-secret",
                "binhyen.notification.sms.api-key", "dev-sms-key"));
        // when checked, then each is named
        assertThat(ProductionSecrets.problems(dev)).hasSize(4)
                .anySatisfy(p -> assertThat(p).contains("BINHYEN_JWT_PUBLIC_KEY_LOCATION").contains("development public key"))
                .anySatisfy(p -> assertThat(p).contains("BINHYEN_JWT_ISSUER"))
                .anySatisfy(p -> assertThat(p).startsWith("binhyen.connector.oa.main.secret-key"))
                .anySatisfy(p -> assertThat(p).startsWith("binhyen.notification.sms.api-key"));
    }

    @Test
    void theStackProfilesCheck_namesTheDevelopmentKeyAndIssuer_butNotItsOtherDevelopmentSecrets() {
        // given bin/stack's settings with the development key instead of Keycloak's (issue 22)
        Config stack = config(Map.of("mp.jwt.verify.publickey.location", "binhyen/dev-jwt/publicKey.pem",
                "mp.jwt.verify.issuer", "https://binhyen.vn/dev", "kafka.sasl.jaas.config", "password=\"dev-kafka-x\"",
                "binhyen.connector.oa.main.secret-key", "dev-oa-secret"));
        // when the token settings are checked, then the key and the issuer are named, and nothing else
        assertThat(ProductionSecrets.tokenProblems(stack)).hasSize(2)
                .anySatisfy(p -> assertThat(p).contains("BINHYEN_JWT_PUBLIC_KEY_LOCATION"))
                .anySatisfy(p -> assertThat(p).contains("BINHYEN_JWT_ISSUER"));
        // and Keycloak's keys and issuer pass
        assertThat(ProductionSecrets.tokenProblems(config(Map.of("mp.jwt.verify.publickey.location",
                "http://127.0.0.1:8180/realms/binhyen/protocol/openid-connect/certs", "mp.jwt.verify.issuer",
                "http://127.0.0.1:8180/realms/binhyen")))).isEmpty();
    }

    @Test
    void anEmptyDatabasePassword_isNamed() {
        assertThat(ProductionSecrets.problems(config(Map.of("quarkus.datasource.db-kind", "postgresql",
                "quarkus.datasource.password", "")))).singleElement().asString().contains("BINHYEN_PG_PASSWORD");
        assertThat(ProductionSecrets.problems(config(Map.of("quarkus.datasource.db-kind", "postgresql",
                "quarkus.datasource.password", "s3cret-from-the-vault")))).isEmpty();
    }

    @Test
    void aServiceThatSealsWithAMasterKey_withoutItsFile_isNamed_issue_21() {
        assertThat(ProductionSecrets.problems(config(Map.of("binhyen.secrets.master-key", "required"))))
                .singleElement().asString().contains("BINHYEN_MASTER_KEY_FILE");
        assertThat(ProductionSecrets.problems(config(Map.of("binhyen.secrets.master-key", "required",
                "binhyen.report.master-key-file", "/etc/binhyen/master-key/master.key")))).isEmpty();
    }

    @Test
    void theDevelopmentKafkaPassword_andNoKafkaIdentity_areNamed_issue_21() {
        assertThat(ProductionSecrets.problems(config(Map.of("kafka.sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"group-service\" "
                        + "password=\"dev-kafka-group-service\";")))).singleElement().asString()
                .contains("BINHYEN_KAFKA_PASSWORD");
        assertThat(ProductionSecrets.problems(config(Map.of("kafka.security.protocol", "PLAINTEXT"))))
                .singleElement().asString().contains("BINHYEN_KAFKA_SECURITY_PROTOCOL");
    }

    @Test
    void aProductionConfiguration_hasNone() {
        Config prod = config(Map.of("mp.jwt.verify.publickey.location", "/etc/binhyen/jwt/publicKey.pem",
                "mp.jwt.verify.issuer", "https://sso.congan.gov.vn/realms/binhyen",
                "binhyen.connector.oa.main.secret-key", "f3b0c44298fc1c149afbf4c8996fb924"));
        assertThat(ProductionSecrets.problems(prod)).isEmpty();
    }
}
