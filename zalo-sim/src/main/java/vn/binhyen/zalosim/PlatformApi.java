package vn.binhyen.zalosim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What the connector talks to: the OA API's group calls (GMF), its token refresh, and the Bot API.
 * Each call goes through the injected faults first, then the access token, then the rate limit.
 */
final class PlatformApi {
    private final SimState state;

    PlatformApi(SimState state) {
        this.state = state;
    }

    // --- OA API ---

    void oa(HttpExchange ex, String op) throws IOException {
        boolean get = switch (op) {
            case "listmember", "getgroup", "conversation" -> true;
            case "message", "removemembers", "updateinfo" -> false;
            default -> throw new HttpIo.HttpError(404, "unknown OA API: group/" + op);
        };
        HttpIo.requireMethod(ex, get ? "GET" : "POST");
        ObjectNode req = get ? HttpIo.query(ex) : HttpIo.jsonObject(HttpIo.body(ex));
        String call = "group/" + op;
        String groupId = op.equals("message") ? Json.text(req.path("recipient"), "group_id") : Json.text(req, "group_id");
        SimState.GroupState g = state.group(groupId);

        if (faulted(ex, g, call, req)) return;
        int tokenError = state.accessTokenError(ex.getRequestHeaders().getFirst("access_token"));
        ObjectNode answer;
        synchronized (state) {
            answer = refusedCall(tokenError);
            if (answer != null) {
                // the token or the rate limit refused it
            } else if (g == null) {
                answer = Zalo.error(-201, groupId == null ? "Parameter is invalid: group_id" : "Group does not exist");
            } else if (!g.oaInGroup || g.bot()) {
                answer = Zalo.error(-403, "OA is not a member of this group");
            } else {
                answer = switch (op) {
                    case "message" -> message(g, req);
                    case "listmember" -> listMember(g, req);
                    case "removemembers" -> removeMembers(g, req);
                    case "updateinfo" -> updateInfo(g, req);
                    case "conversation" -> conversation(g, req);
                    default -> getGroup(g);
                };
            }
            state.record(g, call, req, answer.path("error").asInt());
        }
        HttpIo.send(ex, 200, answer);
    }

    /**
     * {@code POST /v3.0/oa/message/cs}: the OA's message to one person ({@code recipient.user_id},
     * an id scoped to the OA). Zalo refuses a person who does not follow the OA (-213), and one whose
     * last interaction with the OA is older than its consultation window, 7 days (-230); here the OA's
     * followers are the members of its simulated groups, taken to have interacted when the simulator
     * started, and {@code POST /sim/users/{userId}/interaction} sets a person's last interaction.
     */
    void personMessage(HttpExchange ex) throws IOException {
        HttpIo.requireMethod(ex, "POST");
        ObjectNode req = HttpIo.jsonObject(HttpIo.body(ex));
        String call = "message/cs";
        if (faulted(ex, null, call, req)) return;
        int tokenError = state.accessTokenError(ex.getRequestHeaders().getFirst("access_token"));
        String userId = Json.text(req.path("recipient"), "user_id");
        JsonNode text = req.path("message").path("text");
        ObjectNode answer;
        synchronized (state) {
            answer = refusedCall(tokenError);
            if (answer != null) {
                // the token or the rate limit refused it
            } else if (userId == null) {
                answer = Zalo.error(-201, "Parameter is invalid: recipient.user_id");
            } else if (!text.isTextual() || text.asText().isEmpty()) {
                answer = Zalo.error(-201, "Parameter is invalid: message.text");
            } else if (Zalo.length(text.asText()) > Zalo.MAX_TEXT) {
                answer = Zalo.error(-210, "Parameter exceeds its limit");
            } else if (!state.follower(userId)) {
                answer = Zalo.error(-213, "User has not followed OA");
            } else if (!state.withinInteractionWindow(userId)) {
                answer = Zalo.error(-230, "User has not interacted with the OA in the last 7 days");
            } else {
                String messageId = Zalo.newId();
                answer = Zalo.success(Json.object().put("message_id", messageId).put("user_id", userId));
                state.delivered(userId, messageId, text.asText());
            }
            state.recordPerson(userId, call, req, answer.path("error").asInt());
        }
        HttpIo.send(ex, 200, answer);
    }

