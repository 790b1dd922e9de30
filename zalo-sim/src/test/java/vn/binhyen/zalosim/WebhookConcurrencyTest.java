package vn.binhyen.zalosim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.binhyen.zalosim.Fixtures.GROUP;
import static vn.binhyen.zalosim.Fixtures.MEMBER;

import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link ZaloSim#webhookConcurrency}: by default one webhook at a time, in order (tests that follow a
 * sequence rely on it); set higher, as many in flight at once as it says and no more, as Zalo sends
 * each event when it happens. The receiver here holds every request until it is let go, and counts
 * how many it holds at once. The holds last well under the simulator's own 2-second timeout for a
 * webhook (past it the simulator would count the delivery failed and free its slot).
 */
class WebhookConcurrencyTest {
    private HttpServer receiver;
    private final CountDownLatch letGo = new CountDownLatch(1);
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostAtOnce = new AtomicInteger();
    private final List<String> received = new CopyOnWriteArrayList<>();
    private ZaloSim sim;

    @BeforeEach
    void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        receiver.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        receiver.createContext("/", ex -> {
            int now = inFlight.incrementAndGet();
            mostAtOnce.accumulateAndGet(now, Math::max);
            try (InputStream in = ex.getRequestBody()) {
                received.add(Client.MAPPER.readTree(in.readAllBytes()).at("/message/text").asText());
                letGo.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inFlight.decrementAndGet();
            }
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        receiver.start();
        sim = ZaloSim.start(Fixtures.config());
        sim.webhookUrl("http://127.0.0.1:" + receiver.getAddress().getPort() + "/webhook");
    }

    @AfterEach
    void stop() {
        letGo.countDown();
        sim.close();
        receiver.stop(0);
    }

    @Test
    void byDefault_oneWebhookAtATime_inTheOrderTheMessagesWereWritten() throws Exception {
        for (int i = 0; i < 3; i++) {
            sim.sendGroupMessage(GROUP, MEMBER, "tin " + i);
        }
        awaitReceived(1);
        // the first is held: the next is not sent before it is answered
        assertThat(received).containsExactly("tin 0");
        assertThat(sim.webhooks()).isEmpty();
        letGo.countDown();
        awaitReceived(3);
        assertThat(received).containsExactly("tin 0", "tin 1", "tin 2");
        assertThat(mostAtOnce.get()).isEqualTo(1);
    }

    @Test
    void withConcurrencyFour_fourAreInFlightAtOnce_neverMore_andNoneIsLost() throws Exception {
        sim.webhookConcurrency(4);
        for (int i = 0; i < 10; i++) {
            sim.sendGroupMessage(GROUP, MEMBER, "tin " + i);
        }
        awaitReceived(4);
        assertThat(inFlight.get()).isEqualTo(4);
        assertThat(received).hasSize(4); // the fifth waits for one of the four
        letGo.countDown();
        awaitReceived(10);
        assertThat(received).hasSize(10).doesNotHaveDuplicates();
        assertThat(mostAtOnce.get()).isEqualTo(4);
        // the simulator records each delivery once it has its answer
        await().atMost(Duration.ofSeconds(10)).until(() -> sim.webhooks().size() == 10);
        assertThat(sim.webhooks()).hasSize(10).allSatisfy(d -> assertThat(d.get("status")).isEqualTo(200));
    }

    private void awaitReceived(int n) {
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() >= n);
    }
}
