package vn.binhyen.audit;

import java.util.Map;

/** One record of an event-log topic, where it was found, its headers and its bytes. */
public record LogRecord(String topic, int partition, long offset, Map<String, String> headers, byte[] value) {
}
