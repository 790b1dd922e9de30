package vn.binhyen.contracts;

import java.util.List;

/**
 * The roles a bearer token can carry (docs/design.md "Identity and access"). LEADER, DEPUTY, ADMIN and MEMBER
 * say only that the caller is a person: what they may do in a group comes from its roster,
 * never from the token (issue 21). The staff roles (duty officer, PCTP officer, commander,
 * auditor, bot) count only within the unit the token's {@link #UNIT_CLAIM} names; a system
 * administrator runs the platform and is not limited to a unit.
 */
public final class Roles {
    /** Trưởng nhóm. */
    public static final String LEADER = "LEADER";
    /** Phó nhóm. */
    public static final String DEPUTY = "DEPUTY";
    /** Quản trị viên. */
    public static final String ADMIN = "ADMIN";
    /** Thành viên. */
    public static final String MEMBER = "MEMBER";
    /** Cán bộ trực ban. */
    public static final String DUTY_OFFICER = "DUTY_OFFICER";
    /** Cán bộ Đội Cảnh sát hình sự (phòng chống tội phạm) who keeps the crime-source register. */
    public static final String PCTP_OFFICER = "PCTP_OFFICER";
    /** Chỉ huy. */
    public static final String COMMANDER = "COMMANDER";
    /** Kiểm toán viên / thanh tra. */
    public static final String AUDITOR = "AUDITOR";
    /**
     * Cán bộ chuyên trách về công nghệ thông tin Công an tỉnh: told of anomalies in the accounts of
     * the police group (police-song-tri:16.3); the province's, so no unit limits it.
     */
    public static final String IT_SECURITY_OFFICER = "IT_SECURITY_OFFICER";
    /** A chat bot acting in a group. */
    public static final String BOT = "BOT";
    /** Quản trị hệ thống. */
    public static final String SYSTEM_ADMIN = "SYSTEM_ADMIN";

    /** The claim naming the caller's unit (a unit id, as in {@code UnitEstablished}). */
    public static final String UNIT_CLAIM = "unit";

    /** The roles that are people in groups: a token's word for them grants nothing by itself. */
    public static final List<String> PEOPLE = List.of(LEADER, DEPUTY, ADMIN, MEMBER);

    /** The staff roles that count only within the unit their token's {@link #UNIT_CLAIM} names (issue 21). */
    public static final List<String> UNIT_STAFF = List.of(DUTY_OFFICER, PCTP_OFFICER, COMMANDER, AUDITOR);

    public static final List<String> ALL = List.of(LEADER, DEPUTY, ADMIN, MEMBER, DUTY_OFFICER, PCTP_OFFICER,
            COMMANDER, AUDITOR, IT_SECURITY_OFFICER, BOT, SYSTEM_ADMIN);

    private Roles() {
    }
}
