package vn.binhyen.notification.messaging;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import vn.binhyen.contracts.EventHeaders;
import vn.binhyen.contracts.LedgerCheckpoint;
import vn.binhyen.eventlog.Envelope;
import vn.binhyen.eventlog.EnvelopeJson;
import vn.binhyen.eventlog.EventLogException;
import vn.binhyen.eventlog.consumer.ParkedRecords;
import vn.binhyen.notification.projection.GroupDirectory;
import vn.binhyen.contracts.report.ReportEvent;
import vn.binhyen.eventlog.decider.EventCodec;
import vn.binhyen.notification.service.Router;
import vn.binhyen.contracts.connector.ConnectorEvent;
import vn.binhyen.contracts.notification.NotificationEvent;
import vn.binhyen.notification.service.DeliveryQueue;

/**
 * Follows the group, moderation and report topics in batches, one transaction per batch: group
 * events keep the directory of who holds which role; every event with a routing rule is routed.
 * Replays cost little and send nothing: records below this service's stored offset of their
 * partition are skipped unread, and events already routed (the same event published again)
 * are found by id in one query per batch ({@link StoredOffsets} moves the consumer to the stored
 * offsets when partitions are assigned, so a replay after a group reset is not even fetched). A
 * batch that fails is retried record by record; a
 * record that fails on its own is parked ({@code parked_record}, with the error and its bytes) and
 * the consumer goes on (no crash loop).
 */
@ApplicationScoped
public class EventsConsumer {
    private static final Logger LOG = Logger.getLogger(EventsConsumer.class);
    /** The name its parked records carry. */
    static final String CONSUMER = "notification-service:events";

    private final Router router;
    /** report-intake's published records, decoded rather than read by JSON path. */
    private static final EventCodec<ReportEvent> REPORT_EVENTS = EventCodec.reading(ReportEvent.class, ReportEvent.TYPES,
            ReportEvent.SCHEMA_VERSION);
    private final GroupDirectory directory;
    private final AgroalDataSource dataSource;
    private final MeterRegistry metrics;

    private final StoredOffsets storedOffsets;
    private final DeliveryQueue deliveries;

    EventsConsumer(Router router, GroupDirectory directory, AgroalDataSource dataSource, MeterRegistry metrics,
            @io.smallrye.common.annotation.Identifier("stored-offsets") StoredOffsets storedOffsets,
            DeliveryQueue deliveries) {
        this.storedOffsets = storedOffsets;
        this.deliveries = deliveries;
        this.router = router;
        this.directory = directory;
        this.dataSource = dataSource;
        this.metrics = metrics;
    }

    @Incoming("group-events")
    @Blocking(ordered = true)
    public void group(ConsumerRecords<String, byte[]> records) {
        handle("group", records);
    }

    @Incoming("moderation-events")
    @Blocking(ordered = true)
    public void moderation(ConsumerRecords<String, byte[]> records) {
        handle("moderation", records);
    }

    @Incoming("report-events")
    @Blocking(ordered = true)
    public void report(ConsumerRecords<String, byte[]> records) {
        handle("report", records);
    }

    @Incoming("connector-events")
    @Blocking(ordered = true)
    public void connector(ConsumerRecords<String, byte[]> records) {
        handle("connector", records);
    }

    private void handle(String topic, ConsumerRecords<String, byte[]> records) {
        List<ConsumerRecord<String, byte[]>> all = new ArrayList<>(records.count());
        records.forEach(all::add);
        // records handled, whatever became of them (routed, skipped as replayed, failed): the consumer's progress
        metrics.counter("binhyen.notification.records", "topic", topic).increment(all.size());
        try {
            QuarkusTransaction.requiringNew().run(() -> apply(topic, all));
        } catch (RuntimeException batchFailure) {
            LOG.warnf("a batch of %d %s events failed (%s); retrying them one by one", all.size(), topic,
                    batchFailure.getMessage());
            for (ConsumerRecord<String, byte[]> r : all) {
                try {
                    QuarkusTransaction.requiringNew().run(() -> apply(topic, List.of(r)));
                } catch (RuntimeException e) {
                    LOG.errorf(e, "%s event at %s-%d@%d could not be handled; parked (parked_record)", topic,
                            r.topic(), r.partition(), r.offset());
                    QuarkusTransaction.requiringNew().run(() -> failed(r, e));
                }
            }
        }
    }

