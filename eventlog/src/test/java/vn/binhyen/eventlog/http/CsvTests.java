package vn.binhyen.eventlog.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** RFC 4180 fields, and no formula a spreadsheet would run (audit F10). */
class CsvTests {
    @Test
    void aValueThatAReaderWouldRunAsAFormula_isWrittenAsText() {
        assertThat(Csv.field("=HYPERLINK(\"http://evil.example\",\"Xem\")"))
                .isEqualTo("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"Xem\"\")\"");
        assertThat(Csv.field("+84912345678")).isEqualTo("'+84912345678");
        assertThat(Csv.field("-1+2")).isEqualTo("'-1+2");
        assertThat(Csv.field("@SUM(A1:A9)")).isEqualTo("'@SUM(A1:A9)");
        assertThat(Csv.field("\t=1")).isEqualTo("'\t=1");
        assertThat(Csv.field("\r=1")).isEqualTo("\"'\r=1\"");
    }

    @Test
    void ordinaryValues_areWrittenAsTheyAre_quotedWhereRfc4180AsksIt() {
        assertThat(Csv.field("Trộm cắp tài sản")).isEqualTo("Trộm cắp tài sản");
        assertThat(Csv.field("a, b")).isEqualTo("\"a, b\"");
        assertThat(Csv.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(Csv.field(null)).isEmpty();
        assertThat(Csv.field(42)).isEqualTo("42");
    }
}
