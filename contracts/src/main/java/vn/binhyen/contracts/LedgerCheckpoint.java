package vn.binhyen.contracts;

/**
 * A relay's signed-off ledger checkpoint, published to its topic every N events or T seconds:
 * after {@code count} events (the last at store position {@code position}), the running digest
 * {@code digest_n = SHA-256(digest_{n-1} || hash_n)} (raw bytes, digest_0 = 32 zero bytes) is
 * {@code digest}. Record key {@code ledger-<name>}, header {@code eventType} = {@link #TYPE}.
 */
public record LedgerCheckpoint(String ledger, long position, long transactionId, long count, String digest,
        String publishedAt) {
    public static final String TYPE = "LedgerCheckpoint";
    public static final int SCHEMA_VERSION = 1;

    public static String key(String ledger) {
        return "ledger-" + ledger;
    }
}
