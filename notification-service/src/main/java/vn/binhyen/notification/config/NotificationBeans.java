package vn.binhyen.notification.config;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import vn.binhyen.contracts.notification.NotificationEvent;
import vn.binhyen.eventlog.decider.EventCodec;

/** The notification events' codec: stable type names and schema versions from the contracts. */
public class NotificationBeans {
    @Produces
    @Singleton
    EventCodec<NotificationEvent> codec() {
        return EventCodec.of(NotificationEvent.class, NotificationEvent.TYPES, NotificationEvent.SCHEMA_VERSION);
    }
}
