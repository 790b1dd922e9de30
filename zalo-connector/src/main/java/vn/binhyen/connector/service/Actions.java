package vn.binhyen.connector.service;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vn.binhyen.connector.domain.Platform;
import vn.binhyen.contracts.connector.ConnectorEvent;
import vn.binhyen.contracts.text.Chunks;
import vn.binhyen.eventlog.Json;

/**
 * Effects requested of a Zalo group, each once: a stream per (decision, effect) key, started
 * with {@code ActionRequested}; a second request of the same key (a replayed verdict, a
 * redelivered event, a restart) finds the stream and does nothing. What the platform can do
 * becomes a row of {@code outbound_action} for {@link ActionWorker}; what it cannot is recorded
 * at once as {@code ActionNotPossible}. In the caller's transaction.
 */
@ApplicationScoped
public class Actions {
    /** Zalo's longest message, in characters. */
    public static final int MESSAGE_LIMIT = 2000;

    private final AgroalDataSource dataSource;
    private final ConnectorLog log;

    Actions(AgroalDataSource dataSource, ConnectorLog log) {
        this.dataSource = dataSource;
        this.log = log;
    }

    /**
     * A notice in the group: one message, or several of at most 2,000 characters each, in order: each
     * part waits until the one before it is done, and a part that is not possible makes the rest not
     * possible too ({@link ActionWorker}).
     */
    public void notice(Bindings.Binding b, String key, String decision, String text) {
        List<String> parts = Chunks.of(text, MESSAGE_LIMIT);
        for (int i = 0; i < parts.size(); i++) {
            String partKey = parts.size() == 1 ? key : key + ":" + (i + 1);
            Object body = b.platform() == Platform.ZALO_OA
                    ? Map.of("recipient", Map.of("group_id", b.zaloGroupId()), "message", Map.of("text", parts.get(i)))
                    : Map.of("chat_id", b.zaloGroupId(), "text", parts.get(i));
            insert(b.groupId(), partKey, Platform.Effect.NOTICE, decision, b.oaId(), b.zaloGroupId(),
                    b.platform().can(Platform.Effect.NOTICE).call(), body, null,
                    i == 0 ? null : (parts.size() == 1 ? key : key + ":" + i));
        }
    }

    /**
     * A notification-service message (its Zalo delivery, issue 26): to a Zalo group through the
     * binding that carries it (the OA or the bot), else through {@code oa}; to a person through
     * {@code oa} ({@code message/cs}: the id is scoped to that OA). Not sent after {@code notAfter}
     * ({@code ActionNotPossible}, kind {@code EXPIRED}). A longer text goes in parts of at most 2,000
     * characters, each after the one before it is done; the last part carries {@code key}, so the
     * answer notification-service waits for comes once every part is out, or, when one is not
     * possible, as the last part's {@code ActionNotPossible}.
     */
    public void message(String key, boolean group, String zaloId, String text, java.time.Instant notAfter,
            Optional<Bindings.Binding> binding, String oa) {
        List<String> parts = Chunks.of(text, MESSAGE_LIMIT);
        for (int i = 0; i < parts.size(); i++) {
            String partKey = i == parts.size() - 1 ? key : key + ":part" + (i + 1);
            String after = i == 0 ? null : key + ":part" + i;
            if (group && binding.isPresent()) {
                Bindings.Binding b = binding.get();
                Object body = b.platform() == Platform.ZALO_OA
                        ? Map.of("recipient", Map.of("group_id", zaloId), "message", Map.of("text", parts.get(i)))
                        : Map.of("chat_id", zaloId, "text", parts.get(i));
                insert(b.groupId(), partKey, Platform.Effect.NOTICE, key, b.oaId(), zaloId,
                        b.platform().can(Platform.Effect.NOTICE).call(), body, notAfter, after);
            } else if (group) {
                insert(null, partKey, Platform.Effect.NOTICE, key, oa, zaloId, Platform.ZALO_OA.can(Platform.Effect.NOTICE)
                        .call(), Map.of("recipient", Map.of("group_id", zaloId), "message", Map.of("text", parts.get(i))),
                        notAfter, after);
            } else {
                insert(null, partKey, Platform.Effect.MESSAGE_PERSON, key, oa, null,
                        Platform.ZALO_OA.can(Platform.Effect.MESSAGE_PERSON).call(),
                        Map.of("recipient", Map.of("user_id", zaloId), "message", Map.of("text", parts.get(i))), notAfter,
                        after);
            }
        }
    }

