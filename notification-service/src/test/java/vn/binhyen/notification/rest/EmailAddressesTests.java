package vn.binhyen.notification.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The contact email check: what it takes, what it refuses, and that it is linear (audit F7). */
class EmailAddressesTests {

    @Test
    void ordinaryAddresses_areTaken() {
        for (String address : List.of("m-1@phuong.gov.vn", "nguyen.van.a@gmail.com", "a@b.co",
                "first.last+tag@sub-domain.example.org", "o'brien@example.ie", "x_y-z@xn--bnh-yn-8va.vn",
                "user!#$%&*/=?^`{|}~@example.com", "0912345678@123.vn")) {
            assertThat(EmailAddresses.valid(address)).as(address).isTrue();
        }
    }

    @Test
    void malformedAddresses_areRefused() {
        for (String address : List.of("", "plain", "@example.com", "a@", "a@example", "a@@example.com",
                "a@b@example.com", "a @example.com", "a@exa mple.com", "a\t@example.com", "a@example.com\n",
                "a\u0000@example.com", "a@exam\u0007ple.com", ".a@example.com", "a.@example.com", "a..b@example.com",
                "a@.example.com", "a@example..com", "a@example.com.", "a@-example.com", "a@example-.com",
                "a@exa_mple.com", "\"quoted\"@example.com", "a,b@example.com", "a<b>@example.com",
                "nguyễn@example.com", "a@bình-yên.vn", "a@example.com,b@example.com", "a\u00a0@example.com")) {
            assertThat(EmailAddresses.valid(address)).as(address).isFalse();
        }
        assertThat(EmailAddresses.valid(null)).isFalse();
    }

    @Test
    void lengths_254InAll_64ForTheLocalPart_63ForALabel() {
        String label63 = "d".repeat(63);
        String domain = label63 + "." + label63 + "." + label63 + "." + "e".repeat(58); // 250 characters
        assertThat(("abc@" + domain).length()).isEqualTo(254);
        assertThat(EmailAddresses.valid("abc@" + domain)).isTrue();
        assertThat(("abcd@" + domain).length()).isEqualTo(255);
        assertThat(EmailAddresses.valid("abcd@" + domain)).isFalse();

        assertThat(EmailAddresses.valid("l".repeat(64) + "@example.com")).isTrue();
        assertThat(EmailAddresses.valid("l".repeat(65) + "@example.com")).isFalse();
        assertThat(EmailAddresses.valid("a@" + label63 + ".vn")).isTrue();
        assertThat(EmailAddresses.valid("a@" + "d".repeat(64) + ".vn")).isFalse();
    }

    @Test
    void theAuditsHostileInput_isRefusedAtOnce() {
        String hostile = "a@" + ".".repeat(1_000_000) + "@";
        long started = System.nanoTime();

        assertThat(EmailAddresses.valid(hostile)).isFalse();
        assertThat(EmailAddresses.valid("a@" + ".".repeat(250))).isFalse();
        assertThat(EmailAddresses.valid("a@" + "b.".repeat(125) + "@")).isFalse();

        // the regular expression took about 20 minutes on the first; a single pass takes microseconds
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
    }
}
