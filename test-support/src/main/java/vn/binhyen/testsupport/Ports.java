package vn.binhyen.testsupport;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for the processes the tests start. A port the kernel hands out as free (bind to 0) comes from the range it
 * also gives outgoing connections (32768 and up on Linux): between the probe and the process's own bind, a
 * service starting beside it could connect out from that very port (a rehearsal of 2026-12-04: "Port 46675 seems
 * to be in use by another process"). These come from below that range.
 */
public final class Ports {
    private Ports() {
    }

    /** A port free now (on every address, as a service binds it), below the outgoing connections' range; any free one if none is. */
    public static int free() throws IOException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 50; i++) {
            int candidate = random.nextInt(20_000, 32_000);
            try (ServerSocket s = new ServerSocket(candidate)) {
                return s.getLocalPort();
            } catch (IOException taken) {
                // in use: another one
            }
        }
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