    /** A member removed from the Zalo group ({@code removemembers}), as the leader decided. */
    public void removeMember(Bindings.Binding b, String key, String decision, String zaloUserId) {
        if (!b.platform().can(Platform.Effect.REMOVE_MEMBER).possible()) {
            impossible(b, key, Platform.Effect.REMOVE_MEMBER, decision, b.platform().can(Platform.Effect.REMOVE_MEMBER)
                    .reason());
            return;
        }
        request(b, key, Platform.Effect.REMOVE_MEMBER, decision,
                Map.of("group_id", b.zaloGroupId(), "member_user_ids", List.of(zaloUserId)));
    }

    /** Members stopped posting in the Zalo group, or let again ({@code updateinfo}, {@code lock_send_msg}). */
    public void lock(Bindings.Binding b, String key, String decision, boolean locked) {
        request(b, key, Platform.Effect.LOCK_GROUP, decision,
                Map.of("group_id", b.zaloGroupId(), "lock_send_msg", locked));
    }

    /** An effect the platform has no call for: recorded as not possible, with the reason. */
    public void impossible(Bindings.Binding b, String key, Platform.Effect effect, String decision, String reason) {
        impossible(b.groupId(), b.zaloGroupId(), key, effect, decision, "PLATFORM", reason);
    }

    /** An effect that cannot be asked of any platform here ({@code kind}: why), recorded as not possible. */
    public void impossible(String groupId, String zaloGroupId, String key, Platform.Effect effect, String decision,
            String kind, String reason) {
        String stream = streamOf(key);
        if (log.start(stream, new ConnectorEvent.ActionRequested(groupId, key, effect.name(), decision, zaloGroupId),
                ConnectorLog.CONNECTOR, key)) {
            log.append(stream, new ConnectorEvent.ActionNotPossible(groupId, key, effect.name(), kind, reason),
                    ConnectorLog.CONNECTOR, key);
        }
    }

    private void request(Bindings.Binding b, String key, Platform.Effect effect, String decision, Object body) {
        insert(b.groupId(), key, effect, decision, b.oaId(), b.zaloGroupId(), b.platform().can(effect).call(), body, null,
                null);
    }

    private void insert(String groupId, String key, Platform.Effect effect, String decision, String oaId,
            String zaloGroupId, String call, Object body, java.time.Instant notAfter, String afterKey) {
        if (!log.start(streamOf(key), new ConnectorEvent.ActionRequested(groupId, key, effect.name(), decision,
                zaloGroupId), ConnectorLog.CONNECTOR, key)) {
            return; // requested before
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("insert into outbound_action (action_key, group_id, oa_id, "
                        + "zalo_group_id, effect, call, body, not_after, after_key, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, "
                        // the clock's time, not the transaction's: a notice's parts are carried out in their order
                        + "clock_timestamp()) on conflict do nothing")) {
            ps.setString(1, key);
            ps.setString(2, groupId);
            ps.setString(3, oaId);
            ps.setString(4, zaloGroupId);
            ps.setString(5, effect.name());
            ps.setString(6, call);
            ps.setString(7, Json.MAPPER.writeValueAsString(body));
            ps.setTimestamp(8, notAfter == null ? null : java.sql.Timestamp.from(notAfter));
            ps.setString(9, afterKey);
            ps.executeUpdate();
        } catch (SQLException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("action " + key + " not recorded: " + e.getMessage(), e);
        }
    }

    /** The stream of one action: {@code action-} and a digest of its key (keys hold any id). */
    public static String streamOf(String key) {
        return "action-" + vn.binhyen.connector.domain.Digest.hex(key, 20);
    }
}
