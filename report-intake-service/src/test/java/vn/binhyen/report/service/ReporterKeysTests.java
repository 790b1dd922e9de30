package vn.binhyen.report.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A masked name keeps the first letter of each word, whatever whitespace separates the words. */
class ReporterKeysTests {

    @Test
    void maskName_keepsEachWordsFirstLetter() {
        assertThat(ReporterKeys.maskName("Nguyễn Văn An")).isEqualTo("N*** V*** A***");
        assertThat(ReporterKeys.maskName("  Lê \t Thị\n\nHồng  ")).isEqualTo("L*** T*** H***");
        assertThat(ReporterKeys.maskName("An")).isEqualTo("A***");
        assertThat(ReporterKeys.maskName("")).isEqualTo("");
        assertThat(ReporterKeys.maskName("   ")).isEqualTo("");
        assertThat(ReporterKeys.maskName(null)).isNull();
    }

    @Test
    void maskName_aLongRunOfSpaces_isOnePass() {
        String name = "A" + " ".repeat(1_000_000) + "B";

        assertThat(ReporterKeys.maskName(name)).isEqualTo("A*** B***");
    }
}
