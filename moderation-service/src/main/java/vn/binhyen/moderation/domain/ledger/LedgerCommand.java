package vn.binhyen.moderation.domain.ledger;

import java.time.Instant;
import java.util.List;
import vn.binhyen.moderation.domain.policy.Policy;
import vn.binhyen.moderation.domain.screening.Violation;

/** What is asked of a member's violation ledger in one group. */
public sealed interface LedgerCommand {

    /**
     * The violations of one message (removed, or confirmed by an admin's review); the ladder
     * of {@code sanctions} chooses the sanction. {@code reply} is the bot's text when the message is taken down.
     * {@code householdRepresentative}: the member sits for a household, with no agency of their own to report
     * to; {@code agencyContact}: whom of the member's agency the roster names, or null.
     */
    record RecordViolations(String groupId, String memberId, String messageId, Instant at, List<Violation> violations,
            boolean takenDown, String reply, Policy.SanctionRule sanctions, boolean householdRepresentative,
            String agencyContact) implements LedgerCommand {
    }
}
