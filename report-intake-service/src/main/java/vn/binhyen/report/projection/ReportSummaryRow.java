package vn.binhyen.report.projection;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A row of {@code report_summary} (V100, V104, V109): the report queue as officers and the console
 * read it, through Panache. {@link Immutable}: {@code ReportService} writes the table in the events'
 * own transaction (an upsert per step, with the register's numbering beside it); Hibernate only reads it,
 * and {@link ReportQueue} reads it into projections, never managed entities: a row the same request
 * changes through JDBC is never answered from Hibernate's session as it was before.
 */
@Entity
@Immutable
@Table(name = "report_summary")
public class ReportSummaryRow extends PanacheEntityBase {
    @Id
    @Column(name = "report_id")
    public String reportId;

    public String unit;

    public String type;

    public String status;

    public String channel;

    @Column(name = "group_id")
    public String groupId;

    @Column(name = "received_at")
    public Instant receivedAt;

    public Instant deadline;

    public String emergency;

    /** How many required items the report still lacks. */
    public int missing;

    @Column(name = "incident_at")
    public Instant incidentAt;

    /** Sealed under the reporter's key, as the events carry it. */
    public String place;

    /** Sealed, as {@link #place}. */
    public String summary;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "missing_fields")
    public String[] missingFields;

    public String category;

    public String handler;
}
