package vn.binhyen.group.domain.feedback;

import java.util.List;
import vn.binhyen.contracts.group.FeedbackEvent;
import vn.binhyen.contracts.group.FeedbackEvent.FeedbackAnswered;
import vn.binhyen.contracts.group.FeedbackEvent.FeedbackEscalated;
import vn.binhyen.contracts.group.FeedbackEvent.FeedbackReceived;
import vn.binhyen.eventlog.decider.Decider;
import vn.binhyen.eventlog.decider.InvalidInput;
import vn.binhyen.eventlog.decider.NotPermitted;
import vn.binhyen.eventlog.decider.RuleViolation;
import vn.binhyen.group.domain.Conflict;
import vn.binhyen.group.domain.GroupDecider;
import vn.binhyen.group.domain.RegulationProfile;
import vn.binhyen.group.domain.feedback.Feedback.Open;
import vn.binhyen.group.domain.feedback.Feedback.Status;

/**
 * A resident's feedback where the group's regulation makes the group receive and answer it
 * (ward-binh-phuoc:5.2, the neighbourhood groups): a member files it, or the group's bot records
 * what it saw; the roles the rule names answer it; beyond the group's authority the leader reports
 * it to the unit's leadership first (6.1, "nếu vượt quá thẩm quyền thì báo cáo xin ý kiến giải quyết"),
 * and answers once decided. Each refusal names its citation.
 */
public final class FeedbackDecider implements Decider<FeedbackCommand, Feedback, FeedbackEvent> {
    /** The longest feedback, answer or reason. */
    public static final int MAX_TEXT = 4000;

    @Override
    public Feedback initialState() {
        return new Feedback.None();
    }

    @Override
    public List<FeedbackEvent> decide(FeedbackCommand command, Feedback state) {
        FeedbackCommand.Facts f = command.facts();
        RegulationProfile.FeedbackRule rule = f.rule();
        if (rule == null || !rule.kinds().contains(f.kind())) {
            throw new RuleViolation(GroupDecider.PROFILES, "groupId",
                    "this group's regulation makes no workflow for residents' feedback");
        }
        return switch (command) {
            case FeedbackCommand.Receive c -> receive(c, state, rule);
            case FeedbackCommand.Escalate c -> escalate(c, open(state), f, rule);
            case FeedbackCommand.Answer c -> answer(c, open(state), f, rule);
        };
    }

    private static List<FeedbackEvent> receive(FeedbackCommand.Receive c, Feedback state,
            RegulationProfile.FeedbackRule rule) {
        FeedbackCommand.Facts f = c.facts();
        if (state instanceof Open) {
            throw new Conflict(rule.citation(), "feedbackId", "this feedback was already received");
        }
        boolean own = c.actor().equals(c.memberId()) && f.actorRole() != null;
        if (!own && !f.actorIsBoundBot()) {
            throw new NotPermitted(rule.citation(), "a member files their own feedback; a bot bound to the group "
                    + "records a resident's");
        }
        if (!f.residentOnRoster()) {
            throw new RuleViolation(rule.citation(), "memberId", "the resident is not a member of this group");
        }
        String text = text(c.text(), "text", rule.citation(), "the feedback's text is required");
        return List.of(new FeedbackReceived(c.feedbackId(), f.groupId(), c.memberId(), text, c.at(), c.actor()));
    }

    private static List<FeedbackEvent> escalate(FeedbackCommand.Escalate c, Open o, FeedbackCommand.Facts f,
            RegulationProfile.FeedbackRule rule) {
        RegulationProfile.RolesRule escalation = f.escalation();
        if (escalation == null) {
            throw new RuleViolation(rule.citation(), "feedbackId", "this group's regulation asks no escalation");
        }
        if (!escalation.roles().contains(f.actorRole())) {
            throw new NotPermitted(escalation.citation(), "only " + escalation.roles()
                    + " report a feedback beyond the group's authority");
        }
        if (o.status() != Status.RECEIVED) {
            throw new Conflict(escalation.citation(), "feedbackId", "this feedback is already "
                    + o.status().name().toLowerCase(java.util.Locale.ROOT));
        }
        String reason = text(c.reason(), "reason", escalation.citation(), "why it exceeds the group's authority");
        return List.of(new FeedbackEscalated(o.feedbackId(), o.groupId(), f.unit(), o.text(), reason, c.actor()));
    }

    private static List<FeedbackEvent> answer(FeedbackCommand.Answer c, Open o, FeedbackCommand.Facts f,
            RegulationProfile.FeedbackRule rule) {
        if (!rule.answerers().contains(f.actorRole())) {
            throw new NotPermitted(rule.citation(), "only " + rule.answerers() + " answer residents' feedback");
        }
        if (o.status() == Status.ANSWERED) {
            throw new Conflict(rule.citation(), "feedbackId", "this feedback was already answered");
        }
        String answer = text(c.answer(), "answer", rule.citation(), "the answer is required");
        return List.of(new FeedbackAnswered(o.feedbackId(), o.groupId(), o.memberId(), answer, c.actor()));
    }

    private static Open open(Feedback state) {
        if (!(state instanceof Open o)) {
            throw new UnknownFeedbackException("no such feedback");
        }
        return o;
    }

    private static String text(String value, String field, String citation, String required) {
        if (value == null || value.isBlank()) {
            throw new InvalidInput(citation, field, required);
        }
        String v = value.strip();
        if (v.codePointCount(0, v.length()) > MAX_TEXT) {
            throw new InvalidInput(citation, field, "at most " + MAX_TEXT + " characters");
        }
        return v;
    }

    @Override
    public Feedback evolve(Feedback state, FeedbackEvent event) {
        return switch (event) {
            case FeedbackReceived e -> new Open(e.feedbackId(), e.groupId(), e.memberId(), e.text(), Status.RECEIVED,
                    null, null, null);
            case FeedbackEscalated e -> state instanceof Open o ? new Open(o.feedbackId(), o.groupId(), o.memberId(),
                    o.text(), Status.ESCALATED, e.escalatedBy(), null, null) : state;
            case FeedbackAnswered e -> state instanceof Open o ? new Open(o.feedbackId(), o.groupId(), o.memberId(),
                    o.text(), Status.ANSWERED, o.escalatedBy(), e.answer(), e.answeredBy()) : state;
        };
    }
}
