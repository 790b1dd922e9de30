package vn.binhyen.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
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
 * listens on, the settings each reads from its environment, the databases of docs/design.md, and the
 * Keycloak whose tokens they accept (issue 22).
 */
class DeploymentFilesTests {
    static final Path ROOT = ServiceProcess.root();
    static final Map<String, String> DATABASES = Map.of("group-service", "binhyen_group", "moderation-service",
            "binhyen_moderation", "report-intake-service", "binhyen_report", "notification-service",
            "binhyen_notification", "zalo-connector", "binhyen_connector");
    /** Keycloak's JWKS path in the realm binhyen, after its base URL. */
    static final String REALM_CERTS = "/realms/binhyen/protocol/openid-connect/certs";

    static Properties properties(String module) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(ROOT.resolve(module).resolve("src/main/resources/application.properties"))) {
            p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    @SuppressWarnings("unchecked")
    @Test
    void composeRunsEachServiceOnItsPort_withEverySettingItReads_itsOwnDatabase_andKeycloaksTokens() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
        var services = (Map<String, Map<String, Object>>) compose.get("services");
        String init = Files.readString(ROOT.resolve("docker/init-databases.sql"));
        // Keycloak, with the repository's realm and its own database on compose's PostgreSQL
        var keycloak = services.get("keycloak");
        assertThat(keycloak).isNotNull();
        assertThat((List<String>) keycloak.get("volumes"))
                .contains("./deploy/keycloak/binhyen-realm.json:/opt/keycloak/data/import/binhyen-realm.json:ro");
        var keycloakEnv = (Map<String, Object>) keycloak.get("environment");
        assertThat(keycloakEnv.get("KC_DB_URL").toString()).startsWith("jdbc:postgresql://postgres:")
                .endsWith("/binhyen_keycloak");
        assertThat(init).contains("create database binhyen_keycloak;");
        String keycloakPort = ((List<String>) keycloak.get("ports")).get(0).split(":")[1];
        assertThat((List<String>) keycloak.get("command")).contains("--import-realm", "--http-port=" + keycloakPort);
        for (var entry : DATABASES.entrySet()) {
            String module = entry.getKey();
            var service = services.get(module);
            assertThat(service).as(module).isNotNull();
            String port = properties(module).getProperty("quarkus.http.port");
            assertThat((List<String>) service.get("ports")).as(module).contains(port + ":" + port);
            var env = (Map<String, Object>) service.get("environment");
            assertThat(env).as(module).containsKeys("BINHYEN_DB_URL", "BINHYEN_KAFKA_BOOTSTRAP",
                    "BINHYEN_JWT_PUBLIC_KEY_LOCATION", "BINHYEN_JWT_ISSUER", "BINHYEN_PG_USER", "BINHYEN_PG_PASSWORD");
            // tokens from Keycloak (the stack profile refuses the development key and issuer): its
            // keys fetched from the keycloak service inside the network, its issuer the hostname
            // it is started with
            assertThat(env.get("BINHYEN_JWT_PUBLIC_KEY_LOCATION")).as(module)
                    .isEqualTo("http://keycloak:" + keycloakPort + REALM_CERTS);
            String issuer = env.get("BINHYEN_JWT_ISSUER").toString();
            assertThat(issuer).as(module).endsWith("/realms/binhyen");
            assertThat((List<String>) keycloak.get("command")).as(module)
                    .contains("--hostname=" + issuer.substring(0, issuer.length() - "/realms/binhyen".length()));
            assertThat((Map<String, Object>) service.get("depends_on")).as(module).containsKey("keycloak");
            assertThat(env.get("BINHYEN_DB_URL").toString()).as(module).endsWith("/" + entry.getValue());
            assertThat(init).contains("create database " + entry.getValue() + ";");
            var args = (Map<String, Object>) ((Map<String, Object>) service.get("build")).get("args");
            assertThat(args.get("MODULE")).isEqualTo(module);
        }
        assertThat(((Map<String, Object>) services.get("notification-service").get("environment")))
                .containsKeys("BINHYEN_SMS_GATEWAY_URL", "BINHYEN_SMS_API_KEY", "BINHYEN_SMTP_HOST", "BINHYEN_SMTP_PORT")
                // its Zalo messages go through zalo-connector, which alone holds the OA's tokens (issue 26)
                .doesNotContainKeys("BINHYEN_ZALO_ACCESS_TOKEN", "BINHYEN_ZALO_API_URL");
        assertThat(((Map<String, Object>) services.get("zalo-connector").get("environment")))
                .containsKeys("BINHYEN_ZALO_APP_ID", "BINHYEN_ZALO_OA_ID", "BINHYEN_ZALO_OA_SECRET_KEY",
                        "BINHYEN_ZALO_APP_SECRET", "BINHYEN_ZALO_ACCESS_TOKEN", "BINHYEN_ZALO_REFRESH_TOKEN",
                        "BINHYEN_ZALO_API_URL", "BINHYEN_ZALO_OAUTH_URL");
        // the committed development key is no service's: the stack profile refuses it
        for (var entry : services.entrySet()) {
            var volumes = (List<String>) entry.getValue().getOrDefault("volumes", List.of());
            assertThat(volumes).as(entry.getKey()).noneMatch(v -> v.contains("dev-jwt") || v.contains("publicKey.pem"));
        }
    }

    /**
     * issue 22: deploy/ runs Keycloak with the repository's realm, generated into a ConfigMap by
     * deploy/kustomization.yaml, and the services verify its tokens: keys from its Service, the
     * issuer its public hostname; the realm locks out password guessers and has a password policy.
     */
    @SuppressWarnings("unchecked")
    @Test
    void deployRunsKeycloakWithTheRealmFile_whoseTokensTheServicesVerify() throws IOException {
        Map<String, Map<String, Object>> byKind = new java.util.HashMap<>();
        for (Object doc : new Yaml().loadAll(Files.readString(ROOT.resolve("deploy/base/keycloak.yaml")))) {
            var resource = (Map<String, Object>) doc;
            if ("keycloak".equals(((Map<String, Object>) resource.get("metadata")).get("name"))) {
                byKind.put((String) resource.get("kind"), resource);
            }
        }
        assertThat(byKind).containsKeys("Deployment", "Service");
        Map<String, Object> base = new Yaml().load(Files.readString(ROOT.resolve("deploy/base/kustomization.yaml")));
        assertThat((List<String>) base.get("resources")).contains("keycloak.yaml");

        // the realm ConfigMap, under the fixed name the Deployment mounts
        Map<String, Object> top = new Yaml().load(Files.readString(ROOT.resolve("deploy/kustomization.yaml")));
        var generators = (List<Map<String, Object>>) top.get("configMapGenerator");
        assertThat(generators).anySatisfy(g -> {
            assertThat(g.get("name")).isEqualTo("keycloak-realm");
            assertThat((List<String>) g.get("files")).contains("keycloak/binhyen-realm.json");
        });
        assertThat(((Map<String, Object>) top.get("generatorOptions")).get("disableNameSuffixHash")).isEqualTo(true);
        var pod = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) byKind.get("Deployment")
                .get("spec")).get("template")).get("spec");
        assertThat((List<Map<String, Object>>) pod.get("volumes")).anySatisfy(v -> assertThat(
                (Map<String, Object>) v.get("configMap")).containsEntry("name", "keycloak-realm"));
        var container = ((List<Map<String, Object>>) pod.get("containers")).get(0);
        assertThat((List<Map<String, Object>>) container.get("volumeMounts"))
                .anySatisfy(m -> assertThat(m.get("mountPath")).isEqualTo("/opt/keycloak/data/import"));
        assertThat((List<String>) container.get("args")).contains("--import-realm",
                "--hostname=$(BINHYEN_KEYCLOAK_HOSTNAME)");
        assertThat(container.get("env").toString()).contains("jdbc:postgresql://$(BINHYEN_PG_HOST)/binhyen_keycloak");

        // the services: keys from the keycloak Service, tokens issued at Keycloak's public hostname
        Map<String, Object> configMap = new Yaml().load(Files.readString(ROOT.resolve("deploy/base/config.yaml")));
        var config = (Map<String, String>) configMap.get("data");
        URI keys = URI.create(config.get("BINHYEN_JWT_PUBLIC_KEY_LOCATION"));
        assertThat(keys.getHost()).isEqualTo("keycloak");
        assertThat(keys.getPath()).isEqualTo(REALM_CERTS);
        var ports = (List<Map<String, Object>>) ((Map<String, Object>) byKind.get("Service").get("spec")).get("ports");
        assertThat(ports).anySatisfy(p -> assertThat(p.get("port")).isEqualTo(keys.getPort()));
        assertThat(config.get("BINHYEN_JWT_ISSUER")).isEqualTo(config.get("BINHYEN_KEYCLOAK_HOSTNAME") + "/realms/binhyen");
        for (String module : DATABASES.keySet()) {
            assertThat(Files.readString(ROOT.resolve("deploy/base/" + module + ".yaml"))).as(module)
                    .doesNotContain("publicKey.pem");
        }

        JsonNode realm = new ObjectMapper().readTree(ROOT.resolve("deploy/keycloak/binhyen-realm.json").toFile());
        assertThat(realm.path("realm").asText()).isEqualTo("binhyen");
        assertThat(realm.path("bruteForceProtected").asBoolean()).isTrue();
        assertThat(realm.path("passwordPolicy").asText()).contains("length(");
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
        assertThat(out).contains("kind: Job", "binhyen.group.events", "retention.ms=-1", "name: keycloak\n",
                "name: keycloak-realm\n", "binhyen-realm.json");
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
