package vn.binhyen.group.projection;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

/**
 * A row of {@code unit} (V102), as the unit list reads it through Panache. {@link Immutable}:
 * {@code UnitProjector} writes it in the events' transaction; the tree's walks up and down
 * ({@link UnitTree#within}, {@link UnitTree#below}) are recursive SQL, JDBC's.
 */
@Entity
@Immutable
@Table(name = "unit")
public class UnitSummaryRow extends PanacheEntityBase {
    @Id
    @Column(name = "unit_id")
    public String unitId;

    public String name;

    public String kind;

    @Column(name = "parent_unit_id")
    public String parentUnitId;
}
