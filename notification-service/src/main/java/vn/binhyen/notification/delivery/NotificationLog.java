package vn.binhyen.notification.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Arrays;
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
}
