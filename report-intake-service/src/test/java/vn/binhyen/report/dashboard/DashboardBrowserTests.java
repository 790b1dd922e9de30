package vn.binhyen.report.dashboard;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.Cookie;
import com.microsoft.playwright.options.SameSiteAttribute;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.binhyen.contracts.Roles;
import vn.binhyen.testsupport.Chromium;
import vn.binhyen.testsupport.KafkaBrokerResource;
import vn.binhyen.testsupport.KeycloakResource;
import vn.binhyen.testsupport.KeycloakTokens;
import vn.binhyen.testsupport.PostgresDatabaseResource;
import vn.binhyen.testsupport.Tokens;

/**
 * The duty officer's night, in a real headless Chromium (Debian's, driven by Playwright): sign
 * in through Keycloak's pages (password, then the one-time code; issue 22), a tip submitted by a bot appears on the open dashboard within 2 s without a reload, the
 * officer classifies it from its page, and its countdown runs. A screenshot is kept in
 * {@code target/dashboard.png}.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PostgresDatabaseResource.class)
@QuarkusTestResource(KeycloakResource.class)
class DashboardBrowserTests {
    static Chromium chromium;

    @BeforeAll
    static void launch() {
        chromium = Chromium.launch();
    }

    @AfterAll
    static void close() {
        if (chromium != null) {
            chromium.close();
        }
    }

    static String base() {
        return "http://localhost:" + RestAssured.port;
    }

    /** A duty officer in Keycloak (the realm's user, with a one-time-code device), of the demo's unit. */
    static void officer(String username, String role) {
        KeycloakResource.tokens().user(username, role, Tokens.DEFAULT_UNIT, true);
    }

    static String submitTip(String summary) {
        vn.binhyen.report.support.World.ensure();
        return given().auth().oauth2(Tokens.forRole(Roles.BOT, "bot-police")).contentType("application/json")
                .body(Map.of("type", "CRIME_TIP", "channel", "zalo", "groupId", "group-police",
                        "reporter", Map.of("name", "Nguyễn Văn Bình", "address", "12 Lê Lợi", "phone", "0912345678"),
                        "details", Map.of("incidentAt", Instant.now().minus(Duration.ofHours(1)).toString(),
                                "place", "Chợ Sông Trí", "summary", summary, "howKnown", "tôi chứng kiến")))
                .post("/api/v1/reports").then().statusCode(201).extract().path("reportId");
    }

    @Test
    void aDutyOfficerSeesANewTipWithin2s_classifiesIt_andWatchesItsCountdown_police_song_tri_15_3() throws Exception {
        String username = "truc-ban-" + UUID.randomUUID().toString().substring(0, 8);
        officer(username, Roles.DUTY_OFFICER);
        try (var context = chromium.context()) {
            Page page = context.newPage();
            page.navigate(base() + "/dashboard"); // no session: straight to Keycloak's sign-in
            page.waitForSelector("#kc-login");
            page.fill("#username", username);
            page.fill("#password", "sai-mat-khau-roi");
            page.click("#kc-login");
            page.waitForSelector("#kc-login");
            assertThat(page.content()).contains("Tên đăng nhập hoặc mật khẩu không đúng.");
            page.fill("#username", username);
            page.fill("#password", KeycloakTokens.password(username));
            page.click("#kc-login");
            page.waitForSelector("#otp"); // a staff role: the code too (police-song-tri:16.2)
            page.fill("#otp", KeycloakTokens.nextUnusedCode(username));
            page.click("#kc-login");
            page.waitForURL(base() + "/dashboard");
            Cookie session = context.cookies().stream().filter(c -> c.name.equals("binhyen_session")).findFirst()
                    .orElseThrow();
            assertThat(session.httpOnly).isTrue();
            assertThat(session.sameSite).isEqualTo(SameSiteAttribute.LAX);
            page.waitForSelector("#live.on");
            page.evaluate("window.__notReloaded = true");

            String reportId = submitTip("Trộm xe máy tại chợ " + UUID.randomUUID());
            long submitted = System.nanoTime();
            page.waitForSelector("li[data-report='" + reportId + "']", new Page.WaitForSelectorOptions().setTimeout(2_000));
            long shownMillis = (System.nanoTime() - submitted) / 1_000_000;
            assertThat(shownMillis).as("on the open dashboard within 2 s").isLessThan(2_000);
            assertThat(page.evaluate("window.__notReloaded")).as("no reload").isEqualTo(true);
            assertThat(page.textContent("li[data-report='" + reportId + "'] .status")).isEqualTo("Mới tiếp nhận");

            page.click("li[data-report='" + reportId + "'] a[href='/dashboard/reports/" + reportId + "']");
            page.waitForSelector("#action-classification");
            assertThat(page.isVisible("#action-forwarding")).as("the board forwards, not the duty officer").isFalse();
            assertThat(page.textContent("dl.details")).contains("Nguyễn Văn Bình"); // in clear for the duty officer
            page.fill("#action-classification input[name=category]", "Trộm cắp tài sản");
            page.click("#action-classification button[type=submit]");
            page.waitForSelector("#action-written-report");
            assertThat(page.textContent("#status")).isEqualTo("Đã phân loại");

            String before = page.textContent("#countdown");
            assertThat(before).matches("\\d{2,}:\\d{2}:\\d{2}");
            page.waitForFunction("b => document.querySelector('#countdown').textContent !== b", before);
            assertThat(page.textContent("#countdown")).matches("\\d{2,}:\\d{2}:\\d{2}").isNotEqualTo(before);

            page.navigate(base() + "/dashboard");
            page.waitForSelector("li[data-report='" + reportId + "']");
            Path shot = Paths.get("target/dashboard.png");
            page.screenshot(new Page.ScreenshotOptions().setPath(shot).setFullPage(true));
            assertThat(Files.size(shot)).isPositive();
        }
    }

    static String submit(Map<String, Object> body) {
        vn.binhyen.report.support.World.ensure();
        return given().auth().oauth2(Tokens.forRole(Roles.BOT, "bot-police")).contentType("application/json")
                .body(body).post("/api/v1/reports").then().statusCode(org.hamcrest.Matchers.anyOf(
                        org.hamcrest.Matchers.is(201), org.hamcrest.Matchers.is(422))).extract().path("reportId");
    }

    /**
     * The console's queue and a tip's page, as a duty officer uses them (issue 24): each card says
     * what the tip is about, where, when, from which group, what is missing and who handles it; a
     * search without diacritics finds it, a type filter hides it; the officer takes it in hand from
     * the queue (and finds it under "mine"), writes a note, and reads the whole history on the
     * tip's page. An emergency makes the title blink and, once the officer allowed them, sounds
     * and notifies, until a commander acknowledges it (police-song-tri:15.4). On a 360-pixel-wide
     * phone nothing is wider than the screen. Screenshots in {@code target/console-*.png}.
     */
    @Test
    void theConsole_showsWhatATipIsAbout_findsFiltersAndTakesIt_andAlarmsUntilAnEmergencyIsAcknowledged_police_song_tri_15_3_and_15_4()
            throws Exception {
        String username = "truc-ban-" + UUID.randomUUID().toString().substring(0, 8);
        officer(username, Roles.DUTY_OFFICER);
        String tag = UUID.randomUUID().toString().substring(0, 6);
        String tip = submit(Map.of("type", "CRIME_TIP", "channel", "zalo", "groupId", "group-police",
                "reporter", Map.of("name", "Lê Thị Hồng", "address", "3 Trần Phú", "phone", "0913000111"),
                "details", Map.of("incidentAt", Instant.now().minus(Duration.ofHours(3)).toString(),
                        "place", "Chợ Sông Trí, cổng số " + tag, "summary", "Hai đối tượng móc túi người đi chợ")));
        try (var context = chromium.browser.newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                .setPermissions(List.of("notifications")).setViewportSize(1280, 900))) {
            Page page = context.newPage();
            signIn(page, username);
            String card = "li[data-report='" + tip + "']";
            page.waitForSelector(card);
            assertThat(page.textContent(card + " .summary")).contains("Hai đối tượng móc túi người đi chợ");
            assertThat(page.textContent(card + " .place")).contains("Chợ Sông Trí, cổng số " + tag);
            assertThat(page.textContent(card + " .source")).isEqualTo("Zalo · nhóm group-police");
            assertThat(page.textContent(card + " .missing")).contains("vì sao biết");
            assertThat(page.textContent(card + " .handler")).isEqualTo("Chưa có ai nhận");

            // a search typed without diacritics finds it; a filter for feedback hides it; a bad filter is named
            page.fill("input[name=q]", "cho song tri, cong so " + tag);
            page.click("#filters button[type=submit]");
            page.waitForURL(u -> u.contains("q="));
            assertThat(page.locator("#queue > li").count()).isEqualTo(1);
            assertThat(page.isVisible(card)).isTrue();
            page.navigate(base() + "/dashboard?type=FEEDBACK");
            assertThat(page.isVisible(card)).isFalse();
            assertThat(given().redirects().follow(false).cookie("binhyen_session", sessionOf(context))
                    .get("/dashboard?status=DELETED").then().statusCode(400).extract().asString()).contains("status");

            // taken in hand from the queue, back on the same view; then under "mine"
            page.navigate(base() + "/dashboard?q=" + tag);
            page.click(card + " form.take button");
            page.waitForURL(u -> u.endsWith("/dashboard?q=" + tag));
            assertThat(page.textContent(card + " .handler")).isEqualTo("Tôi (" + username + ")");
            page.navigate(base() + "/dashboard?mine=1");
            assertThat(page.isVisible(card)).isTrue();

            // the tip's page: a note, and the whole history
            page.click(card + " a.id");
            page.waitForSelector("#action-note");
            page.fill("#action-note textarea[name=note]", "Đã gọi lại người báo tin, hẹn gặp tại cổng chợ " + tag);
            page.click("#action-note button[type=submit]");
            page.waitForSelector("#timeline li[data-type=ReportNoteAdded]");
            assertThat(page.textContent("#timeline li[data-type=ReportNoteAdded]"))
                    .contains("Đã gọi lại người báo tin, hẹn gặp tại cổng chợ " + tag).contains(username);
            assertThat(page.textContent("#timeline li[data-type=ReportReceived]")).contains("Tiếp nhận tin báo")
                    .contains("bot-police");
            assertThat(page.textContent("#timeline li[data-type=ReportTaken]")).contains("Nhận xử lý")
                    .contains("cán bộ trực ban");
            assertThat(page.textContent("#handler")).isEqualTo("Tôi (" + username + ")");
            page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/console-report.png"))
                    .setFullPage(true));

            // an emergency: on top at once, the title blinking; sound and notification once allowed
            page.navigate(base() + "/dashboard");
            page.waitForSelector("#live.on");
            String emergency = submit(Map.of("type", "EMERGENCY", "channel", "zalo", "groupId", "group-police",
                    "details", Map.of("place", "Tiệm vàng Kim Thành " + tag, "summary", "Có người đang cướp tiệm vàng")));
            page.waitForSelector("#emergencies li[data-report='" + emergency + "']",
                    new Page.WaitForSelectorOptions().setTimeout(3_000));
            page.waitForFunction("() => document.title.includes('TIN KHẨN CẤP')", null,
                    new Page.WaitForFunctionOptions().setTimeout(3_000));
            page.click("#enable-alarm");
            page.waitForFunction("id => window.__alarm.notified.includes(id) && window.__alarm.beeps > 0", emergency,
                    new Page.WaitForFunctionOptions().setTimeout(3_000));
            page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/console-queue.png"))
                    .setFullPage(true));

            // the commander acknowledges it: it leaves the top of every open queue, and the alarm stops
            given().auth().oauth2(Tokens.forRole(Roles.COMMANDER, "commander-1"))
                    .post("/api/v1/reports/" + emergency + "/emergency-acknowledgement").then().statusCode(200);
            page.waitForSelector("#emergencies li[data-report='" + emergency + "']",
                    new Page.WaitForSelectorOptions().setState(com.microsoft.playwright.options.WaitForSelectorState.DETACHED)
                            .setTimeout(3_000));
            page.waitForFunction("() => !window.__alarm.blinking && !document.title.includes('TIN KHẨN CẤP')", null,
                    new Page.WaitForFunctionOptions().setTimeout(3_000));
        }
        // a phone, 360 pixels wide: the queue and the tip's page fit the screen
        try (var phone = chromium.browser.newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                .setViewportSize(360, 740).setIsMobile(true).setHasTouch(true))) {
            Page page = phone.newPage();
            signIn(page, username);
            page.waitForSelector("li[data-report='" + tip + "']");
            assertThat(((Number) page.evaluate("document.documentElement.scrollWidth")).intValue())
                    .as("no sideways scrolling on a phone").isLessThanOrEqualTo(360);
            page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/console-phone.png")));
            page.navigate(base() + "/dashboard/reports/" + tip);
            page.waitForSelector("#timeline");
            assertThat(((Number) page.evaluate("document.documentElement.scrollWidth")).intValue())
                    .isLessThanOrEqualTo(360);
        }
    }

    static int number(Page page, String selector) {
        return Integer.parseInt(page.textContent(selector).strip());
    }

    /**
     * The console's statistics and handover (issue 24): today's row counts a new tip and a new
     * feedback by type, the feedback resolved within its 24 hours counts as handled in time
     * (police-song-tri:15.3) and its classifier appears per officer; the CSV says the same; the
     * six-monthly report quotes police-song-tri:20.2 and says it is for the unit to sign and send;
     * the day's handover lists the new tip and what falls due; a period, a report period or a day
     * that is not one is a 400 naming it; and the pages fit a 360-pixel phone.
     */
    @Test
    void statisticsAndHandover_countWhatCameInAndWhatWasHandledInTime_andPrint_police_song_tri_15_3_and_20_2()
            throws Exception {
        String username = "truc-ban-" + UUID.randomUUID().toString().substring(0, 8);
        officer(username, Roles.DUTY_OFFICER);
        String today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Ho_Chi_Minh")).toString();
        String day = "#days tr[data-day='" + today + "']";
        try (var context = chromium.context()) {
            Page page = context.newPage();
            signIn(page, username);
            page.navigate(base() + "/dashboard/statistics");
            int tips = number(page, day + " .t-CRIME_TIP");
            int feedback = number(page, day + " .t-FEEDBACK");
            int received = number(page, "#received-total");
            int inTime = number(page, "#closed-in-time");

            String tip = submitTip("Trộm điện thoại tại bến xe " + UUID.randomUUID());
            String report = submit(Map.of("type", "FEEDBACK", "channel", "zalo", "groupId", "group-police",
                    "reporter", Map.of("name", "Trần Thị Hoa", "address", "5 Nguyễn Huệ", "phone", "0987654321"),
                    "content", "Đèn đường hẻm 12 bị hỏng nhiều ngày"));
            String duty = Tokens.forRole(Roles.DUTY_OFFICER, "duty-stat");
            given().auth().oauth2(duty).contentType("application/json").body(Map.of("category", "Hạ tầng",
                    "securityRelated", false, "withinJurisdiction", true))
                    .post("/api/v1/reports/" + report + "/classification").then().statusCode(200);
            given().auth().oauth2(duty).contentType("application/json").body(Map.of("result", "Đã báo điện lực"))
                    .post("/api/v1/reports/" + report + "/resolution").then().statusCode(200);

            page.navigate(base() + "/dashboard/statistics");
            assertThat(number(page, day + " .t-CRIME_TIP")).isEqualTo(tips + 1);
            assertThat(number(page, day + " .t-FEEDBACK")).isEqualTo(feedback + 1);
            assertThat(number(page, "#received-total")).isEqualTo(received + 2);
            assertThat(number(page, "#closed-in-time")).isEqualTo(inTime + 1);
            assertThat(page.textContent("#officers tr[data-officer='duty-stat'] .classified").strip()).isEqualTo("1");
            assertThat(page.locator("svg.chart rect").count()).isPositive();
            page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/console-statistics.png"))
                    .setFullPage(true));
            String cookie = sessionOf(context);
            String csv = given().cookie("binhyen_session", cookie).get("/dashboard/statistics/days.csv").then()
                    .statusCode(200).contentType(org.hamcrest.Matchers.startsWith("text/csv")).extract().asString();
            assertThat(csv).contains(today + "," + (tips + 1) + ",");
            assertThat(given().cookie("binhyen_session", cookie).get("/dashboard/statistics?from=2026-12-31&to=2026-01-01")
                    .then().statusCode(400).extract().asString()).contains("from");
            assertThat(given().cookie("binhyen_session", cookie).get("/dashboard/statistics?from=2020-01-01&to=2026-01-01")
                    .then().statusCode(400).extract().asString()).contains("366");

            page.navigate(base() + "/dashboard/statistics/report");
            assertThat(page.textContent("#report")).contains("police-song-tri:20.2")
                    .contains("định kỳ 6 tháng, 01 năm báo cáo Ban Chỉ đạo").contains("hệ thống không tự gửi");
            assertThat(page.locator("#report-months tbody tr").count()).isEqualTo(6);
            assertThat(given().cookie("binhyen_session", cookie).get("/dashboard/statistics/report?period=2026-H3")
                    .then().statusCode(400).extract().asString()).contains("period");

            page.navigate(base() + "/dashboard/handover");
            assertThat(page.isVisible("#received tr[data-report='" + tip + "']")).isTrue();
            assertThat(page.isVisible("#received tr[data-report='" + report + "']")).as("what came in, even if closed")
                    .isTrue();
            assertThat(page.textContent("#due")).doesNotContain(report);
            page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/console-handover.png"))
                    .setFullPage(true));
            assertThat(given().cookie("binhyen_session", cookie).get("/dashboard/handover?date=hom-nay").then()
                    .statusCode(400).extract().asString()).contains("date");
        }
        try (var phone = chromium.browser.newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                .setViewportSize(360, 740).setIsMobile(true))) {
            Page page = phone.newPage();
            signIn(page, username);
            for (String path : List.of("/dashboard/statistics", "/dashboard/handover")) {
                page.navigate(base() + path);
                assertThat(((Number) page.evaluate("document.documentElement.scrollWidth")).intValue())
                        .as(path + " on a phone").isLessThanOrEqualTo(360);
            }
        }
    }

    /**
     * Signing out of the dashboard signs out of Keycloak too (its end-session page comes back to the
     * sign-in page), and signing out at Keycloak (an administrator ending the officer's sessions
     * there) ends the dashboard's session by the back-channel logout; a form without the session's
     * CSRF token does nothing.
     */
    @Test
    void signingOut_endsBothSessions_eitherWay_andAFormWithoutItsCsrfTokenIsRefused() throws Exception {
        String username = "truc-ban-" + UUID.randomUUID().toString().substring(0, 8);
        officer(username, Roles.DUTY_OFFICER);
        try (var context = chromium.context()) {
            Page page = context.newPage();
            signIn(page, username);
            // a forged form (another site's, or no token): refused, nothing done
            assertThat(given().redirects().follow(false).cookie("binhyen_session", sessionOf(context))
                    .formParam("category", "x").post("/dashboard/reports/any/classification").then().extract()
                    .statusCode()).isEqualTo(403);
            page.click("header form[action='/dashboard/logout'] button");
            page.waitForURL(u -> u.contains("/dashboard/login?ra=1"));
            assertThat(page.textContent("[role=status]")).contains("Đã đăng xuất");
            // Keycloak's session ended too: the next sign-in asks for the password again
            page.navigate(base() + "/dashboard");
            page.waitForSelector("#kc-login");
        }
        try (var context = chromium.context()) {
            Page page = context.newPage();
            signIn(page, username);
            String cookie = sessionOf(context);
            given().redirects().follow(false).cookie("binhyen_session", cookie).get("/dashboard").then()
                    .statusCode(200);
            var keycloak = KeycloakResource.tokens().keycloak();
            String id = keycloak.adminOk("GET", vn.binhyen.testsupport.Keycloak.REALM + "/users?exact=true&username="
                    + username, null).json().path(0).path("id").asText();
            keycloak.adminOk("POST", vn.binhyen.testsupport.Keycloak.REALM + "/users/" + id + "/logout", null);
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().redirects()
                    .follow(false).cookie("binhyen_session", cookie).get("/dashboard").then().statusCode(303));
        }
    }

    static String sessionOf(com.microsoft.playwright.BrowserContext context) {
        return context.cookies().stream().filter(c -> c.name.equals("binhyen_session")).findFirst().orElseThrow().value;
    }

    /** Signs in through Keycloak's pages with the officer's password and current code. */
    static void signIn(Page page, String username) {
        page.navigate(base() + "/dashboard");
        page.fill("#username", username);
        page.fill("#password", KeycloakTokens.password(username));
        page.click("#kc-login");
        page.fill("#otp", KeycloakTokens.nextUnusedCode(username));
        page.click("#kc-login");
        page.waitForURL(base() + "/dashboard");
    }

    @Test
    void withoutASession_everyPageLeadsToTheSignIn_andTheStreamIsRefused() {
        given().redirects().follow(false).get("/dashboard").then().statusCode(303)
                .header("Location", org.hamcrest.Matchers.endsWith("/dashboard/sign-in"));
        given().redirects().follow(false).get("/dashboard/reports/any").then().statusCode(303);
        given().redirects().follow(false).cookie("binhyen_session", "forged").get("/dashboard/register").then()
                .statusCode(303);
        given().get("/dashboard/stream").then().statusCode(401);
    }
}
