package vn.binhyen.report.dashboard;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.net.URI;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import vn.binhyen.contracts.Roles;
import vn.binhyen.testsupport.DashboardSignIn;
import vn.binhyen.testsupport.KafkaBrokerResource;
import vn.binhyen.testsupport.KeycloakResource;
import vn.binhyen.testsupport.KeycloakTokens;
import vn.binhyen.testsupport.PostgresDatabaseResource;
import vn.binhyen.testsupport.SseListener;
import vn.binhyen.testsupport.Tokens;

/**
 * The dashboard's live stream and its limits (audit F12), through the real service: a session's
 * fourth stream is refused while its three stay open, and a stream ends with its session, at
 * once on sign-out, at the next check when it expires.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PostgresDatabaseResource.class)
@QuarkusTestResource(KeycloakResource.class)
class DashboardStreamTests {
    /** {@code binhyen.dashboard.sse.max-per-session}'s default. */
    static final int MAX_PER_SESSION = 3;
    /** The session cookie, as the dashboard sets it. */
    static final String COOKIE = "binhyen_session";

    @Inject
    AgroalDataSource dataSource;

    /** A new duty officer, signed in through Keycloak's pages (issue 22): the session cookie's value. */
    static String signedIn() throws Exception {
        String username = "truc-ban-sse-" + UUID.randomUUID().toString().substring(0, 8);
        KeycloakResource.tokens().user(username, Roles.DUTY_OFFICER, Tokens.DEFAULT_UNIT, true);
        return DashboardSignIn.session(KeycloakResource.dashboard(), username, KeycloakTokens.password(username),
                KeycloakTokens.nextUnusedCode(username));
    }

    /** The CSRF token the session's pages put in their forms. */
    static String csrfOf(String cookie) {
        return DashboardSignIn.csrf(given().cookie(COOKIE, cookie).get("/dashboard").then().statusCode(200).extract()
                .asString());
    }

    static SseListener open(String cookie) throws Exception {
        return SseListener.open(URI.create("http://127.0.0.1:" + RestAssured.port + "/dashboard/stream"),
                Map.of("Cookie", COOKIE + "=" + cookie));
    }

    /** A tip from a bot: the event log's head moves, and every open dashboard is told. */
    static void submitTip() {
        vn.binhyen.report.support.World.ensure();
        given().auth().oauth2(Tokens.forRole(Roles.BOT, "bot-police")).contentType("application/json")
                .body(Map.of("type", "CRIME_TIP", "channel", "zalo", "groupId", "group-police",
                        "reporter", Map.of("name", "Nguyễn Văn Bình", "address", "12 Lê Lợi", "phone", "0912345678"),
                        "details", Map.of("incidentAt", Instant.now().minus(Duration.ofHours(1)).toString(),
                                "place", "Chợ Sông Trí", "summary", "luồng trực tuyến", "howKnown", "tôi chứng kiến")))
                .post("/api/v1/reports").then().statusCode(201);
    }

    @Test
    void aSessionsFourthStream_is429WithRetryAfter_whileItsThreeStayOpen_andClosingOneMakesRoom() throws Exception {
        String cookie = signedIn();
        List<SseListener> open = new ArrayList<>();
        try {
            for (int i = 0; i < MAX_PER_SESSION; i++) {
                SseListener l = open(cookie);
                open.add(l);
                assertThat(l.status()).isEqualTo(200);
            }

            SseListener refused = open(cookie);
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.header("Retry-After")).contains("10");
            assertThat(refused.body()).contains("\"citation\":\"limit:dashboard-stream-per-session\"");

            SseListener otherSession = open(signedIn());
            open.add(otherSession);
            assertThat(otherSession.status()).as("another session's streams are counted apart").isEqualTo(200);

            List<SseListener> mine = List.copyOf(open.subList(0, MAX_PER_SESSION));
            int[] before = mine.stream().mapToInt(SseListener::received).toArray();
            submitTip();
            await().atMost(Duration.ofSeconds(30)).until(() -> IntStream.range(0, MAX_PER_SESSION)
                    .allMatch(i -> mine.get(i).isOpen() && mine.get(i).received() > before[i]));

            mine.getFirst().close();
            await().atMost(Duration.ofSeconds(15)).until(() -> {
                SseListener next = open(cookie);
                if (next.status() == 200) {
                    open.add(next);
                    return true;
                }
                assertThat(next.status()).isEqualTo(429);
                next.close();
                return false;
            });
        } finally {
            open.forEach(SseListener::close);
        }
    }

    @Test
    void signingOut_endsTheSessionsOpenStream_andANewOneIsRefused() throws Exception {
        String cookie = signedIn();
        try (SseListener l = open(cookie)) {
            assertThat(l.status()).isEqualTo(200);
            given().redirects().follow(false).cookie(COOKIE, cookie).formParam("_csrf", csrfOf(cookie))
                    .post("/dashboard/logout").then().statusCode(303);
            await().atMost(Duration.ofSeconds(10)).until(l::ended);
        }
        try (SseListener again = open(cookie)) {
            assertThat(again.status()).isEqualTo(401);
        }
    }

    @Test
    void aStream_endsAtTheNextCheck_whenItsSessionExpires() throws Exception {
        String cookie = signedIn();
        Duration every = ConfigProvider.getConfig()
                .getOptionalValue("binhyen.dashboard.sse.session-check-every", Duration.class)
                .orElse(Duration.ofSeconds(30));
        try (SseListener l = open(cookie)) {
            assertThat(l.status()).isEqualTo(200);
            try (var c = dataSource.getConnection(); var ps = c.prepareStatement(
                    "update dashboard_session set expires_at = ? where id_hash = ?")) {
                ps.setTimestamp(1, Timestamp.from(Instant.EPOCH));
                ps.setString(2, Sessions.sha256(cookie));
                assertThat(ps.executeUpdate()).isEqualTo(1);
            }
            await().atMost(every.plusSeconds(20)).until(l::ended);
        }
    }

}
