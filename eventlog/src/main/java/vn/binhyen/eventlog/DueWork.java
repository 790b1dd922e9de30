package vn.binhyen.eventlog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Work that falls due, kept in a table and claimed row by row, the one way every service sweeps:
 * pins that expire, directives overdue, a tip's 24-hour clock, escalations, deliveries, digests,
 * the connector's inbound events and outbound actions. A claim locks the due rows
 * ({@code FOR UPDATE SKIP LOCKED}): several instances share the work, none takes a row another
 * holds, and a row is done in the transaction that claimed it (or committed as claimed, where the
 * work goes on outside it), so a crash leaves it due again rather than half done.
 *
 * <p>The claim is written once: a service gives the {@code select … from … where … order by …}
 * that finds its due rows and how a row reads; the limit and the lock are added here. A handler
 * must take every row it is given out of due (done, or closed when there is nothing left to do):
 * a row left due is claimed again, first, in the next round.
 *
 * @param <T> a claimed row, as the service reads it
 */
public final class DueWork<T> {
    /** No limit: every due row of the claim (a digest takes all of one recipient's items). */
    public static final int ALL = Integer.MAX_VALUE;

    /** Sets a claim's parameters (its moment, a key). */
    @FunctionalInterface
    public interface Params {
        void bind(PreparedStatement ps) throws SQLException;
    }

    /** Reads one claimed row. */
    @FunctionalInterface
    public interface Rows<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** Does a round's claimed rows on the claiming connection; returns how much that did (events, sends). */
    @FunctionalInterface
    public interface Handler<T> {
        int handle(Connection c, List<T> due, Instant now) throws Exception;
    }

    /** What a sweep did: rows claimed, and what handling them did. */
    public record Swept(int claimed, int done) {
        public Swept plus(Swept other) {
            return new Swept(claimed + other.claimed, done + other.done);
        }
    }

    private final String name;
    private final String select;
    private final String lock;
    private final Rows<T> rows;

    private DueWork(String name, String select, String lock, Rows<T> rows) {
        this.name = Objects.requireNonNull(name, "name");
        this.select = Objects.requireNonNull(select, "select");
        this.lock = lock;
        this.rows = Objects.requireNonNull(rows, "rows");
        String lower = select.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains(" limit ") || lower.contains("for update")) {
            throw new IllegalArgumentException(name + ": the claim's limit and lock are DueWork's, not the query's");
        }
    }

    /**
     * Due rows found by {@code select} (ending with its {@code order by}, which is the order they
     * are claimed and handled in), read by {@code rows}; every table of the query is locked.
     */
    public static <T> DueWork<T> of(String name, String select, Rows<T> rows) {
        return new DueWork<>(name, select, null, rows);
    }

    /** The same claim locking only the rows of {@code alias} (the due table, not the tables joined to judge it). */
    public DueWork<T> lockingOnly(String alias) {
        return new DueWork<>(name, select, Objects.requireNonNull(alias, "alias"), rows);
    }

    public String name() {
        return name;
    }

    /** The claim as run: the service's query, at most {@code limit} rows, locked, rows others hold passed over. */
    public String sql(int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException(name + ": a claim's limit must be positive, was " + limit);
        }
        return select + (limit == ALL ? "" : " limit " + limit) + " for update" + (lock == null ? "" : " of " + lock)
                + " skip locked";
    }

    /** Claims up to {@code limit} due rows on {@code c}'s transaction (they stay locked until it ends). */
    public List<T> claim(Connection c, Params params, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql(limit))) {
            params.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> due = new ArrayList<>();
                while (rs.next()) {
                    due.add(rows.read(rs));
                }
                return due;
            }
        }
    }

    /** The moment a round's claim is made at, bound to its parameters. */
    @FunctionalInterface
    public interface Moment {
        void bind(PreparedStatement ps, Instant now) throws SQLException;
    }

    /**
     * Everything due, at most {@code max} rows: rounds of up to {@code batch} rows, each claimed and
     * handled in a transaction of its own at the clock's moment, until a round finds fewer than it
     * asked for. A round that fails rolls back alone (its rows stay due) and its error ends the sweep.
     */
    public Swept drain(Transactions transactions, Clock clock, int batch, int max, Moment params, Handler<T> handler) {
        if (batch <= 0 || max < 0) {
            throw new IllegalArgumentException(name + ": batch " + batch + ", max " + max);
        }
        Swept total = new Swept(0, 0);
        while (total.claimed() < max) {
            int limit = Math.min(batch, max - total.claimed());
            Swept round = transactions.inNew(c -> {
                Instant now = clock.instant();
                List<T> due = claim(c, ps -> params.bind(ps, now), limit);
                return new Swept(due.size(), due.isEmpty() ? 0 : handler.handle(c, due, now));
            });
            total = total.plus(round);
            if (round.claimed() < limit) {
                break;
            }
        }
        return total;
    }
}
