package vn.binhyen.notification.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.qute.Engine;
import io.quarkus.qute.TemplateException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.binhyen.contracts.Roles;
import vn.binhyen.notification.domain.Urgency;

/**
 * The routing file and its templates are checked before anything is sent: every rule names a
 * template that exists and parses, a known urgency and a citation; a broken template is an
 * error at parse time (the service parses them all at start-up), never at send time.
 */
class RoutingFileTests {

    @Test
    void everyRuleNamesAParsableTemplate_aKnownUrgency_aKnownRole_andACitation() throws Exception {
        Engine engine = Engine.builder().addDefaults().build();
        Routing routing = Routing.load();
        assertThat(routing.rules()).hasSizeGreaterThanOrEqualTo(11);
        for (Routing.Rule rule : routing.rules()) {
            String path = "templates/notifications/" + rule.template() + ".txt";
            try (InputStream in = getClass().getClassLoader().getResourceAsStream(path)) {
                assertThat(in).as(path).isNotNull();
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                assertThat(engine.parse(text)).as(path).isNotNull();
            }
            assertThat(rule.urgency()).as("%s has an urgency", rule.event()).isNotNull();
            assertThat(rule.citation() != null || rule.citationFrom() != null || !rule.profiles().isEmpty())
                    .as("%s carries a citation", rule.event()).isTrue();
            for (Routing.Recipient r : rule.recipients()) {
                if (r.role() != null) {
                    assertThat(Roles.ALL).contains(r.role());
                }
                if (r.groupRoles() != null) { // a group's roles, as its roster names them (an assistant admin too)
                    assertThat(java.util.Arrays.stream(vn.binhyen.contracts.group.GroupRole.values()).map(Enum::name))
                            .containsAll(r.groupRoles());
                }
            }
        }
    }

    @Test
    void aRuleBorrowingAnotherRegulationsClause_orNamingNoClauseOfTheSeed_failsTheLoad() {
        var index = vn.binhyen.eventlog.rules.ClauseIndex.standard();
        var borrowed = new Routing(List.of(new Routing.Rule("moderation", "MessageTakenDown", null, List.of(),
                "message-taken-down", Urgency.URGENT, null, null, Map.of("council-binh-duong", "ward-binh-phuoc:6.3"))));
        assertThatThrownBy(() -> borrowed.check(index)).hasMessageContaining("another regulation's");
        var unknown = new Routing(List.of(new Routing.Rule("report", "DeadlineWarning", null, List.of(),
                "deadline-warning", Urgency.URGENT, "police-song-tri:15.9", null, null)));
        assertThatThrownBy(() -> unknown.check(index)).hasMessageContaining("not a clause of the seed");
        var cited = new Routing(List.of(new Routing.Rule("moderation", "ReviewQueued", null, List.of(),
                "review-queued", Urgency.URGENT, null, null, null)));
        assertThatThrownBy(() -> cited.check(index)).hasMessageContaining("without a citation");
    }

    /** The citation the rule for {@code event} (the first such, matching {@code payload}) carries in a group of {@code profile}. */
    static String citation(String topic, String event, String profile, Map<String, String> payload) {
        var node = vn.binhyen.eventlog.Json.MAPPER.valueToTree(payload);
        return Routing.load().rulesFor(topic, event).stream().filter(r -> r.matches(node))
                .map(r -> r.citationFor(profile, node)).filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }

