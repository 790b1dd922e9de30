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
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import vn.binhyen.connector.binding.Bindings;
import vn.binhyen.connector.domain.EffectPlanner;
import vn.binhyen.connector.outbound.ActionWorker;
import vn.binhyen.connector.outbound.Actions;
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
        List<ConsumerRecord<String, byte[]>> all = new ArrayList<>(records.count());
        records.forEach(all::add);
        QuarkusTransaction.requiringNew().run(() -> {
            for (ConsumerRecord<String, byte[]> r : all) {
                apply(r.value());
            }
        });
        worker.wake();
    }

    void apply(byte[] value) {
        JsonNode v;
        try {
            v = Json.MAPPER.readTree(value);
        } catch (java.io.IOException e) {
            LOG.warnf("an unreadable verdict skipped: %s", e.getMessage());
            return;
        }
        JsonNode result = v.path("result");
        String groupId = v.path("groupId").asText(null);
        String messageId = v.path("messageId").asText(null);
        if (groupId == null || messageId == null || result.isMissingNode() || result.isNull()) {
            return; // a request moderation could not screen: its problem went back to whoever sent it
        }
        Optional<String> author = origin(groupId, messageId);
        if (author.isEmpty()) {
            return; // not a message from a Zalo group this connector carries
        }
        Optional<Bindings.Binding> binding = bindings.ofGroup(groupId);
        if (binding.isEmpty()) {
            return;
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
        for (EffectPlanner.Planned p : EffectPlanner.plan(view, author.get().isEmpty() ? null : author.get(),
                binding.get().platform())) {
            String key = decision + ":" + p.effect().name();
            if (!p.possible()) {
                actions.impossible(binding.get(), key, p.effect(), decision, p.reason());
            } else if (p.text() != null) {
                actions.notice(binding.get(), key, decision, p.text());
            }
        }
    }

    /** The name the message's author goes by ("" when none is known), if the message came through this connector. */
    private Optional<String> origin(String groupId, String messageId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "select coalesce(name, '') from message_origin where group_id = ? and message_id = ?")) {
            ps.setString(1, groupId);
            ps.setString(2, messageId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
