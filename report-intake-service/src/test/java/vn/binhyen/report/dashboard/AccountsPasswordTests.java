package vn.binhyen.report.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A stored password is pbkdf2-sha256$iterations$salt$hash; anything else never verifies. */
class AccountsPasswordTests {

    @Test
    void theRightPassword_verifies_andNoOther() {
        String stored = Accounts.hash("truc-ban-demo-2026".toCharArray());

        assertThat(stored).startsWith("pbkdf2-sha256$" + Accounts.ITERATIONS + "$");
        assertThat(Accounts.verify("truc-ban-demo-2026".toCharArray(), stored)).isTrue();
        assertThat(Accounts.verify("truc-ban-demo-2027".toCharArray(), stored)).isFalse();
    }

    @Test
    void malformedStoredValues_neverVerify() {
        char[] password = "x".toCharArray();
        String stored = Accounts.hash(password);

        assertThat(Accounts.verify(password, "")).isFalse();
        assertThat(Accounts.verify(password, "plain")).isFalse();
        assertThat(Accounts.verify(password, stored.replace("pbkdf2-sha256", "md5"))).isFalse();
        assertThat(Accounts.verify(password, stored + "$")).isFalse();
        assertThat(Accounts.verify(password, stored + "$extra")).isFalse();
        assertThat(Accounts.verify(password, stored.substring(0, stored.lastIndexOf('$')))).isFalse();
    }
}
