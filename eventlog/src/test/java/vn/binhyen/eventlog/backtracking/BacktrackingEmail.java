package vn.binhyen.eventlog.backtracking;

import java.util.regex.Pattern;

/** A must-fail case of LinearTimeText: audit F7's e-mail check, quadratic in java.util.regex. */
public final class BacktrackingEmail {
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private BacktrackingEmail() {
    }

    public static boolean valid(String email) {
        return EMAIL.matcher(email).matches();
    }
}
