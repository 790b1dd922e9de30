package vn.binhyen.moderation.messaging;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * A time budget for each record of a batch, so that no record can stop the stream (issue 20):
 * the records are worked on, in order, by a worker thread the stream's thread watches. A record
 * that has used more than its budget of the worker's CPU time is given up on: it gets the
 * answer {@code overBudget} makes, and the batch goes on from the next record on another worker.
 * Each answer is handed to {@code answered} as soon as it is made, in the records' order, once:
 * by the worker for the records it finished, by the stream's thread for one given up on.
 * <p>
 * CPU time, not wall time: a record waiting for the database uses none. A record's work may be
 * tried again after a pause (an outage waited out, {@link WhileUnavailable}); {@link #restart}
 * starts its budget again for the next attempt, so that only one attempt's work is counted.
 * <p>
 * Who answers a record is decided by one compare-and-set on the worker's position: the worker
 * moves from record {@code i} to {@code i + 1} only if the watcher has not given {@code i} up,
 * and the watcher gives {@code i} up only if the worker is still on it; whichever comes first
 * answers, and the other stands back. Java cannot stop a thread that computes: a worker given
 * up on finishes its record in the background and throws its answer away. Until it does it
 * keeps its thread and a core; {@link #runaways()} says how many do (a liveness check restarts
 * the service when there are too many: only a restart stops them).
 */
final class RecordBudget {
    private static final Logger LOG = Logger.getLogger(RecordBudget.class);
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** The worker's position once the watcher has given its record up. */
    private static final int GIVEN_UP = -1;
    private static final ThreadLocal<Worker<?, ?>> CURRENT = new ThreadLocal<>();

    /** What a record is worth: its answer, or a failure that refuses the whole batch. */
    interface Work<R, V> {
        V apply(R record) throws Exception;
    }

    /** The answer for a record given up on, after {@code cpuNanos} of CPU time. */
    interface OverBudget<R, V> {
        V apply(R record, long cpuNanos) throws Exception;
    }

    /** Takes each answer, with its record's index, in order. */
    interface Answered<V> {
        void accept(int index, V answer);
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
     * Called from a record's work before it is tried again: its budget starts again (the
     * attempts before were cut short by an outage, not by their cost). Does nothing outside a
     * worker.
     */
    static void restart() {
        Worker<?, ?> w = CURRENT.get();
        if (w != null) {
            w.attempt++;
        }
    }

    /**
     * Works on every record, in order, each within its budget: {@code answered} gets each
     * record's answer ({@code work}'s, or {@code overBudget}'s for a record over its budget) as
     * soon as it is made, in order. A failure of {@code work} (or {@code overBudget}) is thrown
     * as it was, and the records after it are not worked on.
     */
    <R, V> void each(java.util.List<R> records, Work<R, V> work, OverBudget<R, V> overBudget, Answered<V> answered)
            throws Exception {
        int from = 0;
        while (from < records.size()) {
            Worker<R, V> worker = new Worker<>(records, from, work, answered);
            Future<?> done = workers.submit(worker);
            from = watch(worker, done, records, overBudget, answered);
        }
    }

    /** Waits for the worker; the index to go on from: the end, or the record after one given up on. */
    private <R, V> int watch(Worker<R, V> worker, Future<?> done, java.util.List<R> records,
            OverBudget<R, V> overBudget, Answered<V> answered) throws Exception {
        int watched = Integer.MIN_VALUE;
        int watchedAttempt = -1;
        long cpuWhenSeen = 0;
        while (true) {
            try {
                done.get(pollNanos, TimeUnit.NANOSECONDS);
                return records.size();
            } catch (ExecutionException e) {
                Throwable cause = e.getCause() instanceof WorkFailed failed ? failed.getCause() : e.getCause();
                throw cause instanceof Exception c ? c : e;
            } catch (TimeoutException stillWorking) {
                long threadId = worker.threadId;
                if (threadId < 0) {
                    continue; // not started yet
                }
                int current = worker.position.get();
                int attempt = worker.attempt;
                long cpu = THREADS.getThreadCpuTime(threadId);
                if (current != watched || attempt != watchedAttempt || cpu < 0) {
                    // a record (or an attempt) seen for the first time: its CPU time counts from
                    // here, at the latest; what it used before this sight is not counted
                    watched = current;
                    watchedAttempt = attempt;
                    cpuWhenSeen = cpu;
                    continue;
                }
                long spent = cpu - cpuWhenSeen;
                if (spent > budgetNanos && worker.position.compareAndSet(current, GIVEN_UP)) {
                    worker.counted(runaways);
                    LOG.errorf("record %d of its batch used more than %d ms of CPU time (%d ms seen), over its budget: "
                            + "answered without its screening; %d worker(s) given up on still running", current,
                            budgetNanos / 1_000_000, spent / 1_000_000, runaways.get());
                    answered.accept(current, overBudget.apply(records.get(current), spent));
                    return current + 1;
                }
            }
        }
    }

    private static final class Worker<R, V> implements Runnable {
        private final java.util.List<R> records;
        private final Work<R, V> work;
        private final Answered<V> answered;
        /** The record being worked on; {@link #GIVEN_UP} once the watcher took it over. */
        final AtomicInteger position;
        volatile long threadId = -1;
        /** Bumped by {@link #restart}: the current record is being tried again. */
        volatile int attempt;
        private boolean finished; // guarded by this
        private AtomicInteger countedIn; // guarded by this

        Worker(java.util.List<R> records, int from, Work<R, V> work, Answered<V> answered) {
            this.records = records;
            this.work = work;
            this.answered = answered;
            this.position = new AtomicInteger(from);
        }

        /** Counted among the runaways while it still runs. */
        synchronized void counted(AtomicInteger runaways) {
            if (!finished && countedIn == null) {
                countedIn = runaways;
                runaways.incrementAndGet();
            }
        }

        @Override
        public void run() {
            CURRENT.set(this);
            threadId = Thread.currentThread().threadId();
            try {
                for (int i = position.get(); i >= 0 && i < records.size(); i = position.get()) {
                    V answer = work.apply(records.get(i));
                    if (!position.compareAndSet(i, i + 1)) {
                        return; // given up on meanwhile: the watcher's answer stands
                    }
                    answered.accept(i, answer);
                }
            } catch (RuntimeException e) {
                if (position.get() != GIVEN_UP) {
                    throw e;
                }
            } catch (Exception e) {
                if (position.get() != GIVEN_UP) {
                    throw new WorkFailed(e);
                }
            } finally {
                CURRENT.remove();
                synchronized (this) {
                    finished = true;
                    if (countedIn != null) {
                        countedIn.decrementAndGet();
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
