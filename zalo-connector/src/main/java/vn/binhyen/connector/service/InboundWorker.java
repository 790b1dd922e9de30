package vn.binhyen.connector.service;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.jboss.logging.Logger;
import vn.binhyen.connector.config.ConnectorConfig;
import vn.binhyen.eventlog.DueWork;
import vn.binhyen.eventlog.Json;

/**
 * Handles the webhooks kept in {@code inbound_event}, oldest first, a batch per transaction
 * (eventlog's {@link DueWork}: several instances share the work, none handles an event
 * twice). A group message in a bound group becomes moderation's screening request on {@code
 * binhyen.chat.messages}, under the Bình Yên group and member ({@link ZaloEvents}); the batch is
 * marked handled only once the broker has every request of it, so a broker outage delays
 * screening and loses nothing (a request sent twice, after a crash, is answered the same by
 * moderation: its id is the Zalo message's). Events of groups bound to nothing are marked so.
 */
@ApplicationScoped
public class InboundWorker {
    private static final Logger LOG = Logger.getLogger(InboundWorker.class);
    private static final int BATCH = 100;

    private final AgroalDataSource dataSource;
    private final ZaloEvents events;
    private final Members members;
    private final Emitter<Record<String, byte[]>> chatMessages;
    private final boolean enabled;
    private final WorkLoop loop;

    InboundWorker(AgroalDataSource dataSource, ZaloEvents events, Members members,
            @Channel("chat-messages") Emitter<Record<String, byte[]>> chatMessages, ConnectorConfig config) {
        this.dataSource = dataSource;
        this.events = events;
        this.members = members;
        this.chatMessages = chatMessages;
        this.enabled = config.workers().enabled();
        this.loop = new WorkLoop("inbound-worker", () -> QuarkusTransaction.requiringNew().timeout(60).call(this::batch),
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

    /** A new event was kept: handle it now rather than at the next poll. */
    public void wake() {
        loop.wake();
    }

    /** A webhook's event as it was kept. */
    private record Row(String key, String oaId, String name, String body) {
    }

    /** Events kept and not yet handled, in the order they came. */
    private static final DueWork<Row> KEPT = DueWork.of("inbound events", "select event_key, oa_id, event_name, body "
            + "from inbound_event where handled_at is null order by received_at",
            rs -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));

    /** One batch, in the caller's transaction: handled, its messages' origins kept, published, marked. */
    int batch() throws Exception {
        List<Row> rows;
        try (Connection c = dataSource.getConnection()) {
            rows = KEPT.claim(c, ps -> { }, BATCH);
        }
        if (rows.isEmpty()) {
            return 0;
        }
        Members.Memo memo = new Members.Memo();
        List<ZaloEvents.Handled> handled = new ArrayList<>(rows.size());
        List<Members.Origin> origins = new ArrayList<>();
        for (Row r : rows) {
            ZaloEvents.Handled h = events.handle(r.oaId(), r.name(), Json.MAPPER.readTree(r.body()), r.key(), memo);
            handled.add(h);
            if (h.origin() != null) {
                origins.add(h.origin());
            }
        }
        // where each message came from, committed before its request is published: moderation can answer
        // before this round commits, and the verdict must find its message's origin (kept once: a round
        // that fails after this keeps nothing new when it is done again)
        QuarkusTransaction.requiringNew().run(() -> members.origins(origins));
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        List<String> outcomes = new ArrayList<>();
        for (ZaloEvents.Handled h : handled) {
            outcomes.add(h.outcome());
            if (h.screening() != null) {
                sent.add(chatMessages.send(Record.of(h.groupId(), Json.MAPPER.writeValueAsBytes(h.screening())))
                        .toCompletableFuture());
            }
        }
        // every request on the broker before any event is marked handled
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("update inbound_event set handled_at = clock_timestamp(), outcome = ?, "
                        + "attempts = attempts + 1 where event_key = ?")) {
            for (int i = 0; i < rows.size(); i++) {
                ps.setString(1, outcomes.get(i));
                ps.setString(2, rows.get(i).key());
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return rows.size();
    }
}
