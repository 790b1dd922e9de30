package vn.binhyen.zalosim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

/** {@code /sim/…}: what tests and outside checks drive and read. Refusals: {@code {status, message}}. */
final class ControlApi {
    private final SimState state;
    private final Webhooks webhooks;

    ControlApi(SimState state, Webhooks webhooks) {
        this.state = state;
        this.webhooks = webhooks;
    }

    void handle(HttpExchange ex, List<String> seg) throws IOException {
        String first = seg.isEmpty() ? "" : seg.getFirst();
        switch (first) {
            case "groups" -> {
                if (seg.size() == 1) {
                    HttpIo.requireMethod(ex, "GET");
                    HttpIo.send(ex, 200, groups());
                    return;
                }
                if (seg.size() != 3) break;
                String groupId = seg.get(1);
                switch (seg.get(2)) {
                    case "messages" -> {
                        HttpIo.requireMethod(ex, "POST");
                        ObjectNode req = HttpIo.jsonObject(HttpIo.body(ex));
                        String msgId = webhooks.memberMessage(groupId, Json.text(req, "userId"), textField(req, "text"));
                        HttpIo.send(ex, 202, Json.object().put("msgId", msgId));
                    }
                    case "outbox" -> {
                        HttpIo.requireMethod(ex, "GET");
                        HttpIo.send(ex, 200, Json.MAPPER.valueToTree(state.outbox(groupId)));
                    }
                    case "joins" -> {
                        HttpIo.requireMethod(ex, "POST");
                        ObjectNode req = HttpIo.jsonObject(HttpIo.body(ex));
                        String eventId = webhooks.join(groupId, Json.text(req, "userId"), textField(req, "name"));
                        HttpIo.send(ex, 202, Json.object().put("eventId", eventId));
                    }
                    case "leaves" -> {
                        HttpIo.requireMethod(ex, "POST");
                        ObjectNode req = HttpIo.jsonObject(HttpIo.body(ex));
                        String eventId = webhooks.leave(groupId, Json.text(req, "userId"));
                        HttpIo.send(ex, 202, Json.object().put("eventId", eventId));
                    }
                    default -> throw notFound(seg);
                }
                return;
            }
            case "users" -> {
                if (seg.size() != 3) break;
                if (seg.get(2).equals("outbox")) { // GET /sim/users/{userId}/outbox: the OA's messages to one person
                    HttpIo.requireMethod(ex, "GET");
                    HttpIo.send(ex, 200, Json.MAPPER.valueToTree(state.personOutbox(seg.get(1))));
                    return;
                }
                if (seg.get(2).equals("interaction")) { // POST /sim/users/{userId}/interaction {at?}: their last one
                    HttpIo.requireMethod(ex, "POST");
                    ObjectNode req = HttpIo.jsonObject(HttpIo.body(ex));
                    Instant at;
                    try {
                        at = req.hasNonNull("at") ? Instant.parse(req.path("at").asText()) : state.now();
                    } catch (java.time.format.DateTimeParseException e) {
                        throw new ZaloSim.SimException(400, "at: an ISO-8601 instant, not " + req.path("at").asText());
                    }
                    state.interacted(seg.get(1), at);
                    HttpIo.send(ex, 200, Json.object().put("userId", seg.get(1)).put("at", at.toString()));
                    return;
                }
                break;
            }
            case "webhooks" -> {
                if (seg.size() == 1) {
                    HttpIo.requireMethod(ex, "GET");
                    HttpIo.send(ex, 200, Json.MAPPER.valueToTree(webhooks.deliveries()));
                    return;
                }
                if (seg.size() == 3 && seg.get(2).equals("redelivery")) {
                    HttpIo.requireMethod(ex, "POST");
                    int status = webhooks.redeliver(seg.get(1));
                    HttpIo.send(ex, 200, Json.object().put("status", status));
                    return;
                }
            }
            case "faults" -> {
                if (seg.size() != 1) break;
                HttpIo.requireMethod(ex, "GET", "POST");
                if (ex.getRequestMethod().equals("POST")) {
                    ObjectNode req = HttpIo.jsonObject(HttpIo.body(ex));
                    state.fault(textField(req, "kind"), intField(req, "count", 1), intField(req, "millis", 1000));
                }
                HttpIo.send(ex, 200, state.faults());
                return;
            }
            case "stats" -> {
                if (seg.size() != 1) break;
                HttpIo.requireMethod(ex, "GET");
                HttpIo.send(ex, 200, state.stats());
                return;
            }
            case "health" -> {
                if (seg.size() != 1) break;
                HttpIo.requireMethod(ex, "GET");
                HttpIo.send(ex, 200, Json.object().put("status", "UP"));
                return;
            }
            default -> {
            }
        }
        throw notFound(seg);
    }

    private ArrayNode groups() {
        ArrayNode out = Json.MAPPER.createArrayNode();
        synchronized (state) {
            for (SimState.GroupState g : state.groups()) {
                ObjectNode o = out.addObject().put("zaloGroupId", g.id).put("name", g.name).put("oaId", state.config.oaId())
                        .put("platform", g.platform).put("oaInGroup", g.oaInGroup).put("lockSendMsg", g.lockSendMsg);
                ArrayNode members = o.putArray("members");
                g.members.values().forEach(m -> members.addObject().put("userId", m.userId()).put("name", m.name()).put("admin", m.admin()));
            }
        }
        return out;
    }

    private static String textField(ObjectNode req, String field) {
        JsonNode v = req.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isTextual()) throw new HttpIo.HttpError(400, field + " must be a string");
        return v.asText();
    }

    private static int intField(ObjectNode req, String field, int fallback) {
        JsonNode v = req.get(field);
        if (v == null || v.isNull()) return fallback;
        if (!v.canConvertToInt() || !v.isIntegralNumber()) throw new HttpIo.HttpError(400, field + " must be an integer");
        return v.asInt();
    }

    private static HttpIo.HttpError notFound(List<String> seg) {
        return new HttpIo.HttpError(404, "no such control path: /sim/" + String.join("/", seg));
    }
}
