package vn.binhyen.eventlog;

import java.util.List;

/**
 * What an append wrote: the envelopes with their versions and hashes, and the stream's new
 * version (the HTTP ETag). {@code replayed} is true when every event id was already stored,
 * so nothing was written.
 */
public record AppendResult(String streamId, long version, List<Envelope> events, boolean replayed) {
}
