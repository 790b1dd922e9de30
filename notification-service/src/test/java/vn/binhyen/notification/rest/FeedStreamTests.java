package vn.binhyen.notification.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.binhyen.notification.support.Events.event;
import static vn.binhyen.notification.support.Events.received;
import static vn.binhyen.notification.support.Events.publish;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import vn.binhyen.contracts.Roles;
import vn.binhyen.contracts.Topics;
import vn.binhyen.notification.support.ChannelStubsResource;
import vn.binhyen.testsupport.KafkaBrokerResource;
import vn.binhyen.testsupport.PostgresDatabaseResource;
import vn.binhyen.testsupport.Tokens;

/** The live feed: a duty officer's open stream receives a deadline warning as it is routed. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PostgresDatabaseResource.class)
@QuarkusTestResource(ChannelStubsResource.class)
class FeedStreamTests {

    @Test
    void aDeadlineWarning_arrivesOnTheDutyOfficersOpenStream_police_song_tri_15_3() throws Exception {
        String report = "report-" + UUID.randomUUID();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + RestAssured.port
                + "/api/v1/notifications/stream")).header("Authorization", "Bearer "
                + Tokens.forRole(Roles.DUTY_OFFICER, "duty-sse")).header("Accept", "text/event-stream").build();
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(request,
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try (var reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                for (String l = reader.readLine(); l != null; l = reader.readLine()) {
                    if (l.startsWith("data:") && l.contains(report)) {
                        return l;
                    }
                }
                return null;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        publish(Topics.REPORT_EVENTS, received(report), event(report, 2, "DeadlineWarning", Map.of("reportId", report, "hoursLeft", 4,
                "deadline", "2026-11-23T08:00:00Z")));

        String data = line.get(30, TimeUnit.SECONDS);
        assertThat(data).contains("còn 4 giờ").contains("\"recipient\":\"role:DUTY_OFFICER@ca-phuong-song-tri\"")
                .contains("\"urgency\":\"CRITICAL\""); // the clock's warnings are not held for quiet hours
        response.body().close();
    }
}
