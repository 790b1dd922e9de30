package vn.binhyen.eventlog;

import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The running ledger digest: {@code d_n = SHA-256(d_{n-1} || hash_n)} over raw bytes, from
 * {@code d_0} = 32 zero bytes. Per-stream chains cannot show a deleted stream or a deleted
 * newest event; this digest over everything published, in log order, can.
 */
public final class LedgerDigest {
    private static final HexFormat HEX = HexFormat.of();
    private final MessageDigest sha = HashChain.sha256();
    private byte[] digest;
    private long count;

    public LedgerDigest() {
        this(0, HashChain.GENESIS);
    }

    public LedgerDigest(long count, String digestHex) {
        this.count = count;
        this.digest = HEX.parseHex(digestHex);
    }

    public void fold(String eventHash) {
        fold(HEX.parseHex(eventHash));
    }

    /** Folds an event's hash given as its raw bytes. */
    public void fold(byte[] eventHash) {
        sha.update(digest);
        sha.update(eventHash);
        digest = sha.digest();
        count++;
    }

    public long count() {
        return count;
    }

    public String digest() {
        return HEX.formatHex(digest);
    }
}
