package vn.binhyen.audit;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * One record of an event-log topic, where it was found, its headers and its bytes. Headers are
 * decoded only when asked for: a verify of a million records reads three of seventeen.
 */
public record LogRecord(String topic, int partition, long offset, Headers kafkaHeaders, byte[] value) {

    /** The last value of a header, or null. */
    public String header(String key) {
        Header h = kafkaHeaders.lastHeader(key);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
