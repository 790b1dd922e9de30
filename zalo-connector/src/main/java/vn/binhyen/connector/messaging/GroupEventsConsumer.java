package vn.binhyen.connector.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.text.Normalizer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import vn.binhyen.connector.service.Bindings;
import vn.binhyen.connector.service.Members;
import vn.binhyen.connector.domain.Platform;
import vn.binhyen.connector.service.ActionWorker;
import vn.binhyen.connector.service.Actions;
import vn.binhyen.contracts.group.GroupEvent;
import vn.binhyen.eventlog.Envelope;
import vn.binhyen.eventlog.consumer.EventConsumer;
import vn.binhyen.eventlog.directory.Directory;
import vn.binhyen.eventlog.quarkus.JtaTransactions;

/**
 * group-service's events, as their published records, through eventlog's consumers' template: the
 * directory (who leads which group: who may bind it), the roster with each member's Zalo account and
 * full name (how Zalo accounts are mapped), and the decisions to carry out in a bound Zalo group: a
 * member removed by the leader's decision ({@code MemberRemoved}) is removed there too
 * ({@code removemembers}), a directive is posted there ({@code DirectiveIssued}), each once per event
 * (every write an upsert, every action keyed by its event). A record that is not its published
 * record, or that cannot be carried out, is parked and the rest go on.
 */
@ApplicationScoped
public class GroupEventsConsumer {
    private final Directory directory;
    private final Members members;
    private final Bindings bindings;
    private final Actions actions;
    private final ActionWorker worker;
    private final EventConsumer<Object> consumer;
    /** The directory's events, and the account changes and directives the connector acts on. */
    static final java.util.Set<String> FOLLOWED = java.util.stream.Stream.concat(Directory.FOLLOWED.stream(),
            java.util.stream.Stream.of("AccountChanged", "DirectiveIssued")).collect(java.util.stream.Collectors.toSet());

    GroupEventsConsumer(Directory directory, Members members, Bindings bindings, Actions actions, ActionWorker worker,
            JtaTransactions transactions) {
        this.directory = directory;
        this.members = members;
        this.bindings = bindings;
        this.actions = actions;
        this.worker = worker;
        this.consumer = EventConsumer.named("zalo-connector:group-events", Directory::read)
                .follows(FOLLOWED).build(transactions, (c, e, event) -> apply(e, event));
    }

    @Incoming("group-events")
    @Blocking(ordered = true)
    public void events(ConsumerRecords<String, byte[]> records) {
        if (consumer.accept(records) > 0) {
            worker.wake();
        }
    }

    void apply(Envelope e, Object event) {
        directory.apply(event);
        switch (event) {
            case GroupEvent.GroupEstablished g -> members.rosterUpsert(g.groupId(), g.leader());
            case GroupEvent.MemberAdded a -> members.rosterUpsert(a.groupId(), a.member());
            case GroupEvent.RoleHandedOver h -> members.rosterUpsert(h.groupId(), h.successor());
            case GroupEvent.AccountChanged a -> members.rosterAccount(a.groupId(), a.memberId(), a.newZaloId(),
                    a.newPhone());
            case GroupEvent.MemberLeft l -> members.rosterRemove(l.groupId(), l.memberId());
            case GroupEvent.MemberRemoved r -> removed(e, r.groupId(), r.memberId());
            case GroupEvent.DirectiveIssued d -> directive(d);
            default -> {
            }
        }
    }

    /**
     * A directive issued in a bound group is posted in its Zalo group, as issued ("thừa lệnh" when
     * announced on the leader's behalf, ioc-dak-lak:4.1.2); how members acknowledge it, and by when,
     * each is told by notification-service.
     */
    private void directive(GroupEvent.DirectiveIssued d) {
        var binding = bindings.ofGroup(d.groupId());
        if (binding.isEmpty()) {
            return;
        }
        String text = (d.onBehalfOf() != null ? "Thừa lệnh Lãnh đạo, thông báo chỉ đạo: " : "Chỉ đạo: ") + "\""
                + d.text() + "\"";
        actions.notice(binding.get(), "directive:" + d.groupId() + ":" + d.directiveId() + ":NOTICE",
                "directive:" + d.directiveId(), Normalizer.normalize(text, Normalizer.Form.NFC));
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
                actions.impossible(binding.get(), key, Platform.Effect.REMOVE_MEMBER, "removal:" + e.eventId(),
                        "no Zalo account in the group is known to be member " + memberId);
            }
        }
        members.rosterRemove(groupId, memberId);
    }
}
