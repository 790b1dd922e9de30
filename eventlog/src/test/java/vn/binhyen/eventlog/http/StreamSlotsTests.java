package vn.binhyen.eventlog.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Open streams counted per key and per instance; a slot is freed once, and one never opened after a grace. */
class StreamSlotsTests {
    final AtomicLong nanos = new AtomicLong();
    final StreamSlots slots = new StreamSlots("feed-stream", "user", 2, 3, Duration.ofSeconds(10), nanos::get);

    @Test
    void aKeyOverItsShare_isRefused429_withRetryAfter_namingThePerKeyLimit() {
        slots.take("a").open();
        slots.take("a").open();
        assertThatThrownBy(() -> slots.take("a")).isInstanceOfSatisfying(StreamSlots.Full.class, full -> {
            assertThat(full.rule()).isEqualTo("limit:feed-stream-per-user");
            assertThat(full.getResponse().getStatus()).isEqualTo(429);
            assertThat(full.getResponse().getHeaderString("Retry-After")).isEqualTo("10");
            assertThat(full.getResponse().getMediaType().toString()).startsWith("application/problem+json");
            assertThat(((Problem) full.getResponse().getEntity()).citation()).isEqualTo("limit:feed-stream-per-user");
        });
        assertThat(slots.take("b").open()).as("another key still has room").isTrue();
    }

    @Test
    void theInstanceFull_refusesEveryKey_namingThePerInstanceLimit() {
        slots.take("a").open();
        slots.take("b").open();
        slots.take("c").open();
        assertThatThrownBy(() -> slots.take("d")).isInstanceOfSatisfying(StreamSlots.Full.class,
                full -> assertThat(full.rule()).isEqualTo("limit:feed-stream-per-instance"));
    }

    @Test
    void aReleasedSlot_makesRoom_andReleasingTwiceFreesOnce() {
        var first = slots.take("a");
        first.open();
        slots.take("a").open();
        first.release();
        first.release();
        assertThat(slots.taken("a")).isEqualTo(1);
        assertThat(slots.take("a").open()).isTrue();
        assertThat(slots.taken()).isEqualTo(2);
    }

    @Test
    void aSlotNeverOpened_isFreedAfterTheGrace_andThenOpensNoMore() {
        var orphan = slots.take("a");
        slots.take("a").open();
        nanos.addAndGet(Duration.ofSeconds(5).toNanos());
        assertThatThrownBy(() -> slots.take("a")).as("still within the grace").isInstanceOf(StreamSlots.Full.class);
        nanos.addAndGet(Duration.ofSeconds(6).toNanos());
        assertThat(slots.take("a").open()).isTrue();
        assertThat(orphan.open()).as("its stream ends at once").isFalse();
        assertThat(slots.taken("a")).isEqualTo(2);
    }

    @Test
    void anOpenedSlot_isNeverSweptHoweverOld() {
        slots.take("a").open();
        slots.take("a").open();
        nanos.addAndGet(Duration.ofHours(1).toNanos());
        assertThatThrownBy(() -> slots.take("a")).isInstanceOf(StreamSlots.Full.class);
    }
}
