package vn.binhyen.contracts.connector;

import java.util.Map;

/**
 * The events zalo-connector publishes to {@code binhyen.connector.events} (issue 26): which Zalo
 * group carries which Bình Yên group, which Zalo account is which member, and for every effect a
 * decision asked for in a group, whether it was carried out on the platform or why it could not
 * be. Streams: {@code binding-<groupId>} for a group's binding and its members; {@code
 * action-<hash of the action key>} for one effect of one decision.
 */
public sealed interface ConnectorEvent {
    String groupId();

    /**
     * A Zalo group (on {@code platform}, through the Official Account {@code oaId}) now carries
     * the Bình Yên group: checked with Zalo that the OA is in it. {@code boundBy}: the group's
     * leader or a system administrator.
     */
    record GroupBound(String groupId, String platform, String oaId, String zaloGroupId, String boundBy)
            implements ConnectorEvent {
    }

    /**
     * A Zalo account (scoped to the OA) is the roster's member: {@code by} is {@code ZALO_ID} (the
     * roster names the account) or {@code NAME} (the one roster member of that full name).
     */
    record ZaloMemberMapped(String groupId, String zaloUserId, String memberId, String by) implements ConnectorEvent {
    }

    /**
     * A message came from a Zalo account no roster member is known by: it was screened under the
     * group's regulation all the same, and the board is told who wrote it.
     */
    record UnknownMemberSeen(String groupId, String zaloUserId, String name, String messageId)
            implements ConnectorEvent {
    }

    /**
     * An account joined the bound Zalo group that no roster member is known by (the roster names
     * no such account, and Zalo's member list gives it no roster member's name): no approved
     * proposal explains it. The leader is told where the regulation makes them decide who joins
     * (notification-service's routing), and may have the account removed.
     */
    record UnapprovedJoin(String groupId, String zaloUserId, String name, String eventKey) implements ConnectorEvent {
    }

    /**
     * An effect a decision asked for, to be carried out in the Zalo group: {@code key} is the
     * decision and the effect ({@code verdict:<group>:<message>:NOTICE}, {@code removal:<event
     * id>:REMOVE_MEMBER}), so a replay or a restart never does it twice.
     */
    record ActionRequested(String groupId, String key, String effect, String decision, String zaloGroupId)
            implements ConnectorEvent {
    }

    /** Done on the platform: {@code call} is the platform's call, {@code reference} what it answered (a message id). */
    record ActionCarriedOut(String groupId, String key, String effect, String call, String reference, int attempts)
            implements ConnectorEvent {
    }

    /**
     * Not done, and never will be: the platform has no such call ({@code PLATFORM}), or refused it
     * for good ({@code REFUSED}, with Zalo's error code and message in {@code reason}).
     */
    record ActionNotPossible(String groupId, String key, String effect, String kind, String reason)
            implements ConnectorEvent {
    }

    /** Stable type names, each at {@link #SCHEMA_VERSION}. */
    Map<String, Class<? extends ConnectorEvent>> TYPES = Map.of(
            "GroupBound", GroupBound.class,
            "ZaloMemberMapped", ZaloMemberMapped.class,
            "UnknownMemberSeen", UnknownMemberSeen.class,
            "UnapprovedJoin", UnapprovedJoin.class,
            "ActionRequested", ActionRequested.class,
            "ActionCarriedOut", ActionCarriedOut.class,
            "ActionNotPossible", ActionNotPossible.class);

    int SCHEMA_VERSION = 1;
}
