package vn.binhyen.notification.domain;

/**
 * How urgent a notification is, as its routing rule says: {@code NORMAL} waits out the recipient's
 * quiet hours and may go in a digest; {@code URGENT} ("báo cáo ngay") is sent on its own and escalated
 * when unread, but waits out quiet hours; {@code CRITICAL} (a deadline, an emergency, an intrusion) is
 * sent at once whatever the hour.
 */
public enum Urgency {
    NORMAL, URGENT, CRITICAL;

    /** Whether it is delivered at once, whatever the recipient's quiet hours. */
    public boolean ignoresQuietHours() {
        return this == CRITICAL;
    }

    /** How an email's subject begins. */
    public String subjectPrefix() {
        return switch (this) {
            case CRITICAL -> "[KHẨN CẤP] ";
            case URGENT -> "[KHẨN] ";
            case NORMAL -> "";
        };
    }
}
