package vn.binhyen.eventlog.quarkus;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import vn.binhyen.eventlog.EventStore;
import vn.binhyen.eventlog.Inbox;
import vn.binhyen.eventlog.PostgresEventStore;

/** The event store and inbox on the service's datasource; time from an injectable {@link Clock}. */
public class EventLogBeans {

    /** UTC system time; tests replace it with a clock they move. */
    @Produces
    @Singleton
    @DefaultBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    EventStore eventStore(AgroalDataSource dataSource, Clock clock) {
        return new PostgresEventStore(dataSource, clock);
    }

    @Produces
    @Singleton
    Inbox inbox(AgroalDataSource dataSource) {
        return new Inbox(dataSource);
    }
}
