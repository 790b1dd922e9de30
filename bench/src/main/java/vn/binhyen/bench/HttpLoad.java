package vn.binhyen.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/** Closed-loop HTTP load: {@code clients} threads, each sending its next request when the last answered. */
final class HttpLoad {
    record Result(double perSecond, double p50, double p99, long failed) {
    }

    private HttpLoad() {
    }

    /** {@code requests} builds the next request for a client (given its index); {@code ok} is the expected status. */
    static Result run(HttpClient http, int clients, Duration phase, IntFunction<HttpRequest> requests, int ok)
            throws InterruptedException {
        Recorder recorder = new Recorder(3);
        AtomicLong done = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long end = System.nanoTime() + phase.toNanos();
        CountDownLatch finished = new CountDownLatch(clients);
        long started = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            int client = c;
            Thread.ofPlatform().start(() -> {
                try {
                    while (System.nanoTime() < end) {
                        HttpRequest request = requests.apply(client);
                        long t = System.nanoTime();
                        HttpResponse<Void> r = http.send(request, HttpResponse.BodyHandlers.discarding());
                        recorder.recordValue(System.nanoTime() - t);
                        if (r.statusCode() != ok) {
                            failed.incrementAndGet();
                        }
                        done.incrementAndGet();
                    }
                } catch (IOException | InterruptedException e) {
                    failed.incrementAndGet();
                } finally {
                    finished.countDown();
                }
            });
        }
        finished.await();
        double seconds = (System.nanoTime() - started) / 1e9;
        if (failed.get() > 0) {
            System.out.println("   (" + failed.get() + " requests did not answer " + ok + ")");
        }
        Histogram h = recorder.getIntervalHistogram();
        return new Result(done.get() / seconds, h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(99) / 1e6,
                failed.get());
    }
}
