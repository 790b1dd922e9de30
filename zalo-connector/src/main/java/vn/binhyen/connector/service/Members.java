package vn.binhyen.connector.service;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import vn.binhyen.contracts.connector.ConnectorEvent;
import vn.binhyen.contracts.group.GroupEvent;

/**
 * Who a Zalo account is in a bound group. Zalo's ids are scoped to the OA, so an account is
 * the roster's member when the roster names that account ({@code Member.zaloId}), or else when
 * exactly one member of the roster, not yet mapped, has the full name Zalo's member list shows
 * for it. A mapping is recorded once ({@code ZaloMemberMapped}); an account no member is known
 * by is reported once ({@code UnknownMemberSeen}) and its messages are screened all the same.
 */
@ApplicationScoped
public class Members {
    private final AgroalDataSource dataSource;
    private final ConnectorLog log;

    Members(AgroalDataSource dataSource, ConnectorLog log) {
        this.dataSource = dataSource;
        this.log = log;
    }

    /** The member behind an account (null when none is known), and the name to show for them. */
    public record Who(String memberId, String name, String zaloUserId) {
    }

    /**
     * What one batch of events learned of the accounts that wrote them: an account mapped to a
     * member is asked once per batch, not once per message (a burst comes from a few people).
     * Unmapped accounts are asked each time (the board is told of one only once).
     */
    public static final class Memo {
        private final java.util.Map<String, Who> mapped = new java.util.HashMap<>();
    }

    /** As {@link #who(Bindings.Binding, String, String)}, answered from the batch's memo where it can be. */
    public Who who(Bindings.Binding b, String zaloUserId, String messageId, Memo memo) {
        String key = b.oaId() + '\n' + b.zaloGroupId() + '\n' + zaloUserId;
        Who known = memo.mapped.get(key);
        if (known != null) {
            return known;
        }
        Who w = who(b, zaloUserId, messageId);
        if (w.memberId() != null) {
            memo.mapped.put(key, w);
        }
        return w;
    }

    public Who who(Bindings.Binding b, String zaloUserId, String messageId) {
        // every message asks: the account and, when mapped, its member's roster name in one query
        Account a = accountWithRosterName(b, zaloUserId);
        if (a == null) {
            insertAccount(b, zaloUserId, null);
            a = new Account(null, null, false);
        }
        if (a.memberId() == null) {
            Optional<Roster> byId = rosterByZaloId(b.groupId(), zaloUserId);
            if (byId.isPresent()) {
                map(b, zaloUserId, byId.get().memberId(), "ZALO_ID");
                return new Who(byId.get().memberId(), byId.get().fullName(), zaloUserId);
            }
            if (!a.unknownTold()) {
                update("update zalo_member set unknown_told = true where oa_id = ? and zalo_group_id = ? "
                        + "and zalo_user_id = ?", b.oaId(), b.zaloGroupId(), zaloUserId);
                log.append("binding-" + b.groupId(), new ConnectorEvent.UnknownMemberSeen(b.groupId(), zaloUserId,
                        a.name(), messageId), ConnectorLog.CONNECTOR, "zalo-" + messageId);
            }
            return new Who(null, a.name(), zaloUserId);
        }
        return new Who(a.memberId(), a.name(), zaloUserId);
    }

    /** A leave: the account is recorded. */
    public void left(Bindings.Binding b, String zaloUserId) {
        if (account(b, zaloUserId) == null) {
            insertAccount(b, zaloUserId, null);
        }
    }

    /**
     * A join: the account recorded, with its name as Zalo lists it ({@code listedName}, null when
     * unknown), and mapped to the roster where it can be; answers the member it is, if any.
     */
    public Optional<String> joined(Bindings.Binding b, String zaloUserId, String listedName) {
        listed(b, zaloUserId, listedName);
        Account a = account(b, zaloUserId);
        return Optional.ofNullable(a == null ? null : a.memberId());
    }


    /** Where a screened message came from, for its verdict to find its way back. */
    public record Origin(Bindings.Binding binding, String messageId, String zaloUserId, Who who) {
    }

