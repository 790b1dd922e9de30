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
}
