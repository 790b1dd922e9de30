package vn.binhyen.notification.projection;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.Immutable;

/**
 * A row of {@code notification} (V100): an in-app feed item, as the feed reads it through Panache.
 * {@link Immutable}: the router writes it in the consuming transaction (one insert per recipient and
 * event, unique by source event, recipient and channel) and acknowledgements update it; Hibernate
 * only reads it, into {@link Feed.Item} projections.
 */
@Entity
@Immutable
@Table(name = "notification")
public class NotificationRow extends PanacheEntityBase {
    @Id
    @Column(name = "notification_id")
    public String notificationId;

    public String recipient;

    public String kind;

    public String urgency;

    public String citation;

    public String text;

    public String state;

    @Column(name = "created_at")
    public Instant createdAt;
}
