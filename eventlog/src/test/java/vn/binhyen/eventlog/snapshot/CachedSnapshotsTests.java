package vn.binhyen.eventlog.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import vn.binhyen.eventlog.decider.Snapshots;

class CachedSnapshotsTests {
    /** A persistent tier that keeps every state it is offered. */
    static final class Kept implements Snapshots<String> {
        final Map<String, Snapshot<String>> saved = new HashMap<>();

        @Override
        public Optional<Snapshot<String>> latest(String streamId) {
            return Optional.ofNullable(saved.get(streamId));
        }

        @Override
        public void appended(String streamId, long fromVersion, long toVersion, String state) {
            saved.put(streamId, new Snapshot<>(toVersion, state));
        }
    }

    @Test
    void aStateEntersTheCacheOnlyWhenItsTransactionCommits() {
        List<Runnable> pendingCommit = new ArrayList<>();
        var persistent = new Snapshots<String>() {
            @Override
            public Optional<Snapshot<String>> latest(String streamId) {
                return Optional.empty();
            }

            @Override
            public void appended(String streamId, long fromVersion, long toVersion, String state) {
            }
        };
        var cache = new CachedSnapshots<>(persistent, 10, pendingCommit::add);

        cache.appended("s-1", 0, 1, "v1");
        assertThat(cache.latest("s-1")).as("before commit").isEmpty();

        pendingCommit.clear(); // rolled back: the action never runs
        assertThat(cache.latest("s-1")).isEmpty();

        cache.appended("s-1", 0, 1, "v1 again");
        pendingCommit.forEach(Runnable::run); // committed
        assertThat(cache.latest("s-1")).contains(new Snapshots.Snapshot<>(1, "v1 again"));
    }

    @Test
    void anOlderStateNeverReplacesANewerOne_andTheLeastRecentlyUsedStreamIsEvicted() {
        var cache = new CachedSnapshots<>(new Kept(), 2, Runnable::run);
        cache.appended("a", 1, 2, "a2");
        cache.appended("a", 0, 1, "a1"); // a late commit of an older state
        assertThat(cache.latest("a")).contains(new Snapshots.Snapshot<>(2, "a2"));

        var onlyMemory = new CachedSnapshots<>(Snapshots.<String>none(), 2, Runnable::run);
        onlyMemory.appended("a", 0, 1, "a1");
        onlyMemory.appended("b", 0, 1, "b1");
        onlyMemory.latest("a");
        onlyMemory.appended("c", 0, 1, "c1");
        assertThat(onlyMemory.latest("b")).as("least recently used").isEmpty();
        assertThat(onlyMemory.latest("a")).isPresent();
        assertThat(onlyMemory.latest("c")).isPresent();
    }

    @Test
    void aMissInMemoryFallsBackToThePersistentTier() {
        Kept kept = new Kept();
        kept.appended("s", 0, 100, "from the database");
        var cache = new CachedSnapshots<>(kept, 10, Runnable::run);
        assertThat(cache.latest("s")).contains(new Snapshots.Snapshot<>(100, "from the database"));
    }
}
