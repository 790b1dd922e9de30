package vn.binhyen.connector.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;
import vn.binhyen.connector.config.ConnectorConfig;
import vn.binhyen.contracts.connector.ConnectorEvent;
import vn.binhyen.eventlog.DueWork;
import vn.binhyen.eventlog.Json;

/**
 * Carries out the requested actions ({@code outbound_action}, due first; {@code for update skip
 * locked}, so instances share them and none does one twice). Zalo's answer decides: done, and
 * {@code ActionCarriedOut}; refused for good (a bad id, the OA not in the group, the group
 * disabled, a tier too low), and {@code ActionNotPossible} with Zalo's code; rate-limited or
 * unavailable (5xx, a timeout, no connection, a token that cannot be refreshed now), and tried
 * again later, the pause doubling up to {@code maxBackoff}: a Zalo outage delays actions and
 * loses none. After a rate limit the OA's other actions wait too. The row and its event change
 * in one transaction.
 */
@ApplicationScoped
public class ActionWorker {
    private static final Logger LOG = Logger.getLogger(ActionWorker.class);
    private static final int BATCH = 20;

    private final AgroalDataSource dataSource;
    private final OaClient zalo;
    private final ConnectorLog log;
    private final ConnectorConfig config;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final boolean enabled;
    private final WorkLoop loop;

    private final vn.binhyen.connector.service.BotClient bots;

    ActionWorker(AgroalDataSource dataSource, OaClient zalo, vn.binhyen.connector.service.BotClient bots,
            ConnectorLog log, ConnectorConfig config, Clock clock, MeterRegistry metrics) {
        this.dataSource = dataSource;
        this.zalo = zalo;
        this.bots = bots;
        this.log = log;
        this.config = config;
        this.clock = clock;
        this.metrics = metrics;
        this.enabled = config.workers().enabled();
        this.loop = new WorkLoop("action-worker", this::batch,
                config.actions().pollEvery(), config.actions().firstBackoff(), config.actions().maxBackoff(), LOG);
    }

    void start(@Observes StartupEvent ignored) {
        if (enabled) {
            loop.start();
        }
    }

    void stop(@Observes ShutdownEvent ignored) {
        loop.stop();
    }

    /** Actions were requested: look now rather than at the next poll. */
    public void wake() {
        loop.wake();
    }

    private record Due(String key, String groupId, String oaId, String zaloGroupId, String effect, String call,
            String body, int attempts, boolean orphaned, Instant createdAt, Instant notAfter) {
    }

    /**
     * One round: due actions claimed in a short transaction (SENDING, committed), each then
     * carried out and its outcome committed on its own, so a crash leaves at most the claims in
     * flight. A claim older than {@code actions.orphaned-after} is an instance's that died: its message
     * is looked for in the conversation first (the group's, or the OA's with the person), and sent again
     * only if it is not there.
     */
    int batch() throws Exception {
        List<Due> due = QuarkusTransaction.requiringNew().timeout(30).call(this::claim);
        Set<String> waiting = new HashSet<>(); // OAs rate-limited in this round
        for (Due d : due) {
            QuarkusTransaction.requiringNew().timeout(60).run(() -> carryOut(d, waiting));
        }
        return due.size();
    }

    /**
     * Actions due (pending and due, or claimed by an instance that died), a message's later part only once the
     * part before it is done (in order, on any instance); only the action rows are locked.
     */
    private static final DueWork<Due> DUE = DueWork.of("outbound actions", "select o.action_key, o.group_id, "
            + "o.oa_id, o.zalo_group_id, o.effect, o.call, o.body, o.attempts, o.status = 'SENDING' or o.orphaned, "
            + "o.created_at, o.not_after from outbound_action o where ((o.status = 'PENDING' and o.next_at <= ?) "
            + "or (o.status = 'SENDING' and o.claimed_at < ?)) and (o.after_key is null or exists (select 1 from "
            + "outbound_action p where p.action_key = o.after_key and p.status = 'DONE')) "
            + "order by o.next_at, o.created_at",
            rs -> new Due(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                    rs.getString(6), rs.getString(7), rs.getInt(8), rs.getBoolean(9), rs.getTimestamp(10).toInstant(),
                    rs.getTimestamp(11) == null ? null : rs.getTimestamp(11).toInstant())).lockingOnly("o");

