package vn.binhyen.zalosim;

import org.junit.jupiter.api.Test;
import vn.binhyen.zalosim.ZaloSim.Config;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigTest {

    @Test
    void anEmptyJsonObjectGivesEveryDefault() {
        assertThat(Config.fromJson("{}")).isEqualTo(Config.defaults());
        Config d = Config.defaults();
        assertThat(d.host()).isEqualTo("127.0.0.1");
        assertThat(d.port()).isEqualTo(8090);
        assertThat(d.appId()).isEqualTo("sim-app");
        assertThat(d.secretKey()).isEqualTo("sim-oa-secret-key");
        assertThat(d.accessToken()).isEqualTo("sim-access-0");
        assertThat(d.refreshToken()).isEqualTo("sim-refresh-0");
        assertThat(d.accessTokenLifetime()).isEqualTo(90000);
        assertThat(d.callsPerSecond()).isEqualTo(20);
        assertThat(d.webhookUrl()).isNull();
    }

    @Test
    void groupsAndFieldsAreReadFromJsonWithDefaultsForWhatIsLeftOut() {
        Config c = Config.fromJson("""
                {"port": 0, "appId": "a1", "webhookUrl": "http://127.0.0.1:9/zalo",
                 "groups": [{"zaloGroupId": "g1", "name": "Tổ 1", "members": [{"userId": "u1", "name": "Hà", "admin": true}]},
                            {"zaloGroupId": "g2", "platform": "bot", "oaInGroup": false}]}""");
        assertThat(c.port()).isZero();
        assertThat(c.appId()).isEqualTo("a1");
        assertThat(c.oaId()).isEqualTo("sim-oa");
        assertThat(c.webhookUrl()).isEqualTo("http://127.0.0.1:9/zalo");
        assertThat(c.groups()).hasSize(2);
        assertThat(c.groups().getFirst().platform()).isEqualTo("oa");
        assertThat(c.groups().getFirst().oaInGroup()).isTrue();
        assertThat(c.groups().getFirst().members().getFirst()).isEqualTo(new ZaloSim.Member("u1", "Hà", true));
        assertThat(c.groups().get(1).platform()).isEqualTo("bot");
        assertThat(c.groups().get(1).oaInGroup()).isFalse();
    }

    @Test
    void aBadPlatformOrADuplicateGroupIsRefused() {
        assertThatThrownBy(() -> Config.fromJson("{\"groups\":[{\"zaloGroupId\":\"g\",\"platform\":\"sms\"}]}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("platform");
        assertThatThrownBy(() -> Config.fromJson("{\"groups\":[{\"zaloGroupId\":\"g\"},{\"zaloGroupId\":\"g\"}]}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
        assertThatThrownBy(() -> Config.fromJson("not json")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void printConfigPrintsAppIdOaIdAndSecretKeyAsJson() throws Exception {
        Path file = Files.createTempFile("zalo-sim", ".json");
        Files.writeString(file, "{\"appId\":\"app-9\",\"oaId\":\"oa-9\",\"secretKey\":\"khoá-9\"}");
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            ZaloSim.main(new String[] {"--config", file.toString(), "--print-config"});
        } finally {
            System.setOut(original);
            Files.delete(file);
        }
        assertThat(Client.MAPPER.readTree(out.toString(StandardCharsets.UTF_8)))
                .isEqualTo(Client.MAPPER.readTree("{\"appId\":\"app-9\",\"oaId\":\"oa-9\",\"secretKey\":\"khoá-9\"}"));
    }
}
