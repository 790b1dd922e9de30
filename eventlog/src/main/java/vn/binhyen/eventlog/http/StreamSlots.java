package vn.binhyen.eventlog.http;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Open streams (Server-Sent Events) of one instance, counted per key (a token's subject, a
 * dashboard session) and in all, so that no one holds more than their share of this instance's
 * connections and buffers (audit F12). A slot is taken before the stream is answered, and over
 * a limit the answer is 429 with a problem document and {@code Retry-After}; it is opened when
 * the stream is subscribed, and freed when the stream ends, however it ends (the client left,
 * the stream completed or failed).
 * <p>
 * Quarkus subscribes to a stream only once the answer's headers are written; a client that leaves
 * before that never has its stream subscribed, so nothing would end it. A slot not opened within
 * {@link #UNOPENED_GRACE} is therefore freed by the next {@link #take} that needs the room, and
 * opens no more ({@link Slot#open()} answers false; the stream then ends at once).
 * <p>
 * The limits are per instance: behind a load balancer a user may hold one share on each.
 */
public final class StreamSlots {
    /** How long a slot may wait for its stream to be subscribed. */
    public static final Duration UNOPENED_GRACE = Duration.ofSeconds(10);
    /** Seconds a refused client is asked to wait. */
    public static final int RETRY_AFTER_SECONDS = 10;

    private final String limit;
    private final String keyKind;
    private final int perKey;
    private final int total;
    private final long graceNanos;
    private final LongSupplier nanoTime;
    private final Map<String, List<Slot>> byKey = new HashMap<>();
    private int taken;

    /**
     * @param limit   the limit's name in the refusal's rule id, e.g. {@code feed-stream} gives
     *                {@code limit:feed-stream-per-user} and {@code limit:feed-stream-per-instance}
     * @param keyKind what a key is, e.g. {@code user} or {@code session}
     * @param perKey  the most open streams one key may hold
     * @param total   the most open streams on this instance
     */
    public StreamSlots(String limit, String keyKind, int perKey, int total) {
        this(limit, keyKind, perKey, total, UNOPENED_GRACE, System::nanoTime);
    }

    StreamSlots(String limit, String keyKind, int perKey, int total, Duration grace, LongSupplier nanoTime) {
        if (perKey < 1 || total < 1) {
            throw new IllegalArgumentException("stream limits must be at least 1, not " + perKey + " and " + total);
        }
        this.limit = Objects.requireNonNull(limit);
        this.keyKind = Objects.requireNonNull(keyKind);
        this.perKey = perKey;
        this.total = total;
        this.graceNanos = grace.toNanos();
        this.nanoTime = Objects.requireNonNull(nanoTime);
    }

    /** The rule id of the per-key limit, e.g. {@code limit:feed-stream-per-user}. */
    public String perKeyRule() {
        return "limit:" + limit + "-per-" + keyKind;
    }

    /** The rule id of the per-instance limit, e.g. {@code limit:feed-stream-per-instance}. */
    public String totalRule() {
        return "limit:" + limit + "-per-instance";
    }

    /**
     * A slot for a new stream of {@code key}.
     *
     * @throws Full when {@code key} already holds its share, or the instance is full
     */
    public synchronized Slot take(String key) {
        Objects.requireNonNull(key, "key");
        List<Slot> mine = byKey.get(key);
        if (mine != null && mine.size() >= perKey) {
            sweep(mine);
            mine = byKey.get(key);
        }
        if (mine != null && mine.size() >= perKey) {
            throw new Full(perKeyRule(), "at most " + perKey + " open streams per " + keyKind + " on this instance; "
                    + "close one, or try again in " + RETRY_AFTER_SECONDS + " s");
        }
        if (taken >= total) {
            for (List<Slot> slots : new ArrayList<>(byKey.values())) {
                sweep(slots);
            }
        }
        if (taken >= total) {
            throw new Full(totalRule(), "this instance already holds its " + total + " open streams; try again in "
                    + RETRY_AFTER_SECONDS + " s");
        }
        Slot slot = new Slot(key, nanoTime.getAsLong());
        byKey.computeIfAbsent(key, k -> new ArrayList<>(2)).add(slot);
        taken++;
        return slot;
    }

    /** Slots held now, opened or not. */
    public synchronized int taken() {
        return taken;
    }

    /** Slots {@code key} holds now. */
    public synchronized int taken(String key) {
        List<Slot> mine = byKey.get(key);
        return mine == null ? 0 : mine.size();
    }

    /** Frees the slots of {@code slots} (one key's) that were never opened within the grace. */
    private void sweep(List<Slot> slots) {
        long now = nanoTime.getAsLong();
        for (Slot s : new ArrayList<>(slots)) {
            if (!s.opened && now - s.takenAt > graceNanos) {
                free(s);
            }
        }
    }

    private void free(Slot s) {
        if (s.freed) {
            return;
        }
        s.freed = true;
        List<Slot> mine = byKey.get(s.key);
        if (mine != null && mine.remove(s)) {
            taken--;
            if (mine.isEmpty()) {
                byKey.remove(s.key);
            }
        }
    }

    /** One stream's place. */
    public final class Slot {
        private final String key;
        private final long takenAt;
        private boolean opened;
        private boolean freed;

        private Slot(String key, long takenAt) {
            this.key = key;
            this.takenAt = takenAt;
        }

        /**
         * The stream was subscribed. False when the slot was already freed (never opened within
         * the grace, or released): the stream is to end at once.
         */
        public boolean open() {
            synchronized (StreamSlots.this) {
                if (freed) {
                    return false;
                }
                opened = true;
                return true;
            }
        }

        /** The stream ended; freeing twice frees once. */
        public void release() {
            synchronized (StreamSlots.this) {
                free(this);
            }
        }
    }

    /** Refused: 429, a problem document naming the limit, and {@code Retry-After}. */
    public static final class Full extends WebApplicationException {
        private final String rule;

        Full(String rule, String detail) {
            super(detail, Response.fromResponse(Problem.of("too-many-streams",
                    "Quá nhiều kết nối / Too many open streams", 429, detail).withCitation(rule).toResponse())
                    .header("Retry-After", RETRY_AFTER_SECONDS).build());
            this.rule = rule;
        }

        /** The rule id of the limit reached. */
        public String rule() {
            return rule;
        }
    }
}
