package vn.binhyen.report.service;

import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Who is on duty each day in each unit (police-song-tri:15.2; issue 21: a unit's own), in Vietnam's
 * calendar: {@link DutyAssignment} rows, through Panache.
 */
@ApplicationScoped
public class DutyRoster {
    /** The last days read, briefly: every report asks about today's roster. */
    private final java.util.Map<Key, Object[]> recent = new java.util.concurrent.ConcurrentHashMap<>();

    private record Key(String unit, LocalDate date) {
    }
    private static final long FRESH_NANOS = 5_000_000_000L;

    DutyRoster() {
    }

    public record Day(String unit, LocalDate date, List<String> officers) {
    }

    /** A roster row as read: a projection, so nothing read stays in Hibernate's session. */
    public record Officer(String officerId) {
    }

    /** The unit's officers on that day, replacing whoever was set before. */
    @Transactional
    public Day assign(String unit, LocalDate date, List<String> officers, String by, Instant at) {
        // a bulk delete, run at once: an officer kept on the day is inserted again after it
        DutyAssignment.delete("unit = ?1 and dutyDate = ?2", unit, date);
        for (String officer : officers.stream().distinct().toList()) {
            DutyAssignment row = new DutyAssignment();
            row.unit = unit;
            row.dutyDate = date;
            row.officerId = officer;
            row.assignedBy = by;
            row.assignedAt = at;
            row.persist();
        }
        recent.remove(new Key(unit, date));
        return read(unit, date); // the query flushes the new rows first; ordered as the database orders them

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
        List<String> officers = DutyAssignment.find("unit = ?1 and dutyDate = ?2", Sort.by("officerId"), unit, date)
                .project(Officer.class).list().stream().map(Officer::officerId).toList();
        return new Day(unit, date, officers);
    }
}
