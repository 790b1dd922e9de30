package vn.binhyen.bench;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import vn.binhyen.contracts.group.GroupEvent;
import vn.binhyen.contracts.group.GroupRole;
import vn.binhyen.eventlog.Actor;
import vn.binhyen.eventlog.EventIds;
import vn.binhyen.eventlog.Json;
import vn.binhyen.eventlog.NewEvent;
import vn.binhyen.eventlog.PostgresEventStore;
import vn.binhyen.eventlog.decider.CommandHandler;
import vn.binhyen.eventlog.decider.Snapshots;
import vn.binhyen.eventlog.snapshot.CachedSnapshots;
import vn.binhyen.eventlog.snapshot.PostgresSnapshots;
import vn.binhyen.group.config.GroupBeans;
import vn.binhyen.group.config.RegulationProfiles;
import vn.binhyen.group.domain.Group;
import vn.binhyen.group.domain.GroupCommand;
import vn.binhyen.group.domain.GroupDecider;
import vn.binhyen.group.projection.GroupProjector;
import vn.binhyen.testsupport.PostgresDatabase;

/**
 * group-service's figures beside the raw append rate measured in the same run: add-member
 * commands (load from snapshot → decide → append → project, one transaction each, as
 * GroupCommandService runs them) and the load of a 5,000-member roster, cold from its
 * database snapshot and, for comparison, folded from its first event.
 */
public final class GroupBench {
    static final Duration PHASE = Duration.ofSeconds(Long.getLong("bench.seconds", 6));
    static final int WRITERS = Integer.getInteger("bench.writers", 8);
    static final int ROSTER = Integer.getInteger("bench.roster", 5_000);
    static final Actor LEADER_ACTOR = Actor.of("leader", "LEADER");
    static final CommandHandler.Metadata META = new CommandHandler.Metadata(LEADER_ACTOR, "bench", null);

