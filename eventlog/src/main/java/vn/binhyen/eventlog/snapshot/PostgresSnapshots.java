package vn.binhyen.eventlog.snapshot;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import vn.binhyen.eventlog.EventLogException;
import vn.binhyen.eventlog.Json;
import vn.binhyen.eventlog.decider.Snapshots;

/**
 * Snapshots in the service's own database, written in the append's transaction every
 * {@code every} versions. {@code kind} names the state's shape and its version: a snapshot of
 * another kind (say, after the state record changed) is ignored and the stream is folded from
 * its first event, so a stale snapshot can never be read as the truth.
 */
public final class PostgresSnapshots<S> implements Snapshots<S> {
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(PostgresSnapshots.class);
    private final DataSource dataSource;
    private final Class<? extends S> type;
    private final String kind;
    private final long every;
    private final ObjectMapper mapper;

    public PostgresSnapshots(DataSource dataSource, Class<? extends S> type, String kind, long every) {
        this.dataSource = Objects.requireNonNull(dataSource);
        this.type = Objects.requireNonNull(type);
        this.kind = Objects.requireNonNull(kind);
        if (every < 1) {
            throw new IllegalArgumentException("every must be at least 1");
        }
        this.every = every;
        this.mapper = Json.MAPPER;
    }

    @Override
    public Optional<Snapshot<S>> latest(String streamId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "select stream_version, state from snapshot where stream_id = ? and kind = ?")) {
            ps.setString(1, streamId);
            ps.setString(2, kind);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                S state;
                try {
                    state = mapper.readValue(rs.getBytes(2), type);
                } catch (IOException e) {
                    // a state's shape changed without a new kind: the events are the truth, folded from the first
                    LOG.warnf("snapshot of %s (%s) cannot be read, the stream is folded from its first event: %s",
                            streamId, kind, e.getMessage());
                    return Optional.empty();
                }
                return Optional.of(new Snapshot<>(rs.getLong(1), state));
            }
        } catch (SQLException e) {
            throw new EventLogException("snapshot of " + streamId + " could not be read: " + e.getMessage(), e);
        }
    }

    /** Saves when the append crossed a multiple of {@code every}. */
    @Override
    public void appended(String streamId, long fromVersion, long toVersion, S state) {
        if (toVersion / every == fromVersion / every || !type.isInstance(state)) {
            return;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("insert into snapshot (stream_id, kind, stream_version, "
                        + "state, taken_at) values (?, ?, ?, ?, now()) on conflict (stream_id) do update set "
                        + "kind = excluded.kind, stream_version = excluded.stream_version, state = excluded.state, "
                        + "taken_at = excluded.taken_at where snapshot.stream_version < excluded.stream_version")) {
            ps.setString(1, streamId);
            ps.setString(2, kind);
            ps.setLong(3, toVersion);
            ps.setBytes(4, mapper.writeValueAsBytes(state));
            ps.executeUpdate();
        } catch (SQLException | IOException e) {
            throw new EventLogException("snapshot of " + streamId + " could not be saved: " + e.getMessage(), e);
        }
    }
}
