package vn.binhyen.report.projection;

import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import vn.binhyen.report.domain.IntakeRules;

/**
 * Reads of the report queue ({@link ReportSummaryRow}, through Panache): the officers' queue, the
 * console's pages and rows, where a report came in, Open311's search and a shift's lists. Each filter
 * is a condition of its own, added only when it is asked for; each answer a projection (a record), so
 * nothing read stays in Hibernate's session, read as a list (every answer is bounded), never as a
 * stream, whose cursor Hibernate keeps open until the stream is closed.
 */
@ApplicationScoped
public class ReportQueue {
    /** What no queue shows: a report handled to its end. */
    static final List<String> CLOSED = List.of("RESOLVED", "TRANSFERRED");
    /** Emergencies awaiting a commander first, then by time left, then by id (a stable page order). */
    static final String URGENT_FIRST = " order by case when emergency = 'RAISED' then 0 else 1 end, deadline, reportId";

    public record QueueItem(String reportId, String type, String status, Instant receivedAt, Instant deadline,
            String emergency, int missing) {
    }

    /**
     * What the console's queue is narrowed to: a type, a status, only overdue, only the tips
     * {@code handler} took in hand (null for any). Unknown values match nothing.
     */
    public record QueueFilter(String type, String status, boolean overdue, String handler, Boolean raised) {
        public static final QueueFilter ALL = new QueueFilter(null, null, false, null, null);

        /** {@code raised}: true for only the emergencies awaiting a commander, false for all but them, null for any. */
        public QueueFilter raised(Boolean raised) {
            return new QueueFilter(type, status, overdue, handler, raised);
        }
    }

    /** A queue row as the console shows it; {@code place} and {@code summary} are sealed (open them with a keyring). */
    public record ConsoleItem(String reportId, String unit, String type, String status, String channel, String groupId,
            Instant receivedAt, Instant deadline, String emergency, Instant incidentAt, String place, String summary,
            List<String> missingFields, String category, String handler) {
    }

    /** One page of the console's queue and how many rows the filter matches in all. */
    public record ConsolePage(List<ConsoleItem> items, int total) {
    }

    /** Where a report came in: the unit that received it and the group, if any. */
    public record Placement(String unit, String groupId) {
    }

    /** {@link ConsoleItem} as read: the table's array as it comes. */
    public record ConsoleRow(String reportId, String unit, String type, String status, String channel, String groupId,
            Instant receivedAt, Instant deadline, String emergency, Instant incidentAt, String place, String summary,
            String[] missingFields, String category, String handler) {
        ConsoleItem item() {
            return new ConsoleItem(reportId, unit, type, status, channel, groupId, receivedAt, deadline, emergency,
                    incidentAt, place, summary, missingFields == null ? List.of() : List.of(missingFields), category,
                    handler);
        }
    }

    /** Open311's search answers ids only. */
    public record RequestId(String reportId) {
    }

    /** At most this many of a shift's lists are shown; the count says how many there are. */
    public static final int LIST_LIMIT = 500;

    /** Where the report came in, or null when there is no such report. */
    public Placement placement(String reportId) {
        return ReportSummaryRow.find("reportId", reportId).project(Placement.class).firstResult();
    }

    /** The open queue of {@code units}, most urgent first (emergencies on top, then by time left), at most 500. */
    public List<QueueItem> queue(List<String> units) {
        if (units.isEmpty()) {
            return List.of();
        }
        return ReportSummaryRow.find("status not in :closed and unit in :units" + URGENT_FIRST,
                Parameters.with("closed", CLOSED).and("units", units)).project(QueueItem.class).range(0, 499).list();
    }

    /**
     * The open queue of {@code units} under {@code filter}, most urgent first (emergencies not yet
     * acknowledged on top, then by time left): {@code limit} rows from {@code offset}, and the count.
     */
    public ConsolePage console(List<String> units, QueueFilter filter, Instant now, int offset, int limit) {
        if (units.isEmpty()) {
            return new ConsolePage(List.of(), 0);
        }
        StringBuilder where = new StringBuilder("status not in :closed and unit in :units");
        Parameters p = Parameters.with("closed", CLOSED).and("units", units);
        if (filter.type() != null) {
            where.append(" and type = :type");
            p.and("type", filter.type());
        }
        if (filter.status() != null) {
            where.append(" and status = :status");
            p.and("status", filter.status());
        }
        if (filter.overdue()) {
            where.append(" and deadline < :now");
            p.and("now", now);
        }
        if (filter.handler() != null) {
            where.append(" and handler = :handler");
            p.and("handler", filter.handler());
        }
        if (filter.raised() != null) {
            where.append(filter.raised() ? " and emergency = 'RAISED'" : " and emergency <> 'RAISED'");
        }
        List<ConsoleItem> items = limit <= 0 ? List.of() : ReportSummaryRow.find(where + URGENT_FIRST, p)
                .project(ConsoleRow.class).range(offset, offset + limit - 1).list().stream().map(ConsoleRow::item).toList();
        return new ConsolePage(items, Math.toIntExact(ReportSummaryRow.count(where.toString(), p)));
    }

    /** One report's row of the console's queue (also once it is closed), or null when there is none. */
    public ConsoleItem consoleItem(String reportId) {
        ConsoleRow row = ReportSummaryRow.find("reportId", reportId).project(ConsoleRow.class).firstResult();
        return row == null ? null : row.item();
    }

    /**
     * Open311's search: the ids of {@code units}' reports received in [{@code from}, {@code to}],
     * newest first, of {@code types} and open or {@code closed} when given, at most {@code limit}.
     */
    public List<String> requestIds(List<String> units, Set<IntakeRules.Type> types, Boolean closed, Instant from,
            Instant to, int limit) {
        if (units.isEmpty() || (types != null && types.isEmpty())) {
            return List.of();
        }
        StringBuilder where = new StringBuilder("unit in :units and receivedAt between :from and :to");
        Parameters p = Parameters.with("units", units).and("from", from).and("to", to);
        if (types != null) {
            where.append(" and type in :types");
            p.and("types", types.stream().map(Enum::name).toList());
        }
        if (closed != null) {
            where.append(closed ? " and status in :closed" : " and status not in :closed");
            p.and("closed", CLOSED);
        }
        return ReportSummaryRow.find(where.toString(), Sort.descending("receivedAt"), p).project(RequestId.class)
                .range(0, limit - 1).list().stream().map(RequestId::reportId).toList();
    }

    /** The reports received in [from, to), whatever became of them, in the order they came. */
    public List<ConsoleItem> receivedBetween(List<String> units, Instant from, Instant to) {
        return between(units, "receivedAt >= :from and receivedAt < :to", from, to, "receivedAt");
    }

    /** The reports still open whose deadline falls in [from, to), soonest first. */
    public List<ConsoleItem> dueBetween(List<String> units, Instant from, Instant to) {
        return between(units, "status not in :closed and deadline >= :from and deadline < :to", from, to, "deadline");
    }

    private List<ConsoleItem> between(Collection<String> units, String where, Instant from, Instant to, String order) {
        if (units.isEmpty()) {
            return List.of();
        }
        Parameters p = Parameters.with("units", units).and("from", from).and("to", to);
        if (where.contains(":closed")) {
            p.and("closed", CLOSED);
        }
        return ReportSummaryRow.find("unit in :units and " + where, Sort.by(order).and("reportId"), p)
                .project(ConsoleRow.class).range(0, LIST_LIMIT - 1).list().stream().map(ConsoleRow::item).toList();
    }
}
