package vn.binhyen.notification.support;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Real peers for the external channels, on loopback: a WireMock server standing in for the SMS
 * gateway, and a GreenMail SMTP server (Zalo is zalo-connector's: the tests answer as it does). Both live in the test JVM, so tests
 * reach them through {@link #http()} and {@link #mail()}.
 */
public class ChannelStubsResource implements QuarkusTestResourceLifecycleManager {
    private static WireMockServer http;
    private static GreenMail mail;

    public static WireMockServer http() {
        return http;
    }

    public static GreenMail mail() {
        return mail;
    }

    @Override
    public Map<String, String> start() {
        http = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        http.start();
        mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        mail.start();
        return Map.of(
                "binhyen.notification.sms.base-url", http.baseUrl() + "/sms",
                "quarkus.mailer.host", "127.0.0.1",
                "quarkus.mailer.port", String.valueOf(mail.getSmtp().getPort()));
    }

    @Override
    public void stop() {
        if (http != null) {
            http.stop();
        }
        if (mail != null) {
            mail.stop();
        }
    }
}
