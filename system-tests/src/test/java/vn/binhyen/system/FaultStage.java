package vn.binhyen.system;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import vn.binhyen.testsupport.KafkaBroker;
import vn.binhyen.testsupport.PostgresDatabase;
import vn.binhyen.testsupport.ServiceProcess;
import vn.binhyen.testsupport.TcpProxy;

/**
 * The stage of a fault test (issue 7): one service as a process, with a Kafka broker and a
 * throwaway database of its own, the database reached through a proxy the test can cut. The
 * service can be killed with -9 and started again, the broker restarted; closing it stops
 * whatever was started, in reverse order, even when starting failed half-way.
 */
final class FaultStage implements AutoCloseable {
    private final String serviceName;
    private final Map<String, String> settings;
    private volatile KafkaBroker broker;
    private PostgresDatabase db;
    private TcpProxy proxy;
    private final AtomicReference<ServiceProcess> service = new AtomicReference<>();

    private FaultStage(String serviceName, Map<String, String> settings) {
        this.serviceName = serviceName;
        this.settings = settings;
    }

    /**
     * Announces the ward police's unit, its police group and {@code bot} bound to it, as
     * group-service would, and waits until the service knows them (issue 21: a bot files only
     * for the groups it is bound to).
     */
    void bind(String bot, String group) throws Exception {
        try (var events = new vn.binhyen.eventlog.testing.GroupEventsOnTheTopic(broker.bootstrapServers())) {
            events.unit(vn.binhyen.testsupport.Tokens.DEFAULT_UNIT, "Công an phường Sông Trí", "WARD_POLICE", null)
                    .group(group, vn.binhyen.testsupport.Tokens.DEFAULT_UNIT, "POLICE", "police-song-tri", "leader-st")
                    .bot(group, bot);
        }
        vn.binhyen.eventlog.testing.GroupEventsOnTheTopic.awaitBound(db.jdbcUrl(), db.username(),
                PostgresDatabase.password(), bot, java.util.List.of(group));
    }

    /** Starts the broker, the database, the proxy in front of it and the service. */
    static FaultStage start(String serviceName) throws Exception {
        return start(serviceName, Map.of());
    }

    /** As {@link #start(String)}, the service given these environment variables too. */
    static FaultStage start(String serviceName, Map<String, String> settings) throws Exception {
        FaultStage stage = new FaultStage(serviceName, settings);
        try {
            stage.broker = KafkaBroker.startTemporary();
            stage.db = PostgresDatabase.create();
            URI server = URI.create(PostgresDatabase.serverUrl().substring("jdbc:".length()));
            stage.proxy = new TcpProxy(server.getHost(), server.getPort() < 0 ? 5432 : server.getPort());
            stage.service.set(stage.startService());
            return stage;
        } catch (Exception | Error e) {
            stage.close();
            throw e;
        }
    }

    private ServiceProcess startService() throws Exception {
        Map<String, String> env = new java.util.HashMap<>(settings);
        env.put("BINHYEN_DB_URL", "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + db.name());
        // compiled by C1 alone, as ScaleOutTests' processes: these runs check what survives a fault, not speed,
        // and C2's compilations of a service started again and again are most of their time on two cores
        env.putIfAbsent("JAVA_TOOL_OPTIONS", "-XX:TieredStopAtLevel=1");
        return ServiceProcess.start(serviceName, db, broker, env);
    }

    ServiceProcess service() {
        return service.get();
    }

    KafkaBroker broker() {
        return broker;
    }

    PostgresDatabase db() {
        return db;
    }

    /** The proxy between the service and its database: {@code cut()} and {@code restore()}. */
    TcpProxy database() {
        return proxy;
    }

    /** kill -9: no shutdown hook runs, nothing is flushed or committed. */
    void kill() throws Exception {
        service.get().kill();
    }

    /** The service started again, on the same database and broker. */
    void startAgain() throws Exception {
        service.set(startService());
    }

    void restartBroker() throws Exception {
        broker = broker.restart();
    }

    /** The broker stopped, its data kept, until {@link #startBroker()}. */
    void stopBroker() {
        broker.stop();
    }

    void startBroker() {
        broker = broker.startAgain();
    }

    @Override
    public void close() throws Exception {
        if (service.get() != null) {
            service.get().close();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (db != null) {
            db.close();
        }
        if (broker != null) {
            broker.close();
        }
    }
}
