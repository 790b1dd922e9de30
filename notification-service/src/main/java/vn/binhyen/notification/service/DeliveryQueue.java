package vn.binhyen.notification.service;

import vn.binhyen.notification.config.DeliverySettings;
import vn.binhyen.notification.domain.Urgency;
import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.inject.Instance;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;
import vn.binhyen.contracts.notification.NotificationEvent;
import vn.binhyen.eventlog.DueWork;
import vn.binhyen.eventlog.Transactions;
import vn.binhyen.eventlog.EventIds;
import vn.binhyen.eventlog.quarkus.JtaTransactions;
import vn.binhyen.eventlog.EventLogException;
import vn.binhyen.eventlog.EventStore;
import vn.binhyen.notification.domain.Delivery;

/**
 * The persistent delivery queue: one row per (source event, recipient, channel), so a replayed
 * event never sends twice. A sweep claims due rows with eventlog's {@link DueWork}
 * (several instances share the work), sends, and records the attempt and its outcome as
 * events in the same transaction: delivered, retried with exponential backoff, handed over to
 * the next channel of the recipient's chain, or dead-lettered with the reason. JDBC on purpose:
 * the queue is a work queue, not a read model; its rows are claimed with {@code FOR UPDATE SKIP
 * LOCKED} (DueWork), inserted once with {@code on conflict do nothing} and updated in the claiming
 * transaction beside the events, none of which Panache expresses.
 */
@ApplicationScoped
public class DeliveryQueue {
    private static final Logger LOG = Logger.getLogger(DeliveryQueue.class);

    private final AgroalDataSource dataSource;
    private final Transactions transactions;
    private final Contacts contacts;
    private final NotificationLog log;
    private final DeliverySettings settings;
    private final Clock clock;
    private final Map<String, Channel> channels = new HashMap<>();
    private final ZoneId zone;

