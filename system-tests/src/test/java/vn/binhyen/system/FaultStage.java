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
    private volatile KafkaBroker broker;
    private PostgresDatabase db;
    private TcpProxy proxy;
    private final AtomicReference<ServiceProcess> service = new AtomicReference<>();

    private FaultStage(String serviceName) {
        this.serviceName = serviceName;
    }

    /** Starts the broker, the database, the proxy in front of it and the service. */
    static FaultStage start(String serviceName) throws Exception {
        FaultStage stage = new FaultStage(serviceName);
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
        return ServiceProcess.start(serviceName, db, broker, Map.of("BINHYEN_DB_URL",
                "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + db.name()));
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
