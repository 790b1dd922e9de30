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
        assertThat(Prints.of(retry)).isEqualTo(Prints.of(first));
        assertThat(ScreeningService.hash(retry)).isEqualTo(ScreeningService.hash(first));
    }

    @Test
    void anotherText_anotherAttachment_orFieldsThatOnlyShiftTheirBoundary_printDifferently() {
        Instant at = Instant.parse("2026-11-26T01:00:00Z");
        var base = message("group-1", "msg-1", "Thông báo", at);
        assertThat(Prints.of(message("group-1", "msg-1", "Thông báo!", at)))
                .isNotEqualTo(Prints.of(base));
        assertThat(Prints.of(message("group-1m", "sg-1", "Thông báo", at)))
                .isNotEqualTo(Prints.of(base));
        var withFile = new Message("group-1", "msg-1", "member-1", "Nguyễn Văn An", "Thông báo",
                List.of(new Message.Attachment("ke-hoach.apk", "application/vnd.android.package-archive", 10, null)),
                List.of(), false, at);
        assertThat(Prints.of(withFile)).isNotEqualTo(Prints.of(base));
    }

    @Test
    void theIdsPrint_keepsTheBoundaryBetweenItsTwoStrings() {
        assertThat(Prints.of("group-1", "msg-1")).isEqualTo(Prints.of("group-1", "msg-1"));
        assertThat(Prints.of("group-1m", "sg-1")).isNotEqualTo(Prints.of("group-1", "msg-1"));
        assertThat(Prints.of("g", null)).isNotEqualTo(Prints.of("g", ""));
        assertThat(Prints.of("msg-1")).isNotEqualTo(Prints.of("msg-1", null));
    }

    @Test
    void aLongText_isPrintedWhole_andAPrintLeavesNothingBehindForTheNext() {
        Instant at = Instant.parse("2026-11-26T01:00:00Z");
        String body = "Kính gửi các đồng chí, đề nghị rà soát danh sách hộ nghèo. ".repeat(170); // ~10,000 chars
        var first = message("group-1", "msg-1", body + "A", at);
        var lastCharOther = message("group-1", "msg-1", body + "B", at);
        Prints.Print print = Prints.of(first);
        assertThat(Prints.of(lastCharOther)).isNotEqualTo(print);
        assertThat(Prints.of(first)).as("the same message again, after another").isEqualTo(print);
        var small = new Message("group-1", "msg-1", "member-1", "Nguyễn Văn An", "x",
                List.of(new Message.Attachment("a.pdf", "application/pdf", 1L << 32, null)), List.of(), false, at);
        var other = new Message("group-1", "msg-1", "member-1", "Nguyễn Văn An", "x",
                List.of(new Message.Attachment("a.pdf", "application/pdf", 0, null)), List.of(), false, at);
        assertThat(Prints.of(small)).as("sizes that differ above 32 bits")
                .isNotEqualTo(Prints.of(other));
    }
}
