package vn.binhyen.moderation.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.binhyen.moderation.domain.screening.Message;

/** The in-memory fingerprint a repeated (groupId, messageId) is compared by: same content, same print. */
class FingerprintTests {
    static Message message(String group, String id, String text, Instant at) {
        return new Message(group, id, "member-1", "Nguyễn Văn An", text, List.of(), List.of(), false, at);
    }

    @Test
    void theSameMessage_postedAtAnotherTime_hasTheSameFingerprint_andTheSameStoredHash() {
        var first = message("group-1", "msg-1", "Thông báo họp tổ dân phố", Instant.parse("2026-11-26T01:00:00Z"));
        var retry = message("group-1", "msg-1", "Thông báo họp tổ dân phố", Instant.parse("2026-11-26T01:00:09Z"));
        assertThat(ScreeningService.fingerprint(retry)).isEqualTo(ScreeningService.fingerprint(first));
        assertThat(ScreeningService.hash(retry)).isEqualTo(ScreeningService.hash(first));
    }

    @Test
    void anotherText_anotherAttachment_orFieldsThatOnlyShiftTheirBoundary_printDifferently() {
        Instant at = Instant.parse("2026-11-26T01:00:00Z");
        var base = message("group-1", "msg-1", "Thông báo", at);
        assertThat(ScreeningService.fingerprint(message("group-1", "msg-1", "Thông báo!", at)))
                .isNotEqualTo(ScreeningService.fingerprint(base));
        assertThat(ScreeningService.fingerprint(message("group-1m", "sg-1", "Thông báo", at)))
                .isNotEqualTo(ScreeningService.fingerprint(base));
        var withFile = new Message("group-1", "msg-1", "member-1", "Nguyễn Văn An", "Thông báo",
                List.of(new Message.Attachment("ke-hoach.apk", "application/vnd.android.package-archive", 10, null)),
                List.of(), false, at);
        assertThat(ScreeningService.fingerprint(withFile)).isNotEqualTo(ScreeningService.fingerprint(base));
    }

    @Test
    void aLongText_isPrintedWhole_andAPrintLeavesNothingBehindForTheNext() {
        Instant at = Instant.parse("2026-11-26T01:00:00Z");
        String body = "Kính gửi các đồng chí, đề nghị rà soát danh sách hộ nghèo. ".repeat(170); // ~10,000 chars
        var first = message("group-1", "msg-1", body + "A", at);
        var lastCharOther = message("group-1", "msg-1", body + "B", at);
        byte[] print = ScreeningService.fingerprint(first);
        assertThat(ScreeningService.fingerprint(lastCharOther)).isNotEqualTo(print);
        assertThat(ScreeningService.fingerprint(first)).as("the same message again, after another").isEqualTo(print);
        var small = new Message("group-1", "msg-1", "member-1", "Nguyễn Văn An", "x",
                List.of(new Message.Attachment("a.pdf", "application/pdf", 1L << 32, null)), List.of(), false, at);
        var other = new Message("group-1", "msg-1", "member-1", "Nguyễn Văn An", "x",
                List.of(new Message.Attachment("a.pdf", "application/pdf", 0, null)), List.of(), false, at);
        assertThat(ScreeningService.fingerprint(small)).as("sizes that differ above 32 bits")
                .isNotEqualTo(ScreeningService.fingerprint(other));
    }
}
