package vn.binhyen.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real Apache Kafka broker in KRaft mode (combined broker and controller, one node),
 * in this JVM: for tests, the benchmarks and {@code bin/stack}. Log directory formatted with
 * Kafka's own {@link Formatter}; retention infinite; single-replica internal topics.
 */
public final class KafkaBroker implements AutoCloseable {
    private final KafkaRaftServer server;
    private final Path directory;
    private final boolean temporary;
    private final String bootstrapServers;
    private final int port;
    private final int controllerPort;

    private KafkaBroker(KafkaRaftServer server, Path directory, boolean temporary, int port, int controllerPort) {
        this.server = server;
        this.directory = directory;
        this.temporary = temporary;
        this.port = port;
        this.controllerPort = controllerPort;
        this.bootstrapServers = "127.0.0.1:" + port;
    }

    /**
     * Stops this broker (its data kept) and starts it again on the same ports and directory, as
     * when a broker is restarted in production; returns the new one. Clients reconnect by themselves.
     */
    public KafkaBroker restart() {
        stop();
        return startAgain();
    }

    /** Stops this broker, its data kept: unreachable until {@link #startAgain()}. */
    public void stop() {
        server.shutdown();
        server.awaitShutdown();
    }

    /** After {@link #stop()}: a broker on the same ports and directory (this one's data). */
    public KafkaBroker startAgain() {
        return start(port, controllerPort, directory, temporary);
    }