    @Test
    void eachNotice_citesTheGroupsOwnRegulation_orThePlatformsRule_neverAnothers_police_song_tri_13_3() {
        // a takedown is reported at once under each regulation's own clause
        assertThat(citation("moderation", "MessageTakenDown", "police-song-tri", Map.of())).isEqualTo("police-song-tri:13.3");
        assertThat(citation("moderation", "MessageTakenDown", "ioc-dak-lak", Map.of())).isEqualTo("ioc-dak-lak:4.2.6");
        assertThat(citation("moderation", "MessageTakenDown", "ward-binh-phuoc", Map.of())).isEqualTo("ward-binh-phuoc:6.3");
        // an admin's proposal: the ward's 6.3, the IOC's 4.2.2, elsewhere the platform's rule
        assertThat(citation("group", "MembershipProposed", "ioc-dak-lak", Map.of())).isEqualTo("ioc-dak-lak:4.2.2");
        assertThat(citation("group", "MembershipProposed", "province-lai-chau", Map.of())).isEqualTo("binhyen:proposals");
        // a hijacked account: the IOC's 4.3.8, elsewhere the platform's rule
        assertThat(citation("group", "AccountCompromisedReported", "council-binh-duong", Map.of()))
                .isEqualTo("binhyen:accounts");
        // a sanction carries the clause the ladder decided it by
        assertThat(citation("moderation", "SanctionDecided", "ward-binh-phuoc", Map.of("sanction", "REPORT_TO_AGENCY",
                "citation", "ward-binh-phuoc:9.3"))).isEqualTo("ward-binh-phuoc:9.3");
        assertThat(citation("moderation", "SanctionDecided", "ward-binh-phuoc", Map.of("sanction", "REMIND",
                "citation", "ward-binh-phuoc:9.1"))).as("a reminder is the bot's reply, no notice").isNull();
        // an admin's proposed change to the group's information: the leader is asked where the regulation wants
        // the leader's direction, and nowhere else
        assertThat(citation("group", "GroupInfoChangeProposed", "council-binh-duong", Map.of()))
                .isEqualTo("council-binh-duong:9.1");
        assertThat(citation("group", "GroupInfoChangeProposed", "ward-binh-phuoc", Map.of())).isNull();
        // every seed has members tell the admins of a delivery problem, each by its own clause
        assertThat(citation("group", "DeliveryProblemReported", "police-song-tri", Map.of()))
                .isEqualTo("police-song-tri:7(II).4");
        assertThat(citation("group", "DeliveryProblemReported", "ioc-dak-lak", Map.of())).isEqualTo("ioc-dak-lak:4.3.12");
        // a leave request is a notice only where the regulation asks consent to leave
        assertThat(citation("group", "LeaveRequested", "ward-binh-phuoc", Map.of())).isNull();
        // report-intake's are police-song-tri's
        assertThat(citation("report", "ReportForwardedToPctp", null, Map.of())).isEqualTo("police-song-tri:15.3c");
        assertThat(citation("report", "CitizenFeedback", null, Map.of())).isEqualTo("police-song-tri:18.1");
    }

