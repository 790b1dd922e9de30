package vn.binhyen.eventlog.decider;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import vn.binhyen.eventlog.Actor;
import vn.binhyen.eventlog.AppendResult;
import vn.binhyen.eventlog.ConcurrencyException;
import vn.binhyen.eventlog.Envelope;
import vn.binhyen.eventlog.EventIds;
import vn.binhyen.eventlog.EventStore;
import vn.binhyen.eventlog.NewEvent;

/**
 * Load → fold → decide → append with the expected version. A caller that states a version
 * (from {@code If-Match}) that is not the stream's gets a {@link StaleVersionException} (412)
 * before anything is decided; a writer that raced us gets a {@link ConcurrencyException} (409).
 */
public final class CommandHandler<C, S, E> {
    private final EventStore store;
    private final Decider<C, S, E> decider;
    private final EventCodec<E> codec;
    private final Clock clock;
    private final Snapshots<S> snapshots;

    public CommandHandler(EventStore store, Decider<C, S, E> decider, EventCodec<E> codec, Clock clock) {
        this(store, decider, codec, clock, Snapshots.none());
    }

    public CommandHandler(EventStore store, Decider<C, S, E> decider, EventCodec<E> codec, Clock clock,
            Snapshots<S> snapshots) {
        this.store = Objects.requireNonNull(store);
        this.decider = Objects.requireNonNull(decider);
        this.codec = Objects.requireNonNull(codec);
        this.clock = Objects.requireNonNull(clock);
        this.snapshots = Objects.requireNonNull(snapshots);
    }

    /** Who asked, and the request's correlation. */
    public record Metadata(Actor actor, String correlationId, String causationId) {
    }

    public record Outcome<S, E>(String streamId, long version, S state, List<E> events, AppendResult append) {
    }

    public Decider<C, S, E> decider() {
        return decider;
    }

    public EventCodec<E> codec() {
        return codec;
    }

    /** The stream's current state (from its latest snapshot and the events after it). */
    public S load(String streamId) {
        return current(streamId).state();
    }

    /** The stream's current state and version: the latest snapshot, then the events after it. */
    public Snapshots.Snapshot<S> current(String streamId) {
        var from = snapshots.latest(streamId).orElse(new Snapshots.Snapshot<>(0, decider.initialState()));
        List<Envelope> tail = store.readAfter(streamId, from.version());
        if (tail.isEmpty()) {
            return from;
        }
        S state = from.state();
        for (Envelope e : tail) {
            state = decider.evolve(state, codec.decode(e));
        }
        return new Snapshots.Snapshot<>(tail.getLast().streamVersion(), state);
    }

    public Outcome<S, E> handle(String streamId, OptionalLong ifMatch, C command, Metadata meta) {
        var current = current(streamId);
        long version = current.version();
        if (ifMatch.isPresent() && ifMatch.getAsLong() != version) {
            throw new StaleVersionException(streamId, ifMatch.getAsLong(), version);
        }
        S state = current.state();
        List<E> decided = decider.decide(command, state);
        List<NewEvent> toAppend = new ArrayList<>(decided.size());
        state = evolve(state, decided, toAppend, meta);
        AppendResult result = store.append(streamId, version, toAppend);
        if (result.version() > version) {
            snapshots.appended(streamId, version, result.version(), state);
        }
        return new Outcome<>(streamId, result.version(), state, decided, result);
    }

    /**
     * A command that starts a stream the caller has just named (a new report, a new post): decided
     * from the initial state without reading anything, and written only if the stream does not
     * exist yet, else a {@link ConcurrencyException} and nothing written. Two round trips fewer
     * than {@link #handle} with version 0.
     */
    public Outcome<S, E> start(String streamId, C command, Metadata meta) {
        S state = decider.initialState();
        List<E> decided = decider.decide(command, state);
        List<NewEvent> toAppend = new ArrayList<>(decided.size());
        state = evolve(state, decided, toAppend, meta);
        AppendResult result = store.startStreams(java.util.Map.of(streamId, toAppend)).getFirst();
        if (result.version() > 0) {
            snapshots.appended(streamId, 0, result.version(), state);
        }
        return new Outcome<>(streamId, result.version(), state, decided, result);
    }

    /** Folds {@code decided} into {@code state}, adding each as a new event to {@code out}. */
    private S evolve(S state, List<E> decided, List<NewEvent> out, Metadata meta) {
        for (E e : decided) {
            state = decider.evolve(state, e);
            out.add(new NewEvent(EventIds.next(), codec.typeName(e), codec.schemaVersion(e), clock.instant(),
                    meta.actor(), meta.correlationId(), meta.causationId(), codec.payload(e)));
        }
        return state;
    }
}
