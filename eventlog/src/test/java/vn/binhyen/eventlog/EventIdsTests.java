package vn.binhyen.eventlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Event ids and correlation ids: UUID version 7, distinct across threads, their time in front. */
class EventIdsTests {
    @Test
    void correlationIds_areVersion7_distinctAcrossThreads_andCarryTheTime() throws Exception {
        Set<UUID> seen = ConcurrentHashMap.newKeySet();
        long before = System.currentTimeMillis();
        try (var pool = Executors.newFixedThreadPool(4)) {
            List<Future<?>> runs = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                runs.add(pool.submit(() -> {
                    for (int i = 0; i < 20_000; i++) {
                        seen.add(EventIds.correlation());
                    }
                }));
            }
            for (var run : runs) {
                run.get();
            }
        }
        long after = System.currentTimeMillis();
        assertThat(seen).hasSize(80_000);
        for (UUID id : seen) {
            assertThat(id.version()).isEqualTo(7);
            assertThat(id.variant()).isEqualTo(2);
            assertThat(id.getMostSignificantBits() >>> 16).isBetween(before, after);
        }
        assertThat(EventIds.next().version()).isEqualTo(7);
    }
}
