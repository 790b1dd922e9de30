package vn.binhyen.connector.service;

import vn.binhyen.connector.config.ConnectorConfig;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import vn.binhyen.connector.support.ZaloSimResource;
import vn.binhyen.testsupport.KafkaBrokerResource;
import vn.binhyen.testsupport.PostgresDatabaseResource;

/**
 * Zalo's rate limit is the OA's (issue 26: "at most 20 calls a second per OA"), so instances share
 * it: two pacers over the same database stand for two connector instances (the pace lives only in
 * {@code oa_pace}), and the slots they hand out, taken at once from four threads, are never closer
 * than 1/20 s.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PostgresDatabaseResource.class)
@QuarkusTestResource(ZaloSimResource.class)
class OaPaceTests {
    @Inject
    AgroalDataSource dataSource;

    @Inject
    ConnectorConfig config;

    @Test
    void twoInstancesTogether_takeSlotsAtMostTwentyASecondPerOa_issue_26() throws Exception {
        OaPace one = new OaPace(dataSource, config);
        OaPace two = new OaPace(dataSource, config);
        String oa = "oa-" + UUID.randomUUID();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        List<Future<OaPace.Slot>> taken = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            OaPace instance = i % 2 == 0 ? one : two;
            taken.add(threads.submit(() -> QuarkusTransaction.requiringNew().call(() -> instance.take(oa))));
        }
        List<Instant> slots = new ArrayList<>();
        for (Future<OaPace.Slot> f : taken) {
            slots.add(f.get().at());
        }
        threads.shutdown();
        Collections.sort(slots);
        assertThat(config.zalo().callsPerSecond()).isEqualTo(20);
        for (int i = 1; i < slots.size(); i++) {
            assertThat(Duration.between(slots.get(i - 1), slots.get(i))).as("slot %d after slot %d", i, i - 1)
                    .isGreaterThanOrEqualTo(Duration.ofMillis(50));
        }
        // 40 calls span at least 39 spacings: two seconds, as Zalo's limit asks, whoever makes them
        assertThat(Duration.between(slots.get(0), slots.get(39))).isGreaterThanOrEqualTo(Duration.ofMillis(1950));
        // another OA has its own pace
        OaPace.Slot other = QuarkusTransaction.requiringNew().call(() -> one.take("oa-" + UUID.randomUUID()));
        assertThat(other.waitNanos()).isLessThan(Duration.ofMillis(50).toNanos());
    }
}
