package vn.binhyen.report.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import vn.binhyen.contracts.Roles;
import vn.binhyen.eventlog.EventStore;
import vn.binhyen.report.service.DeadlineSweep;
import vn.binhyen.report.support.TestClock;
import vn.binhyen.testsupport.KafkaBrokerResource;
import vn.binhyen.testsupport.PostgresDatabaseResource;
import vn.binhyen.report.service.ReportService;
import vn.binhyen.testsupport.Tokens;
import vn.binhyen.report.support.World;

/** Intake, the workflow, the clock and the register through the real stack. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PostgresDatabaseResource.class)
class ReportResourceTests {
    @Inject
    AgroalDataSource dataSource;

    @Inject
    TestClock clock;

    @Inject
    DeadlineSweep sweep;

    @Inject
    EventStore store;

    static ValidatableResponse post(String role, String path, Object body) {
        World.ensure();
        var spec = given().auth().oauth2(Tokens.forRole(role, role.toLowerCase() + "-1")).contentType("application/json");
        return (body == null ? spec.post(path) : spec.body(body).post(path)).then();
    }

    Map<String, Object> tip(String summary) {
        return Map.of("type", "CRIME_TIP", "channel", "zalo", "groupId", "group-police",
                "reporter", Map.of("name", "Nguyễn Văn Bình", "address", "12 Lê Lợi", "phone", "0912345678"),
                "details", Map.of("incidentAt", clock.instant().minus(Duration.ofHours(1)).toString(),
                        "place", "Chợ Sông Trí", "summary", summary, "howKnown", "tôi chứng kiến"));
    }

    long count(String sql) throws Exception {
        try (var c = dataSource.getConnection(); var s = c.createStatement(); var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void theClock_startsWhenTheCitizenSentTheMessage_notWhenTheBotFiledIt_andImplausibleTimesAreRefused_police_song_tri_15_3() {
        // the bot relays a tip two hours after the citizen sent it (it was offline): two hours of the 24 are gone
        Instant sent = clock.instant().minus(Duration.ofHours(2)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Map<String, Object> late = new java.util.HashMap<>(tip("Trộm xe máy ở chợ"));
        late.put("groupId", World.POLICE_GROUP);
        late.put("postedAt", sent.toString());
        post(Roles.BOT, "/api/v1/reports", late).statusCode(201)
                .body("receivedAt", equalTo(sent.toString()))
                .body("deadline", equalTo(sent.plus(Duration.ofHours(24)).toString()));
        for (Instant implausible : new Instant[] {clock.instant().plus(Duration.ofHours(1)),
                clock.instant().minus(Duration.ofDays(8))}) {
            Map<String, Object> bad = new java.util.HashMap<>(tip("Trộm xe máy ở chợ"));
            bad.put("groupId", World.POLICE_GROUP);
            bad.put("postedAt", implausible.toString());
            post(Roles.BOT, "/api/v1/reports", bad).statusCode(400).body("errors[0].field", equalTo("postedAt"))
                    .body("errors[0].rule", equalTo("police-song-tri:15.3"));
        }
    }

    @Test
    void incompleteTip_is422ListingEveryMissingField_recorded_andCompletedLater_police_song_tri_14_3() {
        String reportId = post(Roles.BOT, "/api/v1/reports", Map.of("type", "CRIME_TIP", "groupId", World.POLICE_GROUP,
                "details",
                Map.of("summary", "Có người lạ trộm xe"))).statusCode(422)
                .contentType(containsString("application/problem+json"))
                .body("errors.field", hasItems("reporter.name", "reporter.address", "reporter.phone",
                        "details.incidentAt", "details.place", "details.howKnown"))
                .body("errors[0].message", containsString(" / "))
                .body("reply", containsString("đề nghị anh/chị cung cấp thêm")).extract().path("reportId");
        post(Roles.BOT, "/api/v1/reports/" + reportId + "/completion", Map.of("reporter", Map.of("name",
                "Trần Thị Hoa", "address", "5 Nguyễn Huệ", "phone", "+84987654321"), "details", Map.of(
                "incidentAt", clock.instant().minus(Duration.ofHours(3)).toString(), "place", "Hẻm 12",
                "howKnown", "hàng xóm kể"))).statusCode(200).body("missing.size()", equalTo(0));
    }

    @Test
    void badInput_isNamed_andNothingIsWritten() throws Exception {
        long before = count("select count(*) from event");
        post(Roles.BOT, "/api/v1/reports", Map.of("type", "CRIME_TIP", "reporter", Map.of("phone", "12345")))
                .statusCode(400).body("errors.field", hasItem(containsString("phone")));
        post(Roles.BOT, "/api/v1/reports", Map.of("type", "CRIME_TIP", "details", Map.of("incidentAt",
                clock.instant().plus(Duration.ofDays(1)).toString()))).statusCode(400)
                .body("errors[0].field", equalTo("details.incidentAt"));
        // the first representable instant: not in the future, yet no clock gives it
        post(Roles.BOT, "/api/v1/reports", Map.of("type", "CRIME_TIP", "details", Map.of("incidentAt",
                "-1000000000-01-01T00:00:00Z"))).statusCode(400).body("errors[0].field", containsString("incidentAt"));
        post(Roles.BOT, "/api/v1/reports", Map.of("type", "RUMOUR")).statusCode(400);
        post(Roles.MEMBER, "/api/v1/reports", tip("x")).statusCode(403);
        assertThat(count("select count(*) from event")).isEqualTo(before);
    }

    @Test
    void aBotRetryingWithItsIdempotencyKey_getsTheFirstAnswer_andTheTipIsRecordedOnce() throws Exception {
        String key = "zalo-msg-" + UUID.randomUUID();
        var pool = Executors.newFixedThreadPool(4);
        List<Callable<io.restassured.response.ExtractableResponse<io.restassured.response.Response>>> tries =
                java.util.stream.IntStream.range(0, 6).<Callable<io.restassured.response.ExtractableResponse<
                        io.restassured.response.Response>>>mapToObj(i -> () -> given().auth().oauth2(Tokens.forRole(
                                Roles.BOT, "bot-police")).contentType("application/json").header("Idempotency-Key", key)
                                .body(tip("Trộm xe đạp, gửi lại " + i)).post("/api/v1/reports").then().extract()).toList();
        java.util.Set<String> ids = new java.util.HashSet<>();
        int firsts = 0;
        for (var f : pool.invokeAll(tries)) {
            assertThat(f.get().statusCode()).isEqualTo(201);
            ids.add(f.get().path("reportId"));
            firsts += f.get().header("Idempotent-Replayed") == null ? 1 : 0;
        }
        pool.shutdown();
        assertThat(ids).as("one report for the key").hasSize(1);
        assertThat(firsts).as("one answer recorded it, the others replayed it").isEqualTo(1);
        assertThat(count("select count(*) from event where event_type = 'ReportReceived' and stream_id = '"
                + ids.iterator().next() + "'")).isEqualTo(1);
        // the key is the caller's: another bot with the same key files its own report
        String other = given().auth().oauth2(Tokens.forRole(Roles.BOT, "bot-ward")).contentType("application/json")
                .header("Idempotency-Key", key).body(tip("Trộm xe đạp")).post("/api/v1/reports").then().statusCode(201)
                .extract().path("reportId");
        assertThat(other).isNotIn(ids);
        // an incomplete tip retried gets the same 422 and the same report
        String incomplete = "zalo-msg-" + UUID.randomUUID();
        for (int i = 0; i < 2; i++) {
            given().auth().oauth2(Tokens.forRole(Roles.BOT, "bot-police")).contentType("application/json")
                    .header("Idempotency-Key", incomplete).body(Map.of("type", "CRIME_TIP", "groupId",
                            World.POLICE_GROUP, "details",
                            Map.of("summary", "Có người lạ trộm xe"))).post("/api/v1/reports").then().statusCode(422)
                    .body("reportId", equalTo(ReportService.idempotentId("bot-police", incomplete)));
        }
        long before = count("select count(*) from event");
        given().auth().oauth2(Tokens.forRole(Roles.BOT, "bot-police")).contentType("application/json")
                .header("Idempotency-Key", "không hợp lệ").body(tip("x")).post("/api/v1/reports").then()
                .statusCode(400).body("errors[0].field", equalTo("Idempotency-Key"));
        assertThat(count("select count(*) from event")).isEqualTo(before);
    }

    /**
     * issue 21, audit F3, F5, F9: a tip belongs to the unit that received it; to everyone else
     * (another unit's officers, a leader of any other group, a bot not bound to its group) it
     * does not exist, and what they ask of it is not done.
     */
    @Test
    void aUnitsTip_isInvisibleToAnotherUnit_toOtherGroupsLeaders_andToUnboundBots_police_song_tri_15_3()
            throws Exception {
        String id = post(Roles.BOT, "/api/v1/reports", tip("Đối tượng tàng trữ ma túy")).statusCode(201)
                .extract().path("reportId");
        String path = "/api/v1/reports/" + id;
        var otherDuty = Tokens.forUnit(Roles.DUTY_OFFICER, "duty-song-cau", World.OTHER_UNIT);
        var otherCommander = Tokens.forUnit(Roles.COMMANDER, "commander-song-cau", World.OTHER_UNIT);
        var otherLeader = Tokens.forRole(Roles.LEADER, "leader-other"); // leads the other unit's police group
        var anyLeader = Tokens.forRole(Roles.LEADER, "leader-of-a-neighbourhood"); // on no police group's roster
        long before = count("select count(*) from event where stream_id = '" + id + "'");
        for (String token : List.of(otherDuty, otherCommander, otherLeader, anyLeader)) {
            given().auth().oauth2(token).get(path).then().statusCode(404).body("type", containsString("unknown-report"));
            given().auth().oauth2(token).get("/api/v1/reports").then().statusCode(200)
                    .body("reportId", org.hamcrest.Matchers.not(hasItems(id)));
            given().auth().oauth2(token).contentType("application/json").body(Map.of("body",
                    "Công an tỉnh - gọi 0900000000 để bổ sung", "reason", "vượt thẩm quyền")).post(path + "/transfer")
                    .then().statusCode(404);
            given().auth().oauth2(token).contentType("application/json").body(Map.of("pctpOfficer", "pctp-1"))
                    .post(path + "/forwarding").then().statusCode(404);
        }
        // a bot not bound to the group the tip came in: cannot file for it, complete it, or read it
        given().auth().oauth2(Tokens.forRole(Roles.BOT, "rogue-bot")).contentType("application/json")
                .body(tip("Tin giả")).post("/api/v1/reports").then().statusCode(403)
                .body("errors[0].field", equalTo("groupId"));
        given().auth().oauth2(Tokens.forRole(Roles.BOT, "bot-other")).contentType("application/json")
                .body(Map.of("reporter", Map.of("name", "Kẻ Giả", "phone", "0900000001"), "content", "đã xong"))
                .post(path + "/completion").then().statusCode(404);
        given().auth().oauth2(Tokens.forRole(Roles.BOT, "bot-other")).get("/open311/v2/requests/" + id + ".json")
                .then().statusCode(404);
        // another unit's officers do not see this unit's register
        given().auth().oauth2(Tokens.forUnit(Roles.PCTP_OFFICER, "pctp-song-cau", World.OTHER_UNIT))
                .queryParam("unit", Tokens.DEFAULT_UNIT).queryParam("year", 2026).get("/api/v1/register").then()
                .statusCode(404);
        assertThat(count("select count(*) from event where stream_id = '" + id + "'")).isEqualTo(before);

        // the unit's own: its duty officer sees it in clear; a province auditor sees it masked
        given().auth().oauth2(Tokens.forRole(Roles.DUTY_OFFICER, "duty-1")).get(path).then().statusCode(200)
                .body("reporter.name", equalTo("Nguyễn Văn Bình"));
        given().auth().oauth2(Tokens.forUnit(Roles.AUDITOR, "auditor-province", World.PROVINCE)).get(path).then()
                .statusCode(200).body("reporter.name", equalTo("N*** V*** B***"));
        given().auth().oauth2(Tokens.forUnit(Roles.AUDITOR, "auditor-song-cau", World.OTHER_UNIT)).get(path).then()
                .statusCode(404);
        // the board by the roster: deputy-1 forwards with a MEMBER token; a DEPUTY token not on it cannot
        post(Roles.DUTY_OFFICER, path + "/classification", Map.of("category", "Ma túy", "securityRelated", true,
                "withinJurisdiction", true)).statusCode(200);
        post(Roles.DUTY_OFFICER, path + "/written-report", Map.of("writtenReport", "Báo cáo")).statusCode(200);
        given().auth().oauth2(Tokens.forRole(Roles.DEPUTY, "deputy-of-nothing")).contentType("application/json")
                .body(Map.of("pctpOfficer", "pctp-1")).post(path + "/forwarding").then().statusCode(404);
        given().auth().oauth2(Tokens.forRole(Roles.MEMBER, "deputy-1")).contentType("application/json")
                .body(Map.of("pctpOfficer", "pctp-1")).post(path + "/forwarding").then().statusCode(200)
                .body("status", equalTo("FORWARDED_TO_PCTP"));
        // a resident of the police group is on its roster, but not its leadership
        given().auth().oauth2(Tokens.forRole(Roles.MEMBER, "resident-1")).get(path).then().statusCode(404);
    }

    @Test
    void aTipGoesThroughEveryStep_andIntoTheRegister_withItsReceivingOfficer_police_song_tri_15_3() {
        String id = post(Roles.BOT, "/api/v1/reports", tip("Hai đối tượng trộm xe máy")).statusCode(201)
                .body("status", equalTo("RECEIVED")).extract().path("reportId");
        String path = "/api/v1/reports/" + id;
        post(Roles.PCTP_OFFICER, path + "/classification", Map.of("category", "Trộm cắp tài sản",
                "securityRelated", true, "withinJurisdiction", true)).statusCode(403);
        post(Roles.DUTY_OFFICER, path + "/classification", Map.of("category", "Trộm cắp tài sản",
                "securityRelated", true, "withinJurisdiction", true)).statusCode(200).body("status", equalTo("CLASSIFIED"));
        post(Roles.DUTY_OFFICER, path + "/written-report", Map.of("writtenReport", "Báo cáo: trộm xe tại chợ"))
                .statusCode(200);
        post(Roles.DUTY_OFFICER, path + "/forwarding", Map.of("pctpOfficer", "pctp-1")).statusCode(403);
        post(Roles.DEPUTY, path + "/forwarding", Map.of("pctpOfficer", "pctp-1")).statusCode(200);
        post(Roles.PCTP_OFFICER, path + "/registration", Map.of("unit", "ca-phuong-song-cau")).statusCode(422)
                .body("errors[0].field", equalTo("unit")); // the register of the unit that received it, no other
        post(Roles.PCTP_OFFICER, path + "/registration", Map.of()).statusCode(200).body("status", equalTo("REGISTERED"));
        post(Roles.PCTP_OFFICER, path + "/resolution", Map.of("result", "Đã xác minh, khởi tố vụ án")).statusCode(200)
                .body("status", equalTo("RESOLVED"));
        assertThat(store.read(id).stream().map(e -> e.eventType())).contains("CitizenFeedback", "ReportRegistered");
        // form 294: the receiving officer is the duty officer who took the bot's tip in hand, not the PCTP officer
        var register = given().auth().oauth2(Tokens.forRole(Roles.PCTP_OFFICER, "pctp-1"))
                .queryParam("unit", Tokens.DEFAULT_UNIT)
                .queryParam("year", clock.instant().atZone(java.time.ZoneId.of("Asia/Ho_Chi_Minh")).getYear())
                .get("/api/v1/register").then().statusCode(200).extract().jsonPath();
        assertThat(register.getString("find { it.reportId == '" + id + "' }.receivingOfficer"))
                .isEqualTo("duty_officer-1");
        assertThat(register.getString("find { it.reportId == '" + id + "' }.registeredBy")).isEqualTo("pctp_officer-1");
    }

    @Test
    void theClock_warnsAt12_4_1_andBreachesAt24_eachExactlyOnce_police_song_tri_15_3() {
        String id = post(Roles.BOT, "/api/v1/reports", tip("Nghi vấn mua bán hàng cấm")).statusCode(201)
                .extract().path("reportId");
        sweep.sweep();
        clock.advance(Duration.ofHours(12));
        sweep.sweep();
        sweep.sweep();
        clock.advance(Duration.ofHours(8));
        sweep.sweep();
        clock.advance(Duration.ofHours(4).plusSeconds(1));
        sweep.sweep();
        sweep.sweep();
        var types = store.read(id).stream().map(e -> e.eventType() + (e.eventType().equals("DeadlineWarning")
                ? e.payload().get("hoursLeft").asText() : "")).toList();
        assertThat(types).containsSubsequence("DeadlineWarning12", "DeadlineWarning4", "DeadlineWarning1",
                "DeadlineBreached");
        assertThat(types.stream().filter(t -> t.startsWith("Deadline"))).hasSize(4);
    }

    @Test
    void registerNumbers_haveNoGapsAndNoDuplicates_underConcurrentRegistrations_andARefusedOneTakesNone_police_song_tri_15_3() throws Exception {
        String unit = Tokens.DEFAULT_UNIT;
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String id = post(Roles.BOT, "/api/v1/reports", tip("Tin báo số " + i)).statusCode(201).extract().path("reportId");
            post(Roles.DUTY_OFFICER, "/api/v1/reports/" + id + "/classification", Map.of("category", "Trộm",
                    "securityRelated", true, "withinJurisdiction", true)).statusCode(200);
            post(Roles.DUTY_OFFICER, "/api/v1/reports/" + id + "/written-report", Map.of("writtenReport", "Báo cáo"))
                    .statusCode(200);
            post(Roles.LEADER, "/api/v1/reports/" + id + "/forwarding", Map.of("pctpOfficer", "pctp-1")).statusCode(200);
            ids.add(id);
        }
        var pool = Executors.newFixedThreadPool(6);
        List<Callable<Integer>> jobs = ids.stream().<Callable<Integer>>map(id -> () -> post(Roles.PCTP_OFFICER,
                "/api/v1/reports/" + id + "/registration", Map.of("unit", unit)).extract().statusCode()).toList();
        for (var f : pool.invokeAll(jobs)) {
            assertThat(f.get()).isEqualTo(200);
        }
        pool.shutdown();
        // a registration the rules refuse (this tip is registered already) takes no number: the next one is next
        post(Roles.PCTP_OFFICER, "/api/v1/reports/" + ids.getFirst() + "/registration", Map.of("unit", unit))
                .statusCode(422);
        String last = post(Roles.BOT, "/api/v1/reports", tip("Tin báo sau lần bị từ chối")).statusCode(201).extract()
                .path("reportId");
        post(Roles.DUTY_OFFICER, "/api/v1/reports/" + last + "/classification", Map.of("category", "Trộm",
                "securityRelated", true, "withinJurisdiction", true)).statusCode(200);
        post(Roles.DUTY_OFFICER, "/api/v1/reports/" + last + "/written-report", Map.of("writtenReport", "Báo cáo"))
                .statusCode(200);
        post(Roles.LEADER, "/api/v1/reports/" + last + "/forwarding", Map.of("pctpOfficer", "pctp-1")).statusCode(200);
        post(Roles.PCTP_OFFICER, "/api/v1/reports/" + last + "/registration", Map.of("unit", unit)).statusCode(200);
        var register = given().auth().oauth2(Tokens.forRole(Roles.PCTP_OFFICER, "pctp-1")).queryParam("unit", unit)
                .queryParam("year", clock.instant().atZone(java.time.ZoneId.of("Asia/Ho_Chi_Minh")).getYear())
                .get("/api/v1/register").then().statusCode(200).extract().jsonPath();
        // the unit's register holds other tests' tips too: these twelve took twelve consecutive numbers
        List<Long> numbers = new ArrayList<>();
        List<String> reportIds = register.getList("reportId", String.class);
        List<Long> all = register.getList("number", Long.class);
        for (int i = 0; i < reportIds.size(); i++) {
            if (ids.contains(reportIds.get(i))) {
                numbers.add(all.get(i));
            }
        }
        assertThat(numbers).hasSize(12).doesNotHaveDuplicates();
        assertThat(numbers.getLast() - numbers.getFirst()).isEqualTo(11L);
        assertThat(all).as("the whole register: no gaps, no duplicates").isEqualTo(
                java.util.stream.LongStream.rangeClosed(1, all.size()).boxed().toList());
        String page = given().auth().oauth2(Tokens.forRole(Roles.COMMANDER, "commander-1")).queryParam("unit", unit)
                .queryParam("year", clock.instant().atZone(java.time.ZoneId.of("Asia/Ho_Chi_Minh")).getYear())
                .get("/api/v1/register/printable").then().statusCode(200).contentType(containsString("text/html"))
                .extract().asString();
        assertThat(page).contains("Sổ tiếp nhận nguồn tin về tội phạm", "Mẫu số 294", "<td>12</td>", "Nguyễn Văn Bình");
    }

    @Test
    void anEmergency_isOnTopOfTheQueue_reRaisedEvery5Minutes_untilTheCommanderAcknowledges_police_song_tri_15_4() {
        String id = post(Roles.BOT, "/api/v1/reports", Map.of("type", "CRIME_TIP", "groupId", World.POLICE_GROUP,
                "content",
                "Cứu với, có người đang cướp tiệm vàng", "details", Map.of("place", "Tiệm vàng Kim Thành",
                        "summary", "đang cướp"))).statusCode(422).extract().path("reportId");
        given().auth().oauth2(Tokens.forRole(Roles.DUTY_OFFICER, "duty-1")).get("/api/v1/reports").then()
                .statusCode(200).body("[0].reportId", equalTo(id)).body("[0].emergency", equalTo("RAISED"));
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        sweep.sweep();
        post(Roles.DUTY_OFFICER, "/api/v1/reports/" + id + "/emergency-acknowledgement", null).statusCode(403);
        post(Roles.COMMANDER, "/api/v1/reports/" + id + "/emergency-acknowledgement", null).statusCode(200)
                .body("emergency", equalTo("ACKNOWLEDGED"));
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        sweep.sweep();
        assertThat(store.read(id).stream().filter(e -> e.eventType().equals("EmergencyRaised"))).hasSize(2);
    }

    @Test
    void aReportWhileNobodyOfItsUnitIsOnDuty_raisesAnAlert_police_song_tri_15_2() {
        String nextWeek = clock.instant().plus(Duration.ofDays(7)).atZone(java.time.ZoneId.of("Asia/Ho_Chi_Minh"))
                .toLocalDate().toString();
        clock.advance(Duration.ofDays(7));
        String unstaffed = post(Roles.BOT, "/api/v1/reports", tip("Mất trộm xe đạp")).statusCode(201)
                .extract().path("reportId");
        assertThat(store.read(unstaffed).stream().map(e -> e.eventType())).contains("NobodyOnDuty");

        given().auth().oauth2(Tokens.forRole(Roles.DUTY_OFFICER, "duty-1")).contentType("application/json")
                .body(Map.of("officers", List.of("duty-1"))).put("/api/v1/duty-roster/" + nextWeek).then().statusCode(403);
        given().auth().oauth2(Tokens.forRole(Roles.COMMANDER, "commander-1")).contentType("application/json")
                .body(Map.of("officers", List.of("duty-1", "duty-2"))).put("/api/v1/duty-roster/" + nextWeek).then()
                .statusCode(200).body("officers", hasItems("duty-1", "duty-2"));
        given().auth().oauth2(Tokens.forRole(Roles.COMMANDER, "commander-1")).contentType("application/json")
                .body(Map.of("officers", List.of("duty-1"))).put("/api/v1/duty-roster/ngay-mai").then().statusCode(400);
        String staffed = post(Roles.BOT, "/api/v1/reports", tip("Mất trộm xe máy")).statusCode(201)
                .extract().path("reportId");
        assertThat(store.read(staffed).stream().map(e -> e.eventType())).doesNotContain("NobodyOnDuty");

        // each unit keeps its own roster (issue 21): the other ward's nobody staffed, whatever this one's says
        Map<String, Object> otherTip = new java.util.HashMap<>(tip("Mất trộm điện thoại"));
        otherTip.put("groupId", World.OTHER_GROUP);
        String other = given().auth().oauth2(Tokens.forRole(Roles.BOT, "bot-other")).contentType("application/json")
                .body(otherTip).post("/api/v1/reports").then().statusCode(201).extract().path("reportId");
        assertThat(store.read(other).stream().map(e -> e.eventType())).contains("NobodyOnDuty");
        given().auth().oauth2(Tokens.forRole(Roles.DUTY_OFFICER, "duty-1")).get("/api/v1/duty-roster/today").then()
                .statusCode(200).body("unit", equalTo(Tokens.DEFAULT_UNIT)).body("officers", hasItems("duty-1"));
        given().auth().oauth2(Tokens.forUnit(Roles.DUTY_OFFICER, "duty-song-cau", World.OTHER_UNIT))
                .get("/api/v1/duty-roster/today").then().statusCode(200).body("unit", equalTo(World.OTHER_UNIT))
                .body("officers", org.hamcrest.Matchers.empty());
        given().auth().oauth2(Tokens.forUnit(Roles.DUTY_OFFICER, "duty-song-cau", World.OTHER_UNIT))
                .queryParam("unit", Tokens.DEFAULT_UNIT).get("/api/v1/duty-roster/today").then().statusCode(404);
        // the leadership of the unit's police group, by its roster, reads it too
        given().auth().oauth2(Tokens.forRole(Roles.MEMBER, "leader-1")).queryParam("unit", Tokens.DEFAULT_UNIT)
                .get("/api/v1/duty-roster/today").then().statusCode(200).body("officers", hasItems("duty-1"));
    }

    @Test
    void reportersPersonalData_isCiphertextInEvents_clearForOfficers_maskedOtherwise_andShreddable_police_song_tri_15_2()
            throws Exception {
        String id = post(Roles.BOT, "/api/v1/reports", tip("Đối tượng lạ theo dõi nhà dân")).statusCode(201)
                .extract().path("reportId");
        assertThat(count("select count(*) from event where stream_id = '" + id + "' and payload::text like "
                + "'%Nguyễn Văn Bình%'")).as("no clear name in any event").isZero();
        assertThat(count("select count(*) from event where stream_id = '" + id + "' and payload::text like '%enc:v1:%'"))
                .isPositive();

        given().auth().oauth2(Tokens.forRole(Roles.DUTY_OFFICER, "duty-7")).get("/api/v1/reports/" + id).then()
                .statusCode(200).body("reporter.name", equalTo("Nguyễn Văn Bình")).body("reporter.phone",
                        equalTo("0912345678"));
        assertThat(count("select count(*) from event where event_type = 'PersonalDataRead' and payload->>'reportId' = '"
                + id + "' and payload->>'readBy' = 'duty-7'")).isEqualTo(1);
        given().auth().oauth2(Tokens.forRole(Roles.AUDITOR, "auditor-1")).get("/api/v1/reports/" + id).then()
                .statusCode(200).body("reporter.name", equalTo("N*** V*** B***")).body("reporter.phone",
                        equalTo("091*****78"));

        post(Roles.DUTY_OFFICER, "/api/v1/reports/" + id + "/reporter-shredding", Map.of("reason", "Yêu cầu xóa"))
                .statusCode(403);
        post(Roles.COMMANDER, "/api/v1/reports/" + id + "/reporter-shredding", Map.of("reason",
                "Người báo tin yêu cầu xóa dữ liệu")).statusCode(200).body("reporter.name", equalTo("[đã hủy]"));
        assertThat(store.verify(id).intact()).as("the chain still verifies after shredding").isTrue();
    }

    /**
     * The console's two steps through the API (issue 24): an officer takes a tip in hand, another
     * takes it over (the hand-over names who had it), the queue's read model shows the handler;
     * a note is sealed like the reporter's data (no clear text in any event), a note too long or
     * empty is a 400 naming the field, and nothing is written for it.
     */
    @Test
    void anOfficerTakesATip_anotherTakesItOver_andNotesBetweenThemAreSealed_police_song_tri_15_3() throws Exception {
        String id = post(Roles.BOT, "/api/v1/reports", tip("Trộm két sắt tại tiệm tạp hóa")).statusCode(201)
                .extract().path("reportId");
        post(Roles.DUTY_OFFICER, "/api/v1/reports/" + id + "/taking", null).statusCode(200);
        post(Roles.PCTP_OFFICER, "/api/v1/reports/" + id + "/taking", null).statusCode(200);
        assertThat(count("select count(*) from event where stream_id = '" + id + "' and event_type = 'ReportTaken' "
                + "and payload->>'takenBy' = 'pctp_officer-1' and payload->>'previous' = 'duty_officer-1'")).isEqualTo(1);
        assertThat(count("select count(*) from report_summary where report_id = '" + id
                + "' and handler = 'pctp_officer-1'")).isEqualTo(1);
        post(Roles.AUDITOR, "/api/v1/reports/" + id + "/taking", null).statusCode(403);

        post(Roles.DUTY_OFFICER, "/api/v1/reports/" + id + "/notes", Map.of("note",
                "Người báo tin Nguyễn Văn Bình hẹn gặp lúc 9 giờ")).statusCode(200);
        assertThat(count("select count(*) from event where stream_id = '" + id + "' and event_type = 'ReportNoteAdded' "
                + "and payload->>'note' like 'enc:v1:%'")).isEqualTo(1);
        assertThat(count("select count(*) from event where stream_id = '" + id + "' and payload::text like '%hẹn gặp%'"))
                .as("no clear note in any event").isZero();
        long before = count("select count(*) from event where stream_id = '" + id + "'");
        post(Roles.DUTY_OFFICER, "/api/v1/reports/" + id + "/notes", Map.of("note", "x".repeat(4_001)))
                .statusCode(400).body(containsString("note"));
        post(Roles.DUTY_OFFICER, "/api/v1/reports/" + id + "/notes", Map.of("note", "   ")).statusCode(400)
                .body(containsString("note"));
        assertThat(count("select count(*) from event where stream_id = '" + id + "'")).isEqualTo(before);
    }

    /**
     * issue 21, audit F8: everything personal of a tip (its details and content, the reporter's
     * refusal reason) is sealed like the reporter's identity; the report keys are in the database
     * only wrapped under the master key; after a shred no page, export or event shows any of it,
     * none of them fails, and nothing more can be added to the report.
     */
    @Test
    void aTipsDetailsAreSealed_itsKeyWrapped_andAfterAShredEveryPageAndExportStillWorks_police_song_tri_15_2()
            throws Exception {
        var tip = new java.util.HashMap<>(tip("Đối tượng Lò Văn Tám bán ma túy ở bến xe"));
        @SuppressWarnings("unchecked")
        var details = new java.util.HashMap<>((Map<String, Object>) tip.get("details"));
        details.put("suspect", "Lò Văn Tám, khoảng 30 tuổi");
        details.put("witnesses", "chị Mai bán nước");
        tip.put("details", details);
        String id = post(Roles.BOT, "/api/v1/reports", tip).statusCode(201).extract().path("reportId");
        for (String clear : List.of("Lò Văn Tám", "chị Mai", "bến xe", "Chợ Sông Trí", "tôi chứng kiến")) {
            assertThat(count("select count(*) from event where stream_id = '" + id + "' and payload::text like '%"
                    + clear + "%'")).as("no clear '%s' in any event", clear).isZero();
        }
        // the report's key is stored only wrapped: neither in clear nor as the raw key column
        assertThat(count("select count(*) from reporter_key where report_id = '" + id + "' and key is null "
                + "and wrapped_key is not null")).isEqualTo(1);
        String path = "/api/v1/reports/" + id;
        given().auth().oauth2(Tokens.forRole(Roles.DUTY_OFFICER, "duty-1")).get(path).then().statusCode(200)
                .body("details.suspect", equalTo("Lò Văn Tám, khoảng 30 tuổi"))
                .body("details.summary", containsString("bến xe"));

        // registered, then shredded: the register (JSON, CSV, printable) and the report still answer
        post(Roles.DUTY_OFFICER, path + "/classification", Map.of("category", "Ma túy", "securityRelated", true,
                "withinJurisdiction", true)).statusCode(200);
        post(Roles.DUTY_OFFICER, path + "/written-report", Map.of("writtenReport", "Báo cáo")).statusCode(200);
        post(Roles.COMMANDER, path + "/forwarding", Map.of("pctpOfficer", "pctp-1")).statusCode(200);
        post(Roles.PCTP_OFFICER, path + "/registration", Map.of()).statusCode(200);
        assertThat(count("select count(*) from crime_register where report_id = '" + id + "' and summary like "
                + "'enc:v1:%'")).as("the register's summary sealed too").isEqualTo(1);
        post(Roles.COMMANDER, path + "/reporter-shredding", Map.of("reason", "Người báo tin yêu cầu xóa dữ liệu"))
                .statusCode(200).body("details.suspect", equalTo("[đã hủy]")).body("reporter.name", equalTo("[đã hủy]"));
        given().auth().oauth2(Tokens.forRole(Roles.DUTY_OFFICER, "duty-1")).get(path).then().statusCode(200)
                .body("details.summary", equalTo("[đã hủy]")).body("details.witnesses", equalTo("[đã hủy]"));
        // nothing more is sealed for it: a completion is refused, and nothing is written
        long events = count("select count(*) from event where stream_id = '" + id + "'");
        post(Roles.BOT, path + "/completion", Map.of("reporter", Map.of("phone", "0911111111"))).statusCode(409)
                .body("type", containsString("reporter-shredded"));
        assertThat(count("select count(*) from event where stream_id = '" + id + "'")).isEqualTo(events);
        int year = clock.instant().atZone(java.time.ZoneId.of("Asia/Ho_Chi_Minh")).getYear();
        var register = given().auth().oauth2(Tokens.forRole(Roles.PCTP_OFFICER, "pctp-1"))
                .queryParam("unit", Tokens.DEFAULT_UNIT).queryParam("year", year).get("/api/v1/register").then()
                .statusCode(200).extract().jsonPath();
        int row = register.getList("reportId", String.class).indexOf(id);
        assertThat(register.getString("[" + row + "].summary")).isEqualTo("[đã hủy]");
        assertThat(register.getString("[" + row + "].reporter")).isEqualTo("[đã hủy]");
        String csv = given().auth().oauth2(Tokens.forRole(Roles.PCTP_OFFICER, "pctp-1")).accept("text/csv")
                .queryParam("unit", Tokens.DEFAULT_UNIT).queryParam("year", year).get("/api/v1/register").then()
                .statusCode(200).extract().asString();
        assertThat(csv).doesNotContain("Lò Văn Tám").doesNotContain("bến xe");
        given().auth().oauth2(Tokens.forRole(Roles.COMMANDER, "commander-1")).queryParam("unit", Tokens.DEFAULT_UNIT)
                .queryParam("year", year).get("/api/v1/register/printable").then().statusCode(200);
        given().auth().oauth2(Tokens.forRole(Roles.BOT, "bot-1")).get("/open311/v2/requests/" + id + ".json").then()
                .statusCode(200).body("[0].description", equalTo("[đã hủy]"));
    }

    @Test
    void open311Clients_fileReports_andReadTheirPublicStatus_withoutPersonalData() {
        given().auth().oauth2(Tokens.forRole(Roles.BOT, "open311-client")).get("/open311/v2/services.json").then()
                .statusCode(200).body("service_code", hasItems("feedback", "crime-tip", "emergency"));
        String id = given().auth().oauth2(Tokens.forRole(Roles.BOT, "open311-client"))
                .contentType("application/x-www-form-urlencoded").formParam("service_code", "feedback")
                .formParam("description", "Đèn đường hẻm 12 bị hỏng").formParam("first_name", "Lan")
                .formParam("last_name", "Trần Thị").formParam("phone", "0905123456")
                .post("/open311/v2/requests.json").then().statusCode(200)
                .body("[0].service_notice", containsString("địa chỉ liên hệ")).extract().path("[0].service_request_id");
        given().auth().oauth2(Tokens.forRole(Roles.BOT, "open311-client")).get("/open311/v2/requests/" + id + ".json")
                .then().statusCode(200).body("[0].status", equalTo("open")).body("[0].service_code", equalTo("feedback"))
                .body(org.hamcrest.Matchers.not(containsString("0905123456")));
        given().auth().oauth2(Tokens.forRole(Roles.BOT, "open311-client"))
                .contentType("application/x-www-form-urlencoded").formParam("service_code", "parking")
                .post("/open311/v2/requests.json").then().statusCode(400).body("[0].code", equalTo(400));
        given().auth().oauth2(Tokens.forRole(Roles.BOT, "open311-client")).get("/open311/v2/requests/report-none.json")
                .then().statusCode(404);
        // several at once, as GeoReport v2 allows; at most 50 (each is a read: bounded work per request)
        given().auth().oauth2(Tokens.forRole(Roles.BOT, "open311-client"))
                .queryParam("service_request_id", id + ",report-none," + id).get("/open311/v2/requests.json").then()
                .statusCode(200).body("service_request_id", org.hamcrest.Matchers.contains(id, id));
        given().auth().oauth2(Tokens.forRole(Roles.BOT, "open311-client"))
                .queryParam("service_request_id", String.join(",", java.util.Collections.nCopies(51, id)))
                .get("/open311/v2/requests.json").then().statusCode(400).body("[0].code", equalTo(400))
                .body("[0].description", containsString("at most 50"));
    }
}
