package vn.binhyen.connector.service;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import vn.binhyen.contracts.Roles;
import vn.binhyen.contracts.connector.ConnectorEvent;
import vn.binhyen.eventlog.Actor;

/**
 * The bindings' writes, each in a transaction of its own (the REST layer opens none): a Zalo group
 * bound to its Bình Yên group with the event that says so and the members Zalo listed, and the
 * leader's requests of Zalo (an account removed, posting locked) kept as actions to carry out.
 */
@ApplicationScoped
public class BindingService {
    private final Bindings bindings;
    private final Members members;
    private final ConnectorLog log;
    private final Actions actions;

    BindingService(Bindings bindings, Members members, ConnectorLog log, Actions actions) {
        this.bindings = bindings;
        this.members = members;
        this.log = log;
        this.actions = actions;
    }

    /**
     * Binds {@code wanted} ({@code GroupBound} by {@code by}, as a system administrator or the leader)
     * with the accounts Zalo listed in the group; false when another binding holds either group.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean bind(Bindings.Binding wanted, String platform, String by, boolean admin, List<JsonNode> listed) {
        if (!bindings.insert(wanted, by)) {
            return false;
        }
        log.append("binding-" + wanted.groupId(), new ConnectorEvent.GroupBound(wanted.groupId(), platform,
                wanted.oaId(), wanted.zaloGroupId(), by), Actor.of(by, admin ? Roles.SYSTEM_ADMIN : Roles.LEADER),
                "binding-" + wanted.groupId());
        for (JsonNode m : listed) {
            members.listed(wanted, m.path("user_id").asText(), m.path("name").asText(null));
        }
        return true;
    }

    /** The leader's removal of an account no roster member is known by, requested once under {@code key}. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void removeAccount(Bindings.Binding binding, String key, String decision, String zaloUserId) {
        actions.removeMember(binding, key, decision, zaloUserId);
    }

    /** The leader's lock or unlock of posting in the Zalo group, requested once under {@code key}. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void lock(Bindings.Binding binding, String key, String decision, boolean lockSendMsg) {
        actions.lock(binding, key, decision, lockSendMsg);
    }
}
