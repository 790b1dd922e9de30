package vn.binhyen.notification.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import vn.binhyen.notification.domain.Delivery;

/**
 * Zalo Official Account messages: to a person ({@code POST /v3.0/oa/message/cs}) or to a group
 * ({@code POST /v3.0/oa/group/message}), authorised by the {@code access_token} header. Zalo
 * answers 200 with {@code error != 0} when it refuses; the codes in
 * {@code binhyen.notification.zalo.retryable-errors} (rate limits, an expired token) are tried
 * again, the others (not a follower, a bad id) are permanent.
 */
@ApplicationScoped
public class ZaloChannels {
    private final String baseUrl;
    private final String accessToken;
    private final Set<Integer> retryable;
    private final Duration timeout;

    ZaloChannels(@ConfigProperty(name = "binhyen.notification.zalo.base-url") String baseUrl,
            @ConfigProperty(name = "binhyen.notification.zalo.access-token") String accessToken,
            @ConfigProperty(name = "binhyen.notification.zalo.retryable-errors") List<Integer> retryable,
            @ConfigProperty(name = "binhyen.notification.http-timeout", defaultValue = "PT5S") Duration timeout) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.accessToken = accessToken;
        this.retryable = Set.copyOf(retryable);
        this.timeout = timeout;
    }

    @Produces
    @Named(Delivery.ZALO)
    Channel person() {
        return channel(Delivery.ZALO, "/v3.0/oa/message/cs", "user_id");
    }

    @Produces
    @Named(Delivery.ZALO_GROUP)
    Channel group() {
        return channel(Delivery.ZALO_GROUP, "/v3.0/oa/group/message", "group_id");
    }

    private Channel channel(String name, String path, String idField) {
        return new Channel() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Delivery.Outcome send(String address, String subject, String text) {
                var answer = HttpSender.post(baseUrl + path, Map.of("access_token", accessToken),
                        Map.of("recipient", Map.of(idField, address), "message", Map.of("text", text)), timeout);
                if (answer.failure() != null) {
                    return answer.failure();
                }
                JsonNode error = answer.body().path("error");
                if (error.isMissingNode() || error.asInt() == 0) {
                    return new Delivery.Outcome.Sent();
                }
                return new Delivery.Outcome.Failed(retryable.contains(error.asInt()),
                        "Zalo error " + error.asInt() + ": " + answer.body().path("message").asText());
            }
        };
    }
}
