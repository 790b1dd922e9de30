package vn.binhyen.report.service;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * An Open311 client's api_key, as its SHA-256 (V114): a simple table, so Panache rather than
 * hand-written JDBC.
 */
@Entity
@Table(name = "open311_client")
public class Open311Client extends PanacheEntityBase {
    @Id
    @Column(name = "client_id")
    public String clientId;

    @Column(name = "key_hash", nullable = false, unique = true)
    public String keyHash;

    @Column(name = "issued_by", nullable = false)
    public String issuedBy;

    @Column(name = "issued_at", nullable = false)
    public Instant issuedAt;

    @Column(name = "revoked_by")
    public String revokedBy;

    @Column(name = "revoked_at")
    public Instant revokedAt;
}
