package vn.binhyen.eventlog.directory;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import vn.binhyen.eventlog.Envelope;
import vn.binhyen.eventlog.EventLogException;
import vn.binhyen.eventlog.decider.EventCodec;
import vn.binhyen.contracts.group.GroupEvent;
import vn.binhyen.contracts.group.UnitEvent;

/**
 * Units, groups, their rosters and their bots as group-service's events tell them (issue 21):
 * the read model a service consults to know who may act where, without trusting what a token
 * says about groups. Every write is an upsert or a delete, so a redelivered event changes
 * nothing; events of one group arrive in order (one partition per stream).
 *
 * <p>Tables {@code directory_unit}, {@code directory_group}, {@code directory_seat} and
 * {@code directory_bot} are created by each consuming service's own migration. Answers about
 * bots are cached for {@link #CACHE_FOR} (screening asks on every request); a binding or an
 * unbinding this instance applies is seen at once, one another instance applies within that time.
 */
@ApplicationScoped
public class Directory {
    /** The event types this read model follows. */
    public static final Set<String> FOLLOWED = Set.of("UnitEstablished", "UnitRenamed", "GroupEstablished",
            "MemberAdded", "RoleAssigned", "RoleHandedOver", "MemberRemoved", "MemberLeft", "BotBound",
            "BotUnbound", "ProfileChanged", "AccountCompromisedReported");
    /** The roles of a group's management board (Ban quản trị). */
    public static final Set<String> BOARD = Set.of("LEADER", "DEPUTY", "ADMIN");
    /** The leadership of the police group (lãnh đạo, chỉ huy): who forwards and transfers tips (police-song-tri:15.3). */
    public static final Set<String> LEADERSHIP = Set.of("LEADER", "DEPUTY");
    /** How long an answer about a bot's groups is kept in memory. */
    public static final Duration CACHE_FOR = Duration.ofSeconds(5);

    private final AgroalDataSource dataSource;
    private final Cache<Binding, Boolean> botAnswers = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterWrite(CACHE_FOR).build();
    private final Cache<String, String> groupUnits = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterWrite(Duration.ofMinutes(10)).build();

    /** The seats whose posting is frozen, in memory: read again by {@link #refreshFrozen}, added to as events come. */
    private volatile Set<Binding> frozen = Set.of();

    /** Evicts the caches again once the applying transaction has committed. */
    private final vn.binhyen.eventlog.quarkus.AfterCommit afterCommit;

    public Directory(AgroalDataSource dataSource, vn.binhyen.eventlog.quarkus.AfterCommit afterCommit) {
        this.dataSource = dataSource;
        this.afterCommit = afterCommit;
    }

    private void evict(Runnable eviction) {
        afterCommit.nowAndAfterCommit(eviction);
    }

    /** group-service's published records: the read model decodes them, never a field by its JSON path. */
    static final EventCodec<GroupEvent> GROUP_EVENTS = EventCodec.reading(GroupEvent.class, GroupEvent.TYPES,
            GroupEvent.SCHEMA_VERSION);
    static final EventCodec<UnitEvent> UNIT_EVENTS = EventCodec.reading(UnitEvent.class, UnitEvent.TYPES,
            UnitEvent.SCHEMA_VERSION);

    /** Applies one of group-service's events; types it does not follow are ignored. */
    public void apply(Envelope e) {
        if (FOLLOWED.contains(e.eventType())) {
            decode(e).ifPresent(this::apply);
        }
    }

    /**
     * One of group-service's events as its published record (a {@link GroupEvent} or a
     * {@link UnitEvent}); empty for a type neither publishes.
     */
    public static Optional<Object> decode(Envelope e) {
        try {
            return read(e);
        } catch (IllegalArgumentException malformed) {
            // a payload that is not its published record: said, and passed over, so one bad record does not stop
            // every later event of the topic (a record group-service wrote always decodes)
            org.jboss.logging.Logger.getLogger(Directory.class).warnf("%s %s of %s is not its published record, "
                    + "passed over: %s", e.eventType(), e.eventId(), e.streamId(), malformed.getMessage());
            return Optional.empty();
        }
    }

    /**
     * As {@link #decode}, but a payload that is not its published record is an error
     * ({@link IllegalArgumentException}), for the consumers' template to park.
     */
    public static Optional<Object> read(Envelope e) {
        if (UnitEvent.TYPES.containsKey(e.eventType())) {
            return Optional.of(UNIT_EVENTS.decode(e));
        }
        return GroupEvent.TYPES.containsKey(e.eventType()) ? Optional.of(GROUP_EVENTS.decode(e)) : Optional.empty();
    }

