package vn.binhyen.group.config;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Map;
import vn.binhyen.contracts.group.GroupEvent;
import vn.binhyen.eventlog.EventStore;
import vn.binhyen.eventlog.decider.CommandHandler;
import vn.binhyen.eventlog.decider.EventCodec;
import vn.binhyen.group.domain.Group;
import vn.binhyen.group.domain.GroupCommand;
import vn.binhyen.group.domain.GroupDecider;
import vn.binhyen.group.domain.RegulationProfile;

/** Wires the group decider to the event store, with the regulation profiles loaded once. */
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
        EventCodec.Builder<GroupEvent> b = EventCodec.builder(GroupEvent.class);
        GroupEvent.TYPES.forEach((name, type) -> b.register(name, GroupEvent.SCHEMA_VERSION, type));
        return b.build();
    }

    @Produces
    @Singleton
    CommandHandler<GroupCommand, Group, GroupEvent> handler(EventStore store, GroupDecider decider,
            EventCodec<GroupEvent> codec, Clock clock) {
        return new CommandHandler<>(store, decider, codec, clock);
    }
}
