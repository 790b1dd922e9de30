package vn.binhyen.zalosim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reading requests (bounded) and writing answers. */
final class HttpIo {
    /** Request bodies above this answer 413. */
    static final int MAX_BODY = 1 << 20;

    /** A request refused before it reaches the simulated platform: status and a short reason. */
    static final class HttpError extends RuntimeException {
        final int status;

        HttpError(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    private HttpIo() {
    }

    static byte[] body(HttpExchange ex) {
        try (InputStream in = ex.getRequestBody()) {
            byte[] b = in.readNBytes(MAX_BODY + 1);
            if (b.length > MAX_BODY) throw new HttpError(413, "request body over " + MAX_BODY + " bytes");
            return b;
        } catch (IOException e) {
            throw new HttpError(400, "request body unreadable");
        }
    }

    /** The body as a JSON object, or 400. */
    static ObjectNode jsonObject(byte[] body) {
        if (body.length == 0) throw new HttpError(400, "request body must be a JSON object");
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            String why = e.getOriginalMessage();
            if (why != null && why.length() > 200) why = why.substring(0, 200) + "…";
            throw new HttpError(400, "malformed JSON: " + why);
        } catch (IOException e) {
            throw new HttpError(400, "malformed JSON");
        }
        if (node == null || !node.isObject()) throw new HttpError(400, "request body must be a JSON object");
        return (ObjectNode) node;
    }

    /** The parts of {@code s} between occurrences of {@code c}, in one pass (no regular expression on client text). */
    static java.util.List<String> parts(String s, char c) {
        java.util.List<String> out = new java.util.ArrayList<>();
        int from = 0;
        for (int i = s.indexOf(c); i >= 0; i = s.indexOf(c, from)) {
            out.add(s.substring(from, i));
            from = i + 1;
        }
        out.add(s.substring(from));
        return out;
    }

    /** {@code a=1&b=2} (a query or a form body) as an object of strings; the first of repeated names wins. */
    static ObjectNode form(String raw) {
        Map<String, String> values = new LinkedHashMap<>();
        if (raw != null && !raw.isEmpty()) {
            for (String pair : parts(raw, '&')) {
                if (pair.isEmpty()) continue;
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                values.putIfAbsent(name, value);
            }
        }
        ObjectNode o = Json.object();
        values.forEach(o::put);
        return o;
    }

    static ObjectNode query(HttpExchange ex) {
        return form(ex.getRequestURI().getRawQuery());
    }

    static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new HttpError(400, "malformed percent-encoding");
        }
    }

    /** A path segment: percent-decoded, a '+' kept as it is. */
    static String decodeSegment(String s) {
        return decode(s.replace("+", "%2B"));
    }

    static void requireMethod(HttpExchange ex, String... allowed) {
        for (String m : allowed) {
            if (m.equals(ex.getRequestMethod())) return;
        }
        ex.getResponseHeaders().set("Allow", String.join(", ", allowed));
        throw new HttpError(405, "method " + ex.getRequestMethod() + " not allowed; use " + String.join(" or ", allowed));
    }

    static void send(HttpExchange ex, int status, JsonNode body) throws IOException {
        write(ex, status, "application/json; charset=utf-8", Json.bytes(body));
    }

    static void sendText(HttpExchange ex, int status, String text) throws IOException {
        write(ex, status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    private static void write(HttpExchange ex, int status, String contentType, byte[] bytes) throws IOException {
        ex.getResponseHeaders().set("Content-Type", contentType);
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
