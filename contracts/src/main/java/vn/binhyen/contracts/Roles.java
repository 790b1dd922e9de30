package vn.binhyen.contracts;

import java.util.List;

/** The roles a bearer token can carry (DESIGN.md "Security"); group-scoped ones are also checked against the roster. */
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
    /** A chat bot acting in a group. */
    public static final String BOT = "BOT";
    /** Quản trị hệ thống. */
    public static final String SYSTEM_ADMIN = "SYSTEM_ADMIN";

    public static final List<String> ALL = List.of(LEADER, DEPUTY, ADMIN, MEMBER, DUTY_OFFICER, PCTP_OFFICER,
            COMMANDER, AUDITOR, BOT, SYSTEM_ADMIN);

    private Roles() {
    }
}
