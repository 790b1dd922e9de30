package vn.binhyen.connector.service;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * A worker's loop on a thread of its own: a round (a batch in a transaction) again at once while
 * there was work, else after {@code idle} or as soon as {@link #wake} is called; a round that
 * fails (the database or the broker away) is tried again after a pause that doubles from
 * {@code firstBackoff} up to {@code maxBackoff}.
 */
public final class WorkLoop {
    private final String name;
    private final Callable<Integer> round;
    private final Duration idle;
    private final Duration firstBackoff;
    private final Duration maxBackoff;
    private final Logger log;
    private final Semaphore wake = new Semaphore(0);
    private volatile boolean running;

    public WorkLoop(String name, Callable<Integer> round, Duration idle, Duration firstBackoff, Duration maxBackoff,
            Logger log) {
        this.name = name;
        this.round = round;
        this.idle = idle;
        this.firstBackoff = firstBackoff;
        this.maxBackoff = maxBackoff;
        this.log = log;
    }

    public void start() {
        running = true;
        Thread.ofPlatform().name(name).daemon().start(this::loop);
    }

    public void stop() {
        running = false;
        wake.release();
    }

    /** Work is waiting: the next round now rather than after the idle pause. */
    public void wake() {
        wake.release();
    }

    private void loop() {
        long backoff = firstBackoff.toMillis();
        while (running) {
            int done;
            try {
                done = round.call();
                backoff = firstBackoff.toMillis();
            } catch (Exception e) {
                log.warnf("%s: not done now (%s); trying again in %d ms", name, e.getMessage(), backoff);
                pause(backoff);
                backoff = Math.min(backoff * 2, maxBackoff.toMillis());
                continue;
            }
            if (done == 0) {
                pause(idle.toMillis());
            }
        }
    }

    private void pause(long millis) {
        try {
            wake.tryAcquire(millis, TimeUnit.MILLISECONDS);
            wake.drainPermits();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
