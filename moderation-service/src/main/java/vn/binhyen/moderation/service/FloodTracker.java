package vn.binhyen.moderation.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many messages a member sent in a group within a window, in memory. Messages of a group
 * reach one instance (Kafka partitions by group; bots call the instance their group maps to),
 * so a per-instance count is the group's count; a message id seen twice counts once.
 */
@ApplicationScoped
public class FloodTracker {
    private record Seen(String messageId, Instant at) {
    }

    /** More than any rule's limit: a count that reaches it is a flood whatever the rule. */
    static final int KEPT = 64;

    private final Map<String, Deque<Seen>> recent = new ConcurrentHashMap<>();

    /**
     * Notes the message and returns how many the member sent within {@code window} up to it,
     * itself included (at most {@link #KEPT}: the memory per member stays bounded).
     */
    public int note(String groupId, String memberId, String messageId, Instant at, Duration window) {
        Deque<Seen> seen = recent.computeIfAbsent(groupId + "\n" + memberId, k -> new ArrayDeque<>());
        synchronized (seen) {
            Instant since = at.minus(window);
            while (!seen.isEmpty() && seen.peekFirst().at().isBefore(since)) {
                seen.pollFirst();
            }
            if (seen.stream().noneMatch(s -> s.messageId().equals(messageId))) {
                seen.addLast(new Seen(messageId, at));
                if (seen.size() > KEPT) {
                    seen.pollFirst();
                }
            }
            return (int) seen.stream().filter(s -> !s.at().isBefore(since) && !s.at().isAfter(at)).count();
        }
    }
}
