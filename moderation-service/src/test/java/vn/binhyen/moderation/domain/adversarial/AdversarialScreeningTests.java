package vn.binhyen.moderation.domain.adversarial;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
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
 * length screened in the same run: linear work, whatever the text. Each case is a seed
 * (JUnit's parameterised tests: the seed in a failing case's name makes its text again).
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

    @BeforeAll
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

    static LongStream seeds() {
        return LongStream.range(0, 300).map(i -> 6909_2001L * 31 + i);
    }

    /** Any length up to the limit, any profile: both from the seed. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void anyHostileText_getsTheGeneralPathsVerdict(long seed) {
        Random r = new Random(seed);
        String text = HostileTexts.of(seed, 1 + r.nextInt(10_000));
        String profile = PROFILES.get(r.nextInt(PROFILES.size()));
        Screener screener = SCREENERS.get(profile);
        Message m = message(text, 1);

        Verdict fast = screener.screen(m, 1);

        assertThat(fast).as("seed %d, %s: %s", seed, profile, describe(text))
                .isEqualTo(screener.screenByGeneralPath(m, 1));
    }

    static LongStream timedSeeds() {
        return LongStream.range(0, 120).map(i -> 5321L * 1000 + i);
    }

    /** 1,000, 5,000 or 10,000 characters, any profile: both from the seed. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("timedSeeds")
    void anyHostileText_takesBoundedTimeBesidePlainTextOfItsLength(long seed) {
        Random r = new Random(seed);
        int length = new int[] {1_000, 5_000, 10_000}[r.nextInt(3)];
        String profile = PROFILES.get(r.nextInt(PROFILES.size()));
        assertBounded(SCREENERS.get(profile), "seed " + seed + ", " + profile, HostileTexts.of(seed, length));
    }

    @Test
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
