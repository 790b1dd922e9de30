package vn.binhyen.moderation.service;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many messages a member sent in a group within a window, in memory. Messages of a group
 * reach one instance (Kafka partitions by group; bots call the instance their group maps to),
 * so a per-instance count is the group's count; a message id seen twice counts once.
 */
@ApplicationScoped
public class FloodTracker {
    /** The service's clock (tests move it); a tracker made with {@code new} reads the system's. */
    @jakarta.inject.Inject
    java.time.Clock clock = java.time.Clock.systemUTC();

    /** More than any rule's limit: a count that reaches it is a flood whatever the rule. */
    static final int KEPT = 64;

    /**
     * A member's recent messages, oldest first: half the print of each message's (group, message
     * id) and its time in epoch milliseconds, in pairs. Compact, because it is kept for every member who posted
     * within the longest window: about 120 bytes for a member with one message (with the map's
     * entry and the member's print), where records of strings and instants took about 300.
     */
    private static final class Recent {
        private long[] pairs = new long[2]; // most members post rarely
        private int size;

        long lastAt() {
            return size == 0 ? Long.MIN_VALUE : pairs[2 * size - 1];
        }

        /** Drops the messages before {@code since}. */
        void dropBefore(long since) {
            int first = 0;
            while (first < size && pairs[2 * first + 1] < since) {
                first++;
            }
            drop(first);
        }

        private void drop(int first) {
            if (first > 0) {
                System.arraycopy(pairs, 2 * first, pairs, 0, 2 * (size - first));
                size -= first;
            }
        }

        boolean contains(long message) {
            for (int i = 0; i < size; i++) {
                if (pairs[2 * i] == message) {
                    return true;
                }
            }
            return false;
        }

        /** Adds at the end, dropping the oldest beyond {@link #KEPT}. */
        void add(long message, long at) {
            if (size == KEPT) {
                drop(1);
            }
            if (2 * size == pairs.length) {
                pairs = java.util.Arrays.copyOf(pairs, Math.min(2 * KEPT, 2 * pairs.length));
            }
            pairs[2 * size] = message;
            pairs[2 * size + 1] = at;
            size++;
        }

        int within(long since, long until) {
            int within = 0;
            for (int i = 0; i < size; i++) {
                long at = pairs[2 * i + 1];
                if (at >= since && at <= until) {
                    within++;
                }
            }
            return within;
        }
    }

    /** By the print of (groupId, memberId): no strings kept per member. */
    private final Map<Prints.Print, Recent> recent = new ConcurrentHashMap<>();
    /** The latest message time noted and the longest window asked for: what {@link #forgetQuiet} keeps. */
    private volatile Instant latest = Instant.EPOCH;
    private volatile Duration longest = Duration.ZERO;

    /**
     * Notes the message and returns how many the member sent within {@code window} up to it,
     * itself included (at most {@link #KEPT}: the memory per member stays bounded). Times count
     * to the millisecond (chat platforms date messages in milliseconds).
     */
    public int note(String groupId, String memberId, String messageId, Instant at, Duration window) {
        return note(groupId, memberId, Prints.of(groupId, messageId), at, window);
    }

    /**
     * As {@link #note(String, String, String, Instant, Duration)}, given the message's print of
     * (group, message id), which the screening has made already for its answers.
     */
    public int note(String groupId, String memberId, Prints.Print message, Instant at, Duration window) {
        if (at.isAfter(latest)) {
            latest = at;
        }
        if (window.compareTo(longest) > 0) {
            longest = window;
        }
        Prints.Print key = Prints.of(groupId, memberId);
        long id = message.low(); // compared among one member's messages in one group only
        long until = at.toEpochMilli(); // times are bounded (PlausibleTime): no overflow
        long since = until - window.toMillis();
        while (true) {
            Recent seen = recent.computeIfAbsent(key, k -> new Recent());
            synchronized (seen) {
                if (recent.get(key) != seen) {
                    continue; // forgotten meanwhile (the member had been quiet): start afresh
                }
                seen.dropBefore(since);
                if (!seen.contains(id)) { // a retry counts once
                    seen.add(id, until);
                }
                return seen.within(since, until);
            }
        }
    }

    /**
     * Forgets members quiet for longer than any window: without it every member who ever posted
     * stays in memory (and a bot posting as a new member each time fills it).
     */
    @Scheduled(every = "${binhyen.moderation.flood-sweep-every:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void forgetQuiet() {
        forgetQuiet(clock.instant());
    }

    /**
     * Windows are in the bots' message time; "now" is the latest message time, but never later
     * than the clock: a message dated in the future must not make every member look quiet.
     */
    void forgetQuiet(Instant clock) {
        Instant now = latest.isAfter(clock) ? clock : latest;
        long since = now.minus(longest).toEpochMilli();
        for (var e : recent.entrySet()) {
            Recent seen = e.getValue();
            synchronized (seen) { // under the member's lock: a note in progress either sees it gone or keeps it
                if (seen.lastAt() < since) {
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
