package vn.binhyen.group.projection;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import vn.binhyen.contracts.group.UnitEvent;
import vn.binhyen.eventlog.EventLogException;

/**
 * Keeps the {@code unit} read model in step with units' events, on the caller's transaction
 * (as {@link GroupProjector} does for groups), so that the API, and the scope of the next
 * request, read the unit just established. JDBC, as {@link GroupProjector}'s writes; the list is
 * read through Panache ({@link UnitSummaryRow}).
 */
@ApplicationScoped
public class UnitProjector {
    private final DataSource dataSource;

    public UnitProjector(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void apply(List<UnitEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            for (UnitEvent e : events) {
                switch (e) {
                    case UnitEvent.UnitEstablished x -> established(c, x);
                    case UnitEvent.UnitRenamed x -> renamed(c, x);
                }
            }
        } catch (SQLException e) {
            throw new EventLogException("the unit read model could not follow " + events.getFirst().unitId() + ": "
                    + e.getMessage(), e);
        }
    }

    private static void established(Connection c, UnitEvent.UnitEstablished e) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into unit (unit_id, name, kind, parent_unit_id) "
                + "values (?, ?, ?, ?) on conflict (unit_id) do update set name = excluded.name, "
                + "kind = excluded.kind, parent_unit_id = excluded.parent_unit_id")) {
            ps.setString(1, e.unitId());
            ps.setString(2, e.name());
            ps.setString(3, e.kind());
            ps.setString(4, e.parentUnitId());
            ps.executeUpdate();
        }
    }

    private static void renamed(Connection c, UnitEvent.UnitRenamed e) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update unit set name = ? where unit_id = ?")) {
            ps.setString(1, e.name());
            ps.setString(2, e.unitId());
            ps.executeUpdate();
        }
    }
}