    /** Keeps where each message came from (a batch's, in one round trip); one kept before stays as it was. */
    public void origins(List<Origin> origins) {
        if (origins.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "insert into message_origin (group_id, message_id, oa_id, zalo_group_id, zalo_user_id, member_id, name) "
                        + "values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing")) {
            for (Origin o : origins) {
                ps.setString(1, o.binding().groupId());
                ps.setString(2, o.messageId());
                ps.setString(3, o.binding().oaId());
                ps.setString(4, o.binding().zaloGroupId());
                ps.setString(5, o.zaloUserId());
                ps.setString(6, o.who().memberId());
                ps.setString(7, o.who().name());
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An account as Zalo's member list shows it: its name kept, and mapped to the roster where it can be. */
    public void listed(Bindings.Binding b, String zaloUserId, String name) {
        Account a = account(b, zaloUserId);
        if (a == null) {
            insertAccount(b, zaloUserId, name);
        } else {
            update("update zalo_member set name = coalesce(?, name) where oa_id = ? and zalo_group_id = ? "
                    + "and zalo_user_id = ?", name, b.oaId(), b.zaloGroupId(), zaloUserId);
            if (a.memberId() != null) {
                return;
            }
        }
        Optional<Roster> byId = rosterByZaloId(b.groupId(), zaloUserId);
        if (byId.isPresent()) {
            map(b, zaloUserId, byId.get().memberId(), "ZALO_ID");
            return;
        }
        List<String> sameName = unmappedByName(b, name);
        if (sameName.size() == 1) {
            map(b, zaloUserId, sameName.get(0), "NAME");
        }
    }

    /** The accounts seen in a bound group and whom each is: {@code zaloUserId, name, memberId, mappedBy}. */
    public List<java.util.Map<String, Object>> mapping(Bindings.Binding b) {
        List<java.util.Map<String, Object>> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select zalo_user_id, name, member_id, mapped_by from zalo_member "
                        + "where oa_id = ? and zalo_group_id = ? order by zalo_user_id limit 2000")) {
            ps.setString(1, b.oaId());
            ps.setString(2, b.zaloGroupId());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
                    m.put("zaloUserId", rs.getString(1));
                    m.put("name", rs.getString(2));
                    m.put("memberId", rs.getString(3));
                    m.put("mappedBy", rs.getString(4));
                    out.add(m);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /** The Zalo account of a member in a bound group, if mapped. */
    public Optional<String> accountOf(Bindings.Binding b, String memberId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select zalo_user_id from zalo_member where oa_id = ? "
                        + "and zalo_group_id = ? and member_id = ?")) {
            ps.setString(1, b.oaId());
            ps.setString(2, b.zaloGroupId());
            ps.setString(3, memberId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The roster as group-service's events tell it. */
    public void rosterUpsert(String groupId, GroupEvent.Member m) {
        if (m == null || m.memberId() == null) {
            return;
        }
        update("insert into roster_member (group_id, member_id, full_name, zalo_id, phone) values (?, ?, ?, ?, ?) "
                + "on conflict (group_id, member_id) do update set full_name = excluded.full_name, "
                + "zalo_id = excluded.zalo_id, phone = excluded.phone", groupId, m.memberId(), m.fullName(), m.zaloId(),
                m.phone());
    }

    public void rosterAccount(String groupId, String memberId, String zaloId, String phone) {
        update("update roster_member set zalo_id = ?, phone = ? where group_id = ? and member_id = ?", zaloId, phone,
                groupId, memberId);
    }

    public void rosterRemove(String groupId, String memberId) {
        update("delete from roster_member where group_id = ? and member_id = ?", groupId, memberId);
    }

    private void map(Bindings.Binding b, String zaloUserId, String memberId, String by) {
        update("update zalo_member set member_id = ?, mapped_by = ? where oa_id = ? and zalo_group_id = ? "
                + "and zalo_user_id = ?", memberId, by, b.oaId(), b.zaloGroupId(), zaloUserId);
        log.append("binding-" + b.groupId(), new ConnectorEvent.ZaloMemberMapped(b.groupId(), zaloUserId, memberId, by),
                ConnectorLog.CONNECTOR, "zalo-map-" + zaloUserId);
    }

    private record Account(String memberId, String name, boolean unknownTold) {
    }

    private record Roster(String memberId, String fullName) {
    }

    private Account account(Bindings.Binding b, String zaloUserId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select member_id, name, unknown_told from zalo_member "
                        + "where oa_id = ? and zalo_group_id = ? and zalo_user_id = ?")) {
            ps.setString(1, b.oaId());
            ps.setString(2, b.zaloGroupId());
            ps.setString(3, zaloUserId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Account(rs.getString(1), rs.getString(2), rs.getBoolean(3)) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void insertAccount(Bindings.Binding b, String zaloUserId, String name) {
        update("insert into zalo_member (oa_id, zalo_group_id, zalo_user_id, name) values (?, ?, ?, ?) "
                + "on conflict do nothing", b.oaId(), b.zaloGroupId(), zaloUserId, name);
    }

    private Optional<Roster> rosterByZaloId(String groupId, String zaloUserId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select member_id, full_name from roster_member "
                        + "where group_id = ? and zalo_id = ?")) {
            ps.setString(1, groupId);
            ps.setString(2, zaloUserId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Roster(rs.getString(1), rs.getString(2))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The account, its name being its member's roster name where the roster has one (else Zalo's). */
    private Account accountWithRosterName(Bindings.Binding b, String zaloUserId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select z.member_id, coalesce(r.full_name, z.name), "
                        + "z.unknown_told from zalo_member z left join roster_member r on r.group_id = ? "
                        + "and r.member_id = z.member_id where z.oa_id = ? and z.zalo_group_id = ? "
                        + "and z.zalo_user_id = ?")) {
            ps.setString(1, b.groupId());
            ps.setString(2, b.oaId());
            ps.setString(3, b.zaloGroupId());
            ps.setString(4, zaloUserId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Account(rs.getString(1), rs.getString(2), rs.getBoolean(3)) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Roster members of this full name (compared in NFC, case and spacing aside) no account is mapped to yet. */
    private List<String> unmappedByName(Bindings.Binding b, String name) {
        if (name == null || name.isBlank()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        String wanted = normal(name);
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select r.member_id, r.full_name from roster_member r "
                        + "where r.group_id = ? and not exists (select 1 from zalo_member z where z.oa_id = ? "
                        + "and z.zalo_group_id = ? and z.member_id = r.member_id)")) {
            ps.setString(1, b.groupId());
            ps.setString(2, b.oaId());
            ps.setString(3, b.zaloGroupId());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getString(2) != null && normal(rs.getString(2)).equals(wanted)) {
                        out.add(rs.getString(1));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    static String normal(String name) {
        String n = Normalizer.normalize(name, Normalizer.Form.NFC).strip().toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(n.length());
        boolean space = false;
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            if (Character.isWhitespace(c)) {
                space = true;
                continue;
            }
            if (space && out.length() > 0) {
                out.append(' ');
            }
            space = false;
            out.append(c);
        }
        return out.toString();
    }

    private void update(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
