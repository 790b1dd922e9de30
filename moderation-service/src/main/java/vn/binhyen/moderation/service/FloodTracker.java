package vn.binhyen.moderation.service;

import io.quarkus.scheduler.Scheduled;
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

    private record Member(String groupId, String memberId) {
    }

    /** More than any rule's limit: a count that reaches it is a flood whatever the rule. */
    static final int KEPT = 64;

    private final Map<Member, Deque<Seen>> recent = new ConcurrentHashMap<>();
    /** The latest message time noted and the longest window asked for: what {@link #forgetQuiet} keeps. */
    private volatile Instant latest = Instant.EPOCH;
    private volatile Duration longest = Duration.ZERO;

    /**
     * Notes the message and returns how many the member sent within {@code window} up to it,
     * itself included (at most {@link #KEPT}: the memory per member stays bounded).
     */
    public int note(String groupId, String memberId, String messageId, Instant at, Duration window) {
        if (at.isAfter(latest)) {
            latest = at;
        }
        if (window.compareTo(longest) > 0) {
            longest = window;
        }
        Member key = new Member(groupId, memberId);
        while (true) {
            Deque<Seen> seen = recent.computeIfAbsent(key, k -> new ArrayDeque<>(4)); // most members post rarely
            synchronized (seen) {
                if (recent.get(key) != seen) {
                    continue; // forgotten meanwhile (the member had been quiet): start afresh
                }
                Instant since = at.minus(window);
                while (!seen.isEmpty() && seen.peekFirst().at().isBefore(since)) {
                    seen.pollFirst();
                }
                // loops, not streams: this runs for every message screened
                boolean retried = false;
                for (Seen s : seen) {
                    if (s.messageId().equals(messageId)) {
                        retried = true;
                        break;
                    }
                }
                if (!retried) {
                    seen.addLast(new Seen(messageId, at));
                    if (seen.size() > KEPT) {
                        seen.pollFirst();
                    }
                }
                int within = 0;
                for (Seen s : seen) {
                    if (!s.at().isBefore(since) && !s.at().isAfter(at)) {
                        within++;
                    }
                }
                return within;
            }
        }
    }

    /**
     * Forgets members quiet for longer than any window: without it every member who ever posted
     * stays in memory (and a bot posting as a new member each time fills it).
     */
    @Scheduled(every = "${binhyen.moderation.flood-sweep-every:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void forgetQuiet() {
        forgetQuiet(Instant.now());
    }

    /**
     * Windows are in the bots' message time; "now" is the latest message time, but never later
     * than the clock: a message dated in the future must not make every member look quiet.
     */
    void forgetQuiet(Instant clock) {
        Instant now = latest.isAfter(clock) ? clock : latest;
        Instant since = now.minus(longest);
        for (var e : recent.entrySet()) {
            Deque<Seen> seen = e.getValue();
            synchronized (seen) { // under the member's lock: a note in progress either sees it gone or keeps it
                Seen last = seen.peekLast();
                if (last == null || last.at().isBefore(since)) {
                    recent.remove(e.getKey(), seen);
                }
            }
        }
    }

    /** Members with messages in memory. */
    int members() {
        return recent.size();
    }
}
