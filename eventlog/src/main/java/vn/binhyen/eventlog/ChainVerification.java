package vn.binhyen.eventlog;

import java.util.Optional;
import java.util.UUID;

/** The outcome of checking one stream's hash chain: intact, or the first broken link. */
public record ChainVerification(int checked, Optional<BrokenLink> firstBreak) {
    public enum Reason {
        /** a version is missing or repeated */
        VERSION_GAP,
        /** an event does not point at its predecessor's hash (a removed or inserted event) */
        PREV_HASH_MISMATCH,
        /** an event's content no longer matches its hash (the event was altered) */
        HASH_MISMATCH
    }

    public record BrokenLink(UUID eventId, String streamId, long streamVersion, Reason reason, String detail) {
    }

    public boolean intact() {
        return firstBreak.isEmpty();
    }

    static ChainVerification intact(int checked) {
        return new ChainVerification(checked, Optional.empty());
    }

    static ChainVerification broken(int checked, Envelope at, Reason reason, String detail) {
        return new ChainVerification(checked,
                Optional.of(new BrokenLink(at.eventId(), at.streamId(), at.streamVersion(), reason, detail)));
    }
}
