package vn.binhyen.group.domain;

import static vn.binhyen.group.domain.GroupDecider.PROFILES;

import java.util.List;
import vn.binhyen.contracts.group.GroupEvent;
import vn.binhyen.eventlog.decider.InvalidInput;
import vn.binhyen.eventlog.decider.NotPermitted;
import vn.binhyen.eventlog.decider.RuleViolation;
import vn.binhyen.group.domain.Group.Established;

/**
 * The council's polls on urgent matters, each vote confirmed in writing (council-binh-duong:7.2). Each
 * refusal names its citation; a rule the group's regulation does not make is not enforced.
 */
final class PollDecisions {
    private PollDecisions() {
    }

    // ---- council polls ----------------------------------------------------------------------------

    static List<GroupEvent> openPoll(GroupCommand.OpenPoll c, Established g, RegulationProfile p) {
        RegulationProfile.PollRule rule = p.rules().polls();
        if (rule == null) {
            throw new RuleViolation(PROFILES, "profile", "polls are a procedure of the council's groups; "
                    + p.id() + " has none");
        }
        if (!rule.openers().contains(g.roleOf(c.actor()).orElse(null))) {
            throw new NotPermitted(rule.citation(), "only the group's leader or a deputy opens a poll");
        }
        if (c.question() == null || c.question().isBlank()) {
            throw new InvalidInput(rule.citation(), "question", "the question is required");
        }
        List<String> options = c.options() == null ? List.of() : c.options().stream().map(String::strip).toList();
        if (options.size() < 2 || options.stream().anyMatch(String::isEmpty)
                || options.stream().distinct().count() != options.size()) {
            throw new InvalidInput(rule.citation(), "options", "at least two distinct, non-empty options");
        }
        if (c.closesAt() == null || !c.closesAt().isAfter(c.at())) {
            throw new InvalidInput(rule.citation(), "closesAt", "a poll closes at a time in the future");
        }
        if (g.polls().containsKey(c.pollId())) {
            throw new RuleViolation(rule.citation(), "pollId", "poll " + c.pollId() + " already exists");
        }
        return List.of(new GroupEvent.PollOpened(g.groupId(), c.pollId(), c.question().strip(), options, c.closesAt(),
                c.actor()));
    }

    /** The poll rule of the group's regulation: a poll is opened only where there is one. */
    static String polls(RegulationProfile p) {
        return Rulings.citation(p.rules().polls(), PROFILES);
    }

    static Group.Poll poll(Established g, RegulationProfile p, String pollId) {
        Group.Poll poll = g.polls().get(pollId);
        if (poll == null) {
            throw new RuleViolation(polls(p), "pollId", "no poll " + pollId + " in this group");
        }
        return poll;
    }

    static List<GroupEvent> vote(GroupCommand.CastVote c, Established g, RegulationProfile p) {
        Group.Poll poll = poll(g, p, c.pollId());
        if (g.seat(c.actor()).isEmpty()) {
            throw new NotPermitted(polls(p), "only the group's delegates vote");
        }
        if (!c.at().isBefore(poll.closesAt())) {
            throw new RuleViolation(polls(p), "pollId", "the poll closed at " + poll.closesAt());
        }
        if (poll.votes().containsKey(c.actor())) {
            throw new RuleViolation(polls(p), "option", "each delegate votes once");
        }
        if (c.option() == null || !poll.options().contains(c.option().strip())) {
            throw new InvalidInput(polls(p), "option", "one of " + poll.options());
        }
        return List.of(new GroupEvent.VoteCast(g.groupId(), c.pollId(), c.actor(), c.option().strip()));
    }

    static List<GroupEvent> confirmVote(GroupCommand.ConfirmVote c, Established g, RegulationProfile p) {
        Group.Poll poll = poll(g, p, c.pollId());
        if (!poll.votes().containsKey(c.actor())) {
            throw new RuleViolation(polls(p), "pollId", "a vote is confirmed after it is cast");
        }
        if (poll.confirmations().containsKey(c.actor())) {
            throw new RuleViolation(polls(p), "pollId", "this vote is already confirmed");
        }
        if (c.confirmation() == null || c.confirmation().isBlank()) {
            throw new InvalidInput(polls(p), "confirmation", "the written confirmation is required");
        }
        return List.of(new GroupEvent.VoteConfirmed(g.groupId(), c.pollId(), c.actor(), c.confirmation().strip()));
    }
}
