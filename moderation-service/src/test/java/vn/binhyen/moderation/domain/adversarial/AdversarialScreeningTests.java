package vn.binhyen.moderation.domain.adversarial;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
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
 * screening stays under a ceiling that super-linear matching would pass by orders of magnitude
 * ({@link #CEILING}; the speed itself is the bench's). Each case is a seed
 * (JUnit's parameterised tests: the seed in a failing case's name makes its text again).
 */
class AdversarialScreeningTests {
    static final Map<String, Screener> SCREENERS = Policies.screeners();
    static final List<String> PROFILES = List.copyOf(SCREENERS.keySet());
    /**
     * A guard against super-linear work, not a speed target: the audit's text took 1.5 s at 800
     * characters and about 45 minutes at 10,000 under the cubic regular expression; linear
     * screening of 10,000 characters takes milliseconds. Speed is measured, with its limits and
     * beside plain text in the same run, by the bench's {@code WorstCaseBench} (bench/RESULTS.md);
     * a ratio to plain text measured here, in a test run sharing two cores with a build, failed
     * on noise (15.2 ms against a 14.8 ms bound) while the bench saw 2.5 ms.
     */
    static final Duration CEILING = Duration.ofSeconds(2);

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
    void anyHostileText_takesNoSuperLinearTime(long seed) {
        Random r = new Random(seed);
        int length = new int[] {1_000, 5_000, 10_000}[r.nextInt(3)];
        String profile = PROFILES.get(r.nextInt(PROFILES.size()));
        assertBounded(SCREENERS.get(profile), "seed " + seed + ", " + profile, HostileTexts.of(seed, length));
    }

    @Test
    void theKnownWorstCases_ofEachFamily_takeNoSuperLinearTimeAndGetTheGeneralPathsVerdict() {
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

    /** Best of three (the noise of a shared machine is one-sided: only ever slower). */
    static void assertBounded(Screener screener, String profile, String text) {
        Message hostile = message(text, 3);
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long t0 = System.nanoTime();
            screener.screen(hostile, 1);
            best = Math.min(best, System.nanoTime() - t0);
        }
        assertThat(Duration.ofNanos(best)).as("%s, %d characters: %d µs: %s", profile, text.length(), best / 1000,
                describe(text)).isLessThan(CEILING);
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
