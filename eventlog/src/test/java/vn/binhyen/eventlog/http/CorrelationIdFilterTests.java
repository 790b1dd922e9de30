package vn.binhyen.eventlog.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which caller's correlation ids are kept: the same rule as [A-Za-z0-9._:-]{1,128}, by a loop. */
class CorrelationIdFilterTests {

    @Test
    void saneIds_areKept() {
        assertThat(CorrelationIdFilter.sane("corr-1")).isTrue();
        assertThat(CorrelationIdFilter.sane("0195f3c2-7a1b-7c3d-9e4f-a1b2c3d4e5f6")).isTrue();
        assertThat(CorrelationIdFilter.sane("zalo:msg_42.retry")).isTrue();
        assertThat(CorrelationIdFilter.sane("x".repeat(128))).isTrue();
    }

    @Test
    void anythingElse_isReplaced() {
        assertThat(CorrelationIdFilter.sane(null)).isFalse();
        assertThat(CorrelationIdFilter.sane("")).isFalse();
        assertThat(CorrelationIdFilter.sane("x".repeat(129))).isFalse();
        assertThat(CorrelationIdFilter.sane("x".repeat(1_000_000))).isFalse();
        assertThat(CorrelationIdFilter.sane("a b")).isFalse();
        assertThat(CorrelationIdFilter.sane("a\nforged log line")).isFalse();
        assertThat(CorrelationIdFilter.sane("a/b")).isFalse();
        assertThat(CorrelationIdFilter.sane("mã-1")).isFalse();
    }
}
