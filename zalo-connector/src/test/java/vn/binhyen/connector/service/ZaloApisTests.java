package vn.binhyen.connector.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the connector keeps of a failed exchange with Zalo never holds a Bot API token. */
class ZaloApisTests {
    @Test
    void aTimeoutsMessage_keepsTheCallAndTheServer_butNotTheBotsToken() {
        // the message Vert.x gives a request timeout, as the REST client passes it on
        String vertx = "The timeout period of 5000ms has been exceeded while executing POST /bot1234567890:AAF-x_yZ/sendMessage "
                + "for server 127.0.0.1:8090";
        String kept = ZaloApis.redacted(vertx);
        assertThat(kept).doesNotContain("1234567890").doesNotContain("AAF-x_yZ")
                .contains("POST /bot***/sendMessage").contains("for server 127.0.0.1:8090");
        assertThat(ZaloApis.redacted("/bot9:t/a and /bot8:u/b")).isEqualTo("/bot***/a and /bot***/b");
        assertThat(ZaloApis.redacted("Connection refused: 127.0.0.1:8090")).isEqualTo("Connection refused: 127.0.0.1:8090");
        assertThat(ZaloApis.redacted("ends with /botTOKEN")).isEqualTo("ends with /bot***");
    }
}