    static String render(String template, Map<String, Object> payload, String citation) throws Exception {
        Engine engine = Engine.builder().addDefaults().build();
        try (InputStream in = RoutingFileTests.class.getClassLoader().getResourceAsStream("templates/notifications/"
                + template + ".txt")) {
            return engine.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)).data("p", payload)
                    .data("citation", citation).render().strip();
        }
    }

    @Test
    void aSuspectedIntrusion_isCriticalToTheBoard_inThePoliceGroupOnly_police_song_tri_6_10() throws Exception {
        Routing.Rule rule = Routing.load().rules().stream().filter(r -> r.event().equals("AdminRightsMisused"))
                .findFirst().orElseThrow();
        assertThat(rule.urgency()).isEqualTo(Urgency.CRITICAL);
        assertThat(rule.recipients()).flatExtracting(Routing.Recipient::groupRoles)
                .containsExactlyInAnyOrder("LEADER", "DEPUTY", "ADMIN");
        assertThat(citation("group", "AdminRightsMisused", "police-song-tri", Map.of())).isEqualTo("police-song-tri:6.10");
        assertThat(citation("group", "AdminRightsMisused", "ward-binh-phuoc", Map.of())).isNull();
        var payload = new java.util.HashMap<String, Object>(Map.of("account", "zalo-x", "action", "REMOVE_MEMBER",
                "observedAt", "2026-12-01T21:00:00Z"));
        payload.put("memberId", null);
        String text = render("admin-rights-misused", payload, "police-song-tri:6.10");
        assertThat(text).contains("zalo-x").contains("không có trong danh sách thành viên")
                .contains("đưa thành viên ra khỏi nhóm").contains("(police-song-tri:6.10)");
        assertThat(text).isEqualTo(java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFC));
        payload.put("memberId", "citizen-1");
        assertThat(render("admin-rights-misused", payload, "police-song-tri:6.10")).contains("(thành viên citizen-1)");
    }

    @Test
    void anAccountAnomalyInThePoliceGroup_reachesTheProvincialItOfficer_police_song_tri_16_3() throws Exception {
        var rules = Routing.load().rules().stream().filter(r -> r.event().equals("AccountCompromisedReported")
                && r.recipients().stream().anyMatch(x -> Roles.IT_SECURITY_OFFICER.equals(x.role()))).toList();
        assertThat(rules).singleElement().satisfies(r -> {
            assertThat(r.urgency()).isEqualTo(Urgency.CRITICAL);
            assertThat(r.citationFor("police-song-tri", com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
                    .objectNode())).isEqualTo("police-song-tri:16.3");
            // the officer is the police's: no other regulation's group reaches them
            assertThat(r.citationFor("ioc-dak-lak", com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
                    .objectNode())).isNull();
        });
        String text = render("account-anomaly", Map.of("memberId", "dan-1", "groupId", "g-1", "reportedBy", "admin-1",
                "details", "đăng nhập lạ"), "police-song-tri:16.3");
        assertThat(text).contains("dan-1").contains("\"đăng nhập lạ\"").endsWith("(police-song-tri:16.3).");
    }

    @Test
    void aResidentsFeedback_reachesTheLeadership_itsAnswerTheResident_anEscalationTheCommanders_ward_binh_phuoc_5_2()
            throws Exception {
        assertThat(citation("group", "FeedbackReceived", "ward-binh-phuoc", Map.of())).isEqualTo("ward-binh-phuoc:5.2");
        assertThat(citation("group", "FeedbackAnswered", "ward-binh-phuoc", Map.of())).isEqualTo("ward-binh-phuoc:5.2");
        assertThat(citation("group", "FeedbackEscalated", "ward-binh-phuoc", Map.of())).isEqualTo("ward-binh-phuoc:6.1");
        assertThat(citation("group", "FeedbackReceived", "police-song-tri", Map.of())).isNull();
        var byEvent = new java.util.HashMap<String, Routing.Rule>();
        Routing.load().rules().stream().filter(r -> r.event().startsWith("Feedback")).forEach(r -> byEvent.put(r.event(), r));
        assertThat(byEvent.get("FeedbackReceived").recipients()).flatExtracting(Routing.Recipient::groupRoles)
                .containsExactly("LEADER", "DEPUTY", "ADMIN");
        assertThat(byEvent.get("FeedbackAnswered").recipients()).extracting(Routing.Recipient::payloadField)
                .containsExactly("memberId");
        assertThat(byEvent.get("FeedbackEscalated").recipients()).extracting(Routing.Recipient::role)
                .containsExactly(Roles.COMMANDER);
        assertThat(render("feedback-answered", Map.of("feedbackId", "fb-1", "answer", "Mai thay bóng đèn."),
                "ward-binh-phuoc:5.2")).isEqualTo("Trả lời phản ánh của anh/chị (mã fb-1): Mai thay bóng đèn. "
                + "(ward-binh-phuoc:5.2)");
        assertThat(render("feedback-escalated", Map.of("feedbackId", "fb-1", "groupId", "g-kp3", "text", "Đèn hỏng",
                "reason", "Việc của điện lực"), "ward-binh-phuoc:6.1")).contains("\"Đèn hỏng\"").contains("nhóm g-kp3")
                .contains("Lý do: Việc của điện lực");
    }

    @Test
    void aDirectiveAnnouncedOnTheLeadershipsBehalf_saysSo_ioc_dak_lak_4_1_2() throws Exception {
        var payload = new java.util.HashMap<String, Object>(Map.of("text", "Họp giao ban 8 giờ thứ Hai",
                "acknowledgeBy", "2026-12-02T08:00:00Z", "onBehalfOf", "leader-1"));
        assertThat(render("directive-issued", payload, "ioc-dak-lak:4.1.1"))
                .startsWith("Thừa lệnh Lãnh đạo, thông báo chỉ đạo: \"Họp giao ban 8 giờ thứ Hai\"");
        payload.put("onBehalfOf", null);
        assertThat(render("directive-issued", payload, "ioc-dak-lak:4.1.1")).startsWith("Chỉ đạo mới: ");
        payload.remove("onBehalfOf"); // an event recorded before the field existed
        assertThat(render("directive-issued", payload, "ioc-dak-lak:4.1.1")).startsWith("Chỉ đạo mới: ");
    }

    @Test
    void zaloAccountsNobodyOnTheRosterIsKnownBy_reachTheBoardOrTheLeader_ward_binh_phuoc_6_3() throws Exception {
        assertThat(citation("connector", "UnapprovedJoin", "ward-binh-phuoc", Map.of())).isEqualTo("ward-binh-phuoc:6.3");
        assertThat(citation("connector", "UnapprovedJoin", "ioc-dak-lak", Map.of())).isEqualTo("ioc-dak-lak:4.2.2");
        // where the regulation does not make the leader decide who joins, nobody is told of a join
        assertThat(citation("connector", "UnapprovedJoin", "police-song-tri", Map.of())).isNull();
        assertThat(citation("connector", "UnknownMemberSeen", "ward-binh-phuoc", Map.of())).isEqualTo("ward-binh-phuoc:6.3");
        assertThat(citation("connector", "UnknownMemberSeen", "police-song-tri", Map.of()))
                .isEqualTo("binhyen:zalo-accounts");
        assertThat(citation("connector", "ActionNotPossible", "police-song-tri", Map.of("kind", "REFUSED")))
                .isEqualTo("binhyen:zalo-actions");
        // what the platform has no call for is no refusal: nobody is paged for it
        assertThat(citation("connector", "ActionNotPossible", "police-song-tri", Map.of("kind", "PLATFORM"))).isNull();
        assertThat(render("unapproved-join", Map.of("zaloUserId", "zu-1", "name", "Người Lạ"), "ward-binh-phuoc:6.3"))
                .isEqualTo("Tài khoản Zalo zu-1 (Người Lạ) đã vào nhóm Zalo mà không có đề xuất bổ sung thành viên nào "
                        + "được Trưởng nhóm phê duyệt. Trưởng nhóm xem xét phê duyệt bổ sung hoặc đưa tài khoản ra khỏi "
                        + "nhóm theo ward-binh-phuoc:6.3.");
        assertThat(render("zalo-action-refused", Map.of("effect", "NOTICE", "reason", "Zalo error -403: OA not in group"),
                "binhyen:zalo-actions")).startsWith("Hệ thống không thực hiện được việc đăng thông báo trong nhóm Zalo vì "
                        + "Zalo từ chối (Zalo error -403: OA not in group).");
    }

    @Test
    void aBrokenTemplate_failsWhenParsed() {
        Engine engine = Engine.builder().addDefaults().build();
        assertThatThrownBy(() -> engine.parse("Tin báo {#if p.urgent}KHẨN")).isInstanceOf(TemplateException.class);
        assertThat(List.of(engine.parse("Tin báo {p.reportId}").data("p", Map.of("reportId", "r-1"))
                .render())).containsExactly("Tin báo r-1");
    }
}
