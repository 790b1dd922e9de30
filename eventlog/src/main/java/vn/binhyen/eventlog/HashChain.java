package vn.binhyen.eventlog;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The per-stream hash chain: {@code hash = SHA-256(prevHash || JCS(envelope without hash))},
 * where {@code prevHash} enters as its 32 raw bytes and is the previous event's hash in the
 * same stream, {@link #GENESIS} (64 zeros) for the first.
 */
public final class HashChain {
    public static final String GENESIS = "0".repeat(64);
    private static final HexFormat HEX = HexFormat.of();

    private HashChain() {
    }

    public static String hashOf(Envelope e) {
        MessageDigest sha = sha256();
        sha.update(HEX.parseHex(e.prevHash()));
        sha.update(EnvelopeJson.canonical(e, false));
        return HEX.formatHex(sha.digest());
    }

    /** Checks versions 1..n, each link and each hash; names the first broken link. */
    public static ChainVerification verify(List<Envelope> stream) {
        String previous = GENESIS;
        long expectedVersion = 1;
        for (Envelope e : stream) {
            if (e.streamVersion() != expectedVersion) {
                return ChainVerification.broken(stream.size(), e, ChainVerification.Reason.VERSION_GAP,
                        "expected version " + expectedVersion + ", found " + e.streamVersion());
            }
            if (!previous.equals(e.prevHash())) {
                return ChainVerification.broken(stream.size(), e, ChainVerification.Reason.PREV_HASH_MISMATCH,
                        "prevHash " + e.prevHash() + " does not match the previous event's hash " + previous);
            }
            String recomputed = hashOf(e);
            if (!recomputed.equals(e.hash())) {
                return ChainVerification.broken(stream.size(), e, ChainVerification.Reason.HASH_MISMATCH,
                        "stored hash " + e.hash() + " but the content hashes to " + recomputed);
            }
            previous = e.hash();
            expectedVersion++;
        }
        return ChainVerification.intact(stream.size());
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
