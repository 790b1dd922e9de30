package vn.binhyen.zalosim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.util.ArrayList;
import java.util.List;

/**
 * Sends each request to its API: {@code /sim/…} control, {@code /v3.0/oa/group/…},
 * {@code /v3.0/oa/message/cs} and
 * {@code /v4/oa/access_token} OA, {@code /bot<TOKEN>/…} Bot. Every refusal is JSON in the style of the
 * API it belongs to; nothing ever answers with a stack trace.
 */
final class Router implements HttpHandler {
    private enum Style { CONTROL, OA, BOT }

    private final ControlApi control;
    private final PlatformApi platform;

    Router(SimState state, Webhooks webhooks) {
        this.control = new ControlApi(state, webhooks);
        this.platform = new PlatformApi(state);
    }

    @Override
    public void handle(HttpExchange ex) {
        String path = ex.getRequestURI().getRawPath();
        Style style = Style.CONTROL;
        try {
            if (path.equals("/sim") || path.startsWith("/sim/")) {
                control.handle(ex, segments(path.substring(4)));
            } else if (path.equals("/v3.0/oa/message/cs")) {
                style = Style.OA;
                platform.personMessage(ex);
            } else if (path.equals("/v2.0/oa/conversation")) {
                style = Style.OA;
                platform.personConversation(ex);
            } else if (path.startsWith("/v3.0/oa/group/")) {
                style = Style.OA;
                platform.oa(ex, path.substring("/v3.0/oa/group/".length()));
            } else if (path.equals("/v4/oa/access_token")) {
                style = Style.OA;
                platform.accessToken(ex);
            } else if (path.startsWith("/bot")) {
                style = Style.BOT;
                platform.bot(ex, path.substring(4));
            } else {
                throw new HttpIo.HttpError(404, "no such path: " + path);
            }
        } catch (HttpIo.HttpError e) {
            refuse(ex, style, e.status, e.getMessage());
        } catch (ZaloSim.SimException e) {
            refuse(ex, style, e.status(), e.getMessage());
        } catch (Throwable e) {
            System.err.println("zalo-sim: " + ex.getRequestMethod() + " " + path + " failed: " + e);
            refuse(ex, style, 500, "internal simulator error");
        } finally {
            ex.close();
        }
    }

    private static void refuse(HttpExchange ex, Style style, int status, String message) {
        ObjectNode body = switch (style) {
            case CONTROL -> Json.object().put("status", status).put("message", message);
            case OA -> Zalo.error(status == 413 ? -210 : -201, message);
            case BOT -> Zalo.botError(status, message);
        };
        try {
            HttpIo.send(ex, status, body);
        } catch (Exception ignored) {
            // the answer was already started, or the client went away: nothing more to tell it
        }
    }

    /** "/groups/g%201/messages" → [groups, g 1, messages]. */
    private static List<String> segments(String rawPath) {
        List<String> out = new ArrayList<>();
        for (String s : HttpIo.parts(rawPath, '/')) {
            if (!s.isEmpty()) out.add(HttpIo.decodeSegment(s));
        }
        return out;
    }
}
