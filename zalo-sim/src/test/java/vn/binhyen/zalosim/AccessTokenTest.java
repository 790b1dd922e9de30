package vn.binhyen.zalosim;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.binhyen.zalosim.Fixtures.GROUP;

class AccessTokenTest {
    private ZaloSim sim;
    private Client client;

    @BeforeEach
    void start() {
        sim = ZaloSim.start(Fixtures.config().withAccessTokenLifetime(3600));
        client = new Client(sim);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private int getGroupError(String token) {
        return client.oaGet(token, "/v3.0/oa/group/getgroup?group_id=" + GROUP).json().get("error").asInt();
    }

    @Test
    void refreshAnswersNewTokensWithExpiresInAsAStringOfSeconds() {
        Client.Answer a = client.refresh("sim-app", "sim-app-secret", "sim-refresh-0");
        assertThat(a.status()).isEqualTo(200);
        JsonNode body = a.json();
        assertThat(body.get("access_token").asText()).isNotEqualTo("sim-access-0");
        assertThat(body.get("refresh_token").asText()).isNotEqualTo("sim-refresh-0");
        assertThat(body.get("expires_in").isTextual()).isTrue();
        assertThat(body.get("expires_in").asText()).isEqualTo("3600");
        assertThat(getGroupError(body.get("access_token").asText())).isZero();
        assertThat(sim.accessToken()).isEqualTo(body.get("access_token").asText());
    }

    @Test
    void aRefreshTokenIsSingleUseAndTheSecondUseAnswers14020() {
        assertThat(client.refresh("sim-app", "sim-app-secret", "sim-refresh-0").json().has("access_token")).isTrue();
        JsonNode second = client.refresh("sim-app", "sim-app-secret", "sim-refresh-0").json();
        assertThat(second.get("error").asInt()).isEqualTo(-14020);
        assertThat(second.get("message").asText()).isEqualTo("Refresh token is used or expired");
        assertThat(sim.refreshes()).isEqualTo(1);
        assertThat(client.get("/sim/stats").json().get("refreshes").asInt()).isEqualTo(1);
    }

    @Test
    void anExpiredAccessTokenAnswers220UntilRefreshedThenTheNewTokenWorks() {
        assertThat(getGroupError("sim-access-0")).isZero();
        assertThat(client.post("/sim/faults", "{\"kind\":\"expire-token\"}").status()).isEqualTo(200);

        JsonNode expired = client.oaGet("sim-access-0", "/v3.0/oa/group/getgroup?group_id=" + GROUP).json();
        assertThat(expired.get("error").asInt()).isEqualTo(-220);
        assertThat(expired.get("message").asText()).isEqualTo("Access token expired");

        String fresh = client.refresh("sim-app", "sim-app-secret", "sim-refresh-0").json().get("access_token").asText();
        assertThat(getGroupError(fresh)).isZero();
        assertThat(getGroupError("sim-access-0")).isEqualTo(-220);
    }

    @Test
    void anUnknownOrMissingAccessTokenAnswers216() {
        assertThat(getGroupError("not-a-token")).isEqualTo(-216);
        assertThat(client.get("/v3.0/oa/group/getgroup?group_id=" + GROUP).json().get("error").asInt()).isEqualTo(-216);
    }

    @Test
    void aRefreshWithTheWrongAppSecretIsRefusedAndLeavesTheRefreshTokenUnused() {
        assertThat(client.refresh("sim-app", "wrong", "sim-refresh-0").json().get("error").asInt()).isNotZero();
        assertThat(client.refresh("other-app", "sim-app-secret", "sim-refresh-0").json().get("error").asInt()).isNotZero();
        assertThat(client.refresh("sim-app", "sim-app-secret", "sim-refresh-0").json().has("access_token")).isTrue();
        assertThat(sim.refreshes()).isEqualTo(1);
    }
}
