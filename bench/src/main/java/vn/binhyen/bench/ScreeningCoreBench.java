package vn.binhyen.bench;

import java.text.Normalizer;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import vn.binhyen.moderation.config.Policies;
import vn.binhyen.moderation.domain.screening.Message;
import vn.binhyen.moderation.domain.screening.Screener;

/**
 * The screening core alone (normalise, Aho–Corasick over words, links, encoding, name), one
 * thread, on 1 KB Vietnamese messages, beside the bare cost of reading the same text once
 * (NFD + lower-casing) measured in the same run. Target: ≥ 100,000 messages/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 5, jvmArgsAppend = "-Xmx1g") // five JVMs: one JIT compiles the core well or not (±10–30 % seen between forks)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ScreeningCoreBench {
    static final List<String> TEXTS = List.of(
            "Kính gửi các đồng chí, Ban Thường trực đề nghị các tổ dân phố rà soát danh sách hộ nghèo, hộ cận nghèo "
                    + "trước ngày 30/11 và gửi báo cáo về Văn phòng UBND phường. ",
            "Công an phường cảnh báo thủ đoạn giả danh cán bộ gọi điện yêu cầu chuyển tiền; người dân cần cảnh giác, "
                    + "không cung cấp mã OTP, báo ngay cho Công an phường khi phát hiện dấu hiệu lừa đảo. ",
            "Khuyến mãi cuối năm giảm giá 50%, liên hệ mua ngay, chốt đơn trong ngày, xem tại https://bit.ly/abc ",
            "Gửi các đ/c tài liệu T.ố.i M.ậ.t về phương án bảo vệ, xem xong xóa ngay, không chia sẻ ra ngoài nhóm. ");
    Screener screener;
    Message[] messages;
    int next;

    @Setup
    public void setUp() {
        Map<String, Screener> screeners = Policies.screeners();
        screener = screeners.get("police-song-tri");
        messages = messages();
    }

    /** The benchmark's messages: each text repeated to 1 KB. */
    static Message[] messages() {
        Message[] kbs = new Message[TEXTS.size()];
        for (int i = 0; i < TEXTS.size(); i++) {
            StringBuilder kb = new StringBuilder();
            while (kb.length() < 1024) {
                kb.append(TEXTS.get(i));
            }
            kbs[i] = new Message("group-1", "m-" + i, "member-1", "Nguyễn Văn An", kb.substring(0, 1024),
                    List.of(), List.of(), false, Instant.parse("2026-11-22T08:00:00Z"));
        }
        return kbs;
    }

    @Benchmark
    public Object screen() {
        Message m = messages[next++ & 3];
        return screener.screen(m, 1);
    }

    /** The floor: reading the same text once, decomposed and lower-cased. */
    @Benchmark
    public Object readTextOnce() {
        Message m = messages[next++ & 3];
        return Normalizer.normalize(m.text(), Normalizer.Form.NFD).toLowerCase(Locale.ROOT);
    }

    public static void main(String[] args) throws Exception {
        vn.binhyen.audit.QuietLogging.apply();
        System.out.printf("Bình Yên screening core benchmark (JMH) — %s, %d cores, JDK %s%n", Instant.now(),
                Runtime.getRuntime().availableProcessors(), Runtime.version());
        var results = new Runner(new OptionsBuilder().include(ScreeningCoreBench.class.getSimpleName())
                .shouldDoGC(true).build()).run();
        double screen = 0;
        double floor = 0;
        for (RunResult r : results) {
            double score = r.getPrimaryResult().getScore();
            if (r.getParams().getBenchmark().endsWith(".screen")) {
                screen = score;
            } else {
                floor = score;
            }
        }
        System.out.printf("%nlimit: reading the same 1 KB text once (NFD + lower case), 1 thread: %,.0f messages/s%n",
                floor);
        System.out.printf("screening core, 1 KB messages, 1 thread: %,.0f messages/s  ratio to the floor %.2f%n", screen,
                screen / floor);
        System.out.printf("   target ≥ 100,000 messages/s on one thread: %s (ratio to target %.2f)%n",
                screen >= 100_000 ? "MET" : "NOT MET", screen / 100_000);
    }
}
