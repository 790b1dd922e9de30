package vn.binhyen.group.domain;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
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

    /** An established group (active, suspended or terminated). Maps are copies, never shared. */
    record Established(String groupId, String name, String purpose, String profile, String kind, String avatar,
            String description, Status status, Map<String, Seat> roster, Map<String, MembershipProposed> proposals,
            Set<String> leaveRequests, Map<String, Pin> pins) implements Group {

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

        Established with(Status s) {
            return new Established(groupId, name, purpose, profile, kind, avatar, description, s, roster, proposals,
                    leaveRequests, pins);
        }

        Established withRoster(Map<String, Seat> r) {
            return new Established(groupId, name, purpose, profile, kind, avatar, description, status, r, proposals,
                    leaveRequests, pins);
        }

        Established withProposals(Map<String, MembershipProposed> p) {
            return new Established(groupId, name, purpose, profile, kind, avatar, description, status, roster, p,
                    leaveRequests, pins);
        }

        Established withLeaveRequests(Set<String> l) {
            return new Established(groupId, name, purpose, profile, kind, avatar, description, status, roster,
                    proposals, l, pins);
        }

        Established withPins(Map<String, Pin> p) {
            return new Established(groupId, name, purpose, profile, kind, avatar, description, status, roster,
                    proposals, leaveRequests, p);
        }

        Established withInfo(String n, String a, String d) {
            return new Established(groupId, n, purpose, profile, kind, a, d, status, roster, proposals, leaveRequests,
                    pins);
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
    }
}