    private List<Due> claim() throws SQLException {
        List<Due> due = new ArrayList<>();
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection()) {
            // a message's later part waits until the part before it is done (in order, on any instance)
            due.addAll(DUE.claim(c, ps -> {
                ps.setTimestamp(1, Timestamp.from(now));
                ps.setTimestamp(2, Timestamp.from(now.minus(config.actions().orphanedAfter())));
            }, BATCH));
            try (PreparedStatement ps = c.prepareStatement("update outbound_action set status = 'SENDING', "
                    + "claimed_at = ?, orphaned = ? where action_key = ?")) {
                for (Due d : due) {
                    ps.setTimestamp(1, Timestamp.from(now));
                    ps.setBoolean(2, d.orphaned());
                    ps.setString(3, d.key());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        return due;
    }

    private void carryOut(Due d, Set<String> waiting) {
        if (d.notAfter() != null && clock.instant().isAfter(d.notAfter()) && !(d.orphaned() && lookedFor(d.call()))) {
            // notification-service has sent it its next way by now (a claim orphaned earlier may have gone out: it
            // is looked for in the conversation first, where there is one to read)
            impossible(d, "EXPIRED", "not carried out by " + d.notAfter() + " (" + (d.attempts() == 0 ? "not tried"
                    : "tried " + d.attempts() + " times") + "): the notification goes its next way");
            return;
        }
        if (d.call().startsWith("bot/")) {
            carryOutOnTheBotPlatform(d);
            return;
        }
        Optional<ConnectorConfig.Oa> oa = zalo.oa(d.oaId());
        if (oa.isEmpty()) {
            impossible(d, "REFUSED", "no Official Account " + d.oaId() + " is configured");
            return;
        }
        if (waiting.contains(d.oaId())) {
            later(d, "waiting: Zalo's rate limit for this OA");
            return;
        }
        JsonNode body = body(d);
        if (body == null) {
            return;
        }
        if (d.orphaned() && lookedFor(d.call())) {
            // the claim is renewed first: reading the conversation back may take a while, and another instance must
            // not take the claim for an orphan meanwhile and send it a second time
            update("update outbound_action set claimed_at = now() where action_key = ?", d.key());
            String text = body.path("message").path("text").asText();
            ZaloAnswer found = d.call().equals("group/message")
                    ? alreadyPosted(d, text, 50, offset -> zalo.get(oa.get(), "group/conversation",
                            java.util.Map.of("group_id", d.zaloGroupId(), "offset", String.valueOf(offset), "count", "50")))
                    : alreadyPosted(d, text, 10, offset -> zalo.conversation(oa.get(),
                            body.path("recipient").path("user_id").asText(), offset, 10));
            if (found == null) {
                if (d.notAfter() != null && clock.instant().isAfter(d.notAfter())) {
                    impossible(d, "EXPIRED", "its conversation could not be read back, and its deadline " + d.notAfter()
                            + " has passed: the notification goes its next way");
                    return;
                }
                later(d, "reconciling an orphaned claim: Zalo's conversation unreadable now");
                return;
            }
            if (found.ok()) {
                done(d, d.call(), found);
                return;
            }
            if (d.notAfter() != null && clock.instant().isAfter(d.notAfter())) {
                impossible(d, "EXPIRED", "not in the conversation, and its deadline " + d.notAfter()
                        + " has passed: the notification goes its next way");
                return;
            }
        }
        ZaloAnswer answer = zalo.post(oa.get(), d.call(), body);
        metrics.counter("binhyen.connector.zalo.calls", "call", d.call(), "kind", answer.kind().name()).increment();
        switch (answer.kind()) {
            case OK -> done(d, d.call(), answer);
            case PERMANENT -> impossible(d, "REFUSED", answer.describe());
            case RATE_LIMITED -> {
                waiting.add(d.oaId());
                later(d, answer.describe());
            }
            case TOKEN -> later(d, answer.describe());
            // a timeout or a 5xx may still have posted it: looked for in the conversation before it is sent again
            case UNAVAILABLE -> {
                later(d, answer.describe());
                update("update outbound_action set orphaned = true where action_key = ?", d.key());
            }
        }
    }

    /** The action's body, or null once it is recorded as impossible for being unreadable. */
    private JsonNode body(Due d) {
        try {
            return Json.MAPPER.readTree(d.body());
        } catch (java.io.IOException e) {
            impossible(d, "REFUSED", "unreadable action body: " + e.getMessage());
            return null;
        }
    }

    /**
     * On the Zalo Bot platform: {@code sendMessage}. The platform keeps no history a bot can read,
     * so an orphaned claim there is sent again (at least once: a crash between Zalo's answer and
     * the commit may repeat that one notice).
     */
    private void carryOutOnTheBotPlatform(Due d) {
        var bot = bots.bot(d.oaId().substring("bot:".length()));
        if (bot.isEmpty()) {
            impossible(d, "REFUSED", "no Zalo Bot platform bot " + d.oaId() + " is configured");
            return;
        }
        JsonNode body = body(d);
        if (body == null) {
            return;
        }
        ZaloAnswer answer = bots.call(bot.get(), d.call().substring("bot/".length()), body);
        metrics.counter("binhyen.connector.zalo.calls", "call", d.call(), "kind", answer.kind().name()).increment();
        switch (answer.kind()) {
            case OK -> done(d, d.call(), answer);
            case PERMANENT -> impossible(d, "REFUSED", "Zalo Bot API error " + answer.error() + ": " + answer.message());
            default -> later(d, answer.describe());
        }
    }

    /**
     * The calls whose orphaned claims are looked for before they are sent again: a group's notice (the
     * group's conversation) and a message to a person (the OA's conversation with them).
     */
    private static boolean lookedFor(String call) {
        return call.equals("group/message") || call.equals("message/cs");
    }

    /**
     * Whether the OA's message is in the recent conversation (sent before its instance died), read
     * {@code pageSize} at a time by {@code page}: an OK answer carrying its message id; not OK when it
     * is not there, or when Zalo refuses for good to let it be read; null when it cannot be read now.
     */
    private ZaloAnswer alreadyPosted(Due d, String text, int pageSize,
            java.util.function.IntFunction<ZaloAnswer> page) {
        long since = d.createdAt().minusSeconds(5).toEpochMilli();
        for (int offset = 0; offset < 200; offset += pageSize) { // newest first, back to the action's creation
            ZaloAnswer chat = page.apply(offset);
            if (chat.kind() == ZaloAnswer.Kind.PERMANENT) {
                // Zalo will not let it be read (a permission, a parameter): it cannot be looked for, so it is sent
                // again (at least once), rather than waiting for a reading that will never come
                LOG.warnf("action %s: the conversation cannot be read back (%s); sent again", d.key(), chat.describe());
                return new ZaloAnswer(ZaloAnswer.Kind.PERMANENT, 0, "the conversation cannot be read", null);
            }
            if (!chat.ok()) {
                return null;
            }
            boolean older = chat.data().size() < pageSize;
            for (JsonNode m : chat.data()) {
                if (m.path("time").asLong() < since) {
                    older = true;
                } else if (m.path("src").asInt(-1) == 0 && text.equals(m.path("message").asText())
                        && !claimedByAnother(m.path("message_id").asText())) {
                    return new ZaloAnswer(ZaloAnswer.Kind.OK, 0, "found in the conversation",
                            new ObjectNodeHolder(m.path("message_id").asText()).data());
                }
            }
            if (older) {
                break;
            }
        }
        return new ZaloAnswer(ZaloAnswer.Kind.PERMANENT, 0, "not in the conversation", null);
    }

    /** Whether another action was done with this message of Zalo's (the same text posted for another decision). */
    private boolean claimedByAnother(String messageId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select 1 from outbound_action where reference = ?")) {
            ps.setString(1, messageId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A message id as Zalo's send answers it ({@code data.message_id}). */
    private record ObjectNodeHolder(String messageId) {
        JsonNode data() {
            return Json.MAPPER.createObjectNode().put("message_id", messageId);
        }
    }

    /** OAs this instance saw fail (unavailable, rate-limited, a token refused) since its last success with them. */
    private final Set<String> struggling = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private void done(Due d, String call, ZaloAnswer answer) {
        String reference = answer.data() == null ? null : answer.data().path("message_id").asText(null);
        if (struggling.remove(d.oaId())) {
            // Zalo answers again: what waits for this OA (its pause grown during the outage) is due now, on every
            // instance; OaPace still spaces the calls
            update("update outbound_action set next_at = now() where oa_id = ? and status = 'PENDING' and next_at > now()",
                    d.oaId());
        }
        update("update outbound_action set status = 'DONE', attempts = attempts + 1, done_at = clock_timestamp(), last_error = null, "
                + "claimed_at = null, orphaned = false, reference = ? where action_key = ?", reference, d.key());
        log.append(Actions.streamOf(d.key()), new ConnectorEvent.ActionCarriedOut(d.groupId(), d.key(), d.effect(), call,
                reference, d.attempts() + 1), ConnectorLog.CONNECTOR, d.key());
    }

    private void impossible(Due d, String kind, String reason) {
        LOG.warnf("action %s not possible: %s", d.key(), reason);
        update("update outbound_action set status = 'IMPOSSIBLE', attempts = attempts + 1, done_at = clock_timestamp(), "
                + "last_error = ?, claimed_at = null, orphaned = false where action_key = ?", reason, d.key());
        log.append(Actions.streamOf(d.key()), new ConnectorEvent.ActionNotPossible(d.groupId(), d.key(), d.effect(), kind,
                reason), ConnectorLog.CONNECTOR, d.key());
        // the parts after it will not go either: each recorded so, down to the last (the one answered)
        String before = d.key();
        while (before != null) {
            String next = null;
            String groupId = null;
            String effect = null;
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("update "
                    + "outbound_action set status = 'IMPOSSIBLE', done_at = clock_timestamp(), last_error = ?, claimed_at = null "
                    + "where after_key = ? and status = 'PENDING' returning action_key, group_id, effect")) {
                ps.setString(1, "an earlier part (" + before + ") was not possible: " + reason);
                ps.setString(2, before);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        next = rs.getString(1);
                        groupId = rs.getString(2);
                        effect = rs.getString(3);
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            if (next != null) {
                log.append(Actions.streamOf(next), new ConnectorEvent.ActionNotPossible(groupId, next, effect, kind,
                        "an earlier part (" + before + ") was not possible: " + reason), ConnectorLog.CONNECTOR, next);
            }
            before = next;
        }
    }

    private void later(Due d, String why) {
        struggling.add(d.oaId());
        long first = config.actions().firstBackoff().toMillis();
        long pause = Math.min(config.actions().maxBackoff().toMillis(), first << Math.min(d.attempts(), 20));
        Instant next = clock.instant().plusMillis(pause);
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("update outbound_action set status = 'PENDING', "
                        + "attempts = attempts + 1, next_at = ?, last_error = ?, claimed_at = null where action_key = ?")) {
            ps.setTimestamp(1, Timestamp.from(next));
            ps.setString(2, why);
            ps.setString(3, d.key());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void update(String sql, String... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
