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
import vn.binhyen.testsupport.PostgresDatabaseResource;
import vn.binhyen.testsupport.Tokens;

/**
 * The duty officer's night, in a real headless Chromium (Debian's, driven by Playwright): sign
 * in, a tip submitted by a bot appears on the open dashboard within 2 s without a reload, the
 * officer classifies it from its page, and its countdown runs. A screenshot is kept in
 * {@code target/dashboard.png}.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PostgresDatabaseResource.class)
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

    static void officer(String username, String password, String... roles) {
        given().auth().oauth2(Tokens.forRole(Roles.SYSTEM_ADMIN, "sysadmin")).contentType("application/json")
                .body(Map.of("displayName", "Đại úy Trần Minh Khoa", "roles", List.of(roles), "password", password))
                .put("/api/v1/dashboard/users/" + username).then().statusCode(204);
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
        officer(username, "mat-khau-dem-truc-2026", Roles.DUTY_OFFICER);
        try (var context = chromium.context()) {
            Page page = context.newPage();
            page.navigate(base() + "/dashboard");
            assertThat(page.url()).endsWith("/dashboard/login");
            page.fill("input[name=username]", username);
            page.fill("input[name=password]", "sai-mat-khau-roi");
            page.click("button[type=submit]");
            assertThat(page.textContent("[role=alert]")).contains("không đúng");
            page.fill("input[name=password]", "mat-khau-dem-truc-2026");
            page.click("button[type=submit]");
            page.waitForURL(base() + "/dashboard");
            Cookie session = context.cookies().stream().filter(c -> c.name.equals("binhyen_session")).findFirst()
                    .orElseThrow();
            assertThat(session.httpOnly).isTrue();
            assertThat(session.sameSite).isEqualTo(SameSiteAttribute.STRICT);
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

    @Test
    void withoutASession_everyPageLeadsToTheLogin_andTheStreamIsRefused() {
        given().redirects().follow(false).get("/dashboard").then().statusCode(303)
                .header("Location", org.hamcrest.Matchers.endsWith("/dashboard/login"));
        given().redirects().follow(false).get("/dashboard/reports/any").then().statusCode(303);
        given().redirects().follow(false).cookie("binhyen_session", "forged").get("/dashboard/register").then()
                .statusCode(303);
        given().get("/dashboard/stream").then().statusCode(401);
    }
}
