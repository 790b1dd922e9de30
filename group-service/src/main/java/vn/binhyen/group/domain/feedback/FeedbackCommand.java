package vn.binhyen.group.domain.feedback;

import java.time.Instant;
import vn.binhyen.contracts.group.GroupRole;
import vn.binhyen.group.domain.RegulationProfile;

/**
 * What is asked of a resident's feedback. The service reads the group and gives the decider what
 * it found ({@link Facts}): the decider reads nothing itself.
 */
public sealed interface FeedbackCommand {
    String actor();

    Facts facts();

    /**
     * The group as the service found it: its regulation's feedback rules (null where it makes none),
     * its kind and unit, the actor's role on its roster (null when not on it), whether the actor is a
     * bot bound to it, and whether the resident named is on its roster.
     */
    record Facts(String groupId, RegulationProfile.FeedbackRule rule, RegulationProfile.RolesRule escalation,
            String kind, String unit, GroupRole actorRole, boolean actorIsBoundBot, boolean residentOnRoster) {
    }

    /** {@code memberId}: the resident; a member files their own, a bot names the one it saw. */
    record Receive(String feedbackId, String memberId, String text, Instant at, String actor, Facts facts)
            implements FeedbackCommand {
    }

    record Escalate(String reason, String actor, Facts facts) implements FeedbackCommand {
    }

    record Answer(String answer, String actor, Facts facts) implements FeedbackCommand {
    }
}
