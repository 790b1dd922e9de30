package vn.binhyen.moderation.config;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import vn.binhyen.contracts.moderation.ModerationEvent;
import vn.binhyen.eventlog.EventStore;
import vn.binhyen.eventlog.decider.CommandHandler;
import vn.binhyen.eventlog.decider.EventCodec;
import vn.binhyen.moderation.domain.ledger.Ledger;
import vn.binhyen.moderation.domain.ledger.LedgerCommand;
import vn.binhyen.moderation.domain.ledger.LedgerDecider;

/** The ledger and posting deciders on the event store, with the moderation events' codec. */
public class ModerationBeans {

    public static EventCodec<ModerationEvent> eventCodec() {
        return EventCodec.of(ModerationEvent.class, ModerationEvent.TYPES, ModerationEvent.SCHEMA_VERSION);
    }

    @Produces
    @Singleton
    EventCodec<ModerationEvent> codec() {
        return eventCodec();
    }

    @Produces
    @Singleton
    CommandHandler<vn.binhyen.moderation.domain.posting.PostCommand, vn.binhyen.moderation.domain.posting.Post,
            ModerationEvent> posts(EventStore store, EventCodec<ModerationEvent> codec, Clock clock) {
        // the only regulation with a publishing workflow; PostingService refuses the groups of the others
        var rule = Policies.load().get(vn.binhyen.moderation.service.PostingService.REGULATION).posting();
        return new CommandHandler<>(store, new vn.binhyen.moderation.domain.posting.PostDecider(rule), codec, clock);
    }

    @Produces
    @Singleton
    CommandHandler<LedgerCommand, Ledger, ModerationEvent> ledger(EventStore store, EventCodec<ModerationEvent> codec,
            Clock clock) {
        return new CommandHandler<>(store, new LedgerDecider(), codec, clock);
    }
}
