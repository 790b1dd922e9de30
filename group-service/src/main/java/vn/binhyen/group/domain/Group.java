package vn.binhyen.group.domain;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import vn.binhyen.contracts.group.GroupEvent;
import vn.binhyen.contracts.group.GroupEvent.Member;
import vn.binhyen.contracts.group.GroupEvent.MembershipProposed;
import vn.binhyen.contracts.group.GroupRole;

/** A group's state, folded from its events. */
public sealed interface Group {

    /** Not established yet. */
    record None() implements Group {
    }

    enum Status { ACTIVE, SUSPENDED, TERMINATED }

    record Seat(Member member, GroupRole role, boolean postingFrozen) {
    }

    record Pin(String pinId, String messageId, Instant expiresAt) {
    }

    /**
     * A directive (chỉ đạo) and who has acknowledged it; {@code acknowledged} maps member to
     * REPLY or REACTION; {@code reminded} once the overdue reminder was raised.
     */
    record Directive(String directiveId, String text, String issuedBy, Instant acknowledgeBy, List<String> recipients,
            Map<String, String> acknowledged, boolean reminded) {

        public List<String> pending() {
            return recipients.stream().filter(m -> !acknowledged.containsKey(m)).toList();
        }
    }

    /** A poll (biểu quyết): the votes cast, and who has confirmed theirs in writing. */
    record Poll(String pollId, String question, List<String> options, Instant closesAt, String openedBy,
            Map<String, String> votes, Map<String, String> confirmations) {
    }

    /**
     * An established group (active, suspended or terminated), of the unit {@code unit}; {@code bots}
     * are the chat bots bound to it (issue 21). Maps and sets are copies, never shared: an evolved
     * state is a new record, so a state handed out (or cached) never changes.
     */
    record Established(String groupId, String name, String purpose, String profile, int profileVersion, String unit,
            String kind, String avatar, String description, Status status, Map<String, Seat> roster,
            Map<String, MembershipProposed> proposals, Set<String> leaveRequests, Map<String, Pin> pins,
            Map<String, Directive> directives, Map<String, Poll> polls, Set<String> bots,
            Map<String, GroupEvent.GroupInfoChangeProposed> infoChanges, Map<String, Instant> deliveryProblems)
            implements Group {

        public Optional<Seat> seat(String memberId) {
            return Optional.ofNullable(roster.get(memberId));
        }

        public Optional<GroupRole> roleOf(String memberId) {
            return seat(memberId).map(Seat::role);
        }

        public long boardSize() {
            return roster.values().stream().filter(s -> s.role().onBoard()).count();
        }

        public Optional<String> leader() {
            return roster.values().stream().filter(s -> s.role() == GroupRole.LEADER)
                    .map(s -> s.member().memberId()).findFirst();
        }

        /** Whether the bot (its token's subject) is bound to this group. */
        public boolean servedBy(String botId) {
            return botId != null && bots.contains(botId);
        }

        Established with(Status s) {
            return new Established(groupId, name, purpose, profile, profileVersion, unit, kind, avatar, description, s,
                    roster, proposals, leaveRequests, pins, directives, polls, bots, infoChanges, deliveryProblems);
        }

        Established withProfile(String p, int version) {
            return new Established(groupId, name, purpose, p, version, unit, kind, avatar, description, status, roster,
                    proposals, leaveRequests, pins, directives, polls, bots, infoChanges, deliveryProblems);
        }

        Established withRoster(Map<String, Seat> r) {
            return new Established(groupId, name, purpose, profile, profileVersion, unit, kind, avatar, description,
                    status, r, proposals, leaveRequests, pins, directives, polls, bots, infoChanges, deliveryProblems);
        }

        Established withProposals(Map<String, MembershipProposed> p) {
            return new Established(groupId, name, purpose, profile, profileVersion, unit, kind, avatar, description,
                    status, roster, p, leaveRequests, pins, directives, polls, bots, infoChanges, deliveryProblems);
        }

        Established withLeaveRequests(Set<String> l) {
            return new Established(groupId, name, purpose, profile, profileVersion, unit, kind, avatar, description,
                    status, roster, proposals, l, pins, directives, polls, bots, infoChanges, deliveryProblems);
        }

        Established withPins(Map<String, Pin> p) {
            return new Established(groupId, name, purpose, profile, profileVersion, unit, kind, avatar, description,
                    status, roster, proposals, leaveRequests, p, directives, polls, bots, infoChanges, deliveryProblems);
        }

        Established withDirective(Directive d) {
            Map<String, Directive> copy = new LinkedHashMap<>(directives);
            copy.put(d.directiveId(), d);
            return new Established(groupId, name, purpose, profile, profileVersion, unit, kind, avatar, description,
                    status, roster, proposals, leaveRequests, pins, copy, polls, bots, infoChanges, deliveryProblems);
        }

        Established withPoll(Poll p) {
            Map<String, Poll> copy = new LinkedHashMap<>(polls);
            copy.put(p.pollId(), p);
            return new Established(groupId, name, purpose, profile, profileVersion, unit, kind, avatar, description,
                    status, roster, proposals, leaveRequests, pins, directives, copy, bots, infoChanges, deliveryProblems);
        }

        Established withInfo(String n, String a, String d) {
            return new Established(groupId, n, purpose, profile, profileVersion, unit, kind, a, d, status, roster,
                    proposals, leaveRequests, pins, directives, polls, bots, infoChanges, deliveryProblems);
        }

        Established withBots(Set<String> b) {
            return new Established(groupId, name, purpose, profile, profileVersion, unit, kind, avatar, description,
                    status, roster, proposals, leaveRequests, pins, directives, polls, b, infoChanges, deliveryProblems);
        }

        Established withInfoChanges(Map<String, GroupEvent.GroupInfoChangeProposed> c) {
            return new Established(groupId, name, purpose, profile, profileVersion, unit, kind, avatar, description,
                    status, roster, proposals, leaveRequests, pins, directives, polls, bots, c, deliveryProblems);
        }

        /** When each member last told the admins of a delivery problem. */
        Established withDeliveryProblem(String memberId, Instant at) {
            Map<String, Instant> copy = new LinkedHashMap<>(deliveryProblems);
            copy.put(memberId, at);
            return new Established(groupId, name, purpose, profile, profileVersion, unit, kind, avatar, description,
                    status, roster, proposals, leaveRequests, pins, directives, polls, bots, infoChanges, copy);
        }

        Map<String, GroupEvent.GroupInfoChangeProposed> infoChangesCopy() {
            return new LinkedHashMap<>(infoChanges);
        }

        Map<String, Seat> rosterCopy() {
            return new LinkedHashMap<>(roster);
        }

        Map<String, MembershipProposed> proposalsCopy() {
            return new LinkedHashMap<>(proposals);
        }

        Set<String> leaveRequestsCopy() {
            return new TreeSet<>(leaveRequests);
        }

        Map<String, Pin> pinsCopy() {
            return new LinkedHashMap<>(pins);
        }

        Set<String> botsCopy() {
            return new TreeSet<>(bots);
        }
    }
}
