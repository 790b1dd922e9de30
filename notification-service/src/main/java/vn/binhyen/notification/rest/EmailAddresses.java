package vn.binhyen.notification.rest;

/**
 * Whether a contact's email address is one a mail server can take, checked in one pass over its
 * characters (no regular expression: {@code [^@\s]+@[^@\s]+\.[^@\s]+} took time quadratic in the
 * text, audit F7). An address is {@code local@domain}:
 * <ul>
 * <li>at most 254 characters in all (RFC 5321's 256-octet path, less its angle brackets);</li>
 * <li>exactly one {@code @};</li>
 * <li>a local part of 1 to 64 characters, RFC 5322 dot-atom: ASCII letters, digits and
 * {@code !#$%&'*+-/=?^_`{|}~}, with single dots between them (no quoted local parts, nothing that
 * could split the address into two recipients or a header);</li>
 * <li>a domain of at least two labels separated by dots, each label 1 to 63 ASCII letters, digits
 * or hyphens, not beginning or ending with a hyphen (an international domain in its
 * {@code xn--} form).</li>
 * </ul>
 * Whitespace and control characters are nowhere allowed.
 */
public final class EmailAddresses {
    /** RFC 5321 4.5.3.1.3: a path is at most 256 octets, its angle brackets included. */
    public static final int MAX_LENGTH = 254;
    /** RFC 5321 4.5.3.1.1. */
    public static final int MAX_LOCAL_PART = 64;
    /** RFC 1035 2.3.4. */
    public static final int MAX_LABEL = 63;

    private static final String ATEXT_SYMBOLS = "!#$%&'*+-/=?^_`{|}~";

    private EmailAddresses() {
    }

    public static boolean valid(String address) {
        if (address == null || address.isEmpty() || address.length() > MAX_LENGTH) {
            return false; // the length first: nothing longer is even looked at
        }
        int n = address.length();
        int at = -1;
        int labelStart = 0; // first character of the current domain label
        int dots = 0;       // dots in the domain
        for (int i = 0; i < n; i++) {
            char c = address.charAt(i);
            if (at < 0) { // the local part
                if (c == '@') {
                    if (i == 0 || address.charAt(i - 1) == '.') {
                        return false; // empty, or ending in a dot
                    }
                    at = i;
                    labelStart = i + 1;
                } else if (i >= MAX_LOCAL_PART) {
                    return false;
                } else if (c == '.') {
                    if (i == 0 || address.charAt(i - 1) == '.') {
                        return false; // a leading dot or two in a row
                    }
                } else if (!atext(c)) {
                    return false;
                }
            } else if (c == '.') { // the domain
                if (!label(address, labelStart, i)) {
                    return false;
                }
                dots++;
                labelStart = i + 1;
            } else if (!letterOrDigit(c) && c != '-') {
                return false; // a second @ included
            } else if (i - labelStart >= MAX_LABEL) {
                return false;
            }
        }
        return at > 0 && dots > 0 && label(address, labelStart, n);
    }

    /** The label {@code [start, end)}: not empty, not too long, no hyphen at either end. */
    private static boolean label(String address, int start, int end) {
        return end > start && end - start <= MAX_LABEL && address.charAt(start) != '-'
                && address.charAt(end - 1) != '-';
    }

    private static boolean letterOrDigit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    private static boolean atext(char c) {
        return letterOrDigit(c) || ATEXT_SYMBOLS.indexOf(c) >= 0;
    }
}
