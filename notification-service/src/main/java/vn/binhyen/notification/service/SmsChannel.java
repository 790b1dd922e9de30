package vn.binhyen.notification.service;

import vn.binhyen.notification.config.NotificationConfig;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import jakarta.ws.rs.ProcessingException;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import vn.binhyen.notification.domain.Delivery;

/**
 * SMS through a configurable HTTP gateway ({@link SmsGateway}); 2xx is accepted by the gateway. No
 * answer, a timeout, 408, 429 and 5xx are worth another try; any other refusal is permanent.
 */
@ApplicationScoped
@Named(Delivery.SMS)
public class SmsChannel implements Channel {
    private final SmsGateway gateway;
    private final String authorization;

    SmsChannel(NotificationConfig config) {
        String baseUrl = config.sms().baseUrl();
        long timeout = config.httpTimeout().toMillis();
        URI base;
        try {
            base = URI.create(baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl);
        } catch (IllegalArgumentException e) {
            // refused at start, as any configuration the service cannot use: not found out one SMS at a time
            throw new IllegalStateException("binhyen.notification.sms.base-url is not a URL: " + e.getMessage(), e);
        }
        this.gateway = QuarkusRestClientBuilder.newBuilder()
                .baseUri(base)
                .connectTimeout(Math.min(timeout, 2_000), TimeUnit.MILLISECONDS)
                .readTimeout(timeout, TimeUnit.MILLISECONDS)
                .property("microprofile.rest.client.disable.default.mapper", true)
                .build(SmsGateway.class);
        this.authorization = "Bearer " + config.sms().apiKey();
    }

    @Override
    public String name() {
        return Delivery.SMS;
    }

    @Override
    public Delivery.Outcome send(String address, String subject, String text) {
        try (var response = gateway.send(authorization, new SmsGateway.Message(address, text))) {
            int status = response.getStatus();
            if (status / 100 == 2) {
                return new Delivery.Outcome.Sent();
            }
            String body = response.hasEntity() ? response.readEntity(String.class) : "";
            boolean retryable = status == 408 || status == 429 || status >= 500;
            return new Delivery.Outcome.Failed(retryable, "HTTP " + status + " " + Channel.abbreviate(body));
        } catch (ProcessingException e) {
            // no connection, a timeout, an answer cut off: the gateway may be back on the next try
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return new Delivery.Outcome.Failed(true, cause.getClass().getSimpleName() + ": " + cause.getMessage());
        }
    }
}