    private void apply(String topic, List<ConsumerRecord<String, byte[]>> records) {
        if (records.isEmpty()) {
            return;
        }
        String kafkaTopic = records.get(0).topic();
        Map<Integer, Long> done = storedOffsets.read(kafkaTopic);
        Map<Integer, Long> next = new HashMap<>();
        List<Envelope> todo = new ArrayList<>(records.size());
        List<UUID> routable = new ArrayList<>(records.size());
        for (ConsumerRecord<String, byte[]> r : records) {
            next.merge(r.partition(), r.offset() + 1, Math::max);
            if (r.offset() < done.getOrDefault(r.partition(), 0L)) {
                continue; // handled before: a replay
            }
            String type = header(r, EventHeaders.EVENT_TYPE);
            if (type == null || LedgerCheckpoint.TYPE.equals(type)) {
                continue;
            }
            boolean routes = router.routes(topic, type);
            if (!routes && !topic.equals("group") && !(topic.equals("report") && REPORT_FOLLOWED.contains(type))
                    && !(topic.equals("connector") && CONNECTOR_ANSWERS.contains(type))) {
                continue;
            }
            Envelope e = EnvelopeJson.fromBytes(r.value());
            todo.add(e);
            if (routes) {
                routable.add(e.eventId());
            }
        }
        Set<UUID> routed = router.alreadyRouted(routable);
        Router.Batch batch = new Router.Batch();
        for (Envelope e : todo) {
            if (topic.equals("group")) {
                directory.follow(e); // before the next event's recipients are resolved
            } else if (topic.equals("report") && "ReportReceived".equals(e.eventType())) {
                directory.reportReceived((ReportEvent.ReportReceived) REPORT_EVENTS.decode(e));
            } else if (topic.equals("report") && "ReporterShredded".equals(e.eventType())) {
                directory.reporterShredded(((ReportEvent.ReporterShredded) REPORT_EVENTS.decode(e)).reportId());
            } else if (topic.equals("connector") && CONNECTOR_ANSWERS.contains(e.eventType())
                    && answeredDelivery(e)) {
                continue; // an answer to this service's own Zalo delivery: nobody else is told of it
            }
            if (!routed.contains(e.eventId())) {
                router.collect(batch, topic, e);
            }
        }
        router.flush(batch);
        advance(kafkaTopic, next);
    }

    /** The connector's outcomes: answers to the Zalo deliveries handed over to it among them. */
    static final java.util.Set<String> CONNECTOR_ANSWERS = java.util.Set.of("ActionCarriedOut", "ActionNotPossible");

    private static final EventCodec<ConnectorEvent> CONNECTOR_EVENTS = EventCodec.reading(ConnectorEvent.class,
            ConnectorEvent.TYPES, ConnectorEvent.SCHEMA_VERSION);
    private static final String DELIVERY_KEY = NotificationEvent.ZaloMessageRequested.actionKey("");

    /**
     * Whether a connector outcome answers one of this service's Zalo deliveries (its action key is
     * {@code notification:<deliveryId>}); if so the delivery is recorded delivered, or handed to the
     * next channel of its chain.
     */
    private boolean answeredDelivery(Envelope e) {
        switch (CONNECTOR_EVENTS.decode(e)) {
            case ConnectorEvent.ActionCarriedOut done when done.key().startsWith(DELIVERY_KEY) -> {
                deliveries.answered(done.key().substring(DELIVERY_KEY.length()), true, null);
                return true;
            }
            case ConnectorEvent.ActionNotPossible refused when refused.key().startsWith(DELIVERY_KEY) -> {
                deliveries.answered(refused.key().substring(DELIVERY_KEY.length()), false,
                        refused.kind() + ": " + refused.reason());
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    /** Report events followed whether or not a rule routes them: where a report came in, and a shred. */
    static final java.util.Set<String> REPORT_FOLLOWED = java.util.Set.of("ReportReceived", "ReporterShredded");

    private static String header(ConsumerRecord<String, byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private void advance(String topic, Map<Integer, Long> next) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "insert into consumed_offset (topic, partition, next_offset) values (?, ?, ?) on conflict (topic, "
                        + "partition) do update set next_offset = greatest(consumed_offset.next_offset, "
                        + "excluded.next_offset)")) {
            for (var e : next.entrySet()) {
                ps.setString(1, topic);
                ps.setInt(2, e.getKey());
                ps.setLong(3, e.getValue());
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new EventLogException("offsets of " + topic + " could not be advanced: " + e.getMessage(), e);
        }
    }

    /** A record that failed on its own: parked where every consumer parks (eventlog's {@link ParkedRecords}). */
    private void failed(ConsumerRecord<String, byte[]> r, RuntimeException error) {
        try (Connection c = dataSource.getConnection()) {
            ParkedRecords.park(c, CONSUMER, r, error.getClass().getSimpleName() + ": " + error.getMessage());
        } catch (SQLException e) {
            throw new EventLogException("a failed record could not be kept: " + e.getMessage(), e);
        }
        advance(r.topic(), Map.of(r.partition(), r.offset() + 1));
    }
}
