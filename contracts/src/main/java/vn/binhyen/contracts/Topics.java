package vn.binhyen.contracts;

import java.util.List;

/** The Kafka topics of docs/design.md: one per owning service (infinite retention, keyed by stream id). */
public final class Topics {
    public static final String GROUP_EVENTS = "binhyen.group.events";
    public static final String MODERATION_EVENTS = "binhyen.moderation.events";
    public static final String REPORT_EVENTS = "binhyen.report.events";
    public static final String NOTIFICATION_EVENTS = "binhyen.notification.events";
    /** What zalo-connector did in the Zalo groups, and what it could not do (issue 26). */
    public static final String CONNECTOR_EVENTS = "binhyen.connector.events";
    /** Chat messages arriving from the bots (Zalo webhook). */
    public static final String CHAT_MESSAGES = "binhyen.chat.messages";
    /** Screening verdicts for streaming bots. */
    public static final String MODERATION_VERDICTS = "binhyen.moderation.verdicts";

    public static final List<String> ALL = List.of(GROUP_EVENTS, MODERATION_EVENTS, REPORT_EVENTS,
            NOTIFICATION_EVENTS, CONNECTOR_EVENTS, CHAT_MESSAGES, MODERATION_VERDICTS);

    /** Topics written by a relay from an event store; their records carry the envelope headers. */
    public static final List<String> EVENT_LOGS = List.of(GROUP_EVENTS, MODERATION_EVENTS, REPORT_EVENTS,
            NOTIFICATION_EVENTS, CONNECTOR_EVENTS);

    private Topics() {
    }
}
