package vn.binhyen.group.projection;

import io.agroal.api.AgroalDataSource;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import vn.binhyen.eventlog.EventLogException;

/**
 * Reads of the {@code unit} read model: the units, and their tree (a ward below its province),
 * which gives an auditor of a unit the units below it. A chain is followed at most
 * {@link #DEPTH} levels; parents are established before their children and never change, so
 * there is no cycle to follow anyway. The walks are recursive SQL over JDBC (Panache has no
 * recursive query); the plain list is Panache's ({@link UnitSummaryRow}).
 */
@ApplicationScoped
public class UnitTree {
    /** The most levels a chain is followed up or down. */
    public static final int DEPTH = 16;

    private final AgroalDataSource dataSource;

    UnitTree(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public record UnitRow(String unitId, String name, String kind, String parentUnitId) {
    }

    public record UnitPage(List<UnitRow> items, long total, int page, int size) {
    }

    /** Whether {@code unitId} is {@code scopeUnitId} or lies below it, by the parent chain. */
    public boolean within(String unitId, String scopeUnitId) {
        if (unitId == null || scopeUnitId == null) {
            return false;
        }
        if (unitId.equals(scopeUnitId)) {
            return true;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "with recursive up(unit_id, parent_unit_id, depth) as ("
                        + " select unit_id, parent_unit_id, 0 from unit where unit_id = ?"
                        + " union all select u.unit_id, u.parent_unit_id, up.depth + 1 from unit u"
                        + " join up on u.unit_id = up.parent_unit_id where up.depth < ?)"
                        + " select 1 from up where unit_id = ? limit 1")) {
            ps.setString(1, unitId);
            ps.setInt(2, DEPTH);
            ps.setString(3, scopeUnitId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new EventLogException("the unit tree could not be read: " + e.getMessage(), e);
        }
    }

    /** {@code scopeUnitId} and every unit below it. */
    public Set<String> below(String scopeUnitId) {
        Set<String> out = new TreeSet<>();
        out.add(scopeUnitId);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "with recursive descendant(unit_id, depth) as ("
                        + " select unit_id, 0 from unit where unit_id = ?"
                        + " union all select u.unit_id, d.depth + 1 from unit u"
                        + " join descendant d on u.parent_unit_id = d.unit_id where d.depth < ?)"
                        + " select unit_id from descendant")) {
            ps.setString(1, scopeUnitId);
            ps.setInt(2, DEPTH);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new EventLogException("the unit tree could not be read: " + e.getMessage(), e);
        }
    }

    /** Every unit, by id, one page at a time (Panache, into {@link UnitRow} projections). */
    public UnitPage units(int page, int size) {
        long total = UnitSummaryRow.count();
        if ((long) page * size >= total) {
            return new UnitPage(List.of(), total, page, size); // past the last page (Panache's offset is an int)
        }
        List<UnitRow> items = UnitSummaryRow.findAll(Sort.by("unitId")).project(UnitRow.class)
                .page(io.quarkus.panache.common.Page.of(page, size)).list();
        return new UnitPage(items, total, page, size);
    }
}
