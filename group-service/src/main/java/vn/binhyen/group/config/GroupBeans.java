package vn.binhyen.group.config;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import io.agroal.api.AgroalDataSource;
import java.time.Clock;
import vn.binhyen.eventlog.quarkus.AfterCommit;
import vn.binhyen.eventlog.snapshot.CachedSnapshots;
import vn.binhyen.eventlog.snapshot.PostgresSnapshots;
import java.util.Map;
import vn.binhyen.contracts.group.GroupEvent;
import vn.binhyen.contracts.group.UnitEvent;
import vn.binhyen.eventlog.EventStore;
import vn.binhyen.eventlog.decider.CommandHandler;
import vn.binhyen.eventlog.decider.EventCodec;
import vn.binhyen.group.domain.Group;
import vn.binhyen.group.domain.GroupCommand;
import vn.binhyen.group.domain.GroupDecider;
import vn.binhyen.group.domain.RegulationProfile;
import vn.binhyen.group.domain.unit.Unit;
import vn.binhyen.group.domain.unit.UnitCommand;
import vn.binhyen.group.domain.unit.UnitDecider;

/**
 * Wires the group decider to the event store, with the regulation profiles loaded once, and the
 * unit decider beside it (units' streams are {@code unit-<unitId>} in the same store).
 */
public class GroupBeans {

    @Produces
    @Singleton
    Map<String, RegulationProfile> profiles() {
        return RegulationProfiles.load();
    }

    @Produces
    @Singleton
    GroupDecider decider(Map<String, RegulationProfile> profiles) {
        return new GroupDecider(profiles);
    }

    @Produces
    @Singleton
    EventCodec<GroupEvent> codec() {
        return eventCodec();
    }

    /** The group events' codec: stable type names and schema versions from the contracts. */
    public static EventCodec<GroupEvent> eventCodec() {
        return EventCodec.of(GroupEvent.class, GroupEvent.TYPES, GroupEvent.SCHEMA_VERSION);
    }

    /**
     * The shape of the snapshotted state: change it whenever {@link Group.Established} changes,
     * so that old snapshots are ignored and streams are folded afresh.
     */
    public static final String SNAPSHOT_KIND = "group-state-6";

    /**
     * Recently used groups' states in memory (put after commit), in front of snapshots in the
     * database every {@code binhyen.group.snapshot-every} events: a 5,000-member group is not
     * folded from its first event on every command.
     */
    @Produces
    @Singleton
    CachedSnapshots<Group> snapshots(AgroalDataSource dataSource, AfterCommit afterCommit, GroupConfig config) {
        return new CachedSnapshots<>(new PostgresSnapshots<>(dataSource, Group.Established.class, SNAPSHOT_KIND,
                config.snapshotEvery()), config.cachedGroups(), afterCommit);
    }

    @Produces
    @Singleton
    CommandHandler<GroupCommand, Group, GroupEvent> handler(EventStore store, GroupDecider decider,
            EventCodec<GroupEvent> codec, Clock clock, CachedSnapshots<Group> snapshots) {
        return new CommandHandler<>(store, decider, codec, clock, snapshots);
    }

    /** The unit events' codec: stable type names and the schema version from the contracts. */
    public static EventCodec<UnitEvent> unitEventCodec() {
        return EventCodec.of(UnitEvent.class, UnitEvent.TYPES, UnitEvent.SCHEMA_VERSION);
    }

    /** Residents' feedback: a stream has an event or three, so every command folds it whole (no snapshots). */
    @Produces
    @Singleton
    CommandHandler<vn.binhyen.group.domain.feedback.FeedbackCommand, vn.binhyen.group.domain.feedback.Feedback,
            vn.binhyen.contracts.group.FeedbackEvent> feedbackHandler(EventStore store, Clock clock) {
        return new CommandHandler<>(store, new vn.binhyen.group.domain.feedback.FeedbackDecider(),
                EventCodec.of(vn.binhyen.contracts.group.FeedbackEvent.class, vn.binhyen.contracts.group.FeedbackEvent.TYPES,
                        vn.binhyen.contracts.group.FeedbackEvent.SCHEMA_VERSION), clock);
    }

    /** Units: a stream has an event or two, so every command folds it whole (no snapshots). */
    @Produces
    @Singleton
    CommandHandler<UnitCommand, Unit, UnitEvent> unitHandler(EventStore store, Clock clock) {
        return new CommandHandler<>(store, new UnitDecider(), unitEventCodec(), clock);
    }
}
