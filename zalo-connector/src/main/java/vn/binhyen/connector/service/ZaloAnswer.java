package vn.binhyen.connector.service;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What Zalo answered a call, by kind: Zalo answers HTTP 200 with {@code error != 0} when it
 * refuses, and the code says whether to wait ({@code -32} rate limit), to refresh the token
 * ({@code -216} invalid, {@code -220} expired) or to give up ({@code -201}, {@code -224},
 * {@code -237}, {@code -403} and the rest). A 5xx, a timeout or no connection is {@link Kind#UNAVAILABLE}.
 */
public record ZaloAnswer(Kind kind, int error, String message, JsonNode data) {
    public enum Kind {
        OK, RATE_LIMITED, TOKEN, UNAVAILABLE, PERMANENT
    }

    public static ZaloAnswer of(JsonNode body) {
        int error = body.path("error").asInt(0);
        String message = body.path("message").asText("");
        JsonNode data = body.path("data");
        return new ZaloAnswer(kindOf(error), error, message, data);
    }

    public static ZaloAnswer unavailable(String why) {
        return new ZaloAnswer(Kind.UNAVAILABLE, 0, why, null);
    }

    static Kind kindOf(int error) {
        return switch (error) {
            case 0 -> Kind.OK;
            case -32 -> Kind.RATE_LIMITED;
            case -216, -220 -> Kind.TOKEN;
            default -> Kind.PERMANENT;
        };
    }

    public boolean ok() {
        return kind == Kind.OK;
    }

    /** Zalo's code and words, for a record of why an action could not be done. */
    public String describe() {
        return kind == Kind.UNAVAILABLE ? message : "Zalo error " + error + ": " + message;
    }
}
