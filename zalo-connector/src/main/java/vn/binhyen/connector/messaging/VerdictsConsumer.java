package vn.binhyen.connector.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import vn.binhyen.connector.service.Bindings;
import vn.binhyen.connector.domain.EffectPlanner;
import vn.binhyen.connector.service.ActionWorker;
import vn.binhyen.connector.service.Actions;
import vn.binhyen.eventlog.Json;

/**
 * Moderation's verdicts ({@code binhyen.moderation.verdicts}) for the messages this connector
 * sent to be screened ({@code message_origin}): each becomes the effects the verdict asks of
 * the group, as {@link EffectPlanner} plans them for the group's platform, at once. Verdicts of
 * other bots' messages are not this connector's. A batch per transaction; a verdict read again
 * (a restart before the offsets were committed) requests nothing new, its actions' keys being
 * the verdict's group and message.
 */
@ApplicationScoped
public class VerdictsConsumer {
    private static final Logger LOG = Logger.getLogger(VerdictsConsumer.class);

    private final AgroalDataSource dataSource;
    private final Bindings bindings;
    private final Actions actions;
    private final ActionWorker worker;

    VerdictsConsumer(AgroalDataSource dataSource, Bindings bindings, Actions actions, ActionWorker worker) {
        this.dataSource = dataSource;
        this.bindings = bindings;
        this.actions = actions;
        this.worker = worker;
    }

    @Incoming("verdicts")
    @Blocking(ordered = true)
    public void verdicts(ConsumerRecords<String, byte[]> records) {
        List<Bound> verdicts = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> r : records) {
            JsonNode v = read(r.value());
            // a group bound to nothing here (another bot's) is known from the bindings' cache, without a query
            Optional<Bindings.Binding> binding = v == null ? Optional.empty() : bindings.ofGroup(v.path("groupId").asText());
            binding.ifPresent(b -> verdicts.add(new Bound(v, b)));
        }
        QuarkusTransaction.requiringNew().run(() -> {
            Map<String, String> origins = origins(verdicts); // the batch's messages' origins, in one query
            for (Bound v : verdicts) {
                apply(v.verdict(), v.binding(), origins);
            }
        });
        worker.wake();
    }

    /**
     * A verdict as moderation publishes it, or null: an unreadable record, or a request moderation
     * could not screen (its problem went back to whoever sent it).
     */
    private static JsonNode read(byte[] value) {
        JsonNode v;
        try {
            v = Json.MAPPER.readTree(value);
        } catch (java.io.IOException e) {
            LOG.warnf("an unreadable verdict skipped: %s", e.getMessage());
            return null;
        }
        if (v == null || !v.path("groupId").isTextual() || !v.path("messageId").isTextual()
                || v.path("result").isMissingNode() || v.path("result").isNull()) {
            return null;
        }
        return v;
    }

    /** A verdict of a group bound here, with its binding. */
    private record Bound(JsonNode verdict, Bindings.Binding binding) {
    }

    void apply(JsonNode v, Bindings.Binding binding, Map<String, String> origins) {
        JsonNode result = v.path("result");
        String groupId = v.path("groupId").asText();
        String messageId = v.path("messageId").asText();
        String author = origins.get(key(groupId, messageId));
        if (author == null) {
            return; // not a message from a Zalo group this connector carries
        }
        List<EffectPlanner.Finding> findings = new ArrayList<>();
        for (JsonNode f : result.path("violations")) {
            findings.add(new EffectPlanner.Finding(f.path("category").asText(null), f.path("citation").asText(null)));
        }
        List<String> suggestions = new ArrayList<>();
        result.path("suggestions").forEach(s -> suggestions.add(s.asText()));
        var view = new EffectPlanner.VerdictView(groupId, messageId, result.path("decision").asText(null), findings,
                result.path("sanction").asText(null), suggestions);
        String decision = "verdict:" + groupId + ":" + messageId;
        for (EffectPlanner.Planned p : EffectPlanner.plan(view, author.isEmpty() ? null : author,
                binding.platform())) {
            String key = decision + ":" + p.effect().name();
            if (!p.possible()) {
                actions.impossible(binding, key, p.effect(), decision, p.reason());
            } else if (p.text() != null) {
                actions.notice(binding, key, decision, p.text());
            }
        }
    }

    private static String key(String groupId, String messageId) {
        return groupId + '\n' + messageId;
    }

    /**
     * The name each message's author goes by ("" when none is known), by {@link #key}, for the
     * messages that came through this connector; the others are not in the answer.
     */
    private Map<String, String> origins(List<Bound> verdicts) {
        Map<String, String> out = new HashMap<>();
        if (verdicts.isEmpty()) {
            return out;
        }
        String[] groups = new String[verdicts.size()];
        String[] messages = new String[verdicts.size()];
        for (int i = 0; i < verdicts.size(); i++) {
            groups[i] = verdicts.get(i).verdict().path("groupId").asText();
            messages[i] = verdicts.get(i).verdict().path("messageId").asText();
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select o.group_id, o.message_id, coalesce(o.name, '') from message_origin o "
                        + "join unnest(?::text[], ?::text[]) as v(group_id, message_id) "
                        + "on o.group_id = v.group_id and o.message_id = v.message_id")) {
            ps.setArray(1, c.createArrayOf("text", groups));
            ps.setArray(2, c.createArrayOf("text", messages));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(key(rs.getString(1), rs.getString(2)), rs.getString(3));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }
}
