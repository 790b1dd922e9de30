package vn.binhyen.connector.config;


import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** {@code binhyen.connector.*}: the Zalo endpoints, each Official Account's keys, the webhook's window. */
@ConfigMapping(prefix = "binhyen.connector")
public interface ConnectorConfig {
    Zalo zalo();

    /** The Official Accounts this connector runs groups through, by a local name. */
    Map<String, Oa> oa();

    /** The Zalo Bot platform's bots this connector runs groups through, by a local name. */
    Map<String, Bot> bot();

    Webhook webhook();

    /**
     * The Official Account (its local name) that carries notification-service's messages to people
     * and to Zalo groups not bound here: the contacts' Zalo ids are its followers' ids. Unset: the one
     * OA configured, if there is exactly one.
     */
    Optional<String> noticesOa();

    /** The Zalo OA id of {@link #noticesOa()}, if there is one. */
    default Optional<String> noticesOaId() {
        if (noticesOa().isPresent()) {
            return Optional.ofNullable(oa().get(noticesOa().get())).map(Oa::oaId);
        }
        return oa().size() == 1 ? Optional.of(oa().values().iterator().next().oaId()) : Optional.empty();
    }

    /**
     * Why {@link #noticesOa()} cannot work, if it cannot: it names an Official Account that is not
     * configured (every message to a person would then be refused). Checked at start.
     */
    static Optional<String> noticesOaProblem(Optional<String> noticesOa, java.util.Set<String> configured) {
        if (noticesOa.isPresent() && !configured.contains(noticesOa.get())) {
            return Optional.of("binhyen.connector.notices-oa (BINHYEN_ZALO_NOTICES_OA) names the Official Account '"
                    + noticesOa.get() + "', which is not configured: the configured ones are " + new java.util.TreeSet<>(
                            configured) + " (binhyen.connector.oa.<name>.*)");
        }
        return Optional.empty();
    }

    Actions actions();

    Workers workers();

    /** This instance's workers (inbound events, outbound actions); off for a test that drives them itself. */
    interface Workers {
        @WithDefault("true")
        boolean enabled();
    }

    interface Zalo {
        /** The OA API ({@code https://openapi.zalo.me}); zalo-sim's address under bin/stack and in tests. */
        String apiUrl();

        /** Where tokens are refreshed ({@code https://oauth.zaloapp.com}). */
        String oauthUrl();

        @WithDefault("5s")
        Duration timeout();

        /** Calls a second per OA, all instances together ({@code oa_pace}); Zalo's reported limit for sending is 20. */
        @WithDefault("20")
        int callsPerSecond();

        /** How long before its expiry an access token is refreshed (Zalo's last 25 hours). */
        @WithDefault("PT1H")
        Duration refreshAhead();

        /** The Bot API ({@code https://bot-api.zaloplatforms.com}). */
        String botApiUrl();
    }

    interface Oa {
        String appId();

        String oaId();

        /** The OA secret key: it signs the webhooks (not the app secret). */
        String secretKey();

        /** The app secret: header {@code secret_key} of a token refresh. */
        String appSecret();

        /** The first access token, used until the first refresh stores its successor. */
        String accessToken();

        /** The first refresh token (single-use). */
        String refreshToken();

        /** When the first access token expires, if known; unknown ones are refreshed on Zalo's first token error. */
        Optional<java.time.Instant> accessTokenExpiresAt();
    }

    interface Bot {
        /** The bot's token (static, from Zalo Bot Creator): the Bot API's path carries it. */
        String token();

        /** What Zalo sends as {@code X-Bot-Api-Secret-Token} with each webhook (8 to 256 characters). */
        String secret();
    }

    interface Webhook {
        /**
         * How old a signed event may be: Zalo redelivers for about two hours (30 s, 5, 15, 30 and
         * 60 minutes), so a delivery within that is Zalo's; an older one is a replay.
         */
        @WithDefault("PT2H")
        Duration maxAge();

        /** How far ahead of this host's clock an event's timestamp may be. */
        @WithDefault("PT5M")
        Duration maxSkew();
    }

    interface Actions {
        /** How often the work tables are looked at when nothing wakes the workers. */
        @WithDefault("200ms")
        Duration pollEvery();

        /** The first pause after a failure that may pass (rate limit, Zalo down); doubled each time. */
        @WithDefault("1s")
        Duration firstBackoff();

        /** The longest pause (a Zalo outage): the first success afterwards makes everything waiting due at once. */
        @WithDefault("PT1M")
        Duration maxBackoff();

        /**
         * How long a claim may stay in flight before it is taken for a dead instance's: longer
         * than a call and a token refresh can take (two of {@code zalo.timeout}).
         */
        @WithDefault("PT30S")
        Duration orphanedAfter();
    }
}
