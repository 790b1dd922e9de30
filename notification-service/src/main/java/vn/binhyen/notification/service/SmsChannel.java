package vn.binhyen.notification.service;

import vn.binhyen.notification.config.NotificationConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.time.Duration;
import java.util.Map;
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

    SmsChannel(NotificationConfig config) {
        String baseUrl = config.sms().baseUrl();
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.apiKey = config.sms().apiKey();
        this.timeout = config.httpTimeout();
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
