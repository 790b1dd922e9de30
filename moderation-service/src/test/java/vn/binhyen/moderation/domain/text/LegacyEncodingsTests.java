package vn.binhyen.moderation.domain.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * TCVN 6909:2001 (ward-binh-phuoc:3.4; police-song-tri:3.1; province-lai-chau:3.1): text in
 * TCVN3, VNI or VIQR, produced by a published converter, is recognised and converted back to
 * the Unicode original; Unicode Vietnamese is left alone.
 */
class LegacyEncodingsTests {
    static List<org.junit.jupiter.params.provider.Arguments> samples() throws IOException {
        try (InputStream in = LegacyEncodingsTests.class.getResourceAsStream("/screening/legacy-samples.tsv")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).map(l -> l.split("\t", -1))
                    .map(f -> org.junit.jupiter.params.provider.Arguments.of(f[0], f[1], f[2])).toList();
        }
    }

    @ParameterizedTest
    @MethodSource("samples")
    void legacyText_isDetected_andConvertedBackToTheUnicodeOriginal(String charset, String unicode, String encoded) {
        var detection = LegacyEncodings.standard().detect(encoded);
        assertThat(detection).as(encoded).isPresent();
        assertThat(detection.get().encoding().name()).as(encoded).isEqualTo(charset);
        assertThat(detection.get().unicode()).isEqualTo(unicode);
    }

    @ParameterizedTest
    @MethodSource("samples")
    void legacyText_isFlaggedByTheScan_soDetectionReadsIt(String charset, String unicode, String encoded) {
        assertThat(TextStreams.of(encoded).legacySigns()).as(encoded).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Đề nghị các đồng chí báo cáo kết quả trước 17 giờ chiều nay.",
            "Ông Phạm Văn Đồng, Thủ tướng; bà Nguyễn Thị Bình.", "Hẹn gặp lúc 8h. Cảm ơn!",
            "ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ àáâãèéêìíòóôõùúý Ăă Đđ Ơơ Ưư"})
    void unicodeTextWithoutSigns_isNotReadAgain_andDetectionWouldFindNothing(String text) {
        assertThat(TextStreams.of(text).legacySigns()).isFalse();
        assertThat(LegacyEncodings.standard().detect(text)).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void aTableUsingAVietnameseLetterAsASign_isRefused_forTheScanWouldNotLookForIt() {
        // "ầ" written as "à" in the legacy column, and no row for "à" itself: à becomes a sign
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LegacyEncodings.load("screening/sign-outside-scan.tsv"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("U+00E0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Đề nghị các đồng chí báo cáo kết quả trước 17 giờ chiều nay.",
            "Ông Phạm Văn Đồng, Thủ tướng; bà Nguyễn Thị Bình.", "Please read the attached report, it's urgent.",
            "Hẹn gặp lúc 8h. Cảm ơn!", "OK anh ơi, em đã nhận.", "Giá: 120.000đ/kg (đã gồm VAT).",
            "Sao vậy? Tại sao lại thế? Ai bảo? (chưa rõ)" /* VIQR-like signs after vowels: told apart, not VIQR */})
    void unicodeText_isNotLegacy(String text) {
        assertThat(LegacyEncodings.standard().detect(text)).isEmpty();
    }
}