    /** Applies a decoded event (a {@link GroupEvent} or a {@link UnitEvent}); others are ignored. */
    public void apply(Object event) {
        switch (event) {
            case UnitEvent.UnitEstablished u -> update("insert into directory_unit (unit_id, name, kind, "
                    + "parent_unit_id) values (?, ?, ?, ?) on conflict (unit_id) do update set name = excluded.name, "
                    + "kind = excluded.kind, parent_unit_id = excluded.parent_unit_id",
                    u.unitId(), u.name(), u.kind(), u.parentUnitId());
            case UnitEvent.UnitRenamed u -> update("update directory_unit set name = ? where unit_id = ?", u.name(),
                    u.unitId());
            case GroupEvent.GroupEstablished g -> {
                evict(() -> groupUnits.invalidate(g.groupId()));
                update("insert into directory_group (group_id, unit_id, kind, profile) values (?, ?, ?, ?) "
                        + "on conflict (group_id) do update set unit_id = excluded.unit_id, kind = excluded.kind, "
                        + "profile = excluded.profile", g.groupId(), g.unit(), g.kind(), g.profile());
                seat(g.groupId(), g.leader(), "LEADER");
            }
            case GroupEvent.MemberAdded m -> seat(m.groupId(), m.member(), name(m.role()));
            case GroupEvent.RoleAssigned r -> seat(r.groupId(), r.memberId(), name(r.role()));
            case GroupEvent.RoleHandedOver h -> {
                seat(h.groupId(), h.fromMemberId(), "MEMBER");
                seat(h.groupId(), h.successor(), name(h.role()));
            }
            case GroupEvent.MemberRemoved m -> unseat(m.groupId(), m.memberId());
            case GroupEvent.MemberLeft m -> unseat(m.groupId(), m.memberId());
            case GroupEvent.AccountCompromisedReported a -> {
                update("update directory_seat set posting_frozen = true where group_id = ? and member_id = ?",
                        a.groupId(), a.memberId());
                java.util.Set<Binding> next = new java.util.HashSet<>(frozen);
                next.add(key(a.groupId(), a.memberId()));
                frozen = java.util.Set.copyOf(next);
            }
            case GroupEvent.ProfileChanged c -> update("update directory_group set profile = ? where group_id = ?",
                    c.profile(), c.groupId());
            case GroupEvent.BotBound b -> {
                update("insert into directory_bot (group_id, bot_id) values (?, ?) on conflict do nothing",
                        b.groupId(), b.botId());
                evict(() -> botAnswers.invalidate(key(b.groupId(), b.botId())));
            }
            case GroupEvent.BotUnbound b -> {
                update("delete from directory_bot where group_id = ? and bot_id = ?", b.groupId(), b.botId());
                evict(() -> botAnswers.invalidate(key(b.groupId(), b.botId())));
            }
            default -> {
                // an event this read model does not follow
            }
        }
    }

    private static String name(vn.binhyen.contracts.group.GroupRole role) {
        return role == null ? null : role.name();
    }

    private void unseat(String group, String member) {
        update("delete from directory_seat where group_id = ? and member_id = ?", group, member);
    }

    /**
     * The unit a group belongs to, once its establishment has been seen: a group's unit never
     * changes, so a known one is kept in memory (an unknown one is asked again).
     */
    public Optional<String> unitOf(String groupId) {
        String known = groupUnits.getIfPresent(groupId);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<String> unit = one("select unit_id from directory_group where group_id = ?", groupId);
        unit.ifPresent(u -> groupUnits.put(groupId, u));
        return unit;
    }

    /**
     * Whether the member's posting in the group is frozen, their account reported hijacked
     * (ioc-dak-lak:4.3.8): from memory, no database read (a screening on an event loop asks it).
     */
    public boolean postingFrozen(String groupId, String memberId) {
        Set<Binding> f = frozen;
        return !f.isEmpty() && f.contains(key(groupId, memberId));
    }

