package vn.binhyen.audit;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * One record of an event-log topic, where it was found, its headers and its bytes. Headers are
 * decoded only when asked for: a verify of a million records reads three of seventeen.
 */
public record LogRecord(String topic, int partition, long offset, Headers kafkaHeaders, byte[] value) {

    /** A record with the given headers (tests and tools that build records themselves). */
    public static LogRecord of(String topic, int partition, long offset, Map<String, String> headers, byte[] value) {
        RecordHeaders h = new RecordHeaders();
        headers.forEach((k, v) -> h.add(k, v == null ? null : v.getBytes(StandardCharsets.UTF_8)));
        return new LogRecord(topic, partition, offset, h, value);
    }

    /** The last value of a header, or null. */
    public String header(String key) {
        Header h = kafkaHeaders.lastHeader(key);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** Every header, decoded (the last value of each). */
    public Map<String, String> headers() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Header h : kafkaHeaders) {
            out.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
        }
        return out;
    }
}
