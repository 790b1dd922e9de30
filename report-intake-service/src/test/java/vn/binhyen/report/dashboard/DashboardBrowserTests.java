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
            page.waitForSelector("tr[data-report='" + reportId + "']", new Page.WaitForSelectorOptions().setTimeout(2_000));
            long shownMillis = (System.nanoTime() - submitted) / 1_000_000;
            assertThat(shownMillis).as("on the open dashboard within 2 s").isLessThan(2_000);
            assertThat(page.evaluate("window.__notReloaded")).as("no reload").isEqualTo(true);
            assertThat(page.textContent("tr[data-report='" + reportId + "'] .status")).isEqualTo("Mới tiếp nhận");

            page.click("a[href='/dashboard/reports/" + reportId + "']");
            page.waitForSelector("#action-classification");
            assertThat(page.isVisible("#action-forwarding")).as("the board forwards, not the duty officer").isFalse();
            assertThat(page.textContent("dl")).contains("Nguyễn Văn Bình"); // in clear for the duty officer
            page.fill("#action-classification input[name=category]", "Trộm cắp tài sản");
            page.click("#action-classification button[type=submit]");
            page.waitForSelector("#action-written-report");
            assertThat(page.textContent("#status")).isEqualTo("Đã phân loại");

            String before = page.textContent("#countdown");
            assertThat(before).matches("\\d{2,}:\\d{2}:\\d{2}");
            page.waitForFunction("b => document.querySelector('#countdown').textContent !== b", before);
            assertThat(page.textContent("#countdown")).matches("\\d{2,}:\\d{2}:\\d{2}").isNotEqualTo(before);

            page.navigate(base() + "/dashboard");
            page.waitForSelector("tr[data-report='" + reportId + "']");
            Path shot = Paths.get("target/dashboard.png");
            page.screenshot(new Page.ScreenshotOptions().setPath(shot).setFullPage(true));
            assertThat(Files.size(shot)).isPositive();
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
