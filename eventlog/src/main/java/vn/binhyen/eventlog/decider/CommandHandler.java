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

    public CommandHandler(EventStore store, Decider<C, S, E> decider, EventCodec<E> codec, Clock clock) {
        this.store = Objects.requireNonNull(store);
        this.decider = Objects.requireNonNull(decider);
        this.codec = Objects.requireNonNull(codec);
        this.clock = Objects.requireNonNull(clock);
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

    public S load(String streamId) {
        return decider.fold(store.read(streamId).stream().map(codec::decode).toList());
    }

    public Outcome<S, E> handle(String streamId, OptionalLong ifMatch, C command, Metadata meta) {
        List<Envelope> history = store.read(streamId);
        long version = history.isEmpty() ? 0 : history.getLast().streamVersion();
        if (ifMatch.isPresent() && ifMatch.getAsLong() != version) {
            throw new StaleVersionException(streamId, ifMatch.getAsLong(), version);
        }
        S state = decider.initialState();
        for (Envelope e : history) {
            state = decider.evolve(state, codec.decode(e));
        }
        List<E> decided = decider.decide(command, state);
        List<NewEvent> toAppend = new ArrayList<>(decided.size());
        for (E e : decided) {
            state = decider.evolve(state, e);
            toAppend.add(new NewEvent(EventIds.next(), codec.typeName(e), codec.schemaVersion(e), clock.instant(),
                    meta.actor(), meta.correlationId(), meta.causationId(), codec.payload(e)));
        }
        AppendResult result = store.append(streamId, version, toAppend);
        return new Outcome<>(streamId, result.version(), state, decided, result);
    }
}