    /** A broker on free ports with a temporary log directory, deleted on {@link #close()}. */
    /**
     * A broker on free ports with the contracts' topics created (one partition each, as an
     * automatic creation would make them): with ACLs, a service may create only the topics it
     * writes, so a topic it only reads must exist before it subscribes, as deploy/'s topic Job and
     * bin/stack make them.
     */
    public static KafkaBroker startTemporary() {
        try {
            KafkaBroker broker = start(Ports.free(), Ports.free(), Files.createTempDirectory("binhyen-kafka-"), true);
            broker.createTopics(vn.binhyen.contracts.Topics.ALL, 1);
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A broker on {@code port} (controller on {@code controllerPort}) keeping its data in {@code directory}. */
    public static KafkaBroker start(int port, int controllerPort, Path directory, boolean temporary) {
        Path logs = directory.resolve("logs");
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        // clients authenticate (SASL/SCRAM) and are authorised by ACLs (issue 21, audit F6); the
        // controller listener, on loopback, serves only the controller's own protocol
        p.put("listeners", "SASL_PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "SASL_PLAINTEXT://127.0.0.1:" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "SASL_PLAINTEXT");
        p.put("listener.security.protocol.map", "SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("sasl.enabled.mechanisms", KafkaPrincipals.MECHANISM);
        p.put("sasl.mechanism.inter.broker.protocol", KafkaPrincipals.MECHANISM);
        p.put("listener.name.sasl_plaintext." + KafkaPrincipals.MECHANISM.toLowerCase() + ".sasl.jaas.config",
                KafkaPrincipals.jaas(KafkaPrincipals.ADMIN, KafkaPrincipals.password(KafkaPrincipals.ADMIN)));
        p.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        // the broker itself (admin) and the controller listener's peers; nobody else is a super user
        p.put("super.users", "User:" + KafkaPrincipals.ADMIN + ";User:ANONYMOUS");
        p.put("allow.everyone.if.no.acl.found", "false");
        p.put("log.dirs", logs.toString());
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "true");
        p.put("num.partitions", "1");
        p.put("log.retention.ms", "-1");
        p.put("log.retention.bytes", "-1");
        try {
            Files.createDirectories(logs);
            if (Files.exists(logs.resolve("meta.properties"))) {
                // formatted by an earlier run (bin/stack keeps its data): keep its cluster id
                return startFormatted(p, port, controllerPort, directory, temporary);
            }
            Formatter formatter = new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(1)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setDirectories(List.of(logs.toString()))
                    .setMetadataLogDirectory(Optional.of(logs.toString()))
                    .setControllerListenerName("CONTROLLER")
                    .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                    .setReleaseVersion(MetadataVersion.latestProduction())
                    .setScramArguments(List.of(KafkaPrincipals.MECHANISM + "=[name=" + KafkaPrincipals.ADMIN
                            + ",password=" + KafkaPrincipals.password(KafkaPrincipals.ADMIN) + "]"))
                    .setIgnoreFormatted(true);
            formatter.run();
        } catch (Exception e) {
            throw new IllegalStateException("could not format the Kafka log directory " + logs + ": " + e, e);
        }
        return startFormatted(p, port, controllerPort, directory, temporary);
    }

    private static KafkaBroker startFormatted(Properties p, int port, int controllerPort, Path directory,
            boolean temporary) {
        KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(p, false), Time.SYSTEM);
        server.startup();
        KafkaBroker broker = new KafkaBroker(server, directory, temporary, port, controllerPort);
        broker.awaitReady(Duration.ofSeconds(60));
        broker.grant();
        return broker;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /**
     * Gives each of {@code topics} (existing) {@code partitions} partitions: more, never fewer (Kafka
     * cannot take partitions away). A temporary broker makes its topics with one.
     */
    public void increasePartitions(List<String> topics, int partitions) {
        try (Admin admin = admin()) {
            Map<String, org.apache.kafka.clients.admin.NewPartitions> more = new java.util.HashMap<>();
            for (var d : admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS).values()) {
                if (d.partitions().size() < partitions) {
                    more.put(d.name(), org.apache.kafka.clients.admin.NewPartitions.increaseTo(partitions));
                }
            }
            if (!more.isEmpty()) {
                admin.createPartitions(more).all().get(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("could not give " + topics + " " + partitions + " partitions", e);
        }
    }

    /** Creates topics that do not exist yet (infinite retention). */
    public void createTopics(List<String> topics, int partitions) {
        try (Admin admin = admin()) {
            for (String t : topics) {
                NewTopic nt = new NewTopic(t, partitions, (short) 1)
                        .configs(Map.of("retention.ms", "-1", "retention.bytes", "-1"));
                try {
                    admin.createTopics(List.of(nt)).all().get(30, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("could not create topic " + t, e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("topic creation timed out", e);
        }
    }

    /** An admin client as the super user {@link KafkaPrincipals#ADMIN}. */
    public Admin admin() {
        Map<String, Object> p = new java.util.HashMap<>(KafkaPrincipals.clientSettings(KafkaPrincipals.ADMIN));
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        return Admin.create(p);
    }

    /**
     * Each principal's client configuration in {@code directory}: {@code <name>.properties} (Java
     * clients, bin/audit) and {@code <name>.librdkafka.conf} (kcat -F), for {@code bin/stack
     * kafka-config}.
     */
    public void writeClientConfigurations(Path directory) throws IOException {
        Files.createDirectories(directory);
        List<String> names = new java.util.ArrayList<>(List.of(KafkaPrincipals.ADMIN));
        KafkaPrincipals.ALL.forEach(p -> names.add(p.name()));
        for (String name : names) {
            try (var out = Files.newOutputStream(directory.resolve(name + ".properties"))) {
                clientProperties(name).store(out, "Kafka client configuration of " + name + " (development)");
            }
            StringBuilder conf = new StringBuilder();
            KafkaPrincipals.librdkafkaSettings(bootstrapServers, name).forEach((k, v) -> conf.append(k).append('=')
                    .append(v).append('\n'));
            Files.writeString(directory.resolve(name + ".librdkafka.conf"), conf);
        }
    }

    /** A Java client's properties for the principal {@code name} on this broker. */
    public Properties clientProperties(String name) {
        return KafkaPrincipals.clientProperties(bootstrapServers, name);
    }

    /**
     * Creates (or resets) every principal of {@link KafkaPrincipals#ALL} with its development
     * password, and their ACLs: each writes (and may create) its own topics, reads what it
     * consumes, in consumer groups of its prefix. Idempotent: run at every start.
     */
    void grant() {
        var scram = new org.apache.kafka.clients.admin.ScramCredentialInfo(
                org.apache.kafka.clients.admin.ScramMechanism.SCRAM_SHA_512, 4096);
        List<org.apache.kafka.clients.admin.UserScramCredentialAlteration> users = new java.util.ArrayList<>();
        List<org.apache.kafka.common.acl.AclBinding> acls = new java.util.ArrayList<>();
        for (var principal : KafkaPrincipals.ALL) {
            users.add(new org.apache.kafka.clients.admin.UserScramCredentialUpsertion(principal.name(), scram,
                    KafkaPrincipals.password(principal.name())));
            String user = "User:" + principal.name();
            for (String topic : principal.writes()) {
                for (var op : List.of(org.apache.kafka.common.acl.AclOperation.WRITE,
                        org.apache.kafka.common.acl.AclOperation.DESCRIBE, org.apache.kafka.common.acl.AclOperation.CREATE)) {
                    acls.add(acl(org.apache.kafka.common.resource.ResourceType.TOPIC, topic,
                            org.apache.kafka.common.resource.PatternType.LITERAL, user, op));
                }
            }
            for (String topic : principal.reads()) {
                for (var op : List.of(org.apache.kafka.common.acl.AclOperation.READ,
                        org.apache.kafka.common.acl.AclOperation.DESCRIBE)) {
                    acls.add(acl(org.apache.kafka.common.resource.ResourceType.TOPIC, topic,
                            org.apache.kafka.common.resource.PatternType.LITERAL, user, op));
                }
            }
            if (principal.groupPrefix() != null) {
                acls.add(acl(org.apache.kafka.common.resource.ResourceType.GROUP, principal.groupPrefix(),
                        org.apache.kafka.common.resource.PatternType.PREFIXED, user,
                        org.apache.kafka.common.acl.AclOperation.READ));
            }
        }
        try (Admin admin = admin()) {
            admin.alterUserScramCredentials(users).all().get(30, TimeUnit.SECONDS);
            admin.createAcls(acls).all().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException("could not create the Kafka principals and their ACLs: " + e, e);
        }
        // SCRAM credentials reach the broker through the metadata log: wait until a principal can log in
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String probe = KafkaPrincipals.ALL.getLast().name();
        while (true) {
            Map<String, Object> p = new java.util.HashMap<>(KafkaPrincipals.clientSettings(probe));
            p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
            try (Admin as = Admin.create(p)) {
                as.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (Exception e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(probe + " cannot log in to the broker: " + e, e);
                }
            }
        }
    }

    private static org.apache.kafka.common.acl.AclBinding acl(org.apache.kafka.common.resource.ResourceType type,
            String name, org.apache.kafka.common.resource.PatternType pattern, String user,
            org.apache.kafka.common.acl.AclOperation op) {
        return new org.apache.kafka.common.acl.AclBinding(
                new org.apache.kafka.common.resource.ResourcePattern(type, name, pattern),
                new org.apache.kafka.common.acl.AccessControlEntry(user, "*", op,
                        org.apache.kafka.common.acl.AclPermissionType.ALLOW));
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try (Admin admin = admin()) {
                if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (Exception e) {
                last = e;
            }
        }
        if (last instanceof java.util.concurrent.ExecutionException ee
                && ee.getCause() instanceof org.apache.kafka.common.errors.SaslAuthenticationException) {
            throw new IllegalStateException("the Kafka broker at " + bootstrapServers + " refuses the admin's "
                    + "credentials: its data predates Kafka credentials (issue 21); bin/stack --reset starts afresh", last);
        }
        throw new IllegalStateException("Kafka broker at " + bootstrapServers + " not ready in " + timeout, last);
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
        if (temporary) {
            try (Stream<Path> files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (IOException e) {
                // a temporary directory left behind is not worth failing a test run
            }
        }
    }

    /**
     * {@code bin/stack}'s broker process: {@code KafkaBroker --port 9092 --dir .stack/kafka
     * --topics a,b --partitions 3}. Runs until killed.
     */
    public static void main(String[] args) throws Exception {
        // unconfigured, JBoss LogManager enables every level and Kafka formats trace messages on
        // every request (as audit-cli's QuietLogging explains): INFO, and WARN for Kafka itself
        org.jboss.logmanager.LogContext logs = org.jboss.logmanager.LogContext.getLogContext();
        logs.getLogger("").setLevel(java.util.logging.Level.INFO);
        logs.getLogger("kafka").setLevel(java.util.logging.Level.WARNING);
        logs.getLogger("org.apache.kafka").setLevel(java.util.logging.Level.WARNING);
        int port = 9092;
        Path dir = Path.of(".stack/kafka");
        List<String> topics = List.of();
        int partitions = 3;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--dir" -> dir = Path.of(args[++i]);
                case "--topics" -> topics = List.of(args[++i].split(","));
                case "--partitions" -> partitions = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        KafkaBroker broker = start(port, port + 1, dir, false);
        broker.createTopics(topics, partitions);
        broker.writeClientConfigurations(dir.resolve("clients"));
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close));
        System.out.println("kafka ready at " + broker.bootstrapServers());
        Thread.currentThread().join();
    }
}
