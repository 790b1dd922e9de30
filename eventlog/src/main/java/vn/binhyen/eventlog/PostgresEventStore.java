package vn.binhyen.eventlog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The event store on PostgreSQL (schema in {@code db/eventlog}). Inside a caller's
 * transaction (a connection that is not auto-committing, e.g. a JTA-enlisted one) an append
 * joins it, so projections written in the same transaction commit or roll back with the
 * events; otherwise the append is its own transaction.
 */
public final class PostgresEventStore implements EventStore {
    private static final String UNIQUE_VIOLATION = "23505";
    static final String COLUMNS = "position, tx_id::text::bigint as tx, event_id, event_type, schema_version, "
            + "stream_type, stream_id, stream_version, occurred_at, recorded_at, actor_id, actor_role, "
            + "actor_on_behalf_of, correlation_id, causation_id, payload::text as payload, prev_hash, hash";
    private static final String INSERT = "insert into event (event_id, event_type, schema_version, stream_type, "
            + "stream_id, stream_version, occurred_at, recorded_at, actor_id, actor_role, actor_on_behalf_of, "
            + "correlation_id, causation_id, payload, prev_hash, hash) "
            + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)";
    /*
     * Whether the batch's first event id is stored (a replay of the same batch) and where the
     * stream's head is, in one round trip. Both halves are equalities on unique indexes, which
     * the planner uses even on stale statistics; "event_id = any(array)" was planned as a
     * sequential scan on a young table and cost one full scan per append.
     */
    private static final String HEAD_AND_DUPLICATES = "select true, count(*)::bigint, null from event where event_id = ? "
            + "union all (select false, stream_version, hash from event where stream_id = ? "
            + "order by stream_version desc limit 1)";
    private static final String READ_ALL = "select " + COLUMNS + " from event "
            + "where (tx_id, position) > (?::text::xid8, ?) and tx_id < pg_snapshot_xmin(pg_current_snapshot()) "
            + "order by tx_id, position limit ?";

    private final DataSource dataSource;
    private final Clock clock;

    public PostgresEventStore(DataSource dataSource, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public AppendResult append(String streamId, long expectedVersion, List<NewEvent> events) {
        Objects.requireNonNull(streamId, "streamId");
        String streamType = Envelope.streamTypeOf(streamId);
        // a unique violation: a concurrent writer took the version (or the ids) between our read and our insert
        return inTransaction("append to " + streamId, () -> new ConcurrencyException(streamId, expectedVersion, -1),
                c -> append(c, streamId, streamType, expectedVersion, events));
    }

    @Override
    public List<AppendResult> startStreams(java.util.Map<String, List<NewEvent>> streams) {
        if (streams.isEmpty()) {
            return List.of();
        }
        // (stream_id, stream_version) is unique: a stream that exists already fails them all
        return inTransaction("starting " + streams.size() + " streams",
                () -> new ConcurrencyException(String.join(",", streams.keySet()), 0, -1), c -> start(c, streams));
    }

    private List<AppendResult> start(Connection c, java.util.Map<String, List<NewEvent>> streams) throws SQLException {
        List<AppendResult> results = new ArrayList<>(streams.size());
        Instant recordedAt = clock.instant();
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            for (var entry : streams.entrySet()) {
                String streamId = entry.getKey();
                List<Envelope> written = chain(ps, streamId, Envelope.streamTypeOf(streamId), 0, HashChain.GENESIS,
                        entry.getValue(), recordedAt);
                results.add(new AppendResult(streamId, written.size(), written, false));
            }
            ps.executeBatch();
        }
        return results;
    }

    private interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    /**
     * Runs {@code work} in a transaction of its own, or in the caller's when the connection is
     * already in one (a JTA transaction: no autocommit); a unique violation becomes {@code conflict}.
     */
    private <T> T inTransaction(String what, java.util.function.Supplier<ConcurrencyException> conflict,
            SqlWork<T> work) {
        try (Connection c = dataSource.getConnection()) {
            boolean own = c.getAutoCommit();
            if (own) {
                c.setAutoCommit(false);
            }
            try {
                T result = work.run(c);
                if (own) {
                    c.commit();
                }
                return result;
            } catch (SQLException | RuntimeException e) {
                if (own) {
                    c.rollback();
                }
                if (isUniqueViolation(e)) {
                    throw conflict.get();
                }
                throw e;
            } finally {
                if (own) {
                    c.setAutoCommit(true);
                }
            }
        } catch (SQLException e) {
            throw new EventLogException(what + " failed: " + e.getMessage(), e);
        }
    }

    private static boolean isUniqueViolation(Exception e) {
        if (!(e instanceof SQLException sql)) {
            return false;
        }
        SQLException next = sql instanceof java.sql.BatchUpdateException b ? b.getNextException() : null;
        return UNIQUE_VIOLATION.equals(sql.getSQLState()) || next != null && UNIQUE_VIOLATION.equals(next.getSQLState());
    }

    private AppendResult append(Connection c, String streamId, String streamType, long expectedVersion,
            List<NewEvent> events) throws SQLException {
        // one round trip: is this batch stored already, and where is the stream's head?
        // (a batch overlapping a stored one only in part fails on event_id_uk below)
        long current = 0;
        String prevHash = HashChain.GENESIS;
        int duplicates = 0;
        try (PreparedStatement ps = c.prepareStatement(HEAD_AND_DUPLICATES)) {
            ps.setObject(1, events.isEmpty() ? null : events.getFirst().eventId());
            ps.setString(2, streamId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getBoolean(1)) {
                        duplicates = rs.getInt(2);
                    } else {
                        current = rs.getLong(2);
                        prevHash = rs.getString(3);
                    }
                }
            }
        }
        if (duplicates > 0) {
            List<Envelope> already = byEventIds(c, events);
            if (already.size() == events.size()
                    && already.stream().allMatch(e -> e.streamId().equals(streamId))) {
                return new AppendResult(streamId, current, already, true);
            }
            throw new IllegalArgumentException("some of these event ids are already stored, not all of them, "
                    + "or in another stream than " + streamId);
        }
        if (expectedVersion != ANY_VERSION && current != expectedVersion) {
            throw new ConcurrencyException(streamId, expectedVersion, current);
        }
        if (events.isEmpty()) {
            return new AppendResult(streamId, current, List.of(), false);
        }
        Instant recordedAt = clock.instant();
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            List<Envelope> written = chain(ps, streamId, streamType, current, prevHash, events, recordedAt);
            ps.executeBatch();
            return new AppendResult(streamId, current + written.size(), written, false);
        }
    }

    /** Seals the events as versions after {@code after}, each linked to the one before, and adds them to the batch. */
    private static List<Envelope> chain(PreparedStatement ps, String streamId, String streamType, long after,
            String prevHash, List<NewEvent> events, Instant recordedAt) throws SQLException {
        List<Envelope> written = new ArrayList<>(events.size());
        long version = after;
        String prev = prevHash;
        for (NewEvent n : events) {
            version++;
            Envelope e = new Envelope(n.eventId(), n.eventType(), n.schemaVersion(), streamType, streamId, version,
                    n.occurredAt(), recordedAt, n.actor(), n.correlationId(), n.causationId(), n.payload(), prev,
                    null).sealed();
            prev = e.hash();
            written.add(e);
            bind(ps, e);
            ps.addBatch();
        }
        return List.copyOf(written);
    }

    private static void bind(PreparedStatement ps, Envelope e) throws SQLException {
        ps.setObject(1, e.eventId());
        ps.setString(2, e.eventType());
        ps.setInt(3, e.schemaVersion());
        ps.setString(4, e.streamType());
        ps.setString(5, e.streamId());
        ps.setLong(6, e.streamVersion());
        ps.setTimestamp(7, Timestamp.from(e.occurredAt()));
        ps.setTimestamp(8, Timestamp.from(e.recordedAt()));
        ps.setString(9, e.actor().id());
        ps.setString(10, e.actor().role());
        ps.setString(11, e.actor().onBehalfOf());
        ps.setString(12, e.correlationId());
        ps.setString(13, e.causationId());
        try {
            ps.setString(14, Json.MAPPER.writeValueAsString(e.payload()));
        } catch (JsonProcessingException ex) {
            throw new IllegalArgumentException("payload is not serialisable", ex);
        }
        ps.setString(15, e.prevHash());
        ps.setString(16, e.hash());
    }

    private static List<Envelope> byEventIds(Connection c, List<NewEvent> events) throws SQLException {
        if (events.isEmpty()) {
            return List.of();
        }
        UUID[] ids = events.stream().map(NewEvent::eventId).toArray(UUID[]::new);
        Array array = c.createArrayOf("uuid", ids);
        try (PreparedStatement ps = c.prepareStatement(
                "select " + COLUMNS + " from event where event_id = any(?) order by stream_id, stream_version")) {
            ps.setArray(1, array);
            return envelopes(ps);
        }
    }

    @Override
    public List<Envelope> read(String streamId) {
        return readAfter(streamId, 0);
    }

    @Override
    public List<Envelope> readAfter(String streamId, long afterVersion) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select " + COLUMNS
                        + " from event where stream_id = ? and stream_version > ? order by stream_version")) {
            ps.setString(1, streamId);
            ps.setLong(2, afterVersion);
            return envelopes(ps);
        } catch (SQLException e) {
            throw new EventLogException("read of " + streamId + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public long version(String streamId) {
        try (Connection c = dataSource.getConnection()) {
            return version(c, streamId);
        } catch (SQLException e) {
            throw new EventLogException("version of " + streamId + " failed: " + e.getMessage(), e);
        }
    }

    private static long version(Connection c, String streamId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select coalesce(max(stream_version), 0) from event where stream_id = ?")) {
            ps.setString(1, streamId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Override
    public List<StoredEvent> readAll(LogPosition after, int limit) {
        try (Connection c = dataSource.getConnection()) {
            return readAll(c, after, limit);
        } catch (SQLException e) {
            throw new EventLogException("readAll failed: " + e.getMessage(), e);
        }
    }

    /** {@link #readAll(LogPosition, int)} on a given connection (the relay's lock-holding one). */
    public static List<StoredEvent> readAll(Connection c, LogPosition after, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(READ_ALL)) {
            ps.setString(1, Long.toString(after.transactionId()));
            ps.setLong(2, after.position());
            ps.setInt(3, limit);
            List<StoredEvent> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new StoredEvent(rs.getLong("position"), rs.getLong("tx"), envelope(rs)));
                }
            }
            return out;
        }
    }

    private static List<Envelope> envelopes(PreparedStatement ps) throws SQLException {
        List<Envelope> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(envelope(rs));
            }
        }
        return out;
    }

    static Envelope envelope(ResultSet rs) throws SQLException {
        ObjectNode payload;
        try {
            payload = (ObjectNode) Json.MAPPER.readTree(rs.getString("payload"));
        } catch (JsonProcessingException e) {
            throw new EventLogException("stored payload is not JSON", e);
        }
        return new Envelope(
                rs.getObject("event_id", UUID.class),
                rs.getString("event_type"),
                rs.getInt("schema_version"),
                rs.getString("stream_type"),
                rs.getString("stream_id"),
                rs.getLong("stream_version"),
                rs.getTimestamp("occurred_at").toInstant(),
                rs.getTimestamp("recorded_at").toInstant(),
                new Actor(rs.getString("actor_id"), rs.getString("actor_role"), rs.getString("actor_on_behalf_of")),
                rs.getString("correlation_id"),
                rs.getString("causation_id"),
                payload,
                rs.getString("prev_hash"),
                rs.getString("hash"));
    }
}
