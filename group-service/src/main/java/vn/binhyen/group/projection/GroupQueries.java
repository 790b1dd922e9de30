package vn.binhyen.group.projection;

import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;

/**
 * Reads of the group read models ({@link GroupSummaryRow}, {@link GroupMembershipRow}), through
 * Panache: each filter a condition of its own, added only when it is asked for; each answer a
 * projection (a record or a tuple), so nothing read stays in Hibernate's session.
 */
@ApplicationScoped
public class GroupQueries {
    public record Summary(String groupId, String name, String profile, String unit, String kind, String status,
            int memberCount, long version) {
    }

    public record Page(List<Summary> items, long total, int page, int size) {
    }

    public record Membership(String groupId, String name, String profile, String status, String role) {
    }

    /**
     * Groups filtered by unit, profile and status (each optional), by name, one page at a time;
     * only those of the units in {@code scope} (null: every unit's; empty: none).
     */
    public Page groups(String unit, String profile, String status, Set<String> scope, int page, int size) {
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters p = new Parameters();
        if (unit != null) {
            where.append(" and unit = :unit");
            p.and("unit", unit);
        }
        if (profile != null) {
            where.append(" and profile = :profile");
            p.and("profile", profile);
        }
        if (status != null) {
            where.append(" and status = :status");
            p.and("status", status);
        }
        if (scope != null) {
            if (scope.isEmpty()) {
                return new Page(List.of(), 0, page, size);
            }
            where.append(" and unit in :scope");
            p.and("scope", scope);
        }
        long total = GroupSummaryRow.count(where.toString(), p);
        if ((long) page * size >= total) {
            return new Page(List.of(), total, page, size); // past the last page (Panache's offset is an int)
        }
        List<Summary> items = GroupSummaryRow.find(where.toString(), Sort.by("name").and("groupId"), p)
                .project(Summary.class).page(io.quarkus.panache.common.Page.of(page, size)).list();
        return new Page(items, total, page, size);
    }

    /** The groups the member sits in, and in which role; only those of the units in {@code scope} (null: all). */
    public List<Membership> groupsOf(String memberId, Set<String> scope) {
        if (scope != null && scope.isEmpty()) {
            return List.of();
        }
        String hql = "select s.groupId, s.name, s.profile, s.status, m.role from GroupMembershipRow m, GroupSummaryRow s "
                + "where s.groupId = m.groupId and m.memberId = :member" + (scope == null ? "" : " and s.unit in :scope")
                + " order by s.name";
        var query = GroupSummaryRow.getEntityManager().createQuery(hql, Object[].class).setParameter("member", memberId);
        if (scope != null) {
            query.setParameter("scope", scope);
        }
        return query.getResultList().stream().map(r -> new Membership((String) r[0], (String) r[1], (String) r[2],
                (String) r[3], (String) r[4])).toList();
    }
}
