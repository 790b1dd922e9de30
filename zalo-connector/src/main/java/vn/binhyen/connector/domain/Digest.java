package vn.binhyen.connector.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 in hex: ids made of text of any length or alphabet (stream ids, keys). */
public final class Digest {
    private Digest() {
    }

    /** The first {@code bytes} bytes (at most 32) of the SHA-256 of {@code text} in UTF-8, in lower-case hex. */
    public static String hex(String text, int bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)), 0, bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
