package vn.binhyen.moderation.domain.screening;

/** What the bot does with a message, from the mildest: let it stand, flag it for admins, hold it, remove it. */
public enum Decision {
    ALLOW, FLAG, HOLD, REMOVE;

    public Decision max(Decision other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
