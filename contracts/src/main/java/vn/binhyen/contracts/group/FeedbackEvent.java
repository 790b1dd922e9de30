package vn.binhyen.contracts.group;

import java.time.Instant;
import java.util.Map;

/**
 * A resident's feedback (phản ánh) in a neighbourhood group, and what the group's leadership did
 * with it (ward-binh-phuoc:5.2: "Tiếp nhận thông tin phản ánh của người dân, phản hồi thông tin phản
 * ánh"; 6.1: beyond the group's authority, the leader reports it and asks for a decision).
 * group-service publishes them on {@code binhyen.group.events}, in streams {@code feedback-<id>}.
 */
public sealed interface FeedbackEvent {
    String feedbackId();

    String groupId();

    /** {@code receivedBy}: the member themselves, or the bot that saw it in the group. */
    record FeedbackReceived(String feedbackId, String groupId, String memberId, String text, Instant at,
            String receivedBy) implements FeedbackEvent {
    }

    /** The leader reported it to the unit's leadership, asking for a decision; {@code text} is the feedback's. */
    record FeedbackEscalated(String feedbackId, String groupId, String unit, String text, String reason,
            String escalatedBy) implements FeedbackEvent {
    }

    /** The group's leadership answered the resident ({@code memberId}). */
    record FeedbackAnswered(String feedbackId, String groupId, String memberId, String answer, String answeredBy)
            implements FeedbackEvent {
    }

    Map<String, Class<? extends FeedbackEvent>> TYPES = Map.ofEntries(
            Map.entry("FeedbackReceived", FeedbackReceived.class),
            Map.entry("FeedbackEscalated", FeedbackEscalated.class),
            Map.entry("FeedbackAnswered", FeedbackAnswered.class));

    int SCHEMA_VERSION = 1;

    /** The stream of one feedback's events. */
    static String streamId(String feedbackId) {
        return "feedback-" + feedbackId;
    }
}
