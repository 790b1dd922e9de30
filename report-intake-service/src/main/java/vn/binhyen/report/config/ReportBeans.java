package vn.binhyen.report.config;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import vn.binhyen.contracts.report.ReportEvent;
import vn.binhyen.eventlog.EventStore;
import vn.binhyen.eventlog.decider.CommandHandler;
import vn.binhyen.eventlog.decider.EventCodec;
import vn.binhyen.report.domain.Report;
import vn.binhyen.report.domain.ReportCommand;
import vn.binhyen.report.domain.ReportDecider;

/** The report decider on the event store. */
public class ReportBeans {

    @Produces
    @Singleton
    EventCodec<ReportEvent> codec() {
        return EventCodec.of(ReportEvent.class, ReportEvent.TYPES, ReportEvent.SCHEMA_VERSION);
    }

    @Produces
    @Singleton
    CommandHandler<ReportCommand, Report, ReportEvent> handler(EventStore store, EventCodec<ReportEvent> codec,
            Clock clock) {
        return new CommandHandler<>(store, new ReportDecider(), codec, clock);
    }
}
