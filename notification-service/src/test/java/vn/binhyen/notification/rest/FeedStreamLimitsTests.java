package vn.binhyen.notification.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import vn.binhyen.contracts.Roles;
import vn.binhyen.notification.support.ChannelStubsResource;
import vn.binhyen.testsupport.KafkaBrokerResource;
import vn.binhyen.testsupport.PostgresDatabaseResource;
import vn.binhyen.testsupport.SseListener;
import vn.binhyen.testsupport.Tokens;

/**
 * The live feed's limits (audit F12), through the real service: a user's sixth stream is refused
 * while their five stay open, a stream ends with its token, and a listener that never reads is
 * dropped (its connection closed) while those that read keep theirs.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PostgresDatabaseResource.class)
@QuarkusTestResource(ChannelStubsResource.class)
class FeedStreamLimitsTests {
    /** {@code binhyen.notification.sse.max-per-user}'s default. */
    static final int MAX_PER_USER = 5;

    @Inject
    AgroalDataSource dataSource;

    static URI stream() {
        return URI.create("http://127.0.0.1:" + RestAssured.port + "/api/v1/notifications/stream");
    }

    static SseListener open(String token) throws Exception {
        return SseListener.open(stream(), Map.of("Authorization", "Bearer " + token));
    }

    /** {@code count} feed items for {@code recipient}, as routing would have stored them, created at {@code at}. */
    void insert(String recipient, int count, String text, Instant at) throws SQLException {
        String batch = "feed-limits-" + UUID.randomUUID();
        try (var c = dataSource.getConnection(); var ps = c.prepareStatement("insert into notification "
                + "(notification_id, source_event_id, recipient, channel, kind, urgency, text, state, created_at) "
                + "select ? || '-' || g, md5(? || '-' || g)::uuid, ?, 'IN_APP', 'test-feed', 'NORMAL', ?, "
                + "'DELIVERED', ? from generate_series(1, ?) g")) {
            ps.setString(1, batch);
            ps.setString(2, batch);
            ps.setString(3, recipient);
            ps.setString(4, text);
            ps.setTimestamp(5, Timestamp.from(at));
            ps.setInt(6, count);
            ps.executeUpdate();
        }
    }

    @Test
    void aUsersSixthStream_is429WithRetryAfter_whileTheirFiveStayOpen_andClosingOneMakesRoom() throws Exception {
        String user = "sse-limit-" + UUID.randomUUID();
        String token = Tokens.forRole(Roles.MEMBER, user);
        List<SseListener> open = new ArrayList<>();
        try {
            for (int i = 0; i < MAX_PER_USER; i++) {
                SseListener l = open(token);
                open.add(l);
                assertThat(l.status()).isEqualTo(200);
            }

            SseListener refused = open(token);
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.header("Retry-After")).contains("10");
            assertThat(refused.header("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(refused.body()).contains("\"citation\":\"limit:feed-stream-per-user\"");

            SseListener someoneElse = open(Tokens.forRole(Roles.MEMBER, "sse-other-" + UUID.randomUUID()));
            open.add(someoneElse);
            assertThat(someoneElse.status()).as("another user's stream is not counted against this one").isEqualTo(200);

            insert("member:" + user, 1, "Luồng vẫn mở", Instant.now());
            List<SseListener> mine = List.copyOf(open.subList(0, MAX_PER_USER));
            await().atMost(Duration.ofSeconds(30)).until(() -> mine.stream()
                    .allMatch(l -> l.isOpen() && l.lines().stream().anyMatch(d -> d.contains("Luồng vẫn mở"))));

            mine.getFirst().close();
            await().atMost(Duration.ofSeconds(15)).until(() -> {
                SseListener next = open(token);
                if (next.status() == 200) {
                    open.add(next);
                    return true;
                }
                assertThat(next.status()).isEqualTo(429);
                next.close();
                return false;
            });
        } finally {
            open.forEach(SseListener::close);
        }
    }

    @Test
    void aStream_endsWhenItsTokenExpires() throws Exception {
        String token = Tokens.forRoles(Set.of(Roles.MEMBER), "sse-expiring-" + UUID.randomUUID(),
                Duration.ofSeconds(3));
        try (SseListener l = open(token)) {
            assertThat(l.status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(20)).until(l::ended);
        }
    }

    @Test
    void theFeed_since_givesWhatAStreamMissed() throws Exception {
        String user = "sse-since-" + UUID.randomUUID();
        Instant dropped = Instant.now().minus(Duration.ofMinutes(30));
        insert("member:" + user, 1, "trước khi mất kết nối", dropped.minus(Duration.ofMinutes(30)));
        insert("member:" + user, 1, "trong lúc mất kết nối", dropped.plus(Duration.ofMinutes(10)));
        insert("member:" + user, 1, "sau đó nữa", dropped.plus(Duration.ofMinutes(20)));
        // oldest first, so that a client reads what it missed page by page from where it was
        given().auth().oauth2(Tokens.forRole(Roles.MEMBER, user)).queryParam("since", dropped.toString())
                .get("/api/v1/notifications").then().statusCode(200)
                .body("text", contains("trong lúc mất kết nối", "sau đó nữa"));
        // without since: the newest first
        given().auth().oauth2(Tokens.forRole(Roles.MEMBER, user)).get("/api/v1/notifications").then().statusCode(200)
                .body("text", contains("sau đó nữa", "trong lúc mất kết nối", "trước khi mất kết nối"));
    }

    /**
     * One socket that reads nothing after the answer's head, with a small receive window, and four
     * streams of the same user that read everything. Items for the user are added 100 at a time
     * (4 KB each), each batch read by the four before the next: the silent one's socket buffers
     * fill, then its 256 waiting items, and it is dropped, which frees its place: a new stream of
     * the user is accepted (until then the sixth is 429), the four readers still have theirs, and
     * the server closed the silent socket's connection.
     */
    @Test
    void aListenerThatNeverReads_isDropped_andItsConnectionClosed_whileThoseThatReadKeepTheirs() throws Exception {
        String user = "sse-slow-" + UUID.randomUUID();
        String token = Tokens.forRole(Roles.MEMBER, user);
        String text = "x".repeat(4_000);
        List<SseListener> readers = new ArrayList<>();
        try (Socket silent = silentStream(token)) {
            for (int i = 1; i < MAX_PER_USER; i++) {
                SseListener l = open(token);
                readers.add(l);
                assertThat(l.status()).isEqualTo(200);
            }
            boolean dropped = false;
            for (int round = 1; round <= 60 && !dropped; round++) {
                insert("member:" + user, 100, text, Instant.now());
                int expected = round * 100;
                List<SseListener> four = List.copyOf(readers);
                await().atMost(Duration.ofSeconds(30)).until(() -> four.stream().allMatch(l -> l.received() >= expected));
                SseListener next = open(token);
                if (next.status() == 200) {
                    readers.add(next);
                    dropped = true;
                } else {
                    assertThat(next.status()).as("the user still holds five streams").isEqualTo(429);
                    next.close();
                }
            }
            assertThat(dropped).as("the listener that never read was dropped, freeing its place").isTrue();
            assertThat(readers).as("the listeners that read keep their streams").allMatch(SseListener::isOpen);
            assertThat(closedByServer(silent)).as("the silent listener's connection was closed by the server").isTrue();
        } finally {
            readers.forEach(SseListener::close);
        }
    }

    /** A stream's request on a bare socket whose receive window stays small; only the answer's head is read. */
    static Socket silentStream(String token) throws IOException {
        Socket s = new Socket();
        s.setReceiveBufferSize(4096); // before connecting, so that the window is small from the start
        s.connect(new InetSocketAddress("127.0.0.1", RestAssured.port), 5_000);
        s.setSoTimeout(30_000);
        OutputStream out = s.getOutputStream();
        out.write(("GET /api/v1/notifications/stream HTTP/1.1\r\nHost: 127.0.0.1:" + RestAssured.port
                + "\r\nAuthorization: Bearer " + token + "\r\nAccept: text/event-stream\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = s.getInputStream();
        StringBuilder head = new StringBuilder();
        for (int c = in.read(); c != -1; c = in.read()) {
            head.append((char) c);
            if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                break;
            }
        }
        assertThat(head.toString()).startsWith("HTTP/1.1 200");
        return s;
    }

    /** Reads what is left; true when the server ended the connection (end of stream, or reset). */
    static boolean closedByServer(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        byte[] buffer = new byte[64 * 1024];
        try {
            while (in.read(buffer) != -1) {
                // what was sent before the drop
            }
            return true;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (SocketException reset) {
            return true;
        }
    }
}
