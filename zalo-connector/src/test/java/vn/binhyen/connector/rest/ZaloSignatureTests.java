package vn.binhyen.connector.rest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The webhook mac, against a value computed independently (Python's hashlib) for the same input. */
class ZaloSignatureTests {
    static final String BODY = "{\"timestamp\":\"1700000000000\"}";
    static final String EXPECTED = "d587d7dd136538424eeaaa90691427c1bed255a8988b94b383dfe723a6028eca";

    @Test
    void macIsSha256OfAppIdBodyTimestampAndSecret_inThatOrder() {
        assertThat(ZaloSignature.mac("app-1", BODY, "1700000000000", "secret-1")).isEqualTo(EXPECTED);
    }

    @Test
    void headerIsAcceptedWithOrWithoutItsPrefix_andRefusedWhenAnythingDiffers() {
        assertThat(ZaloSignature.valid("mac=" + EXPECTED, "app-1", BODY, "1700000000000", "secret-1")).isTrue();
        assertThat(ZaloSignature.valid(EXPECTED.toUpperCase(), "app-1", BODY, "1700000000000", "secret-1")).isTrue();
        assertThat(ZaloSignature.valid("mac=" + EXPECTED, "app-2", BODY, "1700000000000", "secret-1")).isFalse();
        assertThat(ZaloSignature.valid("mac=" + EXPECTED, "app-1", BODY, "1700000000001", "secret-1")).isFalse();
        assertThat(ZaloSignature.valid(null, "app-1", BODY, "1700000000000", "secret-1")).isFalse();
    }
}
