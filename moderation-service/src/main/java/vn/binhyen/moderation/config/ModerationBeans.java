package vn.binhyen.moderation.config;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import vn.binhyen.contracts.moderation.ModerationEvent;
import vn.binhyen.eventlog.EventStore;
import vn.binhyen.eventlog.decider.CommandHandler;
import vn.binhyen.eventlog.decider.EventCodec;
import vn.binhyen.eventlog.quarkus.AfterCommit;
import vn.binhyen.eventlog.snapshot.CachedSnapshots;
import vn.binhyen.eventlog.snapshot.PostgresSnapshots;
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

    /**
     * The shape of a snapshotted ledger: change it whenever {@link Ledger.Open} changes, so that old snapshots
     * are ignored and ledgers are folded afresh.
     */
    public static final String LEDGER_SNAPSHOT_KIND = "ledger-state-1";

    /**
     * A member's ledger grows with each violation, and an account that floods a group with them (the worst case
     * of bin/bench connector: four members, 75 violations each) made every takedown read and fold the member's
     * whole history, more CPU than screening the fifty messages around it (a flight recording, 12-04). The
     * recently used ledgers are kept in memory after commit (another instance's appends are read as the tail),
     * in front of a snapshot in the database every 20 events.
     */
    @Produces
    @Singleton
    CachedSnapshots<Ledger> ledgerSnapshots(AgroalDataSource dataSource, AfterCommit afterCommit) {
        return new CachedSnapshots<>(new PostgresSnapshots<>(dataSource, Ledger.Open.class, LEDGER_SNAPSHOT_KIND, 20),
                10_000, afterCommit);
    }

    @Produces
    @Singleton
    CommandHandler<LedgerCommand, Ledger, ModerationEvent> ledger(EventStore store, EventCodec<ModerationEvent> codec,
            Clock clock, CachedSnapshots<Ledger> snapshots) {
        return new CommandHandler<>(store, new LedgerDecider(), codec, clock, snapshots);
    }
}
