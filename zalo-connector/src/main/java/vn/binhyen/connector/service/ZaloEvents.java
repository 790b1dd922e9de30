package vn.binhyen.connector.service;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vn.binhyen.contracts.connector.ConnectorEvent;

/**
 * One Zalo event, understood: which Bình Yên group it is in (the binding of its Zalo group),
 * who sent it (the member their Zalo account is mapped to, or an unknown account, which the
 * board is told of once), and, for a group message, moderation's screening request. Zalo's
 * group events carry the group in {@code recipient.id} and the OA-scoped account in
 * {@code sender.id}, and no display name: the name is the roster's, or the member list's.
 */
@ApplicationScoped
public class ZaloEvents {
    private final Bindings bindings;
    private final Members members;
    private final vn.binhyen.connector.service.OaClient zalo;
    private final ConnectorLog log;

    ZaloEvents(Bindings bindings, Members members, vn.binhyen.connector.service.OaClient zalo, ConnectorLog log) {
        this.bindings = bindings;
        this.members = members;
        this.zalo = zalo;
        this.log = log;
    }

    /**
     * What became of an event: its outcome, and the screening request to publish (keyed by group),
     * if any, with where the message came from ({@code origin}), which the caller keeps, committed,
     * before the request is published.
     */
    public record Handled(String outcome, String groupId, Map<String, Object> screening, Members.Origin origin) {
        static Handled only(String outcome) {
            return new Handled(outcome, null, null, null);
        }
    }

    /**
     * A join: the name Zalo lists for the account (its member list), the account mapped to the
     * roster where it can be; one no roster member is known by is an {@code UnapprovedJoin}.
     */
    private Handled joined(Bindings.Binding b, String userId, String eventKey) {
        String listedName = zalo.oa(b.oaId()).map(oa -> nameInList(oa, b, userId)).orElse(null);
        if (members.joined(b, userId, listedName).isPresent()) {
            return Handled.only("JOINED");
        }
        log.append("binding-" + b.groupId(), new ConnectorEvent.UnapprovedJoin(b.groupId(), userId, listedName,
                eventKey), ConnectorLog.CONNECTOR, "zalo-" + eventKey);
        return Handled.only("JOINED_UNAPPROVED");
    }

    /** The account's name in Zalo's member list (pages of 50, at most 1,000 members), or null. */
    private String nameInList(vn.binhyen.connector.config.ConnectorConfig.Oa oa, Bindings.Binding b, String userId) {
        for (int offset = 0; offset < 1000; offset += 50) {
            var page = zalo.get(oa, "group/listmember", Map.of("group_id", b.zaloGroupId(), "offset",
                    String.valueOf(offset), "count", "50"));
            if (!page.ok()) {
                return null; // the join is judged without the name: by the roster's accounts alone
            }
            for (JsonNode m : page.data().path("members")) {
                if (userId.equals(m.path("user_id").asText())) {
                    return m.path("name").asText(null);
                }
            }
            if (page.data().path("members").size() < 50) {
                return null;
            }
        }
        return null;
    }

    /** One event, handled; {@code memo} is its batch's (see {@link Members.Memo}). */
    public Handled handle(String oaId, String name, JsonNode event, String eventKey, Members.Memo memo) {
        if (oaId.startsWith("bot:")) {
            return botMessage(oaId, name, event, memo);
        }
        String zaloGroupId = event.path("recipient").path("id").asText("");
        Optional<Bindings.Binding> binding = bindings.ofZaloGroup(oaId, zaloGroupId);
        if (binding.isEmpty()) {
            return Handled.only("UNBOUND");
        }
        String groupId = binding.get().groupId();
        String userId = event.path("sender").path("id").asText("");
        if (userId.isEmpty()) {
            return Handled.only("NO_SENDER");
        }
        if (name.equals("user_out_group")) {
            members.left(binding.get(), userId);
            return Handled.only("LEFT");
        }
        if (name.equals("user_join_group")) {
            return joined(binding.get(), userId, eventKey);
        }
        if (!name.startsWith("user_send_group_")) {
            return Handled.only("IGNORED");
        }
        JsonNode message = event.path("message");
        String messageId = messageId(message.path("msg_id").asText(""));
        if (messageId == null) {
            return Handled.only("NO_MESSAGE_ID");
        }
        Members.Who who = members.who(binding.get(), userId, messageId, memo);
        Map<String, Object> request = screeningRequest(groupId, messageId, who, message, event);
        if (request == null) {
            return Handled.only("NOTHING_TO_SCREEN");
        }
        return new Handled(who.memberId() == null ? "SCREENED_UNKNOWN_MEMBER" : "SCREENED", groupId, request,
                new Members.Origin(binding.get(), messageId, userId, who));
    }

