package vn.binhyen.report.service;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import vn.binhyen.eventlog.EventLogException;

/** Who is on duty each day in each unit (police-song-tri:15.2; issue 21: a unit's own), in Vietnam's calendar. */
@ApplicationScoped
public class DutyRoster {
    private final AgroalDataSource dataSource;
    /** The last days read, briefly: every report asks about today's roster. */
    private final java.util.Map<Key, Object[]> recent = new java.util.concurrent.ConcurrentHashMap<>();

    private record Key(String unit, LocalDate date) {
    }
    private static final long FRESH_NANOS = 5_000_000_000L;

    DutyRoster(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public record Day(String unit, LocalDate date, List<String> officers) {
    }

    /** The unit's officers on that day, replacing whoever was set before. */
    @Transactional
    public Day assign(String unit, LocalDate date, List<String> officers, String by, Instant at) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement del = c.prepareStatement("delete from duty_roster where unit = ? and duty_date = ?");
                PreparedStatement ins = c.prepareStatement("insert into duty_roster (unit, duty_date, officer_id, "
                        + "assigned_by, assigned_at) values (?, ?, ?, ?, ?)")) {
            del.setString(1, unit);
            del.setDate(2, Date.valueOf(date));
            del.executeUpdate();
            for (String officer : officers.stream().distinct().toList()) {
                ins.setString(1, unit);
                ins.setDate(2, Date.valueOf(date));
                ins.setString(3, officer);
                ins.setString(4, by);
                ins.setTimestamp(5, Timestamp.from(at));
                ins.addBatch();
            }
            ins.executeBatch();
            recent.remove(new Key(unit, date));
        } catch (SQLException e) {
            throw new EventLogException("duty roster of " + unit + " on " + date + " could not be set: "
                    + e.getMessage(), e);
        }
        return day(unit, date);
    }

    /** The unit's officers on that day (read at most every 5 s per day on this instance; an assignment here is seen at once). */
    public Day day(String unit, LocalDate date) {
        Key key = new Key(unit, date);
        Object[] cached = recent.get(key);
        if (cached != null && System.nanoTime() - (long) cached[0] < FRESH_NANOS) {
            return (Day) cached[1];
        }
        Day day = read(unit, date);
        if (recent.size() > 256) {
            recent.clear();
        }
        recent.put(key, new Object[] {System.nanoTime(), day});
        return day;
    }

    private Day read(String unit, LocalDate date) {
        List<String> officers = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select officer_id from duty_roster where unit = ? and duty_date = ? order by officer_id")) {
            ps.setString(1, unit);
            ps.setDate(2, Date.valueOf(date));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    officers.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new EventLogException("duty roster of " + unit + " on " + date + " could not be read: "
                    + e.getMessage(), e);
        }
        return new Day(unit, date, officers);
    }
}
