package vn.binhyen.group.service;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import vn.binhyen.contracts.group.GroupEvent;
import vn.binhyen.eventlog.EventLogException;
import vn.binhyen.eventlog.EventStore;
import vn.binhyen.eventlog.decider.CommandHandler;
import vn.binhyen.group.domain.Group;
import vn.binhyen.group.domain.GroupCommand;
import vn.binhyen.group.domain.RegulationProfile;
import vn.binhyen.group.domain.UnknownGroupException;

/**
 * The periodic activity report of a group (police-song-tri:20.2: every 6 months and every
 * year; ward-binh-phuoc:6.1; on request: council-binh-duong:9.2, province-lai-chau:6.2),
 * folded from the group's own events in the period, with the violations moderation-service
 * reported in it. Periods are calendar periods in Vietnam's time zone.
 */
@ApplicationScoped
public class ActivityReports {
    public static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    public enum Period { MONTH, HALF_YEAR, YEAR }

    public record Report(String groupId, String groupName, String profile, String citation, Period period,
            LocalDate start, Instant from, Instant to, int membersAtStart, int membersAtEnd, int joined, int left,
            int directivesIssued, int acknowledgementsDue, int acknowledged, double acknowledgementRate,
            int remindersRaised, int pinsCreated, int pinsExpired, int pollsOpened, long violations,
            Map<String, Long> violationsByCategory) {
    }

    private final EventStore store;
    private final CommandHandler<GroupCommand, Group, GroupEvent> handler;
    private final Map<String, RegulationProfile> profiles;
    private final AgroalDataSource dataSource;

    ActivityReports(EventStore store, CommandHandler<GroupCommand, Group, GroupEvent> handler,
            Map<String, RegulationProfile> profiles, AgroalDataSource dataSource) {
        this.store = store;
        this.handler = handler;
        this.profiles = profiles;
        this.dataSource = dataSource;
    }

    public static Instant end(Period period, LocalDate start) {
        LocalDate end = switch (period) {
            case MONTH -> start.plusMonths(1);
            case HALF_YEAR -> start.plusMonths(6);
            case YEAR -> start.plusYears(1);
        };
        return end.atStartOfDay(VIETNAM).toInstant();
    }

    public Report report(String groupId, Period period, LocalDate start) {
        Instant from = start.atStartOfDay(VIETNAM).toInstant();
        Instant to = end(period, start);
        var decider = handler.decider();
        Group state = decider.initialState();
        Group atStart = null;
        int joined = 0;
        int left = 0;
        int reminders = 0;
        int pins = 0;
        int expired = 0;
        int polls = 0;
        Set<String> directives = new HashSet<>();
        for (var envelope : store.read(groupId)) {
            Instant at = envelope.recordedAt();
            if (!at.isBefore(to)) {
                break;
            }
            if (atStart == null && !at.isBefore(from)) {
                atStart = state;
            }
            GroupEvent e = handler.codec().decode(envelope);
            boolean inPeriod = !at.isBefore(from);
            Group before = state;
            if (inPeriod) {
                switch (e) {
                    case GroupEvent.MemberAdded x -> joined++;
                    case GroupEvent.RoleHandedOver x when before instanceof Group.Established g
                            && g.seat(x.successor().memberId()).isEmpty() -> joined++;
                    case GroupEvent.MemberRemoved x -> left++;
                    case GroupEvent.MemberLeft x -> left++;
                    case GroupEvent.DirectiveIssued x -> directives.add(x.directiveId());
                    case GroupEvent.DirectiveReminderDue x -> reminders++;
                    case GroupEvent.MessagePinned x -> pins++;
                    case GroupEvent.PinExpired x -> expired++;
                    case GroupEvent.PollOpened x -> polls++;
                    default -> {
                    }
                }
            }
            state = decider.evolve(state, e);
        }
        if (!(state instanceof Group.Established end)) {
            throw new UnknownGroupException("no group " + groupId + " before " + to);
        }
        int membersAtStart = atStart instanceof Group.Established s ? s.roster().size()
                : (atStart == null ? end.roster().size() : 0);
        int due = 0;
        int acknowledged = 0;
        for (String id : directives) {
            Group.Directive d = end.directives().get(id);
            due += d.recipients().size();
            acknowledged += d.acknowledged().size();
        }
        Map<String, Long> byCategory = violations(groupId, from, to);
        RegulationProfile.ReportingRule rule = profiles.get(end.profile()).rules().reporting();
        return new Report(groupId, end.name(), end.profile(), rule.citation(),
                period, start, from, to, membersAtStart, end.roster().size(), joined, left, directives.size(), due,
                acknowledged, due == 0 ? 1.0 : Math.round(1000.0 * acknowledged / due) / 1000.0, reminders, pins,
                expired, polls, byCategory.values().stream().mapToLong(Long::longValue).sum(), byCategory);
    }

    private Map<String, Long> violations(String groupId, Instant from, Instant to) {
        Map<String, Long> out = new TreeMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select category, count(*) from group_violation where group_id = ? and recorded_at >= ? "
                        + "and recorded_at < ? group by category")) {
            ps.setString(1, groupId);
            ps.setTimestamp(2, Timestamp.from(from));
            ps.setTimestamp(3, Timestamp.from(to));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getLong(2));
                }
            }
        } catch (SQLException e) {
            throw new EventLogException("violations of " + groupId + " could not be read: " + e.getMessage(), e);
        }
        return out;
    }
}
