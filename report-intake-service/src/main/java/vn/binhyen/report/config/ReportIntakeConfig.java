package vn.binhyen.report.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * report-intake-service's own settings, in one place: the four prefixes it owns, each a mapping
 * checked whole at start (a key of them the mapping does not know stops the start): the tips'
 * clocks ({@code binhyen.report.*}), the officers' console ({@code binhyen.dashboard.*}), the boards'
 * console's calls to the other services ({@code binhyen.console.*}) and Open311's contact
 * ({@code binhyen.open311.*}). One mapping of {@code binhyen} would also claim eventlog's keys
 * (the relay, the tokens, the production secrets), which are not the service's to declare.
 */
public interface ReportIntakeConfig {
    /** Tips and their clocks (police-song-tri:14-15). */
    @ConfigMapping(prefix = "binhyen.report")
    interface Report {
        Clock clock();

        Emergency emergency();

        /** The file holding the master key that wraps each report's key; none on a development stack only. */
        java.util.Optional<String> masterKeyFile();

        /** How often the clock's due deadlines are swept, as its {@code @Scheduled} reads it: a duration, or "off". */
        @WithDefault("10s")
        String sweepEvery();

        /** Each kind's clock: 24 hours at most, which configuration may shorten and never lengthen. */
        interface Clock {
            @WithDefault("PT24H")
            Duration crimeTip();

            @WithDefault("PT24H")
            Duration feedback();

            @WithDefault("PT24H")
            Duration emergency();
        }

        interface Emergency {
            /** How often an unanswered emergency pages the commanders again (police-song-tri:15.4). */
            @WithDefault("PT5M")
            Duration reescalateEvery();
        }
    }

    /** The officers' console (the duty officers' dashboard). */
    @ConfigMapping(prefix = "binhyen.dashboard")
    interface Dashboard {
        /** The unit an officer's session belongs to when the token names none. */
        String unit();

        /** Whether the session cookie is marked Secure (false only on plain-HTTP development stacks). */
        boolean secureCookie();

        @WithDefault("PT12H")
        Duration sessionLength();

        /** Where the console is reached (the sign-in's redirect address). */
        String url();

        /** How often the queue is checked for changes LISTEN/NOTIFY did not bring. */
        @WithDefault("PT1S")
        Duration pollEvery();

        Oidc oidc();

        Sse sse();

        /** The sign-in through the identity provider (OpenID Connect, code flow). */
        interface Oidc {
            String issuer();

            String clientId();

            String clientSecret();
        }

        /** The console's live streams. */
        interface Sse {
            @WithDefault("3")
            int maxPerSession();

            @WithDefault("200")
            int maxTotal();

            /** How often a stream's session is checked (signed out, expired). */
            @WithDefault("PT30S")
            Duration sessionCheckEvery();

            @WithDefault("16")
            int buffer();
        }
    }

    /** The boards' console acts through the other services' APIs as the person. */
    @ConfigMapping(prefix = "binhyen.console")
    interface Console {
        String groupServiceUrl();

        String moderationServiceUrl();
    }

    @ConfigMapping(prefix = "binhyen.open311")
    interface Open311 {
        /** Who answers for the service, as GeoReport's discovery document names them. */
        String contact();
    }
}
