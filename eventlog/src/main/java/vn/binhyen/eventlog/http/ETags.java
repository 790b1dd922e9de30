package vn.binhyen.eventlog.http;

import jakarta.ws.rs.core.EntityTag;
import java.util.OptionalLong;

/** The stream version travels as a strong ETag ({@code "7"}); {@code If-Match} states the expected one. */
public final class ETags {
    private ETags() {
    }

    public static EntityTag of(long version) {
        return new EntityTag(Long.toString(version));
    }

    /** Empty when there is no {@code If-Match}; a version when it names one; 400 otherwise. */
    public static OptionalLong expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return OptionalLong.empty();
        }
        String v = ifMatch.strip();
        if (v.startsWith("W/")) {
            throw new InvalidIfMatchException("If-Match needs a strong ETag, not " + v);
        }
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            v = v.substring(1, v.length() - 1);
        }
        try {
            long version = Long.parseLong(v);
            if (version < 0) {
                throw new NumberFormatException();
            }
            return OptionalLong.of(version);
        } catch (NumberFormatException e) {
            throw new InvalidIfMatchException("If-Match must be a stream version such as \"3\", not " + ifMatch);
        }
    }
}
