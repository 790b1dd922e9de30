package vn.binhyen.notification.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import vn.binhyen.eventlog.Json;
import vn.binhyen.notification.domain.Delivery;

/**
 * JSON over HTTP for the Zalo OA API and the SMS gateway, with bounded waits and one
 * classification of failures: no answer, a timeout, 408, 429 and 5xx are worth another try;
 * any other refusal is permanent.
 */
final class HttpSender {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1).build();

    /** The answer: its status and body, or the failure that ended the exchange. */
    record Answer(int status, JsonNode body, Delivery.Outcome.Failed failure) {
    }

    private HttpSender() {
    }

    static Answer post(String url, Map<String, String> headers, Object body, Duration timeout) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(Json.MAPPER.writeValueAsBytes(body)));
            headers.forEach(request::header);
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            JsonNode json = parse(response.body());
            if (status / 100 == 2) {
                return new Answer(status, json, null);
            }
            boolean retryable = status == 408 || status == 429 || status >= 500;
            return new Answer(status, json, new Delivery.Outcome.Failed(retryable, "HTTP " + status + " "
                    + abbreviate(response.body())));
        } catch (IOException e) {
            return new Answer(0, null, new Delivery.Outcome.Failed(true, e.getClass().getSimpleName() + ": "
                    + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, null, new Delivery.Outcome.Failed(true, "interrupted"));
        } catch (IllegalArgumentException e) {
            return new Answer(0, null, new Delivery.Outcome.Failed(false, "bad address " + url + ": " + e.getMessage()));
        }
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? Json.MAPPER.nullNode() : Json.MAPPER.readTree(body);
        } catch (IOException e) {
            return Json.MAPPER.nullNode();
        }
    }

    static String abbreviate(String s) {
        return s == null ? "" : s.length() <= 200 ? s : s.substring(0, 200) + "…";
    }
}
