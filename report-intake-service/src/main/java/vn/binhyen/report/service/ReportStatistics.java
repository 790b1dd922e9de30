package vn.binhyen.report.service;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import vn.binhyen.eventlog.EventLogException;

/**
 * The figures of the officers' console (issue 24) from the queue's read model: tips per day by
 * type, the share handled within the 24 hours of police-song-tri:15.3 (resolved or transferred
 * by the deadline, of those whose outcome is known: closed, or still open past the deadline),
 * the median time from receipt to classification and to registration, per officer and per month,
 * and the lists of a shift's handover. Days and months are Vietnam's.
 */
@ApplicationScoped
public class ReportStatistics {
    public static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    public static final List<String> TYPES = List.of("CRIME_TIP", "EMERGENCY", "FEEDBACK");

    private final AgroalDataSource dataSource;

    ReportStatistics(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The figures of the reports received in a period. Medians are null when nothing was classified or registered. */
    public record Figures(int received, int emergencies, int closedInTime, int late, int pending, int registered,
            int transferred, Duration medianToClassification, Duration medianToRegistration) {
        /** The share handled within 24 hours, of those whose outcome is known; null when none is. */
        public Double inTimeShare() {
            int known = closedInTime + late;
            return known == 0 ? null : (double) closedInTime / known;
        }
    }

    /** One day's count per type. */
    public record Day(LocalDate day, Map<String, Integer> byType) {
        public int total() {
            return byType.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    public record Month(YearMonth month, Figures figures) {
    }

    /** An officer's classifications and registrations among the period's reports. */
    public record Officer(String officer, int classified, Duration medianToClassification, int registered,
            Duration medianToRegistration) {
    }

    private static final String FIGURES = "select count(*), count(*) filter (where emergency <> 'NONE'), "
            + "count(*) filter (where closed_at is not null and closed_at <= deadline), "
            + "count(*) filter (where closed_at is not null and closed_at > deadline or closed_at is null and deadline < ?), "
            + "count(*) filter (where closed_at is null and deadline >= ?), count(registered_at), "
            + "count(*) filter (where status = 'TRANSFERRED'), "
            + "percentile_cont(0.5) within group (order by extract(epoch from classified_at - received_at)), "
            + "percentile_cont(0.5) within group (order by extract(epoch from registered_at - received_at))";

    /** [from, to] inclusive, as Vietnam's days. */
    public Figures figures(List<String> units, LocalDate from, LocalDate to, Instant now) {
        return query(FIGURES + " from report_summary where unit = any(?) and received_at >= ? and received_at < ?",
                units, from, to, now, rs -> {
                    rs.next();
                    return figures(rs, 1);
                });
    }

    public List<Month> months(List<String> units, LocalDate from, LocalDate to, Instant now) {
        return query("select to_char(received_at at time zone 'Asia/Ho_Chi_Minh', 'YYYY-MM'), " + FIGURES.substring(7)
                + " from report_summary where unit = any(?) and received_at >= ? and received_at < ? group by 1 order by 1",
                units, from, to, now, rs -> {
                    List<Month> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(new Month(YearMonth.parse(rs.getString(1)), figures(rs, 2)));
                    }
                    return out;
                });
    }

    /** Every day of the period, with nothing received shown as zeros. */
    public List<Day> days(List<String> units, LocalDate from, LocalDate to) {
        Map<LocalDate, Map<String, Integer>> days = new TreeMap<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            Map<String, Integer> zero = new LinkedHashMap<>();
            TYPES.forEach(t -> zero.put(t, 0));
            days.put(d, zero);
        }
        query("select (received_at at time zone 'Asia/Ho_Chi_Minh')::date, type, count(*) from report_summary "
                + "where unit = any(?) and received_at >= ? and received_at < ? group by 1, 2", units, from, to, null, rs -> {
                    while (rs.next()) {
                        var day = days.get(rs.getDate(1).toLocalDate());
                        if (day != null) {
                            day.merge(rs.getString(2), rs.getInt(3), Integer::sum);
                        }
                    }
                    return null;
                });
        return days.entrySet().stream().map(e -> new Day(e.getKey(), e.getValue())).toList();
    }

    public List<Officer> officers(List<String> units, LocalDate from, LocalDate to) {
        Map<String, int[]> counts = new TreeMap<>();
        Map<String, Duration[]> medians = new TreeMap<>();
        for (String step : List.of("classified", "registered")) {
            int k = step.equals("classified") ? 0 : 1;
            query("select " + step + "_by, count(*), percentile_cont(0.5) within group (order by extract(epoch from "
                    + step + "_at - received_at)) from report_summary where unit = any(?) and received_at >= ? "
                    + "and received_at < ? and " + step + "_by is not null group by 1", units, from, to, null, rs -> {
                        while (rs.next()) {
                            counts.computeIfAbsent(rs.getString(1), o -> new int[2])[k] = rs.getInt(2);
                            medians.computeIfAbsent(rs.getString(1), o -> new Duration[2])[k] = seconds(rs, 3);
                        }
                        return null;
                    });
        }
        return counts.entrySet().stream().map(e -> new Officer(e.getKey(), e.getValue()[0], medians.get(e.getKey())[0],
                e.getValue()[1], medians.get(e.getKey())[1])).toList();
    }

    /** Everything still open now, by status. */
    public Map<String, Integer> openByStatus(List<String> units) {
        Map<String, Integer> out = new LinkedHashMap<>();
        query("select status, count(*) from report_summary where unit = any(?) and status not in ('RESOLVED', "
                + "'TRANSFERRED') group by 1 order by 1", units, null, null, null, rs -> {
                    while (rs.next()) {
                        out.put(rs.getString(1), rs.getInt(2));
                    }
                    return null;
                });
        return out;
    }

    private interface Rows<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** Runs {@code sql} with the units, then the period's bounds (when given), then now twice (when given, first). */
    private <T> T query(String sql, List<String> units, LocalDate from, LocalDate to, Instant now, Rows<T> rows) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int p = 1;
            if (now != null) {
                ps.setTimestamp(p++, Timestamp.from(now));
                ps.setTimestamp(p++, Timestamp.from(now));
            }
            ps.setArray(p++, c.createArrayOf("text", units.toArray()));
            if (from != null) {
                ps.setTimestamp(p++, Timestamp.from(from.atStartOfDay(VIETNAM).toInstant()));
                ps.setTimestamp(p, Timestamp.from(to.plusDays(1).atStartOfDay(VIETNAM).toInstant()));
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rows.read(rs);
            }
        } catch (SQLException e) {
            throw new EventLogException("the statistics could not be read: " + e.getMessage(), e);
        }
    }

    private static Figures figures(ResultSet rs, int first) throws SQLException {
        return new Figures(rs.getInt(first), rs.getInt(first + 1), rs.getInt(first + 2), rs.getInt(first + 3),
                rs.getInt(first + 4), rs.getInt(first + 5), rs.getInt(first + 6), seconds(rs, first + 7),
                seconds(rs, first + 8));
    }

    private static Duration seconds(ResultSet rs, int column) throws SQLException {
        double s = rs.getDouble(column);
        return rs.wasNull() ? null : Duration.ofMillis(Math.round(s * 1000));
    }
}
