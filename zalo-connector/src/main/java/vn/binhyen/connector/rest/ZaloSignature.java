package vn.binhyen.connector.rest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Zalo Official Account webhook signatures: {@code X-ZEvent-Signature: mac=<hex>} where the mac
 * is SHA-256 over the app id, the raw JSON body, the body's timestamp and the OA secret key,
 * in that order. Compared in constant time.
 */
public final class ZaloSignature {
    private ZaloSignature() {
    }

    public static String mac(String appId, String rawBody, String timestamp, String oaSecretKey) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(appId.getBytes(StandardCharsets.UTF_8));
            sha.update(rawBody.getBytes(StandardCharsets.UTF_8));
            sha.update(timestamp.getBytes(StandardCharsets.UTF_8));
            sha.update(oaSecretKey.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** True when {@code header} ("mac=<hex>" or the bare hex) is the mac of this body. */
    public static boolean valid(String header, String appId, String rawBody, String timestamp, String oaSecretKey) {
        if (header == null || timestamp == null) {
            return false;
        }
        String given = header.strip();
        if (given.startsWith("mac=")) {
            given = given.substring(4);
        }
        byte[] expected = mac(appId, rawBody, timestamp, oaSecretKey).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }
}
