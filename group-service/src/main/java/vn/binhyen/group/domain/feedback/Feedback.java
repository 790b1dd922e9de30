package vn.binhyen.group.domain.feedback;

/** A resident's feedback in a neighbourhood group, folded from its events. */
public sealed interface Feedback {

    /** Not received yet. */
    record None() implements Feedback {
    }

    enum Status { RECEIVED, ESCALATED, ANSWERED }

    /** Received in {@code groupId} from {@code memberId}; {@code escalatedBy} once the leader asked the unit. */
    record Open(String feedbackId, String groupId, String memberId, String text, Status status, String escalatedBy,
            String answer, String answeredBy) implements Feedback {
    }
}