    /** Reads the frozen seats again (what another instance applied), a few in any group: one query. */
    public void refreshFrozen() {
        Set<Binding> out = new java.util.HashSet<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select group_id, member_id from directory_seat where posting_frozen")) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(key(rs.getString(1), rs.getString(2)));
                }
            }
        } catch (SQLException e) {
            throw new EventLogException("the directory could not be read: " + e.getMessage(), e);
        }
        frozen = Set.copyOf(out);
    }

    /** The regulation the group follows, once its establishment has been seen. */
    public Optional<String> profileOf(String groupId) {
        return one("select profile from directory_group where group_id = ?", groupId);
    }

    /** The member's role in the group by its roster (LEADER, DEPUTY, ADMIN, MEMBER), if on it. */
    public Optional<String> roleIn(String groupId, String memberId) {
        return one("select role from directory_seat where group_id = ? and member_id = ?", groupId, memberId);
    }

    public boolean onBoard(String groupId, String memberId) {
        return roleIn(groupId, memberId).filter(BOARD::contains).isPresent();
    }

    /** Whether the bot is bound to the group (BotBound, not since BotUnbound). */
    public boolean serves(String groupId, String botId) {
        if (groupId == null || botId == null) {
            return false;
        }
        Binding key = key(groupId, botId);
        Boolean known = botAnswers.getIfPresent(key);
        if (known != null) {
            return known;
        }
        // not loaded under the cache's lock: while the database is slow or down, callers for the same
        // group and bot each fail (or answer) on their own, instead of queueing behind one another
        boolean answer = one("select 'yes' from directory_bot where group_id = ? and bot_id = ?", groupId, botId)
                .isPresent();
        botAnswers.put(key, answer);
        return answer;
    }

    /**
     * {@link #serves} from memory only: null when this instance has not been asked recently, so
     * a caller on an event loop can go to a worker thread before the database is read.
     */
    public Boolean servesFromMemory(String groupId, String botId) {
        return groupId == null || botId == null ? Boolean.FALSE : botAnswers.getIfPresent(key(groupId, botId));
    }

    /**
     * Whether the token's holder may read the group's moderation records: a system
     * administrator; a member of the group's board by its roster; a commander of the group's
     * unit; an auditor of that unit or of a unit above it.
     */
    public boolean mayOversee(org.eclipse.microprofile.jwt.JsonWebToken token, String groupId) {
        if (token.getGroups().contains(vn.binhyen.contracts.Roles.SYSTEM_ADMIN)) {
            return true;
        }
        if (groupId == null) {
            return false;
        }
        if (onBoard(groupId, token.getName())) {
            return true;
        }
        var scope = vn.binhyen.eventlog.http.Callers.unit(token);
        if (scope.isEmpty()) {
            return false;
        }
        var unit = unitOf(groupId);
        if (unit.isEmpty()) {
            return false;
        }
        return token.getGroups().contains(vn.binhyen.contracts.Roles.COMMANDER) && unit.get().equals(scope.get())
                || token.getGroups().contains(vn.binhyen.contracts.Roles.AUDITOR) && within(unit.get(), scope.get());
    }

    /** The unit's name (for pages), or its id when the unit is not known. */
    public String nameOf(String unitId) {
        return unitId == null ? "" : one("select name from directory_unit where unit_id = ?", unitId).orElse(unitId);
    }

    /** Whether the unit is known (established). */
    public boolean known(String unitId) {
        return unitId != null && one("select unit_id from directory_unit where unit_id = ?", unitId).isPresent();
    }

    /**
     * Whether {@code unitId} is {@code scopeUnitId} or lies below it (a ward within its province):
     * the parent chain, at most 16 levels.
     */
    public boolean within(String unitId, String scopeUnitId) {
        if (unitId == null || scopeUnitId == null) {
            return false;
        }
        if (unitId.equals(scopeUnitId)) {
            return true;
        }
        return one("with recursive up(unit_id, parent_unit_id, depth) as ("
                + " select unit_id, parent_unit_id, 0 from directory_unit where unit_id = ?"
                + " union all select u.unit_id, u.parent_unit_id, up.depth + 1 from directory_unit u"
                + " join up on u.unit_id = up.parent_unit_id where up.depth < 16)"
                + " select unit_id from up where unit_id = ?", unitId, scopeUnitId).isPresent();
    }

    /**
     * Whether the member is on the leadership (leader or deputy) of one of the unit's police groups
     * by its roster: the board that receives and forwards the unit's tips (police-song-tri:15.3).
     */
    public boolean leadsPoliceGroupOf(String unitId, String memberId) {
        if (unitId == null || memberId == null) {
            return false;
        }
        return one("select s.role from directory_seat s join directory_group g on g.group_id = s.group_id"
                + " where g.unit_id = ? and g.kind = 'POLICE' and s.member_id = ? and s.role in ('LEADER', 'DEPUTY')"
                + " limit 1", unitId, memberId).isPresent();
    }

    /** {@code scopeUnitId} and every unit below it, at most 16 levels down. */
    public java.util.List<String> unitsWithin(String scopeUnitId) {
        return all("with recursive down(unit_id, depth) as (select ?::text, 0 union all select u.unit_id, "
                + "down.depth + 1 from directory_unit u join down on u.parent_unit_id = down.unit_id "
                + "where down.depth < 16) select distinct unit_id from down", scopeUnitId);
    }

    /** The units of the groups the bot is bound to. */
    public java.util.List<String> unitsServedBy(String botId) {
        return all("select distinct g.unit_id from directory_bot b join directory_group g on g.group_id = b.group_id"
                + " where b.bot_id = ? and g.unit_id is not null order by 1", botId);
    }

    /** The units one of whose police groups the member leads (leader or deputy) by its roster. */
    public java.util.List<String> unitsWhosePoliceGroupIsLedBy(String memberId) {
        return all("select distinct g.unit_id from directory_seat s join directory_group g on g.group_id = s.group_id"
                + " where s.member_id = ? and g.kind = 'POLICE' and g.unit_id is not null"
                + " and s.role in ('LEADER', 'DEPUTY')", memberId);
    }

    private java.util.List<String> all(String sql, String... values) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                ps.setString(i + 1, values[i]);
            }
            java.util.List<String> out = new java.util.ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new EventLogException("the directory could not be read: " + e.getMessage(), e);
        }
    }

    /**
     * A member's seat as the roster says: the role, whether the member sits for a household
     * (ward-binh-phuoc:2), and the account of the member's agency leadership to report a violation
     * to (ward-binh-phuoc:9.3), when the roster names one.
     */
    public record Seat(String role, boolean householdRepresentative, String agencyContact) {
    }

    public Optional<Seat> seatOf(String groupId, String memberId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select role, household, agency_contact from directory_seat where group_id = ? and member_id = ?")) {
            ps.setString(1, groupId);
            ps.setString(2, memberId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Seat(rs.getString(1), rs.getBoolean(2), rs.getString(3)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new EventLogException("the directory could not be read: " + e.getMessage(), e);
        }
    }

    /** A seat from an event's member: its id, household flag and agency contact, with the role. */
    /**
     * A seat from an event's member; an event without one (no member, no id, no role: nothing
     * group-service publishes, but a record on the topic may be malformed) seats no one rather
     * than stopping the consumer.
     */
    private void seat(String group, GroupEvent.Member member, String role) {
        if (member == null || member.memberId() == null || role == null || group == null) {
            return;
        }
        String contact = member.agencyContact();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "insert into directory_seat (group_id, member_id, role, household, agency_contact) values (?, ?, ?, ?, ?) "
                        + "on conflict (group_id, member_id) do update set role = excluded.role, "
                        + "household = excluded.household, agency_contact = excluded.agency_contact")) {
            ps.setString(1, group);
            ps.setString(2, member.memberId());
            ps.setString(3, role);
            ps.setBoolean(4, member.householdRepresentative());
            ps.setString(5, contact == null || contact.isBlank() ? null : contact);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new EventLogException("the directory could not be updated: " + e.getMessage(), e);
        }
    }

    private void seat(String group, String member, String role) {
        if (member == null || role == null || group == null) {
            return;
        }
        update("insert into directory_seat (group_id, member_id, role) values (?, ?, ?) "
                + "on conflict (group_id, member_id) do update set role = excluded.role", group, member, role);
    }

    /** A group and a bot, as the cache's key: two fields, so no pair of ids can collide with another. */
    private record Binding(String group, String bot) {
    }

    private static Binding key(String group, String bot) {
        return new Binding(group, bot);
    }

    private void update(String sql, String... values) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                ps.setString(i + 1, values[i]);
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new EventLogException("the directory could not be updated: " + e.getMessage(), e);
        }
    }

    private Optional<String> one(String sql, String... values) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                ps.setString(i + 1, values[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new EventLogException("the directory could not be read: " + e.getMessage(), e);
        }
    }
}
