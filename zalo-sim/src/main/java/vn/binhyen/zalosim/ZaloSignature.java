package vn.binhyen.zalosim;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Zalo's OA webhook signature: header {@code X-ZEvent-Signature: mac=<hex>}, where hex is the lowercase
 * hex of SHA-256 (a plain hash, not an HMAC) over the UTF-8 bytes of app id + raw JSON body + the body's
 * {@code timestamp} field + OA secret key, concatenated in that order.
 */
public final class ZaloSignature {
    /** The header Zalo signs OA webhooks in. */
    public static final String HEADER = "X-ZEvent-Signature";

    private ZaloSignature() {
    }

    /** The lowercase hex SHA-256 of {@code appId + body + timestamp + secretKey}. */
    public static String mac(String appId, String rawBody, String timestamp, String secretKey) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(appId.getBytes(StandardCharsets.UTF_8));
            sha.update(rawBody.getBytes(StandardCharsets.UTF_8));
            sha.update(timestamp.getBytes(StandardCharsets.UTF_8));
            sha.update(secretKey.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The header's value: {@code mac=<hex>}. */
    public static String headerValue(String appId, String rawBody, String timestamp, String secretKey) {
        return "mac=" + mac(appId, rawBody, timestamp, secretKey);
    }
}
