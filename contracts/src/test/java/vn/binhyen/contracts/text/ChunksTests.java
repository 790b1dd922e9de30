package vn.binhyen.contracts.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Zalo takes at most 2,000 characters a message: longer texts go as several, in order, nothing lost. */
class ChunksTests {
    @Test
    void aShortTextIsOnePart() {
        assertThat(Chunks.of("  Xin chào  ", 2000)).containsExactly("Xin chào");
    }

    @Test
    void aLongTextIsCutAtLineBreaksOrSpaces_eachPartWithinTheLimit_andTheWordsKept() {
        String text = ("Thông báo của Ban quản trị nhóm. ").repeat(200) + "\n" + "Dòng cuối.";
        List<String> parts = Chunks.of(text, 2000);
        assertThat(parts).hasSizeGreaterThan(3).allSatisfy(p -> assertThat(p.length()).isBetween(1, 2000));
        assertThat(String.join(" ", parts).replaceAll("\\s+", " ")).isEqualTo(text.strip().replaceAll("\\s+", " "));
    }

    @Test
    void aWordLongerThanTheLimit_isCutWhereItMust_neverInsideASurrogatePair() {
        String emoji = "😀".repeat(1500); // 3,000 chars, every one half of a pair
        List<String> parts = Chunks.of(emoji, 2000);
        assertThat(String.join("", parts)).isEqualTo(emoji);
        assertThat(parts).allSatisfy(p -> {
            assertThat(p.length()).isLessThanOrEqualTo(2000);
            assertThat(Character.isLowSurrogate(p.charAt(0))).isFalse();
        });
    }
}
