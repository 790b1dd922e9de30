package vn.binhyen.moderation.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** No record stops the stream (issue 20): each gets a budget of CPU time, and one over it is answered apart. */
class RecordBudgetTests {
    final RecordBudget budget = new RecordBudget(TimeUnit.MILLISECONDS.toNanos(100));
    final AtomicBoolean release = new AtomicBoolean();

    @AfterEach
    void stop() {
        release.set(true);
        budget.shutdown();
    }

    /** Computes (uses CPU time) until released, as a screening that never ends would. */
    String spin(String record) {
        long x = 0;
        while (!release.get()) {
            x += record.hashCode() ^ x >>> 3;
        }
        return "finished " + x;
    }

    @Test
    void aRecordThatComputesForever_isAnsweredApart_andTheRecordsAfterItGetTheirOwnAnswers() throws Exception {
        // given a batch whose second record never finishes computing
        List<String> batch = List.of("a", "slow", "b", "c");
        // when each is worked on within its budget
        List<String> answers = each(batch, r -> r.equals("slow") ? spin(r) : "screened " + r,
                (r, cpuNanos) -> "held " + r + " after " + (cpuNanos >= TimeUnit.MILLISECONDS.toNanos(100)));
        // then the slow one is held (after at least its budget), the others screened, in order
        assertThat(answers).containsExactly("screened a", "held slow after true", "screened b", "screened c");
        assertThat(budget.runaways()).isEqualTo(1);
        // and the worker given up on is counted until it ends
        release.set(true);
        await().atMost(Duration.ofSeconds(10)).until(() -> budget.runaways() == 0);
    }

    @Test
    void aRecordWaitingWithoutComputing_isNotGivenUpOn_howeverLongItWaits() throws Exception {
        // given a record that waits 400 ms (a database outage waited out) without using the CPU
        List<String> batch = List.of("waits", "a");
        // when worked on with a budget of 100 ms of CPU time
        List<String> answers = each(batch, r -> {
            if (r.equals("waits")) {
                long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(400);
                while (System.nanoTime() < until) {
                    LockSupport.parkNanos(until - System.nanoTime());
                }
            }
            return "screened " + r;
        }, (r, cpuNanos) -> "held " + r);
        // then it gets its own answer
        assertThat(answers).containsExactly("screened waits", "screened a");
        assertThat(budget.runaways()).isZero();
    }

    @Test
    void aFailure_refusesTheBatch_asItWasThrown() {
        // given a record whose work fails (a bug, not an outage)
        List<String> batch = List.of("a", "fails", "b");
        // when the batch is worked on, then the failure comes out as it was thrown
        assertThatThrownBy(() -> each(batch, r -> {
            if (r.equals("fails")) {
                throw new java.io.IOException("no such file");
            }
            return r;
        }, (r, cpuNanos) -> "held " + r)).isInstanceOf(java.io.IOException.class).hasMessage("no such file");
    }

    /** The answers in the order they were handed over, each with its index checked. */
    List<String> each(List<String> batch, RecordBudget.Work<String, String> work,
            RecordBudget.OverBudget<String, String> overBudget) throws Exception {
        List<String> answers = new java.util.concurrent.CopyOnWriteArrayList<>();
        budget.each(batch, work, overBudget, (i, answer) -> {
            assertThat(i).as("answered in order, once each").isEqualTo(answers.size());
            answers.add(answer);
        });
        return answers;
    }

    @Test
    void aRecordTriedAgainAfterAPause_hasABudgetForEachAttempt() throws Exception {
        // given a record tried five times, each attempt using 60 ms of CPU time (300 ms in all,
        // three times its budget of 100 ms), the budget started again before each new attempt
        List<String> batch = List.of("retried", "a");
        // when worked on
        List<String> answers = each(batch, r -> {
            if (r.equals("retried")) {
                for (int attempt = 0; attempt < 5; attempt++) {
                    if (attempt > 0) {
                        RecordBudget.restart();
                    }
                    burn(TimeUnit.MILLISECONDS.toNanos(60));
                }
            }
            return "screened " + r;
        }, (r, cpuNanos) -> "held " + r);
        // then no attempt was over its budget: it gets its own answer
        assertThat(answers).containsExactly("screened retried", "screened a");
    }

    /** Uses about {@code nanos} of this thread's CPU time. */
    static void burn(long nanos) {
        var threads = ManagementFactory.getThreadMXBean();
        long until = threads.getCurrentThreadCpuTime() + nanos;
        long x = 0;
        while (threads.getCurrentThreadCpuTime() < until) {
            for (int i = 0; i < 10_000; i++) {
                x += i ^ x >>> 3;
            }
        }
        if (x == 42) {
            System.out.print("");
        }
    }

    @Test
    void thisJvm_measuresThreadsCpuTime() {
        assertThat(ManagementFactory.getThreadMXBean().isThreadCpuTimeSupported()).isTrue();
    }
}
