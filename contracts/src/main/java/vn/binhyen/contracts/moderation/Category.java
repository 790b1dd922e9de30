package vn.binhyen.contracts.moderation;

/** The content and form categories of docs/regulations.md, each with the words a bot's reply uses. */
public enum Category {
    CLASSIFIED("thông tin, tài liệu mật"),
    HARMFUL("nội dung độc hại, vi phạm pháp luật"),
    ANTI_STATE("nội dung chống phá chủ trương, chính sách của Đảng và Nhà nước"),
    DEFAMATION("nội dung xuyên tạc, vu khống, xúc phạm"),
    HATE("ngôn từ thô tục, xúc phạm, kỳ thị"),
    UNVERIFIED("thông tin chưa được kiểm chứng"),
    ADVERTISING("quảng cáo, mua bán"),
    OFF_TOPIC("nội dung không đúng mục đích của nhóm"),
    PERSONAL("nội dung cá nhân không liên quan công việc"),
    MALWARE("liên kết hoặc tệp tin có nguy cơ chứa mã độc, lừa đảo"),
    AUTO_FORWARD("tự động chuyển tiếp tin nhắn ra ngoài nhóm"),
    LEAK("sao chép, chụp nội dung nhóm ra ngoài"),
    POLICE_IDENTIFIERS("dùng tên đơn vị Công an làm tên tài khoản"),
    INTRUSION("sử dụng trái phép quyền quản trị"),
    ENCODING("chữ viết không đúng bảng mã Unicode tiếng Việt có dấu (TCVN 6909:2001)"),
    NAME("tên hiển thị không phải họ và tên thật"),
    LANGUAGE("nội dung tiếng nước ngoài chưa có phần tóm tắt tiếng Việt"),
    FLOOD("gửi tin nhắn dồn dập"),
    /**
     * Shared (a link, a forward) by a member the regulation does not charge with posting: held
     * until the board approves it (police-song-tri:13.2, ioc-dak-lak:2.3); no violation by itself.
     */
    SHARING("thông tin chia sẻ từ nguồn khác chưa được Ban quản trị duyệt hoặc giao đăng tải"),
    /** Content on the police force's internal matters, or sowing disunity: held for the board (police-song-tri:6.6). */
    INTERNAL("vấn đề nội bộ lực lượng Công an, thông tin gây mất đoàn kết nội bộ"),
    /** Not a rule the message broke: its author's account was reported hijacked, and their posting is frozen. */
    ACCOUNT_FROZEN("tài khoản đã được báo cáo bị chiếm đoạt, tạm dừng đăng tin"),
    /** Not a rule broken: the message could not be screened automatically, and people judge it. */
    NOT_SCREENED("tin nhắn chưa được hệ thống sàng lọc tự động");

    /**
     * Whether a review confirming a hold of this category records a violation of the member: not so
     * for these, which name no prohibition (a hold to be screened by people, a frozen account, a share
     * awaiting approval).
     */
    public boolean isViolation() {
        return this != NOT_SCREENED && this != ACCOUNT_FROZEN && this != SHARING;
    }

    private final String vietnamese;

    Category(String vietnamese) {
        this.vietnamese = vietnamese;
    }

    /** How a reply names the category (NFC, with diacritics). */
    public String vietnamese() {
        return vietnamese;
    }
}
