package vn.binhyen.moderation.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import vn.binhyen.moderation.config.Policies;
import vn.binhyen.moderation.domain.screening.Category;
import vn.binhyen.moderation.domain.screening.Message;
import vn.binhyen.moderation.domain.screening.Screener;
import vn.binhyen.moderation.domain.screening.Violation;

/**
 * The labelled corpus (src/test/resources/screening/corpus.tsv, plus the legacy-encoded
 * samples generated from a published converter) screened by each sample's profile: precision
 * and recall per category, printed, and failing below 0.95 precision or 0.90 recall.
 */
class ScreeningCorpusTests {
    static final Map<String, Screener> SCREENERS = Policies.screeners();

    record Sample(String profile, Set<Category> expected, Message message) {
    }

    static List<Sample> corpus() throws IOException {
        List<Sample> out = new ArrayList<>();
        int n = 0;
        for (String line : lines("/screening/corpus.tsv")) {
            String[] f = line.split("\t", -1);
            Set<Category> expected = f[1].equals("NONE") ? EnumSet.noneOf(Category.class)
                    : Arrays.stream(f[1].split(",")).map(Category::valueOf)
                            .collect(Collectors.toCollection(() -> EnumSet.noneOf(Category.class)));
            List<Message.Attachment> attachments = new ArrayList<>();
            if (!f[4].isEmpty()) {
                for (String a : f[4].split(";")) {
                    int open = a.indexOf('[');
                    attachments.add(open < 0 ? new Message.Attachment(a, null, 1000, null)
                            : new Message.Attachment(a.substring(0, open), null, 1000,
                                    List.of(a.substring(open + 1, a.length() - 1).split("\\|"))));
                }
            }
            List<String> links = f[5].isEmpty() ? List.of() : List.of(f[5].split(";"));
            out.add(new Sample(f[0], expected, new Message("group-corpus", "m-" + n++, "member-1",
                    f[3].isEmpty() ? null : f[3], f[2], attachments, links, false, Instant.now())));
        }
        for (String line : lines("/screening/legacy-samples.tsv")) {
            String[] f = line.split("\t", -1);
            Set<Category> expected = EnumSet.of(Category.ENCODING);
            if (!f[3].isEmpty()) {
                expected.add(Category.valueOf(f[3]));
            }
            out.add(new Sample("ward-binh-phuoc", expected, new Message("group-corpus",
                    "m-" + n++, "member-1", null, f[2], List.of(), List.of(), false, Instant.now())));
        }
        return out;
    }

    static List<String> lines(String resource) throws IOException {
        try (InputStream in = ScreeningCorpusTests.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        }
    }

    @Test
    void labelledCorpus_precisionAtLeast095_recallAtLeast090_perCategory() throws IOException {
        List<Sample> corpus = corpus();
        assertThat(corpus).as("labelled messages").hasSizeGreaterThanOrEqualTo(200);
        Map<Category, int[]> counts = new TreeMap<>(); // tp, fp, fn
        List<String> misses = new ArrayList<>();
        for (Sample s : corpus) {
            var verdict = SCREENERS.get(s.profile()).screen(s.message(), 1);
            Set<Category> got = verdict.violations().stream().map(Violation::category)
                    .collect(Collectors.toCollection(() -> EnumSet.noneOf(Category.class)));
            for (Category c : Category.values()) {
                boolean want = s.expected().contains(c);
                boolean has = got.contains(c);
                if (want || has) {
                    int[] k = counts.computeIfAbsent(c, x -> new int[3]);
                    k[want && has ? 0 : has ? 1 : 2]++;
                }
            }
            if (!got.equals(s.expected())) {
                misses.add(s.profile() + " expected " + s.expected() + " got " + got + ": " + s.message().text()
                        + (s.message().displayName() == null ? "" : " [name " + s.message().displayName() + "]")
                        + " " + verdict.violations().stream().map(v -> v.ruleId() + "=" + v.evidence().excerpt()).toList());
            }
        }
        System.out.printf("%n%-20s %5s %5s %5s %9s %7s%n", "category", "tp", "fp", "fn", "precision", "recall");
        List<String> failures = new ArrayList<>();
        for (var e : counts.entrySet()) {
            int[] k = e.getValue();
            double precision = k[0] + k[1] == 0 ? 1 : (double) k[0] / (k[0] + k[1]);
            double recall = k[0] + k[2] == 0 ? 1 : (double) k[0] / (k[0] + k[2]);
            System.out.printf("%-20s %5d %5d %5d %9.3f %7.3f%n", e.getKey(), k[0], k[1], k[2], precision, recall);
            if (precision < 0.95 || recall < 0.90) {
                failures.add(e.getKey() + String.format(" precision %.3f recall %.3f", precision, recall));
            }
        }
        misses.forEach(m -> System.out.println("  miss: " + m));
        assertThat(failures).as("categories below 0.95 precision / 0.90 recall").isEmpty();
    }
}
