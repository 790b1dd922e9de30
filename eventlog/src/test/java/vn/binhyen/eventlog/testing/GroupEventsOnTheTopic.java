package vn.binhyen.eventlog.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import vn.binhyen.contracts.Topics;
import vn.binhyen.eventlog.Actor;
import vn.binhyen.eventlog.Envelope;
import vn.binhyen.eventlog.EventIds;
import vn.binhyen.eventlog.HashChain;
import vn.binhyen.eventlog.Json;
import vn.binhyen.eventlog.Relay;

/**
 * group-service's events as they arrive on {@code binhyen.group.events}, for the tests of a
 * service that learns units, rosters and bots from them (eventlog's Directory): each call sends
 * one event, in order per stream, to the test's broker; the caller awaits its effect.
 */
public final class GroupEventsOnTheTopic implements AutoCloseable {
    private final KafkaProducer<String, byte[]> producer;
    private final Map<String, Long> versions = new HashMap<>();
    private long sequence = 1_000_000L;

    /** To the broker the running Quarkus test is configured with. */
    public GroupEventsOnTheTopic() {
        this(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    }

    public GroupEventsOnTheTopic(String bootstrapServers) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrapServers);
        p.putAll(vn.binhyen.testsupport.KafkaPrincipals.clientSettings(vn.binhyen.testsupport.KafkaPrincipals.ADMIN));
        producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    /**
     * Waits (up to a minute) until a service's database, at {@code jdbcUrl}, has the bot bound to
     * each of the groups in its directory: for callers outside a Quarkus test (the benchmarks).
     */
    public static void awaitBound(String jdbcUrl, String user, String password, String bot, java.util.List<String> groups)
            throws java.sql.SQLException, InterruptedException {
        long deadline = System.nanoTime() + java.time.Duration.ofMinutes(1).toNanos();
        try (var c = java.sql.DriverManager.getConnection(jdbcUrl, user, password); var ps = c.prepareStatement(
                "select count(*) from directory_bot where bot_id = ? and group_id = any(?)")) {
            ps.setString(1, bot);
            ps.setArray(2, c.createArrayOf("text", groups.toArray()));
            while (true) {
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) == groups.size()) {
                        return;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(bot + " is still not bound to all of " + groups);
                }
                Thread.sleep(50); // polling a condition, not waiting a fixed time
            }
        }
    }

    /** A new group id, as group-service names them. */
    public static String newGroupId() {
        return "group-" + UUID.randomUUID();
    }

    public GroupEventsOnTheTopic unit(String unitId, String name, String kind, String parentUnitId) {
        ObjectNode p = Json.MAPPER.createObjectNode().put("unitId", unitId).put("name", name).put("kind", kind)
                .put("parentUnitId", parentUnitId).put("establishedBy", "sysadmin");
        return send("unit-" + unitId, "UnitEstablished", p);
    }

    /** GroupEstablished of a group of {@code unitId}, of {@code kind} under {@code profile}, led by {@code leaderId}. */
    public GroupEventsOnTheTopic group(String groupId, String unitId, String kind, String profile, String leaderId) {
        ObjectNode p = Json.MAPPER.createObjectNode().put("groupId", groupId).put("name", "Nhóm " + groupId)
                .put("purpose", "An ninh trật tự").put("profile", profile).put("profileVersion", 1).put("unit", unitId)
                .put("kind", kind);
        p.putObject("leader").put("memberId", leaderId).put("fullName", "Trưởng nhóm " + leaderId);
        return send(groupId, "GroupEstablished", p);
    }

    public GroupEventsOnTheTopic member(String groupId, String memberId, String role) {
        ObjectNode p = Json.MAPPER.createObjectNode().put("groupId", groupId).put("role", role)
                .put("approvedBy", "leader");
        p.putObject("member").put("memberId", memberId).put("fullName", "Thành viên " + memberId);
        return send(groupId, "MemberAdded", p);
    }

    /** MemberAdded of a member with their full name and, if not null, the Zalo account the roster names. */
    public GroupEventsOnTheTopic member(String groupId, String memberId, String role, String fullName, String zaloId) {
        ObjectNode p = Json.MAPPER.createObjectNode().put("groupId", groupId).put("role", role)
                .put("approvedBy", "leader");
        p.putObject("member").put("memberId", memberId).put("fullName", fullName).put("zaloId", zaloId);
        return send(groupId, "MemberAdded", p);
    }

    public GroupEventsOnTheTopic removed(String groupId, String memberId) {
        return send(groupId, "MemberRemoved", Json.MAPPER.createObjectNode().put("groupId", groupId)
                .put("memberId", memberId).put("approvedBy", "leader").put("reason", "rời nhóm"));
    }

    public GroupEventsOnTheTopic bot(String groupId, String botId) {
        return send(groupId, "BotBound", Json.MAPPER.createObjectNode().put("groupId", groupId).put("botId", botId)
                .put("boundBy", "sysadmin"));
    }

    public GroupEventsOnTheTopic unbound(String groupId, String botId) {
        return send(groupId, "BotUnbound", Json.MAPPER.createObjectNode().put("groupId", groupId).put("botId", botId)
                .put("unboundBy", "sysadmin"));
    }

    /** Any group event, as group-service publishes it (the same payload twice is two events: a redelivery's test). */
    public GroupEventsOnTheTopic event(String stream, String type, ObjectNode payload) {
        return send(stream, type, payload.deepCopy());
    }

    private GroupEventsOnTheTopic send(String stream, String type, ObjectNode payload) {
        long version = versions.merge(stream, 1L, Long::sum);
        Envelope e = new Envelope(EventIds.next(), type, 1, Envelope.streamTypeOf(stream), stream, version,
                Instant.now(), Instant.now(), Actor.of("sysadmin", "SYSTEM_ADMIN"), "corr-" + UUID.randomUUID(), null,
                payload, HashChain.GENESIS, null).sealed();
        try {
            producer.send(Relay.record(Topics.GROUP_EVENTS, "group-service", e, sequence++)).get();
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        } catch (ExecutionException ex) {
            throw new IllegalStateException("could not send " + type + " of " + stream, ex.getCause());
        }
        return this;
    }

    @Override
    public void close() {
        producer.close();
    }
}
