package vn.binhyen.contracts.group;

/** A member's role in a group (docs/regulations.md "Roles"). */
public enum GroupRole {
    /** Trưởng nhóm. */
    LEADER,
    /** Phó nhóm. */
    DEPUTY,
    /** Quản trị nhóm. */
    ADMIN,
    /** Quản trị viên (IT) / hỗ trợ kỹ thuật nhóm. */
    ADMIN_ASSISTANT,
    /** Thành viên. */
    MEMBER;

    /** The management board: leader and deputies (Ban Quản trị). */
    public boolean onBoard() {
        return this == LEADER || this == DEPUTY;
    }
}
