package vn.binhyen.notification.service;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import vn.binhyen.contracts.Roles;
import vn.binhyen.eventlog.EventLogException;
import vn.binhyen.notification.domain.Delivery;

/**
 * How recipients are reached outside the app. Members' Zalo ids and phones are learned from
 * group events; preferences, emails, quiet hours and the addresses of roles, groups and
 * citizens are set through the contacts API. JDBC on purpose: a contact is written by upserts
 * that keep what an event leaves out ({@code on conflict … coalesce}), and read on routing's hot path
 * behind a two-second cache.
 */
@ApplicationScoped
public class Contacts {
    static final Duration FRESH = Duration.ofSeconds(2);

    private final AgroalDataSource dataSource;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(Optional<Delivery.Contact> contact, long until) {
    }

    Contacts(AgroalDataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /**
     * A recipient's contact. Answers are kept for a moment ({@link #FRESH}): routing a burst
     * addresses the same people again and again; a change through this instance (the API, a
     * group event) is seen at once, one through another instance within that moment.
     */
    public Optional<Delivery.Contact> find(String recipient) {
        Cached hit = cache.get(recipient);
        if (hit != null && hit.until() > System.nanoTime()) {
            return hit.contact();
        }
        Optional<Delivery.Contact> found = read(recipient);
        if (cache.size() > 10_000) {
            cache.clear();
        }
        cache.put(recipient, new Cached(found, System.nanoTime() + FRESH.toNanos()));
        return found;
    }

    private Optional<Delivery.Contact> read(String recipient) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select zalo_user_id, zalo_group_id, phone, email, preferred, quiet_from, quiet_to from contact "
                        + "where recipient = ?")) {
            ps.setString(1, recipient);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Array preferred = rs.getArray(5);
                Time from = rs.getTime(6);
                Time to = rs.getTime(7);
                return Optional.of(new Delivery.Contact(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), preferred == null ? null : Arrays.asList((String[]) preferred.getArray()),
                        from == null ? null : from.toLocalTime(), to == null ? null : to.toLocalTime()));
            }
        } catch (SQLException e) {
            throw new EventLogException("contact of " + recipient + " could not be read: " + e.getMessage(), e);
        }
    }

    /**
     * Whether anyone answers to {@code recipient}: a platform role, a member some group event
     * named, or a recipient with a contact.
     */
    public boolean known(String recipient) {
        if (recipient.startsWith("role:")) {
            return vn.binhyen.notification.service.RoleRecipients.role(recipient).filter(Roles.ALL::contains)
                    .isPresent();
        }
        if (find(recipient).isPresent()) {
            return true;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select 1 from directory_seat where member_id = ? "
                        + "union all select 1 from directory_seat where agency_contact = ? limit 1")) {
            // only a member:<id> can be in a group's roster, or named on one as a member's agency contact
            String id = recipient.startsWith("member:") ? recipient.substring("member:".length()) : null;
            ps.setString(1, id);
            ps.setString(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new EventLogException("recipient " + recipient + " could not be looked up: " + e.getMessage(), e);
        }
    }

    /** Sets a recipient's contact as a whole (the contacts API). */
    public void put(String recipient, Delivery.Contact contact) {
        cache.remove(recipient);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "insert into contact (recipient, zalo_user_id, zalo_group_id, phone, email, preferred, quiet_from, "
                        + "quiet_to, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (recipient) do update set "
                        + "zalo_user_id = excluded.zalo_user_id, zalo_group_id = excluded.zalo_group_id, "
                        + "phone = excluded.phone, email = excluded.email, preferred = excluded.preferred, "
                        + "quiet_from = excluded.quiet_from, quiet_to = excluded.quiet_to, updated_at = excluded.updated_at")) {
            ps.setString(1, recipient);
            ps.setString(2, contact.zaloUserId());
            ps.setString(3, contact.zaloGroupId());
            ps.setString(4, contact.phone());
            ps.setString(5, contact.email());
            ps.setArray(6, contact.preferred() == null ? null : c.createArrayOf("text", contact.preferred().toArray()));
            ps.setTime(7, contact.quietFrom() == null ? null : Time.valueOf(contact.quietFrom()));
            ps.setTime(8, contact.quietTo() == null ? null : Time.valueOf(contact.quietTo()));
            ps.setTimestamp(9, Timestamp.from(clock.instant()));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new EventLogException("contact of " + recipient + " could not be saved: " + e.getMessage(), e);
        }
    }

    /** Deletes a recipient's contact (a shredded reporter's, issue 21): forgotten here at once. */
    public void erase(String recipient) {
        cache.remove(recipient);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "delete from contact where recipient = ?")) {
            ps.setString(1, recipient);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new EventLogException("contact of " + recipient + " could not be erased: " + e.getMessage(), e);
        } finally {
            cache.remove(recipient); // a lookup racing the delete may have put the old contact back
        }
    }

    /** A member's Zalo id and phone as a group event states them; what the event leaves out is kept. */
    public void learn(String memberId, String zaloId, String phone) {
        if (blank(zaloId) && blank(phone)) {
            return;
        }
        cache.remove("member:" + memberId);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "insert into contact (recipient, zalo_user_id, phone, updated_at) values (?, ?, ?, ?) "
                        + "on conflict (recipient) do update set zalo_user_id = coalesce(excluded.zalo_user_id, "
                        + "contact.zalo_user_id), phone = coalesce(excluded.phone, contact.phone), "
                        + "updated_at = excluded.updated_at")) {
            ps.setString(1, "member:" + memberId);
            ps.setString(2, blank(zaloId) ? null : zaloId);
            ps.setString(3, blank(phone) ? null : phone);
            ps.setTimestamp(4, Timestamp.from(clock.instant()));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new EventLogException("contact of " + memberId + " could not be learned: " + e.getMessage(), e);
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** An address as events and logs show it: enough to tell which, not enough to use. */
    public static String mask(String address) {
        if (address == null || address.length() <= 4) {
            return "***";
        }
        int at = address.indexOf('@');
        if (at > 0) {
            return address.charAt(0) + "***" + address.substring(at);
        }
        return "***" + address.substring(address.length() - 3);
    }
}
