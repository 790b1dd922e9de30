package vn.binhyen.moderation.domain.screening;

/**
 * The sanction ladder of ward-binh-phuoc:9: 1 reminder or criticism in the group; 2 removal
 * from the group; 3 report to the member's agency; 4 handling under the law.
 */
public enum Sanction {
    NONE, REMIND, REMOVE_MEMBER, REPORT_TO_AGENCY, REFER_TO_LAW
}
