package vn.binhyen.group.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** group-service's own settings ({@code binhyen.group.*}), one mapping, checked at start. */
@ConfigMapping(prefix = "binhyen.group")
public interface GroupConfig {
    /**
     * How often the due-work job runs (pins expiring, directive reminders), as its {@code @Scheduled}
     * reads it: a duration, or "off" (the tests, which sweep themselves).
     */
    @WithDefault("30s")
    String sweepEvery();

    /** A snapshot of a group's state in the database every this many of its events. */
    @WithDefault("100")
    long snapshotEvery();

    /** The most recently used groups' states kept in memory. */
    @WithDefault("10000")
    int cachedGroups();
}
