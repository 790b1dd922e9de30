package vn.binhyen.notification.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.time.Duration;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import vn.binhyen.notification.domain.Delivery;

/**
 * SMS through a configurable HTTP gateway: {@code POST <base-url>/messages} with
 * {@code {to, text}} and a bearer key; 2xx is accepted by the gateway.
 */
@ApplicationScoped
@Named(Delivery.SMS)
public class SmsChannel implements Channel {
    private final String baseUrl;
    private final String apiKey;
    private final Duration timeout;

    SmsChannel(@ConfigProperty(name = "binhyen.notification.sms.base-url") String baseUrl,
            @ConfigProperty(name = "binhyen.notification.sms.api-key") String apiKey,
            @ConfigProperty(name = "binhyen.notification.http-timeout", defaultValue = "PT5S") Duration timeout) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.apiKey = apiKey;
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return Delivery.SMS;
    }

    @Override
    public Delivery.Outcome send(String address, String subject, String text) {
        var answer = HttpSender.post(baseUrl + "/messages", Map.of("Authorization", "Bearer " + apiKey),
                Map.of("to", address, "text", text), timeout);
        return answer.failure() != null ? answer.failure() : new Delivery.Outcome.Sent();
    }
}
