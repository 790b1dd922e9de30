package vn.binhyen.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import vn.binhyen.testsupport.ServiceProcess;

/**
 * docker-compose.yml and deploy/ agree with the services they run: the ports each service
 * listens on, the settings each reads from its environment, the databases of DESIGN.md.
 */
class DeploymentFilesTests {
    static final Path ROOT = ServiceProcess.root();
    static final Map<String, String> DATABASES = Map.of("group-service", "binhyen_group", "moderation-service",
            "binhyen_moderation", "report-intake-service", "binhyen_report", "notification-service",
            "binhyen_notification");

    static Properties properties(String module) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(ROOT.resolve(module).resolve("src/main/resources/application.properties"))) {
            p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    @SuppressWarnings("unchecked")
    @Test
    void composeRunsEachServiceOnItsPort_withEverySettingItReads_andItsOwnDatabase() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
        var services = (Map<String, Map<String, Object>>) compose.get("services");
        String init = Files.readString(ROOT.resolve("docker/init-databases.sql"));
        for (var entry : DATABASES.entrySet()) {
            String module = entry.getKey();
            var service = services.get(module);
            assertThat(service).as(module).isNotNull();
            String port = properties(module).getProperty("quarkus.http.port");
            assertThat((List<String>) service.get("ports")).as(module).contains(port + ":" + port);
            var env = (Map<String, Object>) service.get("environment");
            assertThat(env).as(module).containsKeys("BINHYEN_DB_URL", "BINHYEN_KAFKA_BOOTSTRAP",
                    "BINHYEN_JWT_PUBLIC_KEY_LOCATION", "BINHYEN_PG_USER", "BINHYEN_PG_PASSWORD");
            assertThat(env.get("BINHYEN_DB_URL").toString()).as(module).endsWith("/" + entry.getValue());
            assertThat(init).contains("create database " + entry.getValue() + ";");
            var args = (Map<String, Object>) ((Map<String, Object>) service.get("build")).get("args");
            assertThat(args.get("MODULE")).isEqualTo(module);
        }
        assertThat(((Map<String, Object>) services.get("notification-service").get("environment")))
                .containsKeys("BINHYEN_ZALO_APP_ID", "BINHYEN_ZALO_OA_SECRET_KEY", "BINHYEN_ZALO_ACCESS_TOKEN",
                        "BINHYEN_ZALO_API_URL", "BINHYEN_SMS_GATEWAY_URL", "BINHYEN_SMS_API_KEY", "BINHYEN_SMTP_HOST",
                        "BINHYEN_SMTP_PORT");
    }

    @Test
    void theKubernetesManifestsBuild_withADeploymentAndServicePerService() throws Exception {
        Process which = new ProcessBuilder("sh", "-c", "command -v kubectl").start();
        assumeTrue(which.waitFor() == 0, "kubectl is not installed: the manifests are not built here");
        Process build = new ProcessBuilder("kubectl", "kustomize", ROOT.resolve("deploy").toString())
                .redirectErrorStream(true).start();
        String out = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(build.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(build.exitValue()).as(out).isZero();
        for (String module : DATABASES.keySet()) {
            String port = properties(module).getProperty("quarkus.http.port");
            assertThat(out).contains("name: " + module + "\n", "containerPort: " + port,
                    "jdbc:postgresql://$(BINHYEN_PG_HOST)/" + DATABASES.get(module));
        }
        assertThat(out).contains("kind: Job", "binhyen.group.events", "retention.ms=-1");
    }

    /**
     * issue 21, audit F6: the Strimzi KafkaUsers declare, for every principal, exactly the rights
     * the test broker and bin/stack give it (test-support's KafkaPrincipals), and each service's
     * Deployment logs in as its own user.
     */
    @Test
    @SuppressWarnings("unchecked")
    void theKafkaUsersInDeploy_grantWhatTheBrokerOfTheTestsGrants_andEachServiceLogsInAsItself() throws IOException {
        Map<String, Map<String, Object>> users = new java.util.HashMap<>();
        for (Object doc : new Yaml().loadAll(Files.readString(ROOT.resolve("deploy/base/kafka-users.yaml")))) {
            var user = (Map<String, Object>) doc;
            users.put((String) ((Map<String, Object>) user.get("metadata")).get("name"), user);
        }
        for (var principal : vn.binhyen.testsupport.KafkaPrincipals.ALL) {
            var user = users.get(principal.name());
            assertThat(user).as(principal.name()).isNotNull();
            var spec = (Map<String, Object>) user.get("spec");
            assertThat(((Map<String, Object>) spec.get("authentication")).get("type")).isEqualTo("scram-sha-512");
            java.util.Set<String> declared = new java.util.TreeSet<>();
            for (var acl : (List<Map<String, Object>>) ((Map<String, Object>) spec.get("authorization")).get("acls")) {
                var resource = (Map<String, Object>) acl.get("resource");
                for (Object op : (List<Object>) acl.get("operations")) {
                    declared.add(resource.get("type") + " " + resource.get("name") + " " + resource.get("patternType")
                            + " " + op);
                }
            }
            java.util.Set<String> expected = new java.util.TreeSet<>();
            principal.writes().forEach(t -> List.of("Write", "Describe", "Create")
                    .forEach(op -> expected.add("topic " + t + " literal " + op)));
            principal.reads().forEach(t -> List.of("Read", "Describe")
                    .forEach(op -> expected.add("topic " + t + " literal " + op)));
            expected.add("group " + principal.groupPrefix() + " prefix Read");
            assertThat(declared).as(principal.name()).isEqualTo(expected);
        }
        for (String module : DATABASES.keySet()) {
            String deployment = Files.readString(ROOT.resolve("deploy/base/" + module + ".yaml"));
            assertThat(deployment).as(module).contains("name: BINHYEN_KAFKA_USER\n              value: " + module,
                    "secretKeyRef: {name: " + module + ", key: password}");
            assertThat(properties(module).getProperty("kafka.sasl.jaas.config")).as(module)
                    .contains("${BINHYEN_KAFKA_USER:" + module + "}");
        }
    }
}
