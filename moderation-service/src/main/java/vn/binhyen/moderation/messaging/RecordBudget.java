package vn.binhyen.moderation.messaging;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.jboss.logging.Logger;

/**
 * A time budget for each record of a batch, so that no record can stop the stream (issue 20):
 * the records are worked on, in order, by a worker thread the stream's thread watches. A record
 * that has used more than its budget of the worker's CPU time is given up on: it gets the
 * answer {@code overBudget} makes, and the batch goes on from the next record on another worker.
 * CPU time, not wall time: a record waiting for the database (an outage waited out, see
 * {@link WhileUnavailable}) uses none, and is not given up on for it.
 *
 * <p>Java cannot stop a thread that computes: a worker given up on is told to stop after its
 * record, and what it finds for that record is thrown away (the first answer stored wins:
 * {@code overBudget}'s, unless the worker's came first). Until it finishes it keeps its thread
 * and a core; how many are still running is logged and answered by {@link #runaways()}.
 */
final class RecordBudget {
    private static final Logger LOG = Logger.getLogger(RecordBudget.class);
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** What a record is worth: its answer, or a failure that refuses the whole batch. */
    interface Work<R, V> {
        V apply(R record) throws Exception;
    }

    /** The answer for a record given up on, after {@code cpuNanos} of CPU time. */
    interface OverBudget<R, V> {
        V apply(R record, long cpuNanos) throws Exception;
    }

    private final long budgetNanos;
    private final long pollNanos;
    private final ExecutorService workers = Executors.newCachedThreadPool(
            Thread.ofPlatform().name("screening-", 0).daemon().factory());
    private final AtomicInteger runaways = new AtomicInteger();

    RecordBudget(long budgetNanos) {
        if (!THREADS.isThreadCpuTimeSupported()) {
            throw new IllegalStateException("this JVM cannot measure a thread's CPU time: no budget per record");
        }
        if (!THREADS.isThreadCpuTimeEnabled()) {
            THREADS.setThreadCpuTimeEnabled(true);
        }
        this.budgetNanos = budgetNanos;
        this.pollNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(5), budgetNanos / 4);
    }

    /** Workers given up on that are still computing. */
    int runaways() {
        return runaways.get();
    }

    void shutdown() {
        workers.shutdownNow();
    }

    /**
     * Each record's answer, in order: {@code work}'s, or {@code overBudget}'s for a record over
     * its budget. A failure of {@code work} (or {@code overBudget}) is thrown as it was.
     */
    <R, V> List<V> each(List<R> records, Work<R, V> work, OverBudget<R, V> overBudget) throws Exception {
        int n = records.size();
        AtomicReferenceArray<V> answers = new AtomicReferenceArray<>(n);
        int from = 0;
        while (from < n) {
            Worker<R, V> worker = new Worker<>(records, from, work, answers);
            Future<?> done = workers.submit(worker);
            from = watch(worker, done, records, answers, overBudget);
        }
        List<V> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(answers.get(i));
        }
        return out;
    }

    /** Waits for the worker; the index to go on from: the end, or the record after one given up on. */
    private <R, V> int watch(Worker<R, V> worker, Future<?> done, List<R> records, AtomicReferenceArray<V> answers,
            OverBudget<R, V> overBudget) throws Exception {
        int watched = -1;
        long cpuWhenSeen = 0;
        while (true) {
            try {
                done.get(pollNanos, TimeUnit.NANOSECONDS);
                return records.size();
            } catch (ExecutionException e) {
                Throwable cause = e.getCause() instanceof WorkFailed failed ? failed.getCause() : e.getCause();
                throw cause instanceof Exception c ? c : e;
            } catch (TimeoutException stillWorking) {
                if (worker.threadId < 0) {
                    continue; // not started yet
                }
                int current = worker.current;
                long cpu = THREADS.getThreadCpuTime(worker.threadId);
                if (current != watched) { // a record seen for the first time: its CPU time counts from here
                    watched = current;
                    cpuWhenSeen = worker.cpuAtStart;
                }
                long spent = cpu - cpuWhenSeen;
                if (cpu >= 0 && spent > budgetNanos && worker.current == current) {
                    worker.giveUp();
                    V answer = overBudget.apply(records.get(current), spent);
                    if (answers.compareAndSet(current, null, answer)) {
                        LOG.errorf("record %d of its batch used %d ms of CPU time, over its budget of %d ms: answered "
                                + "without its screening; %d worker(s) given up on still running", current,
                                spent / 1_000_000, budgetNanos / 1_000_000, worker.runaway());
                    }
                    return current + 1;
                }
            }
        }
    }

    private final class Worker<R, V> implements Runnable {
        private final List<R> records;
        private final int from;
        private final Work<R, V> work;
        private final AtomicReferenceArray<V> answers;
        volatile int current;
        volatile long cpuAtStart;
        volatile long threadId;
        private volatile boolean givenUp;
        private boolean finished; // guarded by this
        private boolean counted; // guarded by this

        Worker(List<R> records, int from, Work<R, V> work, AtomicReferenceArray<V> answers) {
            this.records = records;
            this.from = from;
            this.work = work;
            this.answers = answers;
            this.current = from;
            this.threadId = -1;
        }

        void giveUp() {
            givenUp = true;
        }

        /** Counted among the runaways while it still runs; how many there are. */
        synchronized int runaway() {
            if (!finished && !counted) {
                counted = true;
                return runaways.incrementAndGet();
            }
            return runaways.get();
        }

        @Override
        public void run() {
            threadId = Thread.currentThread().threadId();
            try {
                for (int i = from; i < records.size() && !givenUp; i++) {
                    // the start of a record's CPU time, read once per record (a clock read, no lock)
                    cpuAtStart = THREADS.getCurrentThreadCpuTime();
                    current = i;
                    V answer = work.apply(records.get(i));
                    answers.compareAndSet(i, null, answer); // given up on meanwhile: the other answer stands
                }
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new WorkFailed(e);
            } finally {
                synchronized (this) {
                    finished = true;
                    if (counted) {
                        runaways.decrementAndGet();
                    }
                }
            }
        }
    }

    /** A checked failure of a record's work, carried out of the worker. */
    static final class WorkFailed extends RuntimeException {
        WorkFailed(Exception cause) {
            super(cause);
        }
    }
}