    DeliveryQueue(AgroalDataSource dataSource, JtaTransactions transactions, Contacts contacts, NotificationLog log,
            DeliverySettings settings, Clock clock, @Any Instance<Channel> channels) {
        this.senders = java.util.concurrent.Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "delivery-sender");
            t.setDaemon(true);
            return t;
        });
        this.dataSource = dataSource;
        this.transactions = transactions;
        this.contacts = contacts;
        this.log = log;
        this.settings = settings;
        this.clock = clock;
        this.zone = ZoneId.of(settings.zone());
        channels.forEach(ch -> this.channels.put(ch.name(), ch));
        for (String name : settings.defaultChain()) {
            if (!this.channels.containsKey(name) && !Delivery.HANDED_OVER.contains(name)) {
                throw new IllegalStateException("default chain names the unknown channel " + name);
            }
        }
        this.channels.keySet().forEach(settings::policy); // every channel has a retry policy, or the start fails
    }

    /** A notification to send outside the app. */
    public record Outgoing(String notificationId, UUID sourceEventId, String correlationId, String recipient,
            String urgency, String subject, String text) {
    }

    /**
     * Plans the external delivery of a notification (inside the caller's transaction): nothing
     * when the recipient has no reachable channel; non-urgent ones wait for the digest; others are
     * queued on the first channel of the chain, after quiet hours unless critical. Returns the
     * event that records the plan, for the caller to append with the notification's own.
     */
    public Optional<NotificationEvent> plan(Outgoing n) {
        return Optional.ofNullable(planAll(List.of(n)).get(n.notificationId()));
    }

    /**
     * {@link #plan} for many notifications in one round trip per table: returns, per
     * notification id, the event that records its plan (absent: nothing to send outside the app).
     */
    public Map<String, NotificationEvent> planAll(List<Outgoing> all) {
        Map<String, NotificationEvent> out = new java.util.HashMap<>();
        if (all.isEmpty()) {
            return out;
        }
        List<Outgoing> digests = new ArrayList<>();
        List<NotificationEvent> digestEvents = new ArrayList<>();
        List<Outgoing> deliveries = new ArrayList<>();
        List<Object[]> deliveryRows = new ArrayList<>(); // channel, address, rest, notBefore
        for (Outgoing n : all) {
            Optional<Delivery.Contact> contact = contacts.find(n.recipient());
            if (contact.isEmpty()) {
                continue;
            }
            Map<String, String> chain = contact.get().chain(settings.defaultChain());
            if (chain.isEmpty()) {
                continue;
            }
            String first = chain.keySet().iterator().next();
            if (Urgency.valueOf(n.urgency()) == Urgency.NORMAL) {
                digests.add(n);
                digestEvents.add(new NotificationEvent.DeliveryQueued(n.notificationId(), first,
                        Contacts.mask(chain.get(first)), null, true));
                continue;
            }
            Instant notBefore = Delivery.notBefore(clock.instant(), Urgency.valueOf(n.urgency()), contact.get(), zone);
            deliveries.add(n);
            deliveryRows.add(new Object[] {first, chain.get(first),
                new ArrayList<>(chain.keySet()).subList(1, chain.size()), notBefore});
        }
        try (Connection c = dataSource.getConnection()) {
            if (!digests.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement(DIGEST_ITEM)) {
                    for (Outgoing n : digests) {
                        bindDigestItem(ps, n);
                        ps.addBatch();
                    }
                    int[] counts = ps.executeBatch();
                    for (int i = 0; i < counts.length; i++) {
                        if (counts[i] > 0) {
                            out.put(digests.get(i).notificationId(), digestEvents.get(i));
                        }
                    }
                }
            }
            if (!deliveries.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement(DELIVERY)) {
                    for (int i = 0; i < deliveries.size(); i++) {
                        Object[] row = deliveryRows.get(i);
                        @SuppressWarnings("unchecked")
                        List<String> rest = (List<String>) row[2];
                        bindDelivery(c, ps, deliveries.get(i), (String) row[0], (String) row[1], rest, (Instant) row[3]);
                        ps.addBatch();
                    }
                    int[] counts = ps.executeBatch();
                    for (int i = 0; i < counts.length; i++) {
                        if (counts[i] > 0) {
                            Object[] row = deliveryRows.get(i);
                            out.put(deliveries.get(i).notificationId(), new NotificationEvent.DeliveryQueued(
                                    deliveries.get(i).notificationId(), (String) row[0], Contacts.mask((String) row[1]),
                                    (Instant) row[3], false));
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new EventLogException("deliveries could not be queued: " + e.getMessage(), e);
        }
        return out;
    }

    private static final String DELIVERY = "insert into delivery (delivery_id, notification_id, source_event_id, "
            + "recipient, channel, address, correlation_id, chain, urgency, subject, text, state, next_attempt_at, "
            + "updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, ?) "
            + "on conflict (source_event_id, recipient, channel) do nothing";
    private static final String DIGEST_ITEM = "insert into digest_item (notification_id, recipient, text, created_at) "
            + "values (?, ?, ?, ?) on conflict (notification_id) do nothing";

    private void bindDelivery(Connection c, PreparedStatement ps, Outgoing n, String channel, String address,
            List<String> rest, Instant notBefore) throws SQLException {
        ps.setString(1, "delivery-" + EventIds.next());
        ps.setString(2, n.notificationId());
        ps.setObject(3, n.sourceEventId());
        ps.setString(4, n.recipient());
        ps.setString(5, channel);
        ps.setString(6, address);
        ps.setString(7, n.correlationId());
        ps.setArray(8, c.createArrayOf("text", rest.toArray()));
        ps.setString(9, n.urgency());
        ps.setString(10, n.subject());
        ps.setString(11, n.text());
        ps.setTimestamp(12, Timestamp.from(notBefore));
        ps.setTimestamp(13, Timestamp.from(clock.instant()));
    }

    private void bindDigestItem(PreparedStatement ps, Outgoing n) throws SQLException {
        ps.setString(1, n.notificationId());
        ps.setString(2, n.recipient());
        ps.setString(3, n.text());
        ps.setTimestamp(4, Timestamp.from(clock.instant()));
    }

    /** Queues on one channel and records it; false when this (source, recipient, channel) was queued before. */
    boolean enqueue(Outgoing n, String channel, String address, List<String> rest, Instant notBefore) {
        if (!insert(n, channel, address, rest, notBefore)) {
            return false;
        }
        log.append(n.notificationId(), EventStore.ANY_VERSION, "delivery", n.correlationId(),
                n.sourceEventId().toString(), new NotificationEvent.DeliveryQueued(n.notificationId(), channel,
                        Contacts.mask(address), notBefore, false));
        return true;
    }

    private boolean insert(Outgoing n, String channel, String address, List<String> rest, Instant notBefore) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(DELIVERY)) {
            bindDelivery(c, ps, n, channel, address, rest, notBefore);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new EventLogException("delivery could not be queued: " + e.getMessage(), e);
        }
    }

    private boolean digestItem(Outgoing n) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(DIGEST_ITEM)) {
            bindDigestItem(ps, n);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new EventLogException("digest item could not be queued: " + e.getMessage(), e);
        }
    }

    @Scheduled(every = "${binhyen.notification.delivery.sweep-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        int sent = deliverDue(500);
        if (sent > 0) {
            LOG.debugf("delivery sweep: %d attempts", sent);
        }
    }

    /** Due deliveries claimed together, sent concurrently, recorded in one transaction. */
    static final int BATCH = 32;

    /**
     * Sends run on these eight threads, a batch's at once (a slow gateway holds one batch, not one message
     * after another): the queue's own, stopped with it ({@link #stopSenders}). Plain threads on purpose,
     * not a MicroProfile managed executor on Quarkus's worker threads: with one (carrying the caller's
     * context but its transaction, or carrying and keeping none), the mail client's handling of the SMTP
     * server's replies now and then waited 30 s, until GreenMail dropped the connection with 421
     * (DeliveryTests in the full suite: four runs of seven failed so, on 2026-12-04); on plain threads it
     * has not (and had not in any earlier run).
     */
    private final java.util.concurrent.ExecutorService senders;

    @PreDestroy
    void stopSenders() {
        senders.shutdown(); // the sends in flight finish; their batch records them
    }

    /** A claimed delivery: due to be tried, or handed over to zalo-connector and waited for long enough. */
    private record Due(String deliveryId, Outgoing n, String channel, String address, List<String> rest, int attempt,
            boolean handedOver) {
    }

    /**
     * Tries every due delivery, at most {@code max}: up to {@link #BATCH} rows claimed at a time
     * ({@link DueWork}, so instances share the queue), sent concurrently, each
     * outcome recorded in the claiming transaction; returns how many were tried.
     */
    public int deliverDue(int max) {
        return DUE.drain(transactions, clock, BATCH, max, (ps, now) -> ps.setTimestamp(1, Timestamp.from(now)),
                this::deliver).claimed();
    }

    /** Deliveries due to be tried, or handed over and waited for long enough, oldest due first. */
    private static final DueWork<Due> DUE = DueWork.of("deliveries", "select " + DeliveryQueue.ROW
            + " from delivery where state in ('PENDING', 'HANDED_OVER') and next_attempt_at <= ? "
            + "order by next_attempt_at", DeliveryQueue::due);

    private int deliver(Connection c, List<Due> due, Instant now) throws SQLException {
        List<java.util.concurrent.Future<Delivery.Outcome>> sent = new ArrayList<>(due.size());
        for (Due d : due) {
            sent.add(d.handedOver() || Delivery.HANDED_OVER.contains(d.channel()) ? null
                    : senders.submit(() -> send(d.channel(), d.address(), d.n())));
        }
        for (int i = 0; i < due.size(); i++) {
            Due d = due.get(i);
            if (d.handedOver()) { // zalo-connector never answered: down, or behind by more than the wait
                record(c, d.deliveryId(), d.n(), d.channel(), d.address(), d.rest(), d.attempt(), now,
                        new Delivery.Outcome.Failed(false, "zalo-connector did not answer in time"));
            } else if (Delivery.HANDED_OVER.contains(d.channel())) {
                handOver(c, d, now);
            } else {
                record(c, d.deliveryId(), d.n(), d.channel(), d.address(), d.rest(), d.attempt(), now,
                        outcome(sent.get(i)));
            }
        }
        return due.size();
    }

    /** A claimed delivery row, read: its attempt is the next one, unless it waits for the connector's answer. */
    private static Due due(ResultSet rs) throws SQLException {
        Array chainArray = rs.getArray(8);
        boolean handedOver = "HANDED_OVER".equals(rs.getString(13));
        return new Due(rs.getString(1), outgoing(rs), rs.getString(5), rs.getString(6),
                Arrays.asList((String[]) chainArray.getArray()), handedOver ? rs.getInt(12) : rs.getInt(12) + 1,
                handedOver);
    }

    /** A delivery row's columns, in the order {@link #outgoing} and the claims read them. */
    private static final String ROW = "delivery_id, notification_id, source_event_id, recipient, channel, address, "
            + "correlation_id, chain, urgency, subject, text, attempt, state";

    private static Outgoing outgoing(ResultSet rs) throws SQLException {
        return new Outgoing(rs.getString(2), (UUID) rs.getObject(3), rs.getString(7), rs.getString(4), rs.getString(9),
                rs.getString(10), rs.getString(11));
    }

    /**
     * A Zalo delivery goes to zalo-connector, which holds the Official Accounts' tokens and rate
     * limits: {@code ZaloMessageRequested} on this service's topic, and the row waits (HANDED_OVER)
     * for the connector's answer ({@link #answered}) until the connector's deadline and a grace
     * after it; with no answer by then the chain's next channel takes over.
     */
    private void handOver(Connection c, Due d, Instant now) throws SQLException {
        Instant notAfter = now.plus(settings.handOver().patience());
        Instant waitUntil = notAfter.plus(settings.handOver().grace());
        update(c, d.deliveryId(), "HANDED_OVER", d.attempt(), waitUntil, null);
        String kind = d.channel().equals(Delivery.ZALO_GROUP) ? NotificationEvent.ZaloMessageRequested.GROUP
                : NotificationEvent.ZaloMessageRequested.USER;
        log.append(d.n().notificationId(), EventStore.ANY_VERSION, "delivery", d.n().correlationId(),
                d.n().sourceEventId().toString(),
                new NotificationEvent.DeliveryAttempted(d.n().notificationId(), d.channel(), Contacts.mask(d.address()),
                        d.attempt(), "HANDED_OVER", null, waitUntil),
                new NotificationEvent.ZaloMessageRequested(d.n().notificationId(), d.deliveryId(), kind, d.address(),
                        d.n().text(), notAfter));
    }

    /**
     * zalo-connector's answer to a handed-over delivery (its action {@code notification:<deliveryId>}),
     * in the caller's transaction: carried out, or not possible (the chain's next channel takes over).
     * An answer for a delivery not waiting any more (answered before, a replay, or one that waited past
     * its grace and went its next way) changes nothing; false then.
     */
    public boolean answered(String deliveryId, boolean carriedOut, String reason) {
        try (Connection c = dataSource.getConnection()) {
            Due d = null;
            try (PreparedStatement ps = c.prepareStatement("select " + ROW + " from delivery "
                    + "where delivery_id = ? and state = 'HANDED_OVER' for update")) {
                ps.setString(1, deliveryId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        d = due(rs); // HANDED_OVER: the attempt it was handed over in
                    }
                }
            }
            if (d == null) {
                LOG.debugf("zalo-connector's answer for %s: the delivery is not waiting for one", deliveryId);
                return false;
            }
            record(c, d.deliveryId(), d.n(), d.channel(), d.address(), d.rest(), d.attempt(), clock.instant(),
                    carriedOut ? new Delivery.Outcome.Sent() : new Delivery.Outcome.Failed(false,
                            "zalo-connector: " + reason));
            return true;
        } catch (SQLException e) {
            throw new EventLogException("the connector's answer for " + deliveryId + " not recorded: " + e.getMessage(), e);
        }
    }

    private Delivery.Outcome send(String channel, String address, Outgoing n) {
        Channel ch = channels.get(channel);
        return ch == null ? new Delivery.Outcome.Failed(false, "no channel " + channel)
                : ch.send(address, n.subject(), n.text());
    }

    private static Delivery.Outcome outcome(java.util.concurrent.Future<Delivery.Outcome> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Delivery.Outcome.Failed(true, "interrupted");
        } catch (java.util.concurrent.ExecutionException e) {
            return new Delivery.Outcome.Failed(true, "the channel failed: " + e.getCause());
        }
    }

    private void record(Connection c, String deliveryId, Outgoing n, String channel, String address,
            List<String> rest, int attempt, Instant now, Delivery.Outcome outcome) throws SQLException {
        Delivery.Decision decision = Delivery.HANDED_OVER.contains(channel)
                ? Delivery.answered(channel, rest, outcome instanceof Delivery.Outcome.Sent,
                        outcome instanceof Delivery.Outcome.Failed f ? f.error() : null)
                : Delivery.decide(channel, attempt, rest, outcome, settings.policy(channel), now);
        String masked = Contacts.mask(address);
        String cause = n.sourceEventId().toString();
        String error = outcome instanceof Delivery.Outcome.Failed f ? f.error() : null;
        switch (decision) {
            case Delivery.Decision.Delivered d -> {
                update(c, deliveryId, "DELIVERED", attempt, now, null);
                log.append(n.notificationId(), EventStore.ANY_VERSION, "delivery", n.correlationId(), cause,
                        new NotificationEvent.DeliveryAttempted(n.notificationId(), channel, masked, attempt,
                                "DELIVERED", null, null),
                        new NotificationEvent.NotificationDelivered(n.notificationId(), channel));
            }
            case Delivery.Decision.RetryAt r -> {
                LOG.infof("notification %s to %s over %s, attempt %d failed (%s); tried again at %s", n.notificationId(),
                        n.recipient(), channel, attempt, error, r.at());
                update(c, deliveryId, "PENDING", attempt, r.at(), error);
                log.append(n.notificationId(), EventStore.ANY_VERSION, "delivery", n.correlationId(), cause,
                        new NotificationEvent.DeliveryAttempted(n.notificationId(), channel, masked, attempt, "RETRY",
                                error, r.at()));
            }
            case Delivery.Decision.FailOver f -> {
                update(c, deliveryId, "FAILED_OVER", attempt, now, error);
                log.append(n.notificationId(), EventStore.ANY_VERSION, "delivery", n.correlationId(), cause,
                        new NotificationEvent.DeliveryAttempted(n.notificationId(), channel, masked, attempt, "FAILED",
                                error, null),
                        new NotificationEvent.DeliveryFailedOver(n.notificationId(), channel, f.toChannel(),
                                f.reason()));
                String next = contacts.find(n.recipient()).map(ct -> ct.chain(List.of(f.toChannel())))
                        .map(m -> m.get(f.toChannel())).orElse(null);
                if (next == null) {
                    deadLetter(n, f.toChannel(), "no " + f.toChannel() + " address for " + n.recipient()
                            + " any more");
                } else {
                    enqueue(n, f.toChannel(), next, rest.subList(1, rest.size()), now);
                }
            }
            case Delivery.Decision.DeadLetter dl -> {
                update(c, deliveryId, "DEAD", attempt, now, error);
                log.append(n.notificationId(), EventStore.ANY_VERSION, "delivery", n.correlationId(), cause,
                        new NotificationEvent.DeliveryAttempted(n.notificationId(), channel, masked, attempt, "FAILED",
                                error, null));
                deadLetter(n, channel, dl.reason());
            }
        }
    }

    private void deadLetter(Outgoing n, String channel, String reason) {
        LOG.warnf("notification %s to %s dead-lettered: %s", n.notificationId(), n.recipient(), reason);
        log.append(n.notificationId(), EventStore.ANY_VERSION, "delivery", n.correlationId(),
                n.sourceEventId().toString(),
                new NotificationEvent.NotificationDeadLettered(n.notificationId(), n.recipient(), channel, reason));
    }

    private static void update(Connection c, String deliveryId, String state, int attempt, Instant next, String error)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update delivery set state = ?, attempt = ?, next_attempt_at = ?, "
                + "last_error = ?, updated_at = now() where delivery_id = ?")) {
            ps.setString(1, state);
            ps.setInt(2, attempt);
            ps.setTimestamp(3, Timestamp.from(next));
            ps.setString(4, error);
            ps.setString(5, deliveryId);
            ps.executeUpdate();
        }
    }
}
