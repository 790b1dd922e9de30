package vn.binhyen.report.dashboard;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The console's labels, in Vietnamese (NFC): a Qute message bundle, used in the templates as
 * {@code {msg:status(r.status)}} and in Java by injection. A code without a label is shown as it is.
 */
@MessageBundle(value = "msg", locale = "vi")
public interface ConsoleMessages {

    @Message("{#when code}{#is 'CRIME_TIP'}Tin báo tội phạm{#is 'FEEDBACK'}Phản ánh, kiến nghị"
            + "{#is 'EMERGENCY'}Khẩn cấp{#else}{code}{/when}")
    String type(String code);

    @Message("{#when code}{#is 'RECEIVED'}Mới tiếp nhận{#is 'CLASSIFIED'}Đã phân loại"
            + "{#is 'WRITTEN_UP'}Đã báo cáo lãnh đạo{#is 'FORWARDED_TO_PCTP'}Đã chuyển Đội CSHS"
            + "{#is 'REGISTERED'}Đã vào sổ{#is 'RESOLVED'}Đã giải quyết"
            + "{#is 'TRANSFERRED'}Đã chuyển cơ quan có thẩm quyền{#else}{code}{/when}")
    String status(String code);

    /** The steps, by the name their forms post to. */
    @Message("{#when code}{#is 'classification'}Phân loại{#is 'written-report'}Báo cáo bằng văn bản lên lãnh đạo"
            + "{#is 'forwarding'}Chuyển Đội Cảnh sát hình sự{#is 'registration'}Vào sổ tiếp nhận nguồn tin"
            + "{#is 'resolution'}Kết thúc giải quyết{#is 'transfer'}Chuyển cơ quan có thẩm quyền"
            + "{#is 'emergency-acknowledgement'}Xác nhận tin khẩn cấp{#is 'taking'}Nhận xử lý"
            + "{#else}{code}{/when}")
    String action(String code);

    /** Where a report came from. */
    @Message("{#when code}{#is 'zalo'}Zalo{#is 'open311'}Cổng dịch vụ công (Open311){#is 'phone'}Điện thoại"
            + "{#is 'in-person'}Trực tiếp{#is 'web'}Trang thông tin{#else}{code}{/when}")
    String channel(String code);

    /** A required field still missing (IntakeRules). */
    @Message("{#when code}{#is 'reporter.name'}họ tên người báo{#is 'reporter.address'}địa chỉ"
            + "{#is 'reporter.phone'}số điện thoại{#is 'content'}nội dung{#is 'details.incidentAt'}thời gian xảy ra"
            + "{#is 'details.place'}địa điểm{#is 'details.summary'}tóm tắt diễn biến"
            + "{#is 'details.howKnown'}vì sao biết{#else}{code}{/when}")
    String field(String code);

    /** The timeline's words for each event of a report. */
    @Message("{#when code}{#is 'ReportReceived'}Tiếp nhận tin báo{#is 'ReportCompleted'}Bổ sung thông tin"
            + "{#is 'ReportClassified'}Phân loại{#is 'ReportWrittenUp'}Báo cáo bằng văn bản lên lãnh đạo"
            + "{#is 'ReportForwardedToPctp'}Chuyển cán bộ Đội Cảnh sát hình sự"
            + "{#is 'ReportRegistered'}Vào sổ tiếp nhận nguồn tin{#is 'ReportResolved'}Kết thúc giải quyết"
            + "{#is 'ReportTransferred'}Chuyển cơ quan có thẩm quyền{#is 'DeadlineWarning'}Cảnh báo thời hạn"
            + "{#is 'DeadlineBreached'}Quá hạn 24 giờ{#is 'EmergencyRaised'}Báo động tin khẩn cấp"
            + "{#is 'EmergencyAcknowledged'}Chỉ huy xác nhận tin khẩn cấp"
            + "{#is 'CitizenFeedback'}Trả lời người báo tin{#is 'NobodyOnDuty'}Không có cán bộ trong lịch trực"
            + "{#is 'ReporterShredded'}Hủy dữ liệu cá nhân của người báo tin{#is 'ReportTaken'}Nhận xử lý"
            + "{#is 'ReportNoteAdded'}Ghi chú{#else}{code}{/when}")
    String event(String code);

    @Message("{#when code}{#is 'DUTY_OFFICER'}cán bộ trực ban{#is 'PCTP_OFFICER'}cán bộ Đội CSHS"
            + "{#is 'COMMANDER'}chỉ huy{#is 'LEADER'}trưởng nhóm{#is 'DEPUTY'}phó nhóm{#is 'ADMIN'}quản trị viên"
            + "{#is 'MEMBER'}thành viên{#is 'BOT'}trợ lý Zalo"
            + "{#is 'SYSTEM'}hệ thống{#is 'AUDITOR'}kiểm tra viên{#is 'SYSTEM_ADMIN'}quản trị hệ thống"
            + "{#else}{code}{/when}")
    String role(String code);
}
