package vn.binhyen.notification.service;

import vn.binhyen.notification.config.DeliverySettings;
import vn.binhyen.notification.domain.Urgency;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import vn.binhyen.contracts.notification.NotificationEvent;
import vn.binhyen.eventlog.DueWork;
import vn.binhyen.eventlog.EventIds;
import vn.binhyen.eventlog.EventLogException;
import vn.binhyen.eventlog.EventStore;
import vn.binhyen.notification.domain.Delivery;

/**
 * Non-urgent notifications are batched per recipient: once the oldest waiting item is
 * {@code digest-every} old, all of the recipient's waiting items become one message, queued like
 * any other delivery (its source is the digest, so it is sent once). Critical and urgent ones
 * never wait here. JDBC, as the delivery queue's: a recipient's items are claimed with {@code FOR
 * UPDATE SKIP LOCKED} (DueWork) and marked in the claiming transaction.
 */
@ApplicationScoped
public class Digests {
    private final AgroalDataSource dataSource;
    private final Contacts contacts;
    private final DeliveryQueue queue;
    private final NotificationLog log;
    private final DeliverySettings settings;
    private final Clock clock;

    Digests(AgroalDataSource dataSource, Contacts contacts, DeliveryQueue queue, NotificationLog log,
            DeliverySettings settings, Clock clock) {
        this.dataSource = dataSource;
        this.contacts = contacts;
        this.queue = queue;
        this.log = log;
        this.settings = settings;
        this.clock = clock;
    }

    @Scheduled(every = "${binhyen.notification.delivery.digest-sweep-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        sendDue();
    }

    /** Builds the digests that are due; returns how many. */
    public int sendDue() {
        int built = 0;
        for (String recipient : dueRecipients()) {
            if (Boolean.TRUE.equals(QuarkusTransaction.requiringNew().call(() -> build(recipient)))) {
                built++;
            }
        }
        return built;
    }

    private List<String> dueRecipients() {
        List<String> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select recipient from digest_item where digest_id is null group by recipient "
                        + "having min(created_at) <= ? limit 1000")) {
            ps.setTimestamp(1, Timestamp.from(clock.instant().minus(settings.digestEvery())));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new EventLogException("digests could not be listed: " + e.getMessage(), e);
        }
        return out;
    }

    /** A notification waiting for its recipient's digest. */
    private record Item(String notificationId, String text) {
    }

    /** All of a recipient's items not yet in a digest, in the order they came. */
    private static final DueWork<Item> ITEMS = DueWork.of("digest items", "select notification_id, text "
            + "from digest_item where recipient = ? and digest_id is null order by created_at, notification_id",
            rs -> new Item(rs.getString(1), rs.getString(2)));

    private boolean build(String recipient) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            List<Item> items = ITEMS.claim(c, ps -> ps.setString(1, recipient), DueWork.ALL);
            List<String> ids = items.stream().map(Item::notificationId).toList();
            List<String> texts = items.stream().map(Item::text).toList();
            if (ids.isEmpty()) {
                return false; // another instance took them
            }
            String digestId = "digest-" + EventIds.next();
            try (PreparedStatement mark = c.prepareStatement(
                    "update digest_item set digest_id = ? where notification_id = any(?)")) {
                mark.setString(1, digestId);
                mark.setArray(2, c.createArrayOf("text", ids.toArray()));
                mark.executeUpdate();
            }
            String text = Delivery.digest(texts);
            Delivery.Contact contact = contacts.find(recipient).orElse(null);
            Map<String, String> chain = contact == null ? Map.of() : contact.chain(settings.defaultChain());
            String first = chain.isEmpty() ? "(none)" : chain.keySet().iterator().next();
            log.append(digestId, 0, "digest", digestId, null,
                    new NotificationEvent.DigestQueued(digestId, recipient, first, ids, text));
            var outgoing = new DeliveryQueue.Outgoing(digestId,
                    UUID.nameUUIDFromBytes(digestId.getBytes(StandardCharsets.UTF_8)), digestId, recipient,
                    Urgency.NORMAL.name(), "Bình Yên: bản tin tổng hợp", text);
            if (chain.isEmpty()) {
                log.append(digestId, EventStore.ANY_VERSION, "digest", digestId, null,
                        new NotificationEvent.NotificationDeadLettered(digestId, recipient, first,
                                "no reachable channel for " + recipient + " any more"));
                return true;
            }
            Instant notBefore = Delivery.notBefore(clock.instant(), Urgency.NORMAL, contact,
                    ZoneId.of(settings.zone()));
            queue.enqueue(outgoing, first, chain.get(first),
                    new ArrayList<>(chain.keySet()).subList(1, chain.size()), notBefore);
            return true;
        }
    }
}
