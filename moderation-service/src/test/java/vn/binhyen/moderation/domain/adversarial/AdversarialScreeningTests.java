package vn.binhyen.moderation.domain.adversarial;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;
import vn.binhyen.moderation.config.Policies;
import vn.binhyen.moderation.domain.screening.Message;
import vn.binhyen.moderation.domain.screening.Screener;
import vn.binhyen.moderation.domain.screening.Verdict;

/**
 * Hostile texts against the screener (issue 20; audit F2): for every text built from the
 * scanner's own character classes ({@link HostileTexts}), up to the 10,000 characters screened,
 * in every profile that screens for legacy encodings and evasion (ward-binh-phuoc:7.5,
 * police-song-tri:10, province-lai-chau): the verdict is the general (reference) path's, and
 * screening takes no longer than a bounded multiple of a plain Vietnamese text of the same
 * length screened in the same run: linear work, whatever the text.
 */
class AdversarialScreeningTests {
    static final Map<String, Screener> SCREENERS = Policies.screeners();
    static final List<String> PROFILES = List.copyOf(SCREENERS.keySet());
    /**
     * How much longer than plain text of its length a hostile text may take. Plain text is the
     * friendliest case, so a generous multiple; anything super-linear at 10,000 characters
     * (the cubic regular expression took minutes) is orders of magnitude beyond it.
     */
    static final double RATIO = 150;
    /** Slack for a timer tick, a GC pause or a JIT compilation in a short measurement. */
    static final long SLACK_NANOS = 5_000_000;

    @BeforeContainer
    static void warmUp() {
        Screener s = SCREENERS.get("police-song-tri");
        long until = System.nanoTime() + 1_500_000_000L;
        int n = 0;
        while (System.nanoTime() < until) {
            for (String t : HostileTexts.known(1000)) {
                s.screen(message(t, n++), 1);
            }
            s.screen(message(HostileTexts.plain(1000), n++), 1);
        }
    }

    @Provide
    Arbitrary<String> hostile() {
        return Arbitraries.integers().between(1, 10_000).flatMap(HostileTexts::ofLength);
    }

    @Provide
    Arbitrary<String> profile() {
        return Arbitraries.of(PROFILES);
    }

    @Property(tries = 300)
    void anyHostileText_getsTheGeneralPathsVerdict(@ForAll("hostile") String text, @ForAll("profile") String profile) {
        Screener screener = SCREENERS.get(profile);
        Message m = message(text, 1);

        Verdict fast = screener.screen(m, 1);

        assertThat(fast).as("%s: %s", profile, describe(text)).isEqualTo(screener.screenByGeneralPath(m, 1));
    }

    @Provide
    Arbitrary<String> hostileOfTheMeasuredLengths() {
        return Arbitraries.of(1_000, 5_000, 10_000).flatMap(HostileTexts::ofLength);
    }

    @Property(tries = 120)
    void anyHostileText_takesBoundedTimeBesidePlainTextOfItsLength(@ForAll("hostileOfTheMeasuredLengths") String text,
            @ForAll("profile") String profile) {
        assertBounded(SCREENERS.get(profile), profile, text);
    }

    @Example
    void theKnownWorstCases_ofEachFamily_takeBoundedTimeAndGetTheGeneralPathsVerdict() {
        for (int length : new int[] {1_000, 5_000, 10_000}) {
            for (String text : HostileTexts.known(length)) {
                for (String profile : PROFILES) {
                    Screener screener = SCREENERS.get(profile);
                    assertBounded(screener, profile, text);
                    assertThat(screener.screen(message(text, 2), 1)).as("%s: %s", profile, describe(text))
                            .isEqualTo(screener.screenByGeneralPath(message(text, 2), 1));
                }
            }
        }
    }

    /** Best of three each (the noise of a shared machine is one-sided: only ever slower). */
    static void assertBounded(Screener screener, String profile, String text) {
        Message hostile = message(text, 3);
        Message plain = message(HostileTexts.plain(text.length()), 4);
        long plainNanos = Long.MAX_VALUE;
        long hostileNanos = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long t0 = System.nanoTime();
            screener.screen(plain, 1);
            long t1 = System.nanoTime();
            screener.screen(hostile, 1);
            long t2 = System.nanoTime();
            plainNanos = Math.min(plainNanos, t1 - t0);
            hostileNanos = Math.min(hostileNanos, t2 - t1);
        }
        assertThat(hostileNanos).as("%s, %d characters: %d µs against plain text's %d µs: %s", profile, text.length(),
                hostileNanos / 1000, plainNanos / 1000, describe(text))
                .isLessThanOrEqualTo((long) (RATIO * plainNanos) + SLACK_NANOS);
    }

    static Message message(String text, int n) {
        return new Message("group-adversarial", "m-" + n, "member-1", "Nguyễn Văn An", text, List.of(), List.of(), false,
                Instant.parse("2026-12-01T08:00:00Z"));
    }

    /** The start of a text, its code points spelled out: enough to reproduce it by eye. */
    static String describe(String text) {
        String head = text.length() > 80 ? text.substring(0, 80) : text;
        return text.length() + " chars, starting " + head.codePoints().mapToObj(c -> c < 0x80 && c >= 0x20
                ? String.valueOf((char) c) : String.format("\\u%04X", c)).reduce("", String::concat);
    }
}
