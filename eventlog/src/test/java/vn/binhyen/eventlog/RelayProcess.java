package vn.binhyen.eventlog;

import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * A relay in a process of its own, for the fail-over test: prints ACTIVE once it holds the
 * lock, then {@code published N} as it goes, until it is killed.
 * Args: jdbcUrl user password bootstrapServers topic relayName.
 */
public final class RelayProcess {
    public static void main(String[] args) throws Exception {
        String url = args[0];
        String user = args[1];
        String password = args[2];
        Relay relay = new Relay(() -> DriverManager.getConnection(url, user, password),
                vn.binhyen.testsupport.KafkaPrincipals.admin(args[3]),
                new Relay.Config(args[5], args[4], 20, Duration.ofMillis(20), 25, Duration.ofSeconds(1),
                        Duration.ofMillis(100)),
                Clock.systemUTC());
        relay.start();
        boolean announced = false;
        while (true) {
            if (relay.isActive() && !announced) {
                System.out.println("ACTIVE");
                announced = true;
            }
            System.out.println("published " + relay.publishedCount());
            System.out.flush();
            Thread.sleep(50);
        }
    }
}
