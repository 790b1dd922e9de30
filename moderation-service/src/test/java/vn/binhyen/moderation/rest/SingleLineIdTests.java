package vn.binhyen.moderation.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The id rule (ids are joined with a line break into review and ledger stream ids): the loop
 * accepts exactly what the pattern {@code [^\p{Cc}\p{Zl}\p{Zp}]+} accepts.
 */
class SingleLineIdTests {
    static final Pattern RULE = Pattern.compile("[^\\p{Cc}\\p{Zl}\\p{Zp}]+");

    @Test
    void everyCharacter_isJudgedAsThePatternJudgesIt() {
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            if (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) {
                continue; // not a character on its own
            }
            String id = "g" + Character.toString(cp) + "1";
            assertThat(SingleLineId.Check.valid(id)).as("U+%04X", cp).isEqualTo(RULE.matcher(id).matches());
        }
    }

    @Test
    void lineBreaks_andAnEmptyId_areRefused_vietnameseAndPunctuationAreNot() {
        assertThat(SingleLineId.Check.valid("g\nx")).isFalse();
        assertThat(SingleLineId.Check.valid("g\r")).isFalse();
        assertThat(SingleLineId.Check.valid("a\u2028b")).isFalse();
        assertThat(SingleLineId.Check.valid("\u0085")).isFalse();
        assertThat(SingleLineId.Check.valid("")).isFalse();
        assertThat(SingleLineId.Check.valid("nhóm-Phường Bình Phước #1 (Zalo)")).isTrue();
        assertThat(new SingleLineId.Check().isValid(null, null)).as("null is @NotBlank's to judge").isTrue();
    }
}
