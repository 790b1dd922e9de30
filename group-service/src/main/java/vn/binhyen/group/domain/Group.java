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
     * The roster's value: the seats by member, the membership proposals waiting for the leader, and
     * the members who asked to leave and wait for consent.
     */
    record Roster(Map<String, Seat> seats, Map<String, MembershipProposed> proposals, Set<String> leaveRequests) {
    }

    /**
     * The group's information: its name, picture and description, its pins, the admins' changes
     * waiting for the leader's direction, and when each member last reported that messages do not arrive.
     */
    record Information(String name, String avatar, String description, Map<String, Pin> pins,
            Map<String, GroupEvent.GroupInfoChangeProposed> changes, Map<String, Instant> deliveryProblems) {
    }

    /**
     * An established group (active, suspended or terminated), of the unit {@code unit}; {@code bots}
     * are the chat bots bound to it (issue 21). Its state is one value for each seam of the decider:
     * {@code members} (the roster), {@code information} (information, pins, delivery problems),
     * {@code directiveBook} and {@code pollBook}. Maps and sets are copies, never shared: an evolved
     * state is a new record, so a state handed out (or cached) never changes.
     */
    record Established(String groupId, String purpose, String profile, int profileVersion, String unit, String kind,
            Status status, Set<String> bots, Roster members, Information information,
            Map<String, Directive> directiveBook, Map<String, Poll> pollBook) implements Group {

        /** A group just established: its leader alone on the roster, nothing else yet. */
        static Established of(String groupId, String name, String purpose, String profile, int profileVersion,
                String unit, String kind, String avatar, Seat leader) {
            return new Established(groupId, purpose, profile, profileVersion, unit, kind, Status.ACTIVE, Set.of(),
                    new Roster(Map.of(leader.member().memberId(), leader), Map.of(), Set.of()),
                    new Information(name, avatar, null, Map.of(), Map.of(), Map.of()), Map.of(), Map.of());
        }

        public String name() {
            return information.name();
        }

        public String avatar() {
            return information.avatar();
        }

        public String description() {
            return information.description();
        }

        public Map<String, Seat> roster() {
            return members.seats();
        }

        public Map<String, MembershipProposed> proposals() {
            return members.proposals();
        }

        public Set<String> leaveRequests() {
            return members.leaveRequests();
        }

        public Map<String, Pin> pins() {
            return information.pins();
        }

        public Map<String, GroupEvent.GroupInfoChangeProposed> infoChanges() {
            return information.changes();
        }

        public Map<String, Instant> deliveryProblems() {
            return information.deliveryProblems();
        }

        public Map<String, Directive> directives() {
            return directiveBook;
        }

        public Map<String, Poll> polls() {
            return pollBook;
        }

        public Optional<Seat> seat(String memberId) {
            return Optional.ofNullable(roster().get(memberId));
        }

        public Optional<GroupRole> roleOf(String memberId) {
            return seat(memberId).map(Seat::role);
        }

        public long boardSize() {
            return roster().values().stream().filter(s -> s.role().onBoard()).count();
        }

        public Optional<String> leader() {
            return roster().values().stream().filter(s -> s.role() == GroupRole.LEADER)
                    .map(s -> s.member().memberId()).findFirst();
        }

        /** Whether the bot (its token's subject) is bound to this group. */
        public boolean servedBy(String botId) {
            return botId != null && bots.contains(botId);
        }

        private Established with(Roster r, Information i) {
            return new Established(groupId, purpose, profile, profileVersion, unit, kind, status, bots, r, i,
                    directiveBook, pollBook);
        }

        Established with(Status s) {
            return new Established(groupId, purpose, profile, profileVersion, unit, kind, s, bots, members, information,
                    directiveBook, pollBook);
        }

        Established withProfile(String p, int version) {
            return new Established(groupId, purpose, p, version, unit, kind, status, bots, members, information,
                    directiveBook, pollBook);
        }

        Established withRoster(Map<String, Seat> r) {
            return with(new Roster(r, members.proposals(), members.leaveRequests()), information);
        }

        Established withProposals(Map<String, MembershipProposed> p) {
            return with(new Roster(members.seats(), p, members.leaveRequests()), information);
        }

        Established withLeaveRequests(Set<String> l) {
            return with(new Roster(members.seats(), members.proposals(), l), information);
        }

        Established withPins(Map<String, Pin> p) {
            return with(members, new Information(name(), avatar(), description(), p, infoChanges(), deliveryProblems()));
        }

        Established withInfo(String n, String a, String d) {
            return with(members, new Information(n, a, d, pins(), infoChanges(), deliveryProblems()));
        }

        Established withInfoChanges(Map<String, GroupEvent.GroupInfoChangeProposed> c) {
            return with(members, new Information(name(), avatar(), description(), pins(), c, deliveryProblems()));
        }

        /** When each member last told the admins of a delivery problem. */
        Established withDeliveryProblem(String memberId, Instant at) {
            Map<String, Instant> copy = new LinkedHashMap<>(deliveryProblems());
            copy.put(memberId, at);
            return with(members, new Information(name(), avatar(), description(), pins(), infoChanges(), copy));
        }

        Established withDirective(Directive d) {
            Map<String, Directive> copy = new LinkedHashMap<>(directiveBook);
            copy.put(d.directiveId(), d);
            return new Established(groupId, purpose, profile, profileVersion, unit, kind, status, bots, members,
                    information, copy, pollBook);
        }

        Established withPoll(Poll p) {
            Map<String, Poll> copy = new LinkedHashMap<>(pollBook);
            copy.put(p.pollId(), p);
            return new Established(groupId, purpose, profile, profileVersion, unit, kind, status, bots, members,
                    information, directiveBook, copy);
        }

        Established withBots(Set<String> b) {
            return new Established(groupId, purpose, profile, profileVersion, unit, kind, status, b, members,
                    information, directiveBook, pollBook);
        }

        Map<String, GroupEvent.GroupInfoChangeProposed> infoChangesCopy() {
            return new LinkedHashMap<>(infoChanges());
        }

        Map<String, Seat> rosterCopy() {
            return new LinkedHashMap<>(roster());
        }

        Map<String, MembershipProposed> proposalsCopy() {
            return new LinkedHashMap<>(proposals());
        }

        Set<String> leaveRequestsCopy() {
            return new TreeSet<>(leaveRequests());
        }

        Map<String, Pin> pinsCopy() {
            return new LinkedHashMap<>(pins());
        }

        Set<String> botsCopy() {
            return new TreeSet<>(bots);
        }
    }
}
