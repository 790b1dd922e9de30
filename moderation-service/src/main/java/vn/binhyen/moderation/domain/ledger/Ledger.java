package vn.binhyen.moderation.domain.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/** A member's violations in one group, folded from the ledger's events. */
public sealed interface Ledger {

    record Empty() implements Ledger {
    }

    record Entry(String messageId, Instant at, String violationId) {
    }

    /** {@code messages}: every message already recorded, so a repeat records nothing. */
    record Open(String groupId, String memberId, List<Entry> entries, Set<String> messages) implements Ledger {
        /** Copies, never shared: a state read back from a snapshot is as immutable as a folded one. */
        public Open {
            entries = List.copyOf(entries);
            messages = Set.copyOf(messages);
        }
    }
}
