package vn.binhyen.bench;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import vn.binhyen.moderation.config.Policies;
import vn.binhyen.moderation.domain.screening.Message;
import vn.binhyen.moderation.domain.screening.Screener;

/**
 * Screening's worst cases (issue 20): for each adversarial family, microseconds per character
 * at 1,000, 5,000 and 10,000 characters on one thread, beside plain Vietnamese of the same
 * length in the same run; the growth from 1,000 to 10,000 characters (10 is linear). Targets:
 * every family at most 5 µs per character (50 ms for 10,000), growth at most 12.
 * {@code bin/bench moderation -Dbench.only=worst}; {@code -Dbench.profile=} (police-song-tri),
 * {@code -Dbench.runs=} (15 measured batches of 20 ms per figure, the median kept).
 */
public final class WorstCaseBench {
    static final int[] LENGTHS = {1_000, 5_000, 10_000};
    static final double MAX_MICROS_PER_CHAR = 5;
    static final double MAX_GROWTH = 12;

    private WorstCaseBench() {
    }

    /** Each family as one text of the given length: its worst shape found so far. */
    static Map<String, IntFunction<String>> families() {
        Map<String, IntFunction<String>> f = new LinkedHashMap<>();
        f.put("plain Vietnamese", WorstCaseBench::plain);
        f.put("VIQR marks, audit F2 (a^ a^ aaa…1)", n -> "a^ a^ " + "a".repeat(n - 7) + "1");
        f.put("VIQR marks, one word (Vie^.t a^a^…)", n -> cut("Vie^.t " + "a^".repeat(n), n));
        f.put("VIQR marks, words (a^ a^ …)", n -> cut("a^ ".repeat(n), n));
        f.put("VIQR, trailing punctuation (a^ ,,,…a)", n -> "a^ a^ " + ",".repeat(n - 7) + "a");
        f.put("tone marks stacked (a\u0301\u0301…)", n -> "a" + "\u0301".repeat(n - 1));
        f.put("tone marks (áá…)", n -> "a\u0301".repeat(n / 2));
        f.put("zero-width (\u200B…)", n -> cut("m\u200B".repeat(n), n));
        f.put("separators (t.ố.i…)", n -> cut("t.ố.i-m_ậ/t,".repeat(n), n));
        f.put("spelled out (x x x …)", n -> cut("x ".repeat(n), n));
        f.put("digits for letters (m4t 4…)", n -> cut("m4t 0@$€".repeat(n), n));
        f.put("homoglyphs (а о е …)", n -> cut("Мậт аое ".repeat(n), n));
        f.put("legacy signs (µ¸¶…)", n -> cut("T\u00b5i li\u00d6u m\u00aet ".repeat(n), n));
        f.put("one host-like word (a.a.a…vn/x)", n -> cut("a.".repeat(n), n - 4) + "vn/x");
        f.put("links (http://a.b.vn …)", n -> cut("http://a.b.vn/x?q=1 www.x.com bit.ly/y ".repeat(n), n));
        f.put("dots (....)", n -> ".".repeat(n));
        f.put("nested (t.\u200B4\u0301^ …)", n -> cut("t.\u200B4\u0301^ М.ậ.\u00b5 ".repeat(n), n));
        return f;
    }

    static String plain(int n) {
        return cut("Chào buổi sáng cả nhóm, hôm nay phường họp lúc 8 giờ tại hội trường khu phố 3. ".repeat(n / 60 + 1), n);
    }

    static String cut(String s, int n) {
        return s.substring(0, Math.min(n, s.length()));
    }

    public static void main(String[] args) {
        String profile = System.getProperty("bench.profile", "police-song-tri");
        int runs = Integer.getInteger("bench.runs", 15);
        Screener screener = Policies.screeners().get(profile);
        Map<String, IntFunction<String>> families = families();
        // warm up every family's paths before measuring any
        long until = System.nanoTime() + 3_000_000_000L;
        int id = 0;
        while (System.nanoTime() < until) {
            for (IntFunction<String> f : families.values()) {
                for (int length : LENGTHS) {
                    screener.screen(message(f.apply(length), id++), 1);
                }
            }
        }
        System.out.printf("Screening's worst cases, profile %s, one thread, median of %d batches%n", profile, runs);
        System.out.printf("%-42s %12s %12s %12s %8s %10s %s%n", "family", "µs/char 1k", "5k", "10k", "growth",
                "×plain 10k", "targets (≤ 5 µs/char, growth ≤ 12)");
        double[] plainMicros = new double[LENGTHS.length];
        boolean allMet = true;
        for (var family : families.entrySet()) {
            double[] micros = new double[LENGTHS.length];
            for (int i = 0; i < LENGTHS.length; i++) {
                Message m = message(family.getValue().apply(LENGTHS[i]), id++);
                micros[i] = median(screener, m, runs);
            }
            if (family.getKey().equals("plain Vietnamese")) {
                plainMicros = micros;
            }
            double growth = micros[2] / micros[0];
            double perChar10k = micros[2] / LENGTHS[2];
            boolean met = perChar10k <= MAX_MICROS_PER_CHAR && micros[1] / LENGTHS[1] <= MAX_MICROS_PER_CHAR
                    && micros[0] / LENGTHS[0] <= MAX_MICROS_PER_CHAR && growth <= MAX_GROWTH;
            allMet &= met;
            System.out.printf("%-42s %12.4f %12.4f %12.4f %8.2f %10.1f %s (%.2f ms at 10k; %.0f%% of the per-char limit)%n",
                    family.getKey(), micros[0] / LENGTHS[0], micros[1] / LENGTHS[1], perChar10k, growth,
                    micros[2] / plainMicros[2], met ? "met" : "NOT MET", micros[2] / 1000,
                    100 * perChar10k / MAX_MICROS_PER_CHAR);
        }
        System.out.println(allMet ? "all families within both targets" : "some family misses a target");
    }

    /** The median of {@code runs} batches, each of as many calls as fill 20 ms (one at least). */
    private static double median(Screener screener, Message m, int runs) {
        long t0 = System.nanoTime();
        screener.screen(m, 1);
        long once = Math.max(1, System.nanoTime() - t0);
        int calls = (int) Math.max(1, Math.min(10_000, 20_000_000L / once));
        double[] t = new double[runs];
        for (int r = 0; r < runs; r++) {
            long start = System.nanoTime();
            for (int c = 0; c < calls; c++) {
                screener.screen(m, 1);
            }
            t[r] = (System.nanoTime() - start) / 1000.0 / calls;
        }
        Arrays.sort(t);
        return t[runs / 2];
    }

    static Message message(String text, int n) {
        return new Message("group-bench", "m-" + n, "member-1", "Nguyễn Văn An", text, List.of(), List.of(), false,
                Instant.parse("2026-12-01T08:00:00Z"));
    }
}
