package vn.binhyen.zalosim;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.binhyen.zalosim.Fixtures.ADMIN;
import static vn.binhyen.zalosim.Fixtures.GROUP;
import static vn.binhyen.zalosim.Fixtures.GROUP_WITHOUT_OA;
import static vn.binhyen.zalosim.Fixtures.MEMBER;

class OaApiTest {
    private static final String TOKEN = "sim-access-0";
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

    private JsonNode send(String groupId, String text) {
        Client.Answer a = client.oaPost(TOKEN, "/v3.0/oa/group/message",
                Client.json(Map.of("recipient", Map.of("group_id", groupId), "message", Map.of("text", text))));
        assertThat(a.status()).isEqualTo(200);
        return a.json();
    }

    @Test
    void aGroupMessageAnswersSuccessWithMessageIdAndGroupId() {
        JsonNode a = send(GROUP, "Thông báo: cắt nước từ 8 giờ đến 11 giờ");
        assertThat(a.get("error").asInt()).isZero();
        assertThat(a.get("message").asText()).isEqualTo("Success");
        assertThat(a.at("/data/message_id").asText()).isNotBlank();
        assertThat(a.at("/data/group_id").asText()).isEqualTo(GROUP);
    }

    @Test
    void theConversationListsTheGroupsMessagesNewestFirst_theOasOwnWithSrc0() {
        String member = sim.sendGroupMessage(GROUP, MEMBER, "Xin hỏi lịch tiêm chủng");
        String oa = send(GROUP, "Sáng mai tiêm chủng từ 7 giờ 30").at("/data/message_id").asText();
        JsonNode chat = client.oaGet(TOKEN, "/v3.0/oa/group/conversation?group_id=" + GROUP + "&offset=0&count=10").json();
        assertThat(chat.get("error").asInt()).isZero();
        assertThat(chat.at("/data/0/message_id").asText()).isEqualTo(oa);
        assertThat(chat.at("/data/0/src").asInt()).isZero();
        assertThat(chat.at("/data/0/message").asText()).isEqualTo("Sáng mai tiêm chủng từ 7 giờ 30");
        assertThat(chat.at("/data/1/message_id").asText()).isEqualTo(member);
        assertThat(chat.at("/data/1/src").asInt()).isEqualTo(1);
        assertThat(chat.at("/data/1/from_id").asText()).isEqualTo(MEMBER);
    }

