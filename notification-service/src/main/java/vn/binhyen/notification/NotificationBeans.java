package vn.binhyen.notification;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import vn.binhyen.contracts.notification.NotificationEvent;
import vn.binhyen.eventlog.decider.EventCodec;

/** The notification events' codec: stable type names and schema versions from the contracts. */
public class NotificationBeans {
    @Produces
    @Singleton
    EventCodec<NotificationEvent> codec() {
        EventCodec.Builder<NotificationEvent> b = EventCodec.builder(NotificationEvent.class);
        NotificationEvent.TYPES.forEach((name, type) -> b.register(name, NotificationEvent.SCHEMA_VERSION, type));
        return b.build();
    }
}
