package vn.binhyen.eventlog;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import com.fasterxml.uuid.impl.TimeBasedEpochRandomGenerator;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Event ids are UUID version 7 (RFC 9562): time-ordered, so the event table's index stays compact. */
public final class EventIds {
    private static final TimeBasedEpochGenerator GENERATOR = Generators.timeBasedEpochGenerator();

    private EventIds() {
    }

    public static UUID next() {
        return GENERATOR.generate();
    }

    /**
     * Correlation ids, one per request: also version 7, but their random bits come from each
     * thread's own generator, not the shared SecureRandom, whose lock and /dev/urandom reads
     * showed in the request path's profile. They are not secrets: they only group what one
     * request caused, and the time in front keeps two requests apart unless they share a
     * millisecond and 74 random bits.
     */
    public static UUID correlation() {
        return CORRELATIONS.generate();
    }

    private static final TimeBasedEpochRandomGenerator CORRELATIONS = Generators.timeBasedEpochRandomGenerator(
            new ThreadsOwnRandom());

    /** Each call on the calling thread's {@link ThreadLocalRandom} (initialised by {@code current()}). */
    private static final class ThreadsOwnRandom extends Random {
        private static final long serialVersionUID = 1L;

        @Override
        protected int next(int bits) {
            return ThreadLocalRandom.current().nextInt() >>> (32 - bits);
        }

        @Override
        public void nextBytes(byte[] bytes) {
            ThreadLocalRandom.current().nextBytes(bytes);
        }
    }
}
