package vn.binhyen.bench;

import java.io.File;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import vn.binhyen.moderation.config.Policies;
import vn.binhyen.moderation.domain.screening.Message;
import vn.binhyen.moderation.domain.screening.Screener;

/**
 * Two builds of the screening core compared in one JVM, taking turns: for telling a change of a
 * few percent from the machine's noise, which JMH's separate forks cannot do here (forks of one
 * build differ by 10–30 % on these 2-core machines, and the machine's speed drifts). Each build's
 * classes are loaded by a class loader of their own, so the JIT compiles each apart; both are
 * warmed up, then each screens the same 1 KB messages as {@link ScreeningCoreBench}, one build
 * after the other, round after round. A diagnostic for development, not the benchmark of
 * record: the target is judged by {@link ScreeningCoreBench}.
 *
 * <pre>
 * java -cp "bench/target/classes:$(cat bench/target/bench.classpath)" vn.binhyen.bench.CoreAlternation \
 *     /tmp/old/moderation-service/target/classes moderation-service/target/classes [rounds]
 * </pre>
 */
public final class CoreAlternation {
    private static final int PER_ROUND = 100_000;

    private CoreAlternation() {
    }

    /** One build's side: loaded once per class loader, so it screens with that build's classes. */
    public static final class Side {
        private static final Screener SCREENER = Policies.screeners().get("police-song-tri");
        private static final Message[] MESSAGES = ScreeningCoreBench.messages();
        private static Object sink;

        private Side() {
        }

        /** Nanoseconds per message over {@code n} screenings. */
        public static double screen(int n) {
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                sink = SCREENER.screen(MESSAGES[i % MESSAGES.length], 1);
            }
            return (System.nanoTime() - start) / (double) n;
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: CoreAlternation <classes of build A> <classes of build B> [rounds]");
            System.exit(2);
        }
        vn.binhyen.audit.QuietLogging.apply();
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 12;
        Method a = side(args[0]);
        Method b = side(args[1]);
        for (int w = 0; w < 4; w++) {
            a.invoke(null, PER_ROUND);
            b.invoke(null, PER_ROUND);
        }
        System.out.printf("Bình Yên screening core, two builds taking turns in one JVM — %s, %d cores, JDK %s%n"
                + "A: %s%nB: %s%n", Instant.now(), Runtime.getRuntime().availableProcessors(), Runtime.version(),
                args[0], args[1]);
        double sumA = 0;
        double sumB = 0;
        int bFaster = 0;
        for (int r = 1; r <= rounds; r++) {
            double x = (double) a.invoke(null, PER_ROUND);
            double y = (double) b.invoke(null, PER_ROUND);
            sumA += x;
            sumB += y;
            bFaster += y < x ? 1 : 0;
            System.out.printf("   round %2d: A %,6.0f ns/message, B %,6.0f ns/message, B/A %.3f%n", r, x, y, y / x);
        }
        System.out.printf("A %,.0f messages/s, B %,.0f messages/s; B/A time %.3f; B faster in %d of %d rounds%n",
                1e9 * rounds / sumA, 1e9 * rounds / sumB, sumB / sumA, bFaster, rounds);
    }

    /** The side's method in a class loader of the build's classes, the bench's and the libraries (not the build's jar). */
    private static Method side(String classes) throws ReflectiveOperationException, MalformedURLException {
        List<URL> urls = new ArrayList<>();
        urls.add(new File(classes).toURI().toURL());
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.contains("moderation-service")) { // the build's classes come from the directory given
                urls.add(new File(entry).toURI().toURL());
            }
        }
        ClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
        return Class.forName(Side.class.getName(), true, loader).getMethod("screen", int.class);
    }
}