    /**
     * {@code GET /v2.0/oa/conversation?data={"user_id","offset","count"}}: the OA's conversation with one
     * person, newest first, at most 10 at a time (the v2 call's JSON-in-{@code data} shape); here it holds
     * the OA's messages that reached the person ({@code src} 0).
     */
    void personConversation(HttpExchange ex) throws IOException {
        HttpIo.requireMethod(ex, "GET");
        ObjectNode query = HttpIo.query(ex);
        ObjectNode req;
        try {
            req = HttpIo.jsonObject(Json.text(query, "data") == null ? new byte[0]
                    : Json.text(query, "data").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (HttpIo.HttpError e) {
            HttpIo.send(ex, 200, Zalo.error(-201, "Parameter is invalid: data"));
            return;
        }
        String call = "conversation";
        if (faulted(ex, null, null, req)) return;
        int tokenError = state.accessTokenError(ex.getRequestHeaders().getFirst("access_token"));
        String userId = Json.text(req, "user_id");
        int offset = req.path("offset").asInt(0);
        int count = req.path("count").asInt(10);
        ObjectNode answer;
        synchronized (state) {
            answer = refusedCall(tokenError);
            if (answer != null) {
                // the token or the rate limit refused it
            } else if (userId == null) {
                answer = Zalo.error(-201, "Parameter is invalid: user_id");
            } else if (offset < 0 || count < 1 || count > 10) {
                answer = Zalo.error(-210, "Parameter exceeds its limit");
            } else {
                var data = Json.MAPPER.createArrayNode();
                state.personChat(userId, offset, count).forEach(data::add);
                answer = Zalo.success(data);
            }
            state.recordPerson(userId, call, req, answer.path("error").asInt());
        }
        HttpIo.send(ex, 200, answer);
    }

    /** Zalo's answer to a call its token or the OA's rate limit refuses; null when it may go on (hold the monitor). */
    private ObjectNode refusedCall(int tokenError) {
        if (tokenError != 0) {
            return Zalo.error(tokenError, tokenError == -220 ? "Access token expired" : "Access token is invalid");
        }
        return state.admitOaCall() ? null : Zalo.error(-32, "Rate limit exceeded");
    }

    private static ObjectNode message(SimState.GroupState g, ObjectNode req) {
        JsonNode text = req.path("message").path("text");
        if (!text.isTextual() || text.asText().isEmpty()) return Zalo.error(-201, "Parameter is invalid: message.text");
        if (Zalo.length(text.asText()) > Zalo.MAX_TEXT) return Zalo.error(-210, "Parameter exceeds its limit");
        String id = Zalo.newId();
        g.chat.add(Json.object().put("message_id", id).put("src", 0).put("from_id", "oa").put("message", text.asText())
                .put("time", System.currentTimeMillis()));
        return Zalo.success(Json.object().put("message_id", id).put("group_id", g.id));
    }

    /**
     * {@code GET group/conversation?group_id=&offset=&count=}: the group's recent messages, newest
     * first, in the shape of the OA's conversation API ({@code src} 0 for the OA's own). The
     * field names are modelled on the OA's person-to-OA conversation call; GMF's own could not be
     * read from an official page (zalo-sim/README.md).
     */
    private static ObjectNode conversation(SimState.GroupState g, ObjectNode req) {
        int offset;
        int count;
        try {
            offset = Integer.parseInt(Json.text(req, "offset") == null ? "0" : Json.text(req, "offset"));
            count = Integer.parseInt(Json.text(req, "count") == null ? "10" : Json.text(req, "count"));
        } catch (NumberFormatException e) {
            return Zalo.error(-201, "Parameter is invalid: offset/count");
        }
        if (offset < 0 || count < 1 || count > 50) return Zalo.error(-210, "Parameter exceeds its limit");
        var data = Json.MAPPER.createArrayNode();
        for (int i = g.chat.size() - 1 - offset; i >= 0 && data.size() < count; i--) {
            data.add(g.chat.get(i).deepCopy());
        }
        return Zalo.success(data);
    }

    private static ObjectNode listMember(SimState.GroupState g, ObjectNode req) {
        int offset;
        int count;
        try {
            offset = Integer.parseInt(Json.text(req, "offset") == null ? "0" : Json.text(req, "offset"));
            count = Integer.parseInt(Json.text(req, "count") == null ? "50" : Json.text(req, "count"));
        } catch (NumberFormatException e) {
            return Zalo.error(-201, "Parameter is invalid: offset and count are numbers");
        }
        if (offset < 0 || count < 1) return Zalo.error(-201, "Parameter is invalid: offset or count");
        if (count > 50) return Zalo.error(-210, "Parameter exceeds its limit");
        List<ZaloSim.Member> all = new ArrayList<>(g.members.values());
        ArrayNode members = Json.MAPPER.createArrayNode();
        for (int i = offset; i < Math.min(all.size(), (long) offset + count); i++) {
            ZaloSim.Member m = all.get(i);
            members.addObject().put("user_id", m.userId()).put("name", m.name())
                    .put("avatar", "https://avatar.zalo-sim.invalid/" + m.userId() + ".jpg");
        }
        ObjectNode data = Json.object().put("total", all.size());
        data.set("members", members);
        return Zalo.success(data);
    }

    private static ObjectNode removeMembers(SimState.GroupState g, ObjectNode req) {
        JsonNode ids = req.path("member_user_ids");
        if (!ids.isArray() || ids.isEmpty()) return Zalo.error(-201, "Parameter is invalid: member_user_ids");
        for (JsonNode id : ids) {
            if (!id.isTextual()) return Zalo.error(-201, "Parameter is invalid: member_user_ids");
        }
        for (JsonNode id : ids) g.members.remove(id.asText());
        return Zalo.success(Json.object().put("group_id", g.id));
    }

    private static ObjectNode updateInfo(SimState.GroupState g, ObjectNode req) {
        JsonNode lock = req.get("lock_send_msg");
        JsonNode name = req.get("group_name");
        if (lock != null && !lock.isBoolean()) return Zalo.error(-201, "Parameter is invalid: lock_send_msg");
        if (name != null && (!name.isTextual() || name.asText().isBlank())) return Zalo.error(-201, "Parameter is invalid: group_name");
        if (lock == null && name == null) return Zalo.error(-201, "Parameter is invalid: nothing to update");
        if (lock != null) g.lockSendMsg = lock.asBoolean();
        if (name != null) g.name = name.asText();
        return Zalo.success(Json.object().put("group_id", g.id));
    }

    private static ObjectNode getGroup(SimState.GroupState g) {
        ObjectNode data = Json.object();
        data.putObject("group_info").put("group_id", g.id).put("name", g.name).put("status", "enabled")
                .put("total_member", g.members.size()).put("max_member", 1000);
        data.putObject("group_setting").put("lock_send_msg", g.lockSendMsg).put("join_appr", true)
                .put("enable_msg_history", true).put("enable_link_join", false);
        return Zalo.success(data);
    }

    /** {@code POST /v4/oa/access_token}: form body, header {@code secret_key}; refresh tokens are single-use. */
    void accessToken(HttpExchange ex) throws IOException {
        HttpIo.requireMethod(ex, "POST");
        ObjectNode form = HttpIo.form(new String(HttpIo.body(ex), StandardCharsets.UTF_8));
        if (faulted(ex, null, null, form)) return;
        HttpIo.send(ex, 200, state.refresh(Json.text(form, "app_id"), ex.getRequestHeaders().getFirst("secret_key"),
                Json.text(form, "grant_type"), Json.text(form, "refresh_token")));
    }

    // --- Bot API ---

    /** {@code /bot<TOKEN>/<method>}; {@code rest} is what follows "/bot". */
    void bot(HttpExchange ex, String rest) throws IOException {
        int slash = rest.lastIndexOf('/');
        if (slash <= 0) throw new HttpIo.HttpError(404, "Not Found");
        String token = HttpIo.decodeSegment(rest.substring(0, slash));
        String method = rest.substring(slash + 1);
        switch (method) {
            case "getMe" -> HttpIo.requireMethod(ex, "GET", "POST");
            case "sendMessage" -> HttpIo.requireMethod(ex, "POST");
            default -> throw new HttpIo.HttpError(404, "Not Found: method " + method);
        }
        ObjectNode req = method.equals("sendMessage") ? HttpIo.jsonObject(HttpIo.body(ex)) : Json.object();
        SimState.GroupState g = null;
        if (method.equals("sendMessage")) {
            SimState.GroupState candidate = state.group(Json.text(req, "chat_id"));
            g = candidate != null && candidate.bot() ? candidate : null;
        }
        String call = "bot/" + method;
        if (faulted(ex, g, call, req)) return;
        if (!token.equals(state.config.botToken())) {
            HttpIo.send(ex, 401, Zalo.botError(401, "Unauthorized"));
            return;
        }
        if (method.equals("getMe")) {
            String token0 = state.config.botToken();
            String id = token0.contains(":") ? token0.substring(0, token0.indexOf(':')) : "sim-bot";
            HttpIo.send(ex, 200, Zalo.botOk(Json.object().put("id", id).put("account_name", "BotBinhYenSim")
                    .put("account_type", "BASIC").put("can_join_groups", true)));
            return;
        }
        ObjectNode answer;
        int status;
        synchronized (state) {
            JsonNode text = req.path("text");
            if (g == null) {
                status = 400;
                answer = Zalo.botError(400, "Bad Request: chat not found");
            } else if (!text.isTextual() || text.asText().isEmpty() || Zalo.length(text.asText()) > Zalo.MAX_TEXT) {
                status = 400;
                answer = Zalo.botError(400, "Bad Request: text must be 1 to " + Zalo.MAX_TEXT + " characters");
            } else {
                status = 200;
                answer = Zalo.botOk(Json.object().put("message_id", Zalo.newId()).put("date", state.now().toEpochMilli()));
            }
            state.record(g, call, req, status == 200 ? 0 : status);
        }
        HttpIo.send(ex, status, answer);
    }

    // --- faults ---

    /** Applies down / slow / server-error; true when the call was answered (and recorded) here. */
    private boolean faulted(HttpExchange ex, SimState.GroupState g, String call, ObjectNode req) throws IOException {
        SimState.FaultOutcome f = state.platformCall();
        if (f.sleepMillis() > 0) {
            try {
                Thread.sleep(f.sleepMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (f.httpStatus() == 0) return false;
        if (call != null) state.record(g, call, req, f.httpStatus());
        HttpIo.sendText(ex, f.httpStatus(), f.httpStatus() == 503 ? "Service Unavailable" : "Internal Server Error");
        return true;
    }
}
