package vn.binhyen.connector.service;

import vn.binhyen.connector.config.ConnectorConfig;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import vn.binhyen.connector.support.ZaloSimResource;
import vn.binhyen.testsupport.KafkaBrokerResource;
import vn.binhyen.testsupport.PostgresDatabaseResource;

/**
 * Issue 26: "the OA token expiring mid-run is refreshed once, by one instance". Zalo's refresh
 * token is single-use (zalo-sim refuses a spent one with -14020, as Zalo does), so two instances
 * that both find the access token refused must not both spend it. Two {@link OaTokens} over the
 * same database stand for two connector instances (the pair lives only in {@code oa_token}); four
 * threads of each are told at the same moment that the token was refused.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PostgresDatabaseResource.class)
@QuarkusTestResource(ZaloSimResource.class)
class OaTokensTests {
    @Inject
    AgroalDataSource dataSource;

    @Inject
    ConnectorConfig config;

    @Test
    void anExpiredToken_seenByTwoInstancesAtOnce_isRefreshedOnce_issue_26() throws Exception {
        ConnectorConfig.Oa oa = config.oa().get("main");
        OaTokens one = new OaTokens(dataSource, config, Clock.systemUTC());
        OaTokens two = new OaTokens(dataSource, config, Clock.systemUTC());
        String stale = one.current(oa);
        assertThat(two.current(oa)).isEqualTo(stale);
        int zaloRefreshes = ZaloSimResource.sim().refreshes();
        int storedRefreshes = one.refreshes(oa.oaId());
        ZaloSimResource.sim().fault("expire-token");
        // the refresh's call to Zalo takes half a second: the other instance's threads come while it is held
        ZaloSimResource.sim().fault("slow", 1, 500);

        ExecutorService threads = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> answers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            OaTokens instance = i % 2 == 0 ? one : two;
            answers.add(threads.submit(() -> {
                go.await();
                return instance.refused(oa, stale);
            }));
        }
        go.countDown();
        Set<String> tokens = new HashSet<>();
        for (Future<String> f : answers) {
            tokens.add(f.get(30, TimeUnit.SECONDS)); // a second spend of the refresh token would throw here
        }
        threads.shutdown();

        assertThat(tokens).as("every thread of both instances goes on with the same new token").hasSize(1)
                .doesNotContain(stale);
        assertThat(ZaloSimResource.sim().refreshes()).as("refreshes Zalo saw").isEqualTo(zaloRefreshes + 1);
        assertThat(one.refreshes(oa.oaId())).as("refreshes the shared row recorded").isEqualTo(storedRefreshes + 1);
        // and afterwards both instances call Zalo with it, without refreshing again
        String fresh = tokens.iterator().next();
        assertThat(one.current(oa)).isEqualTo(fresh);
        assertThat(two.current(oa)).isEqualTo(fresh);
        assertThat(ZaloSimResource.sim().refreshes()).isEqualTo(zaloRefreshes + 1);
    }
}
