package vn.binhyen.audit;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import vn.binhyen.contracts.EventHeaders;
import vn.binhyen.contracts.LedgerCheckpoint;
import vn.binhyen.eventlog.Envelope;
import vn.binhyen.eventlog.EnvelopeJson;
import vn.binhyen.eventlog.HashChain;
import vn.binhyen.eventlog.LogPosition;
import vn.binhyen.eventlog.PostgresEventStore;
import vn.binhyen.eventlog.StoredEvent;

/**
 * A service's event store against its Kafka topic, event by event: rows the log lacks, records
 * the store lacks, and events whose bytes differ between the two. The store is read straight
 * from the service's database (its {@code event} table, in commit order) and the log straight
 * from the brokers; no service code is asked. A row is compared by the bytes a relay would
 * publish for it (RFC 8785 of the envelope), so any change to a row, its hash included, shows.
 * Rows the relay has not reached yet (after its checkpoint) are counted, not reported as missing.
 */
public final class StoreComparison {

    public enum Kind {
        /** In the store, published by the relay's account (at or before its checkpoint), absent from the log. */
        MISSING_FROM_LOG,
        /** In the log, absent from the store: a row deleted, or a record forged into the topic. */
        EXTRA_IN_LOG,
        /** In both, with different bytes: the row or the record was changed. */
        ALTERED
    }

    /** One difference; {@code where} is topic/partition/offset for the log side, position for the store side. */
    public record Difference(Kind kind, String eventId, String streamId, long version, String where, String detail) {
        @Override
        public String toString() {
            return kind + " eventId=" + eventId + " stream=" + streamId + " version=" + version + " " + where + " — "
                    + detail;
        }
    }

    public record Result(long storeEvents, long logEvents, long unpublished, List<Difference> differences) {
    }

    private record Row(long position, String streamId, long version, String hash, String bytesDigest,
            boolean intact, boolean published) {
    }

    private StoreComparison() {
    }

    /** Compares the store behind {@code db} with {@code topic} as the brokers at {@code bootstrap} hold it. */
    public static Result compare(Connection db, String bootstrap, String topic) throws SQLException {
        LogPosition published = relayPosition(db);
        Map<UUID, Row> rows = new HashMap<>();
        LogPosition after = LogPosition.START;
        long unpublished = 0;
        while (true) {
            List<StoredEvent> page = PostgresEventStore.readAll(db, after, 5_000);
            if (page.isEmpty()) {
                break;
            }
            for (StoredEvent s : page) {
                Envelope e = s.envelope();
                boolean isPublished = published != null && LogPosition.of(s).compareTo(published) <= 0;
                unpublished += isPublished ? 0 : 1;
                rows.put(e.eventId(), new Row(s.position(), e.streamId(), e.streamVersion(), e.hash(),
                        digest(EnvelopeJson.toBytes(e)), HashChain.hashOf(e).equals(e.hash()), isPublished));
            }
            after = LogPosition.of(page.getLast());
        }
        long storeEvents = rows.size();
        List<Difference> out = new ArrayList<>();
        Map<UUID, Boolean> seen = new HashMap<>();
        long[] logEvents = {0};
        LogReader.read(bootstrap, List.of(topic), r -> {
            if (LedgerCheckpoint.TYPE.equals(r.header(EventHeaders.EVENT_TYPE))) {
                return;
            }
            String where = "topic=" + r.topic() + " partition=" + r.partition() + " offset=" + r.offset();
            EnvelopeBytes.Fields f;
            try {
                f = EnvelopeBytes.read(r.value());
            } catch (RuntimeException ex) {
                out.add(new Difference(Kind.EXTRA_IN_LOG, r.header(EventHeaders.EVENT_ID),
                        r.header(EventHeaders.STREAM_ID), -1, where, "not an envelope: " + ex.getMessage()));
                return;
            }
            UUID id = UUID.fromString(f.eventId());
            if (seen.putIfAbsent(id, Boolean.TRUE) != null) {
                return; // a redelivery; verify judges whether the copies agree
            }
            logEvents[0]++;
            Row row = rows.get(id);
            if (row == null) {
                out.add(new Difference(Kind.EXTRA_IN_LOG, f.eventId(), f.streamId(), f.streamVersion(), where,
                        "in the log, not in the store: deleted from the store or forged into the topic (the record "
                                + (f.intact() ? "hashes" : "does not hash") + " to its hash)"));
            } else if (!row.bytesDigest().equals(digest(r.value()))) {
                out.add(new Difference(Kind.ALTERED, f.eventId(), f.streamId(), f.streamVersion(),
                        where + " position=" + row.position(), "the row and the record differ; the row "
                                + (row.intact() ? "hashes" : "does not hash") + " to its hash " + row.hash()
                                + ", the record " + (f.intact() ? "hashes" : "does not hash") + " to its hash "
                                + f.hash()));
            }
        }, (done, total) -> { });
        rows.forEach((id, row) -> {
            if (row.published() && !seen.containsKey(id)) {
                out.add(new Difference(Kind.MISSING_FROM_LOG, id.toString(), row.streamId(), row.version(),
                        "position=" + row.position(), "in the store and behind the relay's checkpoint, not in the log"));
            }
        });
        out.sort(Comparator.comparing(Difference::streamId, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparingLong(Difference::version).thenComparing(d -> d.kind().name()));
        return new Result(storeEvents, logEvents[0], unpublished, out);
    }

    /** The furthest place any relay of this database has checkpointed as published, or null if none has. */
    private static LogPosition relayPosition(Connection db) throws SQLException {
        LogPosition best = null;
        try (Statement s = db.createStatement();
                ResultSet rs = s.executeQuery("select tx_id::text as tx, position from relay_checkpoint")) {
            while (rs.next()) {
                LogPosition p = new LogPosition(Long.parseLong(rs.getString("tx")), rs.getLong("position"));
                best = best == null || p.compareTo(best) > 0 ? p : best;
            }
        }
        return best;
    }

    private static String digest(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
