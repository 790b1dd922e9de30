package vn.binhyen.report.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A refusal in a link is shown only to the session it was signed for (issue 24: no crafted red text). */
class RefusalLinksTests {
    static final String SESSION = "csrf-of-this-session";
    static final String TEXT = "Không thực hiện được: nhóm vừa thay đổi; xem lại rồi làm lại";

    static String param(String query, String name) {
        for (String pair : query.split("&")) {
            if (pair.startsWith(name + "=")) {
                return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    @Test
    void aRefusalSignedForTheSession_isShownToIt() {
        String query = RefusalLinks.query(TEXT, SESSION);
        assertThat(RefusalLinks.verified(param(query, "loi"), param(query, "ky"), SESSION)).isEqualTo(TEXT);
    }

    @Test
    void aCraftedLink_anotherSessionsLink_orAnAlteredText_showsNothing() {
        String query = RefusalLinks.query(TEXT, SESSION);
        String crafted = "Hệ thống bị lỗi, vui lòng gọi 0900000000 để được hỗ trợ";
        assertThat(RefusalLinks.verified(crafted, null, SESSION)).isNull();
        assertThat(RefusalLinks.verified(crafted, param(query, "ky"), SESSION)).isNull();
        assertThat(RefusalLinks.verified(param(query, "loi"), param(query, "ky"), "csrf-of-another-session")).isNull();
        assertThat(RefusalLinks.verified(param(query, "loi"), "forged", SESSION)).isNull();
    }

    @Test
    void aLongRefusal_isCutToTheLimit_andStillVerifies() {
        String query = RefusalLinks.query("x".repeat(2_000), SESSION);
        String text = param(query, "loi");
        assertThat(text).hasSize(RefusalLinks.LIMIT + 1).endsWith("…");
        assertThat(RefusalLinks.verified(text, param(query, "ky"), SESSION)).isEqualTo(text);
    }
}