    @Test
    void aMessageToAPersonReachesAFollower_onlyAFollower_andIsInTheirOutbox() {
        Client.Answer ok = client.oaPost(TOKEN, "/v3.0/oa/message/cs", Client.json(Map.of("recipient",
                Map.of("user_id", MEMBER), "message", Map.of("text", "Bình Yên: có tin báo mới"))));
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().get("error").asInt()).isZero();
        assertThat(ok.json().at("/data/message_id").asText()).isNotBlank();
        assertThat(ok.json().at("/data/user_id").asText()).isEqualTo(MEMBER);
        JsonNode stranger = client.oaPost(TOKEN, "/v3.0/oa/message/cs", Client.json(Map.of("recipient",
                Map.of("user_id", "zu-nobody"), "message", Map.of("text", "x")))).json();
        assertThat(stranger.get("error").asInt()).isEqualTo(-213);
        assertThat(client.oaPost("wrong-token", "/v3.0/oa/message/cs", Client.json(Map.of("recipient",
                Map.of("user_id", MEMBER), "message", Map.of("text", "x")))).json().get("error").asInt()).isEqualTo(-216);
        List<Map<String, Object>> outbox = sim.personOutbox(MEMBER);
        assertThat(outbox).hasSize(2);
        assertThat(outbox.get(0).get("call")).isEqualTo("message/cs");
        assertThat(outbox.get(0).get("error")).isEqualTo(0);
        assertThat(outbox.get(1).get("error")).isEqualTo(-216);
        JsonNode viaControl = client.get("/sim/users/" + MEMBER + "/outbox").json();
        assertThat(viaControl.size()).isEqualTo(2);
        assertThat(viaControl.at("/0/body/message/text").asText()).isEqualTo("Bình Yên: có tin báo mới");
    }

    @Test
    void aMessageToAPerson_reachesThemOnlyWithinSevenDaysOfTheirLastInteraction_asZalosConsultationWindow() {
        // the members are taken to have interacted when the simulator started
        String text = Client.json(Map.of("recipient", Map.of("user_id", MEMBER), "message", Map.of("text", "Nhắc nhở")));
        assertThat(client.oaPost(TOKEN, "/v3.0/oa/message/cs", text).json().get("error").asInt()).isZero();
        // eight days since they last wrote to the OA: outside the window, refused as Zalo refuses it
        Client.Answer set = client.post("/sim/users/" + MEMBER + "/interaction",
                Client.json(Map.of("at", java.time.Instant.now().minus(java.time.Duration.ofDays(8)).toString())));
        assertThat(set.status()).isEqualTo(200);
        JsonNode outside = client.oaPost(TOKEN, "/v3.0/oa/message/cs", text).json();
        assertThat(outside.get("error").asInt()).isEqualTo(-230);
        assertThat(outside.get("message").asText()).contains("7 days");
        // six days and 23 hours: inside it again; and an interaction now, of course
        sim.interacted(MEMBER, java.time.Instant.now().minus(java.time.Duration.ofDays(7).minusHours(1)));
        assertThat(client.oaPost(TOKEN, "/v3.0/oa/message/cs", text).json().get("error").asInt()).isZero();
        assertThat(client.post("/sim/users/" + MEMBER + "/interaction", "{}").status()).isEqualTo(200);
        assertThat(client.oaPost(TOKEN, "/v3.0/oa/message/cs", text).json().get("error").asInt()).isZero();
        // a malformed moment changes nothing
        assertThat(client.post("/sim/users/" + MEMBER + "/interaction", "{\"at\":\"last week\"}").status()).isEqualTo(400);
        assertThat(sim.personOutbox(MEMBER)).extracting(e -> e.get("error")).containsExactly(0, -230, 0, 0);
    }

    @Test
    void theOasConversationWithAPerson_holdsWhatReachedThem_newestFirst_tenAtMost() {
        List<String> ids = new java.util.ArrayList<>();
        for (String text : List.of("Tin thứ nhất", "Tin thứ hai")) {
            ids.add(client.oaPost(TOKEN, "/v3.0/oa/message/cs", Client.json(Map.of("recipient", Map.of("user_id", MEMBER),
                    "message", Map.of("text", text)))).json().at("/data/message_id").asText());
        }
        JsonNode chat = client.oaGet(TOKEN, "/v2.0/oa/conversation?data=" + java.net.URLEncoder.encode(Client.json(
                Map.of("user_id", MEMBER, "offset", 0, "count", 10)), java.nio.charset.StandardCharsets.UTF_8)).json();
        assertThat(chat.get("error").asInt()).isZero();
        assertThat(chat.at("/data/0/message").asText()).isEqualTo("Tin thứ hai");
        assertThat(chat.at("/data/0/message_id").asText()).isEqualTo(ids.get(1));
        assertThat(chat.at("/data/0/src").asInt()).isZero();
        assertThat(chat.at("/data/1/message_id").asText()).isEqualTo(ids.get(0));
        assertThat(chat.get("data").size()).isEqualTo(2);
        JsonNode second = client.oaGet(TOKEN, "/v2.0/oa/conversation?data=" + java.net.URLEncoder.encode(Client.json(
                Map.of("user_id", MEMBER, "offset", 1, "count", 1)), java.nio.charset.StandardCharsets.UTF_8)).json();
        assertThat(second.at("/data/0/message").asText()).isEqualTo("Tin thứ nhất");
        // more than ten at once, no person, no data, a wrong token: refused as Zalo refuses them
        assertThat(client.oaGet(TOKEN, "/v2.0/oa/conversation?data=" + java.net.URLEncoder.encode(Client.json(
                Map.of("user_id", MEMBER, "offset", 0, "count", 11)), java.nio.charset.StandardCharsets.UTF_8)).json()
                .get("error").asInt()).isEqualTo(-210);
        assertThat(client.oaGet(TOKEN, "/v2.0/oa/conversation?data=%7B%7D").json().get("error").asInt()).isEqualTo(-201);
        assertThat(client.oaGet(TOKEN, "/v2.0/oa/conversation").json().get("error").asInt()).isEqualTo(-201);
        assertThat(client.oaGet("wrong-token", "/v2.0/oa/conversation?data=" + java.net.URLEncoder.encode(Client.json(
                Map.of("user_id", MEMBER)), java.nio.charset.StandardCharsets.UTF_8)).json().get("error").asInt())
                .isEqualTo(-216);
        // a person the OA never reached has an empty conversation
        assertThat(client.oaGet(TOKEN, "/v2.0/oa/conversation?data=" + java.net.URLEncoder.encode(Client.json(
                Map.of("user_id", "zu-nobody")), java.nio.charset.StandardCharsets.UTF_8)).json().get("data").size()).isZero();
    }

    @Test
    void aTextOver2000CharactersAnswers210() {
        assertThat(send(GROUP, "ệ".repeat(2000)).get("error").asInt()).isZero();
        JsonNode tooLong = send(GROUP, "ệ".repeat(2001));
        assertThat(tooLong.get("error").asInt()).isEqualTo(-210);
        assertThat(tooLong.get("message").asText()).isEqualTo("Parameter exceeds its limit");
    }

    @Test
    void anUnknownGroupAnswers201AndAGroupWithoutTheOaAnswers403() {
        assertThat(send("no-such-group", "Xin chào").get("error").asInt()).isEqualTo(-201);
        assertThat(send(GROUP_WITHOUT_OA, "Xin chào").get("error").asInt()).isEqualTo(-403);
        assertThat(client.oaGet(TOKEN, "/v3.0/oa/group/getgroup?group_id=" + GROUP_WITHOUT_OA).json().get("error").asInt())
                .isEqualTo(-403);
    }

    @Test
    void moreCallsInASecondThanConfiguredAnswer32() {
        sim.close();
        sim = ZaloSim.start(Fixtures.config().withCallsPerSecond(3));
        client = new Client(sim);
        for (int i = 0; i < 3; i++) assertThat(send(GROUP, "tin " + i).get("error").asInt()).isZero();
        JsonNode limited = send(GROUP, "tin 3");
        assertThat(limited.get("error").asInt()).isEqualTo(-32);
    }

    @Test
    void aRateLimitFaultAnswers32ForTheNextCountCallsOnly() {
        sim.fault("rate-limit", 2, 0);
        assertThat(send(GROUP, "một").get("error").asInt()).isEqualTo(-32);
        assertThat(send(GROUP, "hai").get("error").asInt()).isEqualTo(-32);
        assertThat(send(GROUP, "ba").get("error").asInt()).isZero();
    }

    @Test
    void listMemberPagesWithOffsetAndCountOfAtMost50() {
        JsonNode page = client.oaGet(TOKEN, "/v3.0/oa/group/listmember?group_id=" + GROUP + "&offset=1&count=1").json();
        assertThat(page.get("error").asInt()).isZero();
        assertThat(page.at("/data/total").asInt()).isEqualTo(3);
        assertThat(page.at("/data/members").size()).isEqualTo(1);
        assertThat(page.at("/data/members/0/user_id").asText()).isEqualTo(MEMBER);
        assertThat(page.at("/data/members/0/name").asText()).isEqualTo("Trần Thị Bình");
        assertThat(page.at("/data/members/0/avatar").asText()).isNotBlank();
        assertThat(client.oaGet(TOKEN, "/v3.0/oa/group/listmember?group_id=" + GROUP + "&offset=0&count=51").json()
                .get("error").asInt()).isEqualTo(-210);
    }

    @Test
    void getGroupDescribesTheGroupAndUpdateInfoLocksIt() {
        JsonNode g = client.oaGet(TOKEN, "/v3.0/oa/group/getgroup?group_id=" + GROUP).json().get("data");
        assertThat(g.at("/group_info/group_id").asText()).isEqualTo(GROUP);
        assertThat(g.at("/group_info/name").asText()).isEqualTo("Tổ dân phố số 1");
        assertThat(g.at("/group_info/status").asText()).isEqualTo("enabled");
        assertThat(g.at("/group_info/total_member").asInt()).isEqualTo(3);
        assertThat(g.at("/group_info/max_member").asInt()).isEqualTo(1000);
        assertThat(g.at("/group_setting/lock_send_msg").asBoolean()).isFalse();
        assertThat(g.at("/group_setting/join_appr").asBoolean()).isTrue();

        JsonNode update = client.oaPost(TOKEN, "/v3.0/oa/group/updateinfo",
                Client.json(Map.of("group_id", GROUP, "lock_send_msg", true, "group_name", "Tổ dân phố số 1 (tạm khoá)"))).json();
        assertThat(update.get("error").asInt()).isZero();
        g = client.oaGet(TOKEN, "/v3.0/oa/group/getgroup?group_id=" + GROUP).json().get("data");
        assertThat(g.at("/group_setting/lock_send_msg").asBoolean()).isTrue();
        assertThat(g.at("/group_info/name").asText()).isEqualTo("Tổ dân phố số 1 (tạm khoá)");

        // locked: members may no longer write, admins may
        assertThat(client.post("/sim/groups/" + GROUP + "/messages", Client.json(Map.of("userId", MEMBER, "text", "Alo"))).status())
                .isEqualTo(409);
        assertThat(client.post("/sim/groups/" + GROUP + "/messages", Client.json(Map.of("userId", ADMIN, "text", "Alo"))).status())
                .isEqualTo(202);
    }

    @Test
    void removeMembersRemovesThemFromTheGroup() {
        JsonNode a = client.oaPost(TOKEN, "/v3.0/oa/group/removemembers",
                Client.json(Map.of("group_id", GROUP, "member_user_ids", List.of(MEMBER)))).json();
        assertThat(a.get("error").asInt()).isZero();
        assertThat(client.oaGet(TOKEN, "/v3.0/oa/group/listmember?group_id=" + GROUP).json().at("/data/members")
                .findValuesAsText("user_id")).containsExactly(ADMIN, "u-2");
        assertThat(client.post("/sim/groups/" + GROUP + "/messages", Client.json(Map.of("userId", MEMBER, "text", "Alo"))).status())
                .isEqualTo(422);
    }

    @Test
    void theOutboxRecordsEveryCallForTheGroupInOrderWithItsError() {
        send(GROUP, "một");
        send(GROUP, "x".repeat(2001));
        client.oaGet(TOKEN, "/v3.0/oa/group/listmember?group_id=" + GROUP + "&offset=0&count=10");
        client.oaPost(TOKEN, "/v3.0/oa/group/updateinfo", Client.json(Map.of("group_id", GROUP, "lock_send_msg", true)));
        client.oaPost(TOKEN, "/v3.0/oa/group/removemembers", Client.json(Map.of("group_id", GROUP, "member_user_ids", List.of("u-2"))));
        client.oaGet(TOKEN, "/v3.0/oa/group/getgroup?group_id=" + GROUP);
        client.oaPost("bad-token", "/v3.0/oa/group/message",
                Client.json(Map.of("recipient", Map.of("group_id", GROUP), "message", Map.of("text", "hai"))));
        sim.fault("server-error", 1, 0);
        assertThat(client.oaPost(TOKEN, "/v3.0/oa/group/message",
                Client.json(Map.of("recipient", Map.of("group_id", GROUP), "message", Map.of("text", "ba")))).status()).isEqualTo(500);

        List<Map<String, Object>> outbox = sim.outbox(GROUP);
        assertThat(outbox).extracting(e -> e.get("call")).containsExactly("group/message", "group/message",
                "group/listmember", "group/updateinfo", "group/removemembers", "group/getgroup", "group/message", "group/message");
        assertThat(outbox).extracting(e -> e.get("error")).containsExactly(0, -210, 0, 0, 0, 0, -216, 500);
        assertThat(outbox.getFirst().get("at")).asString().matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(outbox.getFirst().get("body")).isEqualTo(Map.of("recipient", Map.of("group_id", GROUP), "message", Map.of("text", "một")));
        assertThat(outbox.get(2).get("body")).isEqualTo(Map.of("group_id", GROUP, "offset", "0", "count", "10"));

        JsonNode overHttp = client.get("/sim/groups/" + GROUP + "/outbox").json();
        assertThat(overHttp.size()).isEqualTo(8);
        assertThat(overHttp.get(3).at("/body/lock_send_msg").asBoolean()).isTrue();
        assertThat(sim.outbox(GROUP_WITHOUT_OA)).isEmpty();
    }

    @Test
    void serverErrorAnswers500AndDownAnswers503UntilUp() {
        sim.fault("server-error", 1, 0);
        Client.Answer failed = client.oaGet(TOKEN, "/v3.0/oa/group/getgroup?group_id=" + GROUP);
        assertThat(failed.status()).isEqualTo(500);
        assertThat(client.oaGet(TOKEN, "/v3.0/oa/group/getgroup?group_id=" + GROUP).status()).isEqualTo(200);

        assertThat(client.post("/sim/faults", "{\"kind\":\"down\"}").status()).isEqualTo(200);
        assertThat(client.oaGet(TOKEN, "/v3.0/oa/group/getgroup?group_id=" + GROUP).status()).isEqualTo(503);
        assertThat(client.refresh("sim-app", "sim-app-secret", "sim-refresh-0").status()).isEqualTo(503);
        assertThat(client.post("/sim/faults", "{\"kind\":\"up\"}").status()).isEqualTo(200);
        assertThat(client.oaGet(TOKEN, "/v3.0/oa/group/getgroup?group_id=" + GROUP).status()).isEqualTo(200);
    }

    @Test
    void aSlowFaultDelaysTheNextCountCalls() {
        sim.fault("slow", 1, 150);
        long started = System.nanoTime();
        assertThat(send(GROUP, "chậm").get("error").asInt()).isZero();
        assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(150);
    }
}
