package vn.binhyen.report.dashboard;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A refusal shown after a redirect travels in the link ({@code loi}), signed for the session it
 * was made for ({@code ky}, an HMAC-SHA256 under the session's CSRF token, which never leaves the
 * session's pages): the page shows the text only when the signature is the session's, so a link
 * someone else crafted ("the system is down, call 09…") shows nothing.
 */
public final class RefusalLinks {
    /** The most characters of a refusal a link carries. */
    static final int LIMIT = 400;

    private RefusalLinks() {
    }

    /** The query {@code loi=…&ky=…} for {@code text}, signed for the session of {@code csrf}. */
    public static String query(String text, String csrf) {
        String bounded = text.length() > LIMIT ? text.substring(0, LIMIT) + "…" : text;
        return "loi=" + URLEncoder.encode(bounded, StandardCharsets.UTF_8) + "&ky=" + sign(bounded, csrf);
    }

    /** {@code text} when {@code signature} is its signature for the session of {@code csrf}; else null. */
    public static String verified(String text, String signature, String csrf) {
        if (text == null || signature == null || csrf == null || text.length() > LIMIT + 1) {
            return null;
        }
        return MessageDigest.isEqual(sign(text, csrf).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII)) ? text : null;
    }

    static String sign(String text, String csrf) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(("refusal-link\n" + csrf).getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(text.getBytes(
                    StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
