package vn.binhyen.zalosim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/** The shapes of Zalo's answers, and its ids. */
final class Zalo {
    /** Zalo's limit on a group message's text, in characters (Unicode code points here). */
    static final int MAX_TEXT = 2000;

    private Zalo() {
    }

    /** An OA API error: HTTP 200 with {@code {"error": <non-zero>, "message": "..."}}. */
    static ObjectNode error(int code, String message) {
        return Json.object().put("error", code).put("message", message);
    }

    /** An OA API success: {@code {"error": 0, "message": "Success", "data": {...}}}. */
    static ObjectNode success(JsonNode data) {
        ObjectNode o = Json.object().put("error", 0).put("message", "Success");
        o.set("data", data);
        return o;
    }

    /** A Bot API refusal: {@code {"ok": false, "error_code": n, "description": "..."}}. */
    static ObjectNode botError(int code, String description) {
        return Json.object().put("ok", false).put("error_code", code).put("description", description);
    }

    static ObjectNode botOk(JsonNode result) {
        ObjectNode o = Json.object().put("ok", true);
        o.set("result", result);
        return o;
    }

    /** A message or event id as Zalo writes them: 32 lowercase hex digits. */
    static String newId() {
        byte[] b = new byte[16];
        ThreadLocalRandom.current().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** A stable app-scoped user id (digits), as Zalo gives each app its own id for a user. */
    static String userIdByApp(String appId, String userId) {
        String mac = ZaloSignature.mac(appId, ":", "", userId);
        return Long.toUnsignedString(Long.parseUnsignedLong(mac.substring(0, 15), 16));
    }

    static int length(String text) {
        return text.codePointCount(0, text.length());
    }
}
