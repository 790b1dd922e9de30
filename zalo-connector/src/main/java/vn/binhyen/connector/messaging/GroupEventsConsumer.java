package vn.binhyen.connector.messaging;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import vn.binhyen.connector.binding.Bindings;
import vn.binhyen.connector.binding.Members;
import vn.binhyen.connector.outbound.ActionWorker;
import vn.binhyen.connector.outbound.Actions;
import vn.binhyen.contracts.EventHeaders;
import vn.binhyen.contracts.LedgerCheckpoint;
import vn.binhyen.contracts.group.GroupEvent;
import vn.binhyen.eventlog.Envelope;
import vn.binhyen.eventlog.EnvelopeJson;
import vn.binhyen.eventlog.Json;
import vn.binhyen.eventlog.directory.Directory;

/**
 * group-service's events: the directory (who leads which group: who may bind it), the roster
 * with each member's Zalo account and full name (how Zalo accounts are mapped), and the
 * decisions to carry out in a bound Zalo group: a member removed by the leader's decision
 * ({@code MemberRemoved}) is removed there too ({@code removemembers}), a directive is posted
 * there ({@code DirectiveIssued}), each once per event.
 */
@ApplicationScoped
public class GroupEventsConsumer {
    private final Directory directory;
    private final Members members;
    private final Bindings bindings;
    private final Actions actions;
    private final ActionWorker worker;

    GroupEventsConsumer(Directory directory, Members members, Bindings bindings, Actions actions, ActionWorker worker) {
        this.directory = directory;
        this.members = members;
        this.bindings = bindings;
        this.actions = actions;
        this.worker = worker;
    }

    @Incoming("group-events")
    @Blocking(ordered = true)
    public void events(ConsumerRecords<String, byte[]> records) {
        List<Envelope> todo = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> r : records) {
            Header type = r.headers().lastHeader(EventHeaders.EVENT_TYPE);
            if (type == null || LedgerCheckpoint.TYPE.equals(new String(type.value(), java.nio.charset.StandardCharsets.UTF_8))) {
                continue;
            }
            todo.add(EnvelopeJson.fromBytes(r.value()));
        }
        QuarkusTransaction.requiringNew().run(() -> todo.forEach(this::apply));
        worker.wake();
    }

    void apply(Envelope e) {
        directory.apply(e);
        var p = e.payload();
        String groupId = p.path("groupId").asText(null);
        try {
            switch (e.eventType()) {
                case "GroupEstablished" -> members.rosterUpsert(groupId,
                        Json.MAPPER.treeToValue(p.path("leader"), GroupEvent.Member.class));
                case "MemberAdded" -> members.rosterUpsert(groupId,
                        Json.MAPPER.treeToValue(p.path("member"), GroupEvent.Member.class));
                case "RoleHandedOver" -> members.rosterUpsert(groupId,
                        Json.MAPPER.treeToValue(p.path("successor"), GroupEvent.Member.class));
                case "AccountChanged" -> members.rosterAccount(groupId, p.path("memberId").asText(),
                        p.path("newZaloId").asText(null), p.path("newPhone").asText(null));
                case "MemberLeft" -> members.rosterRemove(groupId, p.path("memberId").asText());
                case "MemberRemoved" -> removed(e, groupId, p.path("memberId").asText());
                case "DirectiveIssued" -> directive(groupId, p);
                default -> {
                }
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            throw new IllegalStateException("group event " + e.eventId() + " unreadable: " + ex.getMessage(), ex);
        }
    }

    /**
     * A directive issued in a bound group is posted in its Zalo group, as issued ("thừa lệnh" when
     * announced on the leader's behalf, ioc-dak-lak:4.1.2); how members acknowledge it, and by when,
     * each is told by notification-service.
     */
    private void directive(String groupId, com.fasterxml.jackson.databind.JsonNode p) {
        var binding = bindings.ofGroup(groupId);
        if (binding.isEmpty()) {
            return;
        }
        String directiveId = p.path("directiveId").asText();
        String text = (p.hasNonNull("onBehalfOf") ? "Thừa lệnh Lãnh đạo, thông báo chỉ đạo: " : "Chỉ đạo: ") + "\""
                + p.path("text").asText() + "\"";
        actions.notice(binding.get(), "directive:" + groupId + ":" + directiveId + ":NOTICE", "directive:" + directiveId,
                java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFC));
    }

    /** The leader's removal, carried out in the bound Zalo group when the member's account is known there. */
    private void removed(Envelope e, String groupId, String memberId) {
        var binding = bindings.ofGroup(groupId);
        if (binding.isPresent()) {
            var account = members.accountOf(binding.get(), memberId);
            String key = "removal:" + e.eventId() + ":REMOVE_MEMBER";
            if (account.isPresent()) {
                actions.removeMember(binding.get(), key, "removal:" + e.eventId(), account.get());
            } else {
                actions.impossible(binding.get(), key, vn.binhyen.connector.domain.Platform.Effect.REMOVE_MEMBER,
                        "removal:" + e.eventId(), "no Zalo account in the group is known to be member " + memberId);
            }
        }
        members.rosterRemove(groupId, memberId);
    }
}
