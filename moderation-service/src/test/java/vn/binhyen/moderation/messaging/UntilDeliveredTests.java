package vn.binhyen.moderation.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.LongFunction;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * A batch's verdicts reach the broker even when it was unreachable for longer than the
 * producer's delivery timeout (the stream goes on instead of stopping); a failure that sending
 * again cannot mend refuses the batch.
 */
class UntilDeliveredTests {
    static final Logger LOG = Logger.getLogger(UntilDeliveredTests.class);

    /** A broker that loses the first {@code failures} sends of each verdict, as after a delivery timeout. */
    static final class Broker implements Function<String, CompletableFuture<Void>> {
        final Map<String, AtomicInteger> sends = new ConcurrentHashMap<>();
        final Map<String, Integer> failures;
        final RuntimeException failure;

        Broker(Map<String, Integer> failures, RuntimeException failure) {
            this.failures = failures;
            this.failure = failure;
        }

        @Override
        public CompletableFuture<Void> apply(String verdict) {
            int n = sends.computeIfAbsent(verdict, k -> new AtomicInteger()).incrementAndGet();
            return n <= failures.getOrDefault(verdict, 0) ? CompletableFuture.failedFuture(failure)
                    : CompletableFuture.completedFuture(null);
        }

        int sent(String verdict) {
            return sends.get(verdict).get();
        }
    }

    /** Pauses recorded and skipped: the next attempt runs at once, on the caller's thread. */
    static final List<Long> pauses = new CopyOnWriteArrayList<>();

    static LongFunction<Executor> noWait() {
        return millis -> {
            pauses.add(millis);
            return Runnable::run;
        };
    }

    static CompletableFuture<Void> sendAll(List<String> verdicts, Broker broker, AtomicBoolean stopping) {
        List<CompletableFuture<Void>> first = new ArrayList<>();
        for (String v : verdicts) {
            first.add(broker.apply(v));
        }
        return UntilDelivered.all(verdicts, first, broker, stopping::get, noWait(), LOG);
    }

    @Test
    void verdictsTheBrokerDidNotTakeInTime_areSentAgain_afterGrowingPauses_untilItHasAll() {
        pauses.clear();
        // given a broker unreachable for the first three sends of v2 and the first one of v3
        Broker broker = new Broker(Map.of("v2", 3, "v3", 1), new TimeoutException("Expiring 2 record(s): 120000 ms"));
        // when a batch of four verdicts is sent
        CompletableFuture<Void> done = sendAll(List.of("v1", "v2", "v3", "v4"), broker, new AtomicBoolean());
        // then the batch completes: each lost verdict sent again until taken, the others once
        assertThat(done).succeedsWithin(Duration.ofSeconds(5));
        assertThat(broker.sent("v1")).isEqualTo(1);
        assertThat(broker.sent("v2")).isEqualTo(4);
        assertThat(broker.sent("v3")).isEqualTo(2);
        assertThat(broker.sent("v4")).isEqualTo(1);
        assertThat(pauses).containsExactly(100L, 200L, 400L);
    }

    @Test
    void theLongestPause_isFiveSeconds() {
        pauses.clear();
        // given a broker that loses a verdict ten times
        Broker broker = new Broker(Map.of("v1", 10), new TimeoutException("Expiring 1 record(s)"));
        // when it is sent
        CompletableFuture<Void> done = sendAll(List.of("v1"), broker, new AtomicBoolean());
        // then the pauses double up to five seconds, and stay there
        assertThat(done).succeedsWithin(Duration.ofSeconds(5));
        assertThat(pauses).containsExactly(100L, 200L, 400L, 800L, 1_600L, 3_200L, 5_000L, 5_000L, 5_000L, 5_000L);
    }

    @Test
    void aFailureSendingAgainCannotMend_refusesTheBatch_atOnce() {
        pauses.clear();
        // given a verdict the broker refuses as too large
        Broker broker = new Broker(Map.of("v2", 100), new RecordTooLargeException("too large"));
        // when the batch is sent
        CompletableFuture<Void> done = sendAll(List.of("v1", "v2"), broker, new AtomicBoolean());
        // then it fails with that refusal, and nothing is sent again
        assertThat(done).failsWithin(Duration.ofSeconds(5)).withThrowableThat()
                .withRootCauseInstanceOf(RecordTooLargeException.class);
        assertThat(broker.sent("v2")).isEqualTo(1);
        assertThat(pauses).isEmpty();
    }

    @Test
    void whenTheScheduler_hasStopped_theBatchIsRefused_notLeftPending() {
        // given a broker that lost a verdict, and the stream's scheduler shut down (the service stopping)
        Broker broker = new Broker(Map.of("v1", 1), new TimeoutException("Expiring 1 record(s)"));
        var scheduler = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        scheduler.shutdown();
        // when the batch is sent
        CompletableFuture<Void> done = UntilDelivered.all(List.of("v1"), List.of(broker.apply("v1")), broker,
                () -> false, UntilDelivered.after(scheduler), LOG);
        // then it is refused at once (its offsets not committed: a restart screens it again)
        assertThat(done).failsWithin(Duration.ofSeconds(5)).withThrowableThat()
                .withRootCauseInstanceOf(java.util.concurrent.RejectedExecutionException.class);
    }

    @Test
    void whenTheServiceStops_aLostVerdictIsNotSentAgain_andTheBatchIsRefused() {
        pauses.clear();
        // given a stopping service and a broker that lost a verdict
        Broker broker = new Broker(Map.of("v1", 100), new TimeoutException("Expiring 1 record(s)"));
        // when the batch is sent
        CompletableFuture<Void> done = sendAll(List.of("v1"), broker, new AtomicBoolean(true));
        // then it is refused (its offsets not committed: the next start screens it again)
        assertThat(done).failsWithin(Duration.ofSeconds(5)).withThrowableThat()
                .withRootCauseInstanceOf(TimeoutException.class);
        assertThat(broker.sent("v1")).isEqualTo(1);
    }

    @Test
    void theNextAttempt_isScheduledAfterItsPause() throws Exception {
        // given a broker that loses a verdict once, and the real scheduling
        Broker broker = new Broker(Map.of("v1", 1), new TimeoutException("Expiring 1 record(s)"));
        long start = System.nanoTime();
        List<CompletableFuture<Void>> first = List.of(broker.apply("v1"));
        // when it is sent
        var scheduler = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        try {
            CompletableFuture<Void> done = UntilDelivered.all(List.of("v1"), first, broker, () -> false,
                    UntilDelivered.after(scheduler), LOG);
            // then the verdict went again, no sooner than the first pause
            done.get(5, TimeUnit.SECONDS);
        } finally {
            scheduler.shutdownNow();
        }
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(100));
        assertThat(broker.sent("v1")).isEqualTo(2);
    }
}
