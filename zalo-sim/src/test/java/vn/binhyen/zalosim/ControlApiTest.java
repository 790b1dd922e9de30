package vn.binhyen.zalosim;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.binhyen.zalosim.Fixtures.GROUP;
import static vn.binhyen.zalosim.Fixtures.MEMBER;

class ControlApiTest {
    private ZaloSim sim;
    private Client client;

    @BeforeEach
    void start() {
        sim = ZaloSim.start(Fixtures.config());
        client = new Client(sim);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void groupsListsEachGroupWithItsOaAndMembers() {
        JsonNode groups = client.get("/sim/groups").json();
        assertThat(groups.findValuesAsText("zaloGroupId")).containsExactly(GROUP, Fixtures.GROUP_WITHOUT_OA, Fixtures.BOT_GROUP);
        JsonNode first = groups.get(0);
        assertThat(first.get("name").asText()).isEqualTo("Tổ dân phố số 1");
        assertThat(first.get("oaId").asText()).isEqualTo("sim-oa");
        assertThat(first.at("/members/0/userId").asText()).isEqualTo(Fixtures.ADMIN);
        assertThat(first.at("/members/0/name").asText()).isEqualTo("Nguyễn Văn An");
        assertThat(first.at("/members/0/admin").asBoolean()).isTrue();
        assertThat(first.at("/members/1/admin").asBoolean()).isFalse();
    }

    @Test
    void aMemberMessageAnswers202WithItsMsgId() {
        Client.Answer a = client.post("/sim/groups/" + GROUP + "/messages", Client.json(Map.of("userId", MEMBER, "text", "Chào")));
        assertThat(a.status()).isEqualTo(202);
        assertThat(a.json().get("msgId").asText()).matches("[0-9a-f]{32}");
    }

    @Test
    void aMessageToAnUnknownGroupIs404() {
        Client.Answer a = client.post("/sim/groups/no-such-group/messages", Client.json(Map.of("userId", MEMBER, "text", "Chào")));
        assertThat(a.status()).isEqualTo(404);
        assertThat(a.json().get("status").asInt()).isEqualTo(404);
        assertThat(client.get("/sim/groups/no-such-group/outbox").status()).isEqualTo(404);
        assertThatThrownBy(() -> sim.sendGroupMessage("no-such-group", MEMBER, "Chào"))
                .isInstanceOfSatisfying(ZaloSim.SimException.class, e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void aMessageFromANonMemberIs422() {
        assertThat(client.post("/sim/groups/" + GROUP + "/messages", Client.json(Map.of("userId", "stranger", "text", "Chào"))).status())
                .isEqualTo(422);
        assertThat(client.post("/sim/groups/" + GROUP + "/leaves", Client.json(Map.of("userId", "stranger"))).status()).isEqualTo(422);
    }

    @Test
    void aBodyOverOneMegabyteIs413() {
        byte[] big = new byte[(1 << 20) + 10];
        Arrays.fill(big, (byte) ' ');
        Client.Answer a = client.postBytes("/sim/groups/" + GROUP + "/messages", big);
        assertThat(a.status()).isEqualTo(413);
        assertThat(a.json().get("status").asInt()).isEqualTo(413);
    }

    @Test
    void malformedJsonIs400WithAJsonErrorAndNoStackTrace() {
        Client.Answer control = client.post("/sim/groups/" + GROUP + "/messages", "{\"userId\": ");
        assertThat(control.status()).isEqualTo(400);
        assertThat(control.json().get("message").asText()).startsWith("malformed JSON");
        assertThat(control.body()).doesNotContain("at com.", "at vn.", "Exception");

        Client.Answer oa = client.oaPost("sim-access-0", "/v3.0/oa/group/message", "[1, 2");
        assertThat(oa.status()).isEqualTo(400);
        assertThat(oa.json().get("error").asInt()).isNotZero();

        assertThat(client.post("/sim/groups/" + GROUP + "/messages", "[]").status()).isEqualTo(400);
        assertThat(client.post("/sim/groups/" + GROUP + "/messages", Client.json(Map.of("userId", MEMBER))).status()).isEqualTo(400);
        assertThat(client.postBytes("/sim/groups/" + GROUP + "/messages", "{\"userId\":\"u-1\",\"text\":\"\u00ff".getBytes(StandardCharsets.ISO_8859_1)).status())
                .isEqualTo(400);
    }

    @Test
    void unknownPathsAre404AndWrongMethods405() {
        assertThat(client.get("/sim/nothing").status()).isEqualTo(404);
        assertThat(client.get("/nothing").json().get("status").asInt()).isEqualTo(404);
        assertThat(client.get("/sim/groups/" + GROUP + "/messages").status()).isEqualTo(405);
    }

    @Test
    void anUnknownFaultKindIs400() {
        assertThat(client.post("/sim/faults", "{\"kind\":\"earthquake\"}").status()).isEqualTo(400);
        assertThat(client.post("/sim/faults", "{\"kind\":\"slow\",\"count\":\"many\"}").status()).isEqualTo(400);
    }

    @Test
    void statsCountPlatformCallsAndRefreshes() {
        client.oaGet("sim-access-0", "/v3.0/oa/group/getgroup?group_id=" + GROUP);
        client.oaGet("sim-access-0", "/v3.0/oa/group/getgroup?group_id=" + GROUP);
        client.refresh("sim-app", "sim-app-secret", "sim-refresh-0");
        JsonNode stats = client.get("/sim/stats").json();
        assertThat(stats.get("calls").asInt()).isEqualTo(3);
        assertThat(stats.get("refreshes").asInt()).isEqualTo(1);
        assertThat(stats.get("webhooksDelivered").asInt()).isZero();
        assertThat(((Number) sim.stats().get("calls")).intValue()).isEqualTo(3);
    }
}
