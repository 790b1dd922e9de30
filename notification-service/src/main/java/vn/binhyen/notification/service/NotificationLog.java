package vn.binhyen.notification.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import vn.binhyen.contracts.notification.NotificationEvent;
import vn.binhyen.eventlog.Actor;
import vn.binhyen.eventlog.EventIds;
import vn.binhyen.eventlog.EventStore;
import vn.binhyen.eventlog.NewEvent;
import vn.binhyen.eventlog.decider.EventCodec;

/** Appends a notification's events to its stream (the notification id), in the caller's transaction. */
@ApplicationScoped
public class NotificationLog {
    private final EventStore store;
    private final EventCodec<NotificationEvent> codec;
    private final Clock clock;

    NotificationLog(EventStore store, EventCodec<NotificationEvent> codec, Clock clock) {
        this.store = store;
        this.codec = codec;
        this.clock = clock;
    }

    /**
     * @param expectedVersion 0 for a new notification's first events (an id reused would fail), else
     *        {@link EventStore#ANY_VERSION}
     */
    public void append(String stream, long expectedVersion, String component, String correlationId,
            String causationId, NotificationEvent... events) {
        Actor actor = Actor.system("notification-service:" + component);
        store.append(stream, expectedVersion, Arrays.stream(events).map(e -> new NewEvent(EventIds.next(),
                codec.typeName(e), 1, clock.instant(), actor, correlationId, causationId, codec.payload(e))).toList());
    }

    /** A new notification's stream and its first events. */
    public record NewStream(String stream, String correlationId, String causationId, List<NotificationEvent> events) {
    }

    /** Starts many new notification streams in one round trip (in the caller's transaction). */
    public void start(String component, List<NewStream> streams) {
        if (streams.isEmpty()) {
            return;
        }
        Actor actor = Actor.system("notification-service:" + component);
        java.util.Map<String, List<NewEvent>> batch = new java.util.LinkedHashMap<>();
        for (NewStream s : streams) {
            batch.put(s.stream(), s.events().stream().map(e -> new NewEvent(EventIds.next(), codec.typeName(e), 1,
                    clock.instant(), actor, s.correlationId(), s.causationId(), codec.payload(e))).toList());
        }
        store.startStreams(batch);
    }
}
