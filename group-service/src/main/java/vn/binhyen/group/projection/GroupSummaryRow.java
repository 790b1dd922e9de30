package vn.binhyen.group.projection;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

/**
 * A row of {@code group_summary} (V100), as the API's reads see it: a simple read model, so Panache
 * rather than hand-written JDBC. {@link Immutable}: {@link GroupProjector} writes the table, in the
 * events' own transaction, with upserts Hibernate does not express; Hibernate only reads it.
 */
@Entity
@Immutable
@Table(name = "group_summary")
public class GroupSummaryRow extends PanacheEntityBase {
    @Id
    @Column(name = "group_id")
    public String groupId;

    public String name;

    public String profile;

    public String unit;

    public String kind;

    public String status;

    @Column(name = "member_count")
    public int memberCount;

    public long version;
}
