package vn.binhyen.moderation.domain.screening;

import java.time.Instant;
import java.util.List;

/** A chat message as a bot sends it for screening. */
public record Message(String groupId, String messageId, String authorId, String displayName, String text,
        List<Attachment> attachments, List<String> links, boolean forwarded, Instant postedAt) {

    /** {@code entries}: the names inside an archive, when the bot could list them; else null. */
    public record Attachment(String name, String mimeType, long size, List<String> entries) {
    }

    public Message {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
        links = links == null ? List.of() : List.copyOf(links);
        text = text == null ? "" : text;
    }
}
