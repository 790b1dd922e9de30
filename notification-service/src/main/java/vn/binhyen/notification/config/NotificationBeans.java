package vn.binhyen.notification.config;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import vn.binhyen.contracts.notification.NotificationEvent;
import vn.binhyen.eventlog.decider.EventCodec;

/** The notification events' codec (stable type names and schema versions from the contracts), and the delivery settings. */
public class NotificationBeans {
    /** The delivery queue's and the digests' settings, a group of the service's one mapping. */
    @Produces
    @Singleton
    DeliverySettings delivery(NotificationConfig config) {
        return config.delivery();
    }

    @Produces
    @Singleton
    EventCodec<NotificationEvent> codec() {
        return EventCodec.of(NotificationEvent.class, NotificationEvent.TYPES, NotificationEvent.SCHEMA_VERSION);
    }
}
