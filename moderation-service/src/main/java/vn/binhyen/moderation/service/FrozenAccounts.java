package vn.binhyen.moderation.service;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import vn.binhyen.eventlog.directory.Directory;

/**
 * Keeps the Directory's in-memory set of frozen seats (ioc-dak-lak:4.3.8) current: read every few
 * seconds from the start, so a hijacked account another instance learned of is held here too, while a
 * screening asks memory only. An instance applying the report itself knows at once.
 */
@ApplicationScoped
public class FrozenAccounts {
    private static final Logger LOG = Logger.getLogger(FrozenAccounts.class);
    private final Directory directory;

    FrozenAccounts(Directory directory) {
        this.directory = directory;
    }

    @Scheduled(every = "${binhyen.moderation.frozen-refresh-every:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        try {
            directory.refreshFrozen();
        } catch (RuntimeException e) {
            LOG.warnf("frozen accounts could not be read again (the last set stands): %s", e.getMessage());
        }
    }
}
