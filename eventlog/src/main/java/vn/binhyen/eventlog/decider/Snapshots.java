package vn.binhyen.eventlog.decider;

import java.util.Optional;

/**
 * Where a stream's folded state can be resumed from, so a command does not fold a long
 * stream from its first event. A snapshot is only a cache: the events stay the truth, and
 * the handler always reads the events after the snapshot's version.
 */
public interface Snapshots<S> {

    /** The state folded up to and including {@code version}. */
    record Snapshot<S>(long version, S state) {
    }

    Optional<Snapshot<S>> latest(String streamId);

    /**
     * The state after an append moved the stream from {@code fromVersion} to {@code toVersion},
     * called inside the append's transaction; an implementation may keep or persist it.
     */
    void appended(String streamId, long fromVersion, long toVersion, S state);

    /** No snapshots: every command folds the whole stream. */
    static <S> Snapshots<S> none() {
        return new Snapshots<>() {
            @Override
            public Optional<Snapshot<S>> latest(String streamId) {
                return Optional.empty();
            }

            @Override
            public void appended(String streamId, long fromVersion, long toVersion, S state) {
            }
        };
    }
}
