package vn.binhyen.group.projection;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import org.hibernate.annotations.Immutable;

/**
 * A row of {@code group_membership} (V100): who sits in which group now, in which role. Read through
 * Panache; written by {@link GroupProjector} in the events' transaction ({@link Immutable} here).
 */
@Entity
@Immutable
@Table(name = "group_membership")
@IdClass(GroupMembershipRow.Key.class)
public class GroupMembershipRow extends PanacheEntityBase {
    @Id
    @Column(name = "group_id")
    public String groupId;

    @Id
    @Column(name = "member_id")
    public String memberId;

    public String role;

    /** The table's primary key. */
    public static class Key implements Serializable {
        public String groupId;
        public String memberId;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && java.util.Objects.equals(groupId, k.groupId)
                    && java.util.Objects.equals(memberId, k.memberId);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(groupId, memberId);
        }
    }
}
