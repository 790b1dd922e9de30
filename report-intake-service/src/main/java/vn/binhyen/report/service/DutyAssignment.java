package vn.binhyen.report.service;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/** One officer on duty in one unit on one day: a row of {@code duty_roster} (V101, V107), through Panache. */
@Entity
@Table(name = "duty_roster")
@IdClass(DutyAssignment.Key.class)
public class DutyAssignment extends PanacheEntityBase {
    @Id
    public String unit;

    @Id
    @Column(name = "duty_date")
    public LocalDate dutyDate;

    @Id
    @Column(name = "officer_id")
    public String officerId;

    @Column(name = "assigned_by", nullable = false)
    public String assignedBy;

    @Column(name = "assigned_at", nullable = false)
    public Instant assignedAt;

    /** The table's primary key: (unit, duty_date, officer_id). */
    public static class Key implements Serializable {
        public String unit;
        public LocalDate dutyDate;
        public String officerId;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(unit, k.unit) && Objects.equals(dutyDate, k.dutyDate)
                    && Objects.equals(officerId, k.officerId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(unit, dutyDate, officerId);
        }
    }
}
