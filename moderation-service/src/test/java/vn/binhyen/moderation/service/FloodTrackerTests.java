package vn.binhyen.moderation.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The per-member message count behind the flood rules (ioc-dak-lak:4.3.1; council-binh-duong:10.4). */
class FloodTrackerTests {
    static final Instant T0 = Instant.parse("2026-11-22T08:00:00Z");
    static final Duration WINDOW = Duration.ofSeconds(30);

    @Test
    void countsTheMembersMessagesInTheWindow_aRetriedMessageOnce() {
        FloodTracker tracker = new FloodTracker();
        assertThat(tracker.note("g", "a", "m-1", T0, WINDOW)).isEqualTo(1);
        assertThat(tracker.note("g", "a", "m-2", T0.plusSeconds(5), WINDOW)).isEqualTo(2);
        assertThat(tracker.note("g", "a", "m-2", T0.plusSeconds(5), WINDOW)).as("a retry").isEqualTo(2);
        assertThat(tracker.note("g", "b", "m-3", T0.plusSeconds(6), WINDOW)).as("another member").isEqualTo(1);
        assertThat(tracker.note("g", "a", "m-4", T0.plusSeconds(40), WINDOW)).as("m-1 and m-2 have left the window")
                .isEqualTo(1);
    }

    @Test
    void memoryPerMemberIsBounded_theCountSaturatesAboveEveryLimit() {
        FloodTracker tracker = new FloodTracker();
        int last = 0;
        for (int i = 0; i < 1_000; i++) {
            last = tracker.note("g", "a", "m-" + i, T0.plusMillis(i), WINDOW);
        }
        assertThat(last).isEqualTo(FloodTracker.KEPT);
    }

    @Test
    void membersQuietForLongerThanAnyWindow_areForgotten_activeOnesKeepTheirCount() {
        FloodTracker tracker = new FloodTracker();
        for (int i = 0; i < 1_000; i++) { // a bot posting as a new member each time
            tracker.note("g", "member-" + i, "m-" + i, T0, WINDOW);
        }
        tracker.note("g", "active", "a-1", T0.plusSeconds(40), WINDOW);
        tracker.note("g", "active", "a-2", T0.plusSeconds(45), WINDOW);

        tracker.forgetQuiet(T0.plusSeconds(3600));

        assertThat(tracker.members()).as("only the member active within the window").isEqualTo(1);
        assertThat(tracker.note("g", "active", "a-3", T0.plusSeconds(50), WINDOW)).isEqualTo(3);
        assertThat(tracker.note("g", "member-7", "m-1007", T0.plusSeconds(50), WINDOW)).isEqualTo(1);
    }

    @Test
    void aMessageDatedInTheFuture_doesNotMakeEveryMemberLookQuiet() {
        FloodTracker tracker = new FloodTracker();
        tracker.note("g", "a", "m-1", T0, WINDOW);
        tracker.note("g", "a", "m-2", T0.plusSeconds(5), WINDOW);
        tracker.note("g", "bot-clock-wrong", "m-3", Instant.parse("2099-01-01T00:00:00Z"), WINDOW);

        tracker.forgetQuiet(T0.plusSeconds(10)); // the clock: ten seconds after the first message

        assertThat(tracker.note("g", "a", "m-4", T0.plusSeconds(10), WINDOW)).as("a's count survives").isEqualTo(3);
    }
}
