package vn.binhyen.connector.domain;

import java.util.Map;

/**
 * The Zalo platforms a group can be run through, and what each lets software do in a group
 * (issue 26; zalo-connector/README.md has the table). Only what the platform
 * really offers is done; everything else is recorded as not possible, with the reason.
 */
public enum Platform {
    /**
     * An Official Account with the group message framework (GMF): it sends group messages, lists,
     * removes and invites members and changes the group's settings, but has no call to delete or
     * recall a member's message.
     */
    ZALO_OA(Map.of(
            Effect.NOTICE, Capability.yes("group/message"),
            Effect.DELETE_MESSAGE, Capability.no("the Zalo OA group API has no call to delete or recall a member's "
                    + "message; the notice asks the sender to recall it and the group's admins to delete it in the app"),
            Effect.REMOVE_MEMBER, Capability.yes("group/removemembers"),
            Effect.LOCK_GROUP, Capability.yes("group/updateinfo"),
            Effect.MESSAGE_PERSON, Capability.yes("message/cs"))),
    /**
     * The Zalo Bot platform (Telegram-like): it reads group messages and sends messages, and has no
     * moderation call at all (no delete, no removal, no settings).
     */
    ZALO_BOT(Map.of(
            Effect.NOTICE, Capability.yes("bot/sendMessage"),
            Effect.DELETE_MESSAGE, Capability.no("the Zalo Bot API has no call to delete a message"),
            Effect.REMOVE_MEMBER, Capability.no("the Zalo Bot API has no call to remove a member"),
            Effect.LOCK_GROUP, Capability.no("the Zalo Bot API has no call to change a group's settings"),
            Effect.MESSAGE_PERSON, Capability.no("a Zalo Bot platform bot writes only in the chats it is in")));

    /** The effects a decision can ask for in a group, and a message to one person. */
    public enum Effect {
        /** Post the decision's notice in the group. */
        NOTICE,
        /** Take the message out of the group. */
        DELETE_MESSAGE,
        /** Remove a member, as the leader decided. */
        REMOVE_MEMBER,
        /** Stop members posting (an incident). */
        LOCK_GROUP,
        /** A notification-service message to one person, from the Official Account (they follow it). */
        MESSAGE_PERSON
    }

    /** Whether the platform can do an effect: its call, or why not. */
    public record Capability(boolean possible, String call, String reason) {
        static Capability yes(String call) {
            return new Capability(true, call, null);
        }

        static Capability no(String reason) {
            return new Capability(false, null, reason);
        }
    }

    private final Map<Effect, Capability> capabilities;

    Platform(Map<Effect, Capability> capabilities) {
        this.capabilities = capabilities;
    }

    public Capability can(Effect effect) {
        return capabilities.get(effect);
    }

    /** The wire name of a binding's platform ({@code zalo-oa}, {@code zalo-bot}). */
    public String wireName() {
        return this == ZALO_OA ? "zalo-oa" : "zalo-bot";
    }

    public static Platform ofWireName(String name) {
        for (Platform p : values()) {
            if (p.wireName().equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("platform: zalo-oa or zalo-bot, not " + name);
    }
}
