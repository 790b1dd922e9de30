package vn.binhyen.eventlog;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.erdtman.jcs.NumberToJSON;

/**
 * RFC 8785 (JSON Canonicalization Scheme) bytes of a Jackson tree.
 *
 * <p>The tree is walked directly: property names sorted by UTF-16 code units
 * ({@link String#compareTo} is exactly that order), strings escaped as ECMAScript's
 * JSON.stringify does, no whitespace. Numbers, the one hard part, are formatted by the
 * reference implementation's ES6 number serialiser ({@link NumberToJSON}, by the RFC's
 * co-author). Going through the reference {@code JsonCanonicalizer} whole would cost a
 * serialise-and-reparse per event (about 14 µs, a fifth of the verification target); a
 * randomised test keeps this walker byte-identical to it.
 */
public final class CanonicalJson {
    private CanonicalJson() {
    }

    public static byte[] bytes(JsonNode node) {
        StringBuilder out = new StringBuilder(512);
        write(node, out);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static String string(JsonNode node) {
        StringBuilder out = new StringBuilder(512);
        write(node, out);
        return out.toString();
    }

    /** Appends the canonical form of {@code node} (used for fixed-shape objects written field by field). */
    static void write(JsonNode node, StringBuilder out) {
        switch (node.getNodeType()) {
            case OBJECT -> {
                List<String> names = new ArrayList<>(node.size());
                Iterator<String> it = node.fieldNames();
                while (it.hasNext()) {
                    names.add(it.next());
                }
                names.sort(null);
                out.append('{');
                boolean first = true;
                for (String name : names) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    string(name, out);
                    out.append(':');
                    write(node.get(name), out);
                }
                out.append('}');
            }
            case ARRAY -> {
                out.append('[');
                for (int i = 0; i < node.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    write(node.get(i), out);
                }
                out.append(']');
            }
            case STRING -> string(node.textValue(), out);
            case NUMBER -> number(node, out);
            case BOOLEAN -> out.append(node.booleanValue() ? "true" : "false");
            case NULL -> out.append("null");
            default -> throw new IllegalArgumentException("not JSON data: " + node.getNodeType());
        }
    }

    private static void number(JsonNode node, StringBuilder out) {
        if (node.isInt() || node.isShort() || (node.isLong() && Math.abs(node.longValue()) <= (1L << 53))) {
            out.append(node.longValue()); // exact in a double, and ES6 prints such integers plainly
            return;
        }
        double d = node.doubleValue();
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new IllegalArgumentException("RFC 8785 has no form for " + d);
        }
        try {
            out.append(NumberToJSON.serializeNumber(d));
        } catch (IOException e) {
            throw new IllegalArgumentException("not canonicalisable (RFC 8785): " + d, e);
        }
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    static void string(String s, StringBuilder out) {
        out.append('"');
        int run = 0; // the start of the current run of characters copied as they are
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\' && !Character.isSurrogate(c)) {
                continue; // most characters: copied later with their whole run, not one by one
            }
            out.append(s, run, i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1))) {
                        out.append(c).append(s.charAt(++i));
                    } else {
                        throw new IllegalArgumentException("lone surrogate in a string: RFC 8785 needs valid Unicode");
                    }
                }
            }
            run = i + 1;
        }
        out.append(s, run, s.length());
        out.append('"');
    }

    /** For tests: the reference implementation's bytes, the oracle this walker must match. */
    static byte[] referenceBytes(JsonNode node) throws IOException {
        return new org.erdtman.jcs.JsonCanonicalizer(Json.MAPPER.writeValueAsString(node)).getEncodedUTF8();
    }

}
