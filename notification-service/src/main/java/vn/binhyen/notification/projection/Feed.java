package vn.binhyen.notification.projection;

import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** The in-app feed's reads ({@link NotificationRow}, through Panache, into {@link Item} projections). */
@ApplicationScoped
public class Feed {
    /** At most this many items a read. */
    public static final int PAGE = 200;

    public record Item(String notificationId, String recipient, String kind, String urgency, String citation,
            String text, String state, Instant createdAt) {
    }

    /**
     * The newest {@link #PAGE} of {@code recipients}' notifications, newest first; with {@code since},
     * the oldest {@link #PAGE} created after it, oldest first.
     */
    public List<Item> items(Collection<String> recipients, Instant since) {
        if (recipients.isEmpty()) {
            return List.of();
        }
        Sort order = since == null ? Sort.descending("createdAt") : Sort.ascending("createdAt", "notificationId");
        return NotificationRow.find("recipient in :recipients and createdAt > :since", order,
                Parameters.with("recipients", recipients).and("since", since == null ? Instant.EPOCH : since))
                .project(Item.class).range(0, PAGE - 1).list();
    }
}