    public static void main(String[] args) throws Exception {
        vn.binhyen.audit.QuietLogging.apply();
        System.out.printf("Bình Yên group-service benchmark — %s, %d cores, JDK %s, max heap %d MiB%n", Instant.now(),
                Runtime.getRuntime().availableProcessors(), Runtime.version(), Runtime.getRuntime().maxMemory() >> 20);
        try (PostgresDatabase db = PostgresDatabase.create()) {
            migrate(db);
            AgroalDataSource pool = AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                    .connectionPoolConfiguration(cp -> cp.maxSize(24).connectionFactoryConfiguration(cf -> cf
                            .jdbcUrl(db.jdbcUrl()).principal(new NamePrincipal(db.username()))
                            .credential(new SimplePassword(db.passwordValue())))));
            ThreadTransactions tx = new ThreadTransactions(pool);
            Clock clock = Clock.systemUTC();
            PostgresEventStore store = new PostgresEventStore(tx.dataSource(), clock);
            GroupDecider decider = new GroupDecider(RegulationProfiles.load());
            CachedSnapshots<Group> snapshots = new CachedSnapshots<>(new PostgresSnapshots<>(tx.dataSource(),
                    Group.Established.class, GroupBeans.SNAPSHOT_KIND, 100), 10_000, tx);
            var handler = new CommandHandler<>(store, decider, GroupBeans.eventCodec(), clock, snapshots);
            var projector = new GroupProjector(tx.dataSource());
            Service service = new Service(tx, handler, projector);

            System.out.println("\n(warming up the JIT and the pool for " + PHASE.toSeconds() + " s; not measured)");
            addMembers(service, WRITERS);
            rawAppend(store, WRITERS);

            System.out.println("\n== add-member commands, " + WRITERS + " writers, " + PHASE.toSeconds() + " s ==");
            checkpoint(db);
            Result raw = rawAppend(store, WRITERS);
            System.out.printf("limit: raw append (one event per transaction), %d writers: %,.0f events/s  p50 %.2f ms  "
                    + "p99 %.2f ms%n", WRITERS, raw.perSecond, raw.p50, raw.p99);
            checkpoint(db);
            Result add = addMembers(service, WRITERS);
            System.out.printf("add-member (snapshot → decide → append → project): %,.0f commands/s  p50 %.2f ms  "
                    + "p99 %.2f ms  ratio to raw append %.2f%n", add.perSecond, add.p50, add.p99,
                    add.perSecond / raw.perSecond);
            System.out.printf("   target ≥ 2,000 add-member commands/s: %s (ratio to target %.2f)%n",
                    add.perSecond >= 2_000 ? "MET" : "NOT MET", add.perSecond / 2_000);

            System.out.println("\n== a " + ROSTER + "-member roster ==");
            String big = newGroup(service);
            long started = System.nanoTime();
            for (int i = 1; i < ROSTER; i++) {
                service.addMember(big, i);
            }
            double growRate = (ROSTER - 1) / ((System.nanoTime() - started) / 1e9);
            System.out.printf("grown one add-member command at a time to %d members: %,.0f commands/s (1 writer)%n",
                    ROSTER, growRate);
            Histogram cold = new Histogram(3);
            for (int i = 0; i < 110; i++) {
                snapshots.clear();
                long t = System.nanoTime();
                var loaded = handler.current(big);
                if (i >= 10) { // the first ten warm the JIT up
                    cold.recordValue(System.nanoTime() - t);
                }
                if (((Group.Established) loaded.state()).roster().size() != ROSTER) {
                    throw new IllegalStateException("roster size " + ((Group.Established) loaded.state()).roster().size());
                }
            }
            var unsnapshotted = new CommandHandler<>(store, decider, GroupBeans.eventCodec(), clock, Snapshots.<Group>none());
            Histogram full = new Histogram(3);
            for (int i = 0; i < 5; i++) {
                long t = System.nanoTime();
                unsnapshotted.current(big);
                full.recordValue(System.nanoTime() - t);
            }
            Histogram warm = new Histogram(3);
            handler.current(big);
            for (int i = 0; i < 200; i++) {
                long t = System.nanoTime();
                handler.current(big);
                warm.recordValue(System.nanoTime() - t);
            }
            System.out.printf("limit: the same roster folded from its first event (no snapshot): p50 %.1f ms  max %.1f ms%n",
                    ms(full.getValueAtPercentile(50)), ms(full.getMaxValue()));
            System.out.printf("cold load from the database snapshot + tail: p50 %.1f ms  p99 %.1f ms  max %.1f ms  "
                    + "ratio to the full fold %.2f%n", ms(cold.getValueAtPercentile(50)), ms(cold.getValueAtPercentile(99)),
                    ms(cold.getMaxValue()), (double) cold.getValueAtPercentile(50) / full.getValueAtPercentile(50));
            System.out.printf("warm load (cached state + an empty tail read): p50 %.2f ms  p99 %.2f ms%n",
                    ms(warm.getValueAtPercentile(50)), ms(warm.getValueAtPercentile(99)));
            System.out.printf("   target: a %d-member roster loads in ≤ 50 ms: %s (cold p99 %.1f ms; ratio to target %.2f)%n",
                    ROSTER, ms(cold.getValueAtPercentile(99)) <= 50 ? "MET" : "NOT MET",
                    ms(cold.getValueAtPercentile(99)), ms(cold.getValueAtPercentile(99)) / 50);
            Result addBig = addToOne(service, big);
            System.out.printf("add-member into the %d-member group (1 writer): %,.0f commands/s  p99 %.2f ms%n",
                    ROSTER, addBig.perSecond, addBig.p99);
        }
    }

    /** GroupCommandService.handle outside Quarkus: one transaction, the projector in it. */
    record Service(ThreadTransactions tx, CommandHandler<GroupCommand, Group, GroupEvent> handler,
            GroupProjector projector) {
        void run(String groupId, GroupCommand command) {
            tx.inTransaction(() -> {
                var outcome = handler.handle(groupId, OptionalLong.empty(), command, META);
                projector.apply(outcome.state(), outcome.version(), outcome.events(), command.at());
                return outcome;
            });
        }

        void addMember(String groupId, long n) {
            String id = "m-" + n + "-" + groupId.substring(groupId.length() - 6);
            run(groupId, new GroupCommand.ProposeMembership(null, vn.binhyen.contracts.group.MembershipChange.ADD,
                    new GroupEvent.Member(id, "Nguyễn Văn An", "zalo-" + id, "0901000000", false), GroupRole.MEMBER,
                    null, "leader", Instant.now()));
        }
    }

    static String newGroup(Service service) {
        String groupId = "group-" + EventIds.next();
        service.run(groupId, new GroupCommand.EstablishGroup(groupId, "Khu phố " + groupId.substring(30), "Trao đổi",
                "ward-binh-phuoc", "ubnd-phuong-binh-phuoc", "AGENCY", "Trưởng khu phố",
                null, new GroupEvent.Member("leader", "Trần Văn Hùng", "zalo-l", "0901000001", false), "sysadmin",
                Instant.now()));
        return groupId;
    }

    record Result(double perSecond, double p50, double p99) {
    }

    interface Op {
        void run(int writer, long n);
    }

    static Result timed(int writers, Op op) throws InterruptedException {
        Recorder recorder = new Recorder(3);
        AtomicLong count = new AtomicLong();
        long end = System.nanoTime() + PHASE.toNanos();
        CountDownLatch done = new CountDownLatch(writers);
        long started = System.nanoTime();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            Thread.ofPlatform().start(() -> {
                try {
                    long n = 0;
                    while (System.nanoTime() < end) {
                        long t = System.nanoTime();
                        op.run(writer, n++);
                        recorder.recordValue(System.nanoTime() - t);
                        count.incrementAndGet();
                    }
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
        double seconds = (System.nanoTime() - started) / 1e9;
        Histogram h = recorder.getIntervalHistogram();
        return new Result(count.get() / seconds, ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(99)));
    }

    /** Each writer adds members to its own 20 groups in turn (groups are independent streams). */
    static Result addMembers(Service service, int writers) throws InterruptedException {
        List<List<String>> groups = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            List<String> own = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                own.add(newGroup(service));
            }
            groups.add(own);
        }
        return timed(writers, (w, n) -> service.addMember(groups.get(w).get((int) (n % 20)), n));
    }

    static Result addToOne(Service service, String groupId) throws InterruptedException {
        long base = ROSTER + 1;
        return timed(1, (w, n) -> service.addMember(groupId, base + n));
    }

    /** The event log's own append of one event per transaction: the limit add-member runs against. */
    static Result rawAppend(PostgresEventStore store, int writers) throws InterruptedException {
        List<List<String>> streams = new ArrayList<>();
        List<long[]> versions = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            List<String> own = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                own.add("raw-" + UUID.randomUUID());
            }
            streams.add(own);
            versions.add(new long[20]);
        }
        var payload = Json.MAPPER.createObjectNode().put("memberId", "m").put("fullName", "Nguyễn Văn An");
        return timed(writers, (w, n) -> {
            int i = (int) (n % 20);
            String stream = streams.get(w).get(i);
            long[] v = versions.get(w);
            store.append(stream, v[i], List.of(new NewEvent(EventIds.next(), "MemberAdded", 1, Instant.now(),
                    LEADER_ACTOR, "bench", null, payload)));
            v[i]++;
        });
    }

    static double ms(double nanos) {
        return nanos / 1e6;
    }

    static void checkpoint(PostgresDatabase db) {
        EventLogBench.checkpoint(db);
    }

    static void migrate(PostgresDatabase db) throws Exception {
        for (String script : List.of("/db/eventlog/V1__eventlog.sql", "/db/eventlog/V2__snapshot.sql",
                "/db/migration/V100__group_read_models.sql", "/db/migration/V101__directives_and_violations.sql")) {
            try (InputStream in = GroupBench.class.getResourceAsStream(script); Connection c = db.connect();
                    Statement s = c.createStatement()) {
                s.execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
    }

    private GroupBench() {
    }
}
