package vn.binhyen.connector.outbound;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import vn.binhyen.connector.domain.ConnectorLog;
import vn.binhyen.connector.domain.WorkLoop;
import vn.binhyen.connector.platform.ConnectorConfig;
import vn.binhyen.connector.platform.OaClient;
import vn.binhyen.connector.platform.ZaloAnswer;
import vn.binhyen.contracts.connector.ConnectorEvent;
import vn.binhyen.eventlog.Json;

/**
 * Carries out the requested actions ({@code outbound_action}, due first; {@code for update skip
 * locked}, so instances share them and none does one twice). Zalo's answer decides: done, and
 * {@code ActionCarriedOut}; refused for good (a bad id, the OA not in the group, the group
 * disabled, a tier too low), and {@code ActionNotPossible} with Zalo's code; rate-limited or
 * unavailable (5xx, a timeout, no connection, a token that cannot be refreshed now), and tried
 * again later, the pause doubling up to {@code maxBackoff}: a Zalo outage delays actions and
 * loses none. After a rate limit the OA's other actions wait too. The row and its event change
 * in one transaction.
 */
@ApplicationScoped
public class ActionWorker {
    private static final Logger LOG = Logger.getLogger(ActionWorker.class);
    private static final int BATCH = 20;

    private final AgroalDataSource dataSource;
    private final OaClient zalo;
    private final ConnectorLog log;
    private final ConnectorConfig config;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final boolean enabled;
    private final WorkLoop loop;

    ActionWorker(AgroalDataSource dataSource, OaClient zalo, ConnectorLog log, ConnectorConfig config, Clock clock,
            MeterRegistry metrics,
            @ConfigProperty(name = "binhyen.connector.workers.enabled", defaultValue = "true") boolean enabled) {
        this.dataSource = dataSource;
        this.zalo = zalo;
        this.log = log;
        this.config = config;
        this.clock = clock;
        this.metrics = metrics;
        this.enabled = enabled;
        this.loop = new WorkLoop("action-worker", () -> QuarkusTransaction.requiringNew().timeout(120).call(this::batch),
                config.actions().pollEvery(), config.actions().firstBackoff(), config.actions().maxBackoff(), LOG);
    }

    void start(@Observes StartupEvent ignored) {
        if (enabled) {
            loop.start();
        }
    }

    void stop(@Observes ShutdownEvent ignored) {
        loop.stop();
    }

    /** Actions were requested: look now rather than at the next poll. */
    public void wake() {
        loop.wake();
    }

    private record Due(String key, String groupId, String oaId, String effect, String call, String body, int attempts) {
    }

    /** One batch of due actions, in the caller's transaction; answers how many were tried. */
    int batch() throws Exception {
        List<Due> due = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select action_key, group_id, oa_id, effect, call, body, "
                        + "attempts from outbound_action where status = 'PENDING' and next_at <= ? "
                        + "order by next_at, created_at limit " + BATCH + " for update skip locked")) {
            ps.setTimestamp(1, Timestamp.from(clock.instant()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    due.add(new Due(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getInt(7)));
                }
            }
        }
        Set<String> waiting = new HashSet<>(); // OAs rate-limited in this batch
        for (Due d : due) {
            Optional<ConnectorConfig.Oa> oa = zalo.oa(d.oaId());
            if (oa.isEmpty()) {
                impossible(d, "REFUSED", "no Official Account " + d.oaId() + " is configured");
                continue;
            }
            if (waiting.contains(d.oaId())) {
                later(d, "waiting: Zalo's rate limit for this OA");
                continue;
            }
            JsonNode body = Json.MAPPER.readTree(d.body());
            String path = d.call();
            ZaloAnswer answer = zalo.post(oa.get(), path, body);
            metrics.counter("binhyen.connector.zalo.calls", "call", path, "kind", answer.kind().name()).increment();
            switch (answer.kind()) {
                case OK -> done(d, path, answer);
                case PERMANENT -> impossible(d, "REFUSED", answer.describe());
                case RATE_LIMITED -> {
                    waiting.add(d.oaId());
                    later(d, answer.describe());
                }
                case TOKEN, UNAVAILABLE -> later(d, answer.describe());
            }
        }
        return due.size();
    }

    private void done(Due d, String call, ZaloAnswer answer) {
        String reference = answer.data() == null ? null : answer.data().path("message_id").asText(null);
        update("update outbound_action set status = 'DONE', attempts = attempts + 1, done_at = now(), last_error = null "
                + "where action_key = ?", d.key());
        log.append(Actions.streamOf(d.key()), new ConnectorEvent.ActionCarriedOut(d.groupId(), d.key(), d.effect(), call,
                reference, d.attempts() + 1), ConnectorLog.CONNECTOR, d.key());
    }

    private void impossible(Due d, String kind, String reason) {
        LOG.warnf("action %s not possible: %s", d.key(), reason);
        update("update outbound_action set status = 'IMPOSSIBLE', attempts = attempts + 1, done_at = now(), "
                + "last_error = ? where action_key = ?", reason, d.key());
        log.append(Actions.streamOf(d.key()), new ConnectorEvent.ActionNotPossible(d.groupId(), d.key(), d.effect(), kind,
                reason), ConnectorLog.CONNECTOR, d.key());
    }

    private void later(Due d, String why) {
        long first = config.actions().firstBackoff().toMillis();
        long pause = Math.min(config.actions().maxBackoff().toMillis(), first << Math.min(d.attempts(), 20));
        Instant next = clock.instant().plusMillis(pause);
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("update outbound_action set attempts = attempts + 1, "
                        + "next_at = ?, last_error = ? where action_key = ?")) {
            ps.setTimestamp(1, Timestamp.from(next));
            ps.setString(2, why);
            ps.setString(3, d.key());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void update(String sql, String... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
