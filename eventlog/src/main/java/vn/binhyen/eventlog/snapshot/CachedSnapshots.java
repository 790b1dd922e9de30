package vn.binhyen.eventlog.snapshot;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import vn.binhyen.eventlog.decider.Snapshots;

/**
 * The latest state of the most recently used streams, in memory, in front of a persistent
 * {@link Snapshots}. A state enters the cache only once its append has committed
 * ({@code afterCommit} runs the put then, and never for a rollback), so the cache never holds
 * a version the database does not; events another instance appended meanwhile are read as
 * the tail after the cached version. States must be immutable.
 */
public final class CachedSnapshots<S> implements Snapshots<S> {
    private final Snapshots<S> persistent;
    private final Consumer<Runnable> afterCommit;
    private final Map<String, Snapshot<S>> cache;

    public CachedSnapshots(Snapshots<S> persistent, int capacity, Consumer<Runnable> afterCommit) {
        this.persistent = Objects.requireNonNull(persistent);
        this.afterCommit = Objects.requireNonNull(afterCommit);
        this.cache = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Snapshot<S>> eldest) {
                return size() > capacity;
            }
        };
    }

    @Override
    public Optional<Snapshot<S>> latest(String streamId) {
        Snapshot<S> cached;
        synchronized (cache) {
            cached = cache.get(streamId);
        }
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<Snapshot<S>> stored = persistent.latest(streamId);
        stored.ifPresent(s -> keep(streamId, s));
        return stored;
    }

    @Override
    public void appended(String streamId, long fromVersion, long toVersion, S state) {
        persistent.appended(streamId, fromVersion, toVersion, state);
        Snapshot<S> after = new Snapshot<>(toVersion, state);
        afterCommit.accept(() -> keep(streamId, after));
    }

    private void keep(String streamId, Snapshot<S> s) {
        synchronized (cache) {
            Snapshot<S> old = cache.get(streamId);
            if (old == null || old.version() < s.version()) {
                cache.put(streamId, s);
            }
        }
    }

    /** Forgets every cached state (tests; an operator after restoring the database). */
    public void clear() {
        synchronized (cache) {
            cache.clear();
        }
    }
}