    /**
     * A Zalo Bot platform event: {@code message.*.received} in a GROUP chat (the platform's groups
     * are in beta; private chats are not a group's). The platform names the sender
     * ({@code from.display_name}): an account no member is known by is mapped by that name when
     * exactly one roster member bears it.
     */
    private Handled botMessage(String botId, String name, JsonNode event, Members.Memo memo) {
        JsonNode message = event.path("message");
        if (!name.startsWith("message.") || !"GROUP".equals(message.path("chat").path("chat_type").asText())) {
            return Handled.only("IGNORED");
        }
        Optional<Bindings.Binding> binding = bindings.ofZaloGroup(botId, message.path("chat").path("id").asText(""));
        if (binding.isEmpty()) {
            return Handled.only("UNBOUND");
        }
        String userId = message.path("from").path("id").asText("");
        String messageId = messageId(message.path("message_id").asText(""));
        if (userId.isEmpty() || messageId == null) {
            return Handled.only(userId.isEmpty() ? "NO_SENDER" : "NO_MESSAGE_ID");
        }
        String displayName = message.path("from").path("display_name").asText(null);
        if (displayName != null && !displayName.isBlank()) {
            members.listed(binding.get(), userId, displayName);
        }
        Members.Who who = members.who(binding.get(), userId, messageId, memo);
        Map<String, Object> request = screeningRequest(binding.get().groupId(), messageId, who, message, event);
        if (request == null) {
            return Handled.only("NOTHING_TO_SCREEN");
        }
        return new Handled(who.memberId() == null ? "SCREENED_UNKNOWN_MEMBER" : "SCREENED", binding.get().groupId(),
                request, new Members.Origin(binding.get(), messageId, userId, who));
    }

    /**
     * Moderation's screening request: the member's id (or {@code zalo:<account>} for an account
     * no member is known by), the name the roster gives them, the text, links and files. A
     * message with neither text nor a file or link (a sticker, a location) is not screened.
     */
    static Map<String, Object> screeningRequest(String groupId, String messageId, Members.Who who, JsonNode message,
            JsonNode event) {
        Map<String, Object> author = new LinkedHashMap<>();
        author.put("id", who.memberId() != null ? who.memberId() : "zalo:" + clip(who.zaloUserId(), 120));
        if (who.name() != null) {
            author.put("displayName", clip(who.name(), 200));
        }
        List<Map<String, Object>> attachments = new ArrayList<>();
        List<String> links = new ArrayList<>();
        for (JsonNode a : message.path("attachments")) {
            JsonNode payload = a.path("payload");
            String type = a.path("type").asText("");
            String url = payload.path("url").asText("");
            switch (type) {
                case "link" -> {
                    if (!url.isEmpty() && links.size() < 50) {
                        links.add(clip(url, 2000));
                    }
                }
                case "image", "file", "video", "audio", "gif" -> {
                    if (attachments.size() < 20) {
                        Map<String, Object> file = new LinkedHashMap<>();
                        String fileName = payload.path("name").asText("");
                        file.put("name", clip(fileName.isBlank() ? lastSegment(url, type) : fileName, 500));
                        file.put("size", size(payload.path("size").asText("0")));
                        attachments.add(file);
                    }
                }
                default -> { // sticker, location, business card: nothing a rule reads
                }
            }
        }
        String text = message.hasNonNull("text") ? message.path("text").asText(null)
                : message.path("caption").asText(null);
        if ((text == null || text.isBlank()) && attachments.isEmpty() && links.isEmpty()) {
            return null;
        }
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("groupId", groupId);
        request.put("messageId", messageId);
        request.put("author", author);
        if (text != null && !text.isBlank()) {
            request.put("text", text);
        }
        if (!attachments.isEmpty()) {
            request.put("attachments", attachments);
        }
        if (!links.isEmpty()) {
            request.put("links", links);
        }
        // the OA's events carry a timestamp (ms, a string); the Bot platform's messages a date (ms)
        Instant at = epochMillisOf(event.hasNonNull("timestamp") ? event.path("timestamp").asText(null)
                : message.path("date").asText(null));
        if (at != null) {
            request.put("postedAt", at.toString());
        }
        return request;
    }

    /** Zalo's message id when it is a plain id; else a digest of it (ids name streams and keys). */
    static String messageId(String zaloId) {
        if (zaloId.isEmpty()) {
            return null;
        }
        boolean plain = zaloId.length() <= 100;
        for (int i = 0; plain && i < zaloId.length(); i++) {
            char c = zaloId.charAt(i);
            plain = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_'
                    || c == '.';
        }
        if (plain) {
            return zaloId;
        }
        return "zh-" + vn.binhyen.connector.domain.Digest.hex(zaloId, 20);
    }

    private static long size(String s) {
        if (s.isEmpty() || s.length() > 15) {
            return 0;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return 0;
            }
        }
        return Long.parseLong(s);
    }

    private static String lastSegment(String url, String type) {
        int q = url.indexOf('?');
        String path = q >= 0 ? url.substring(0, q) : url;
        int slash = path.lastIndexOf('/');
        String last = slash >= 0 ? path.substring(slash + 1) : path;
        return last.isBlank() ? type : last;
    }

    static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    /** Zalo's timestamp: 1 to 15 ASCII digits of milliseconds since the epoch, else null. */
    public static Instant epochMillisOf(String timestamp) {
        if (timestamp == null || timestamp.isEmpty() || timestamp.length() > 15) {
            return null;
        }
        for (int i = 0; i < timestamp.length(); i++) {
            char c = timestamp.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
        }
        return Instant.ofEpochMilli(Long.parseLong(timestamp));
    }
}
