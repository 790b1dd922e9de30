package vn.binhyen.contracts.group;

/** What a membership proposal asks: to add a member to the group, or to remove one. */
public enum MembershipChange {
    ADD, REMOVE
}
