package vn.binhyen.moderation.service;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import java.time.Clock;
import java.time.Instant;
import vn.binhyen.contracts.moderation.ModerationEvent;
import vn.binhyen.eventlog.EventStore;
import vn.binhyen.eventlog.Json;
import vn.binhyen.eventlog.decider.EventCodec;
import vn.binhyen.moderation.config.Policies;
import vn.binhyen.moderation.domain.policy.Policy;
import vn.binhyen.moderation.domain.screening.Screener;
import vn.binhyen.moderation.domain.text.LegacyEncodings;

/**
 * The service's policies, and one more for the tests: profile {@value #PROFILE}, police-song-tri's
 * policy with a link rule made slow on purpose (250,000 protected domains, each link compared
 * with every one of them: seconds of CPU time for a message with fifty links). The stream's
 * budget per record is tested with it (issue 20). Every other profile is the service's own.
 */
@Alternative
@Priority(1)
@jakarta.inject.Singleton // not a normal scope: a subclass of a bean with constructor injection cannot be proxied
public class PoliciesWithASlowRule extends PolicyRegistry {
    public static final String PROFILE = "test-slow-link-rule";
    public static final int PROTECTED_DOMAINS = 250_000;
    private volatile Screener slow;

    PoliciesWithASlowRule(EventStore store, EventCodec<ModerationEvent> codec, Clock clock) {
        super(store, codec, clock);
    }

    @Override
    public Screener at(String profile, Instant at) {
        return PROFILE.equals(profile) ? slow() : super.at(profile, at);
    }

    private synchronized Screener slow() {
        if (slow == null) {
            Policy base = Policies.load().get("police-song-tri");
            ObjectNode tree = Json.MAPPER.valueToTree(base);
            tree.put("id", PROFILE);
            ArrayNode domains = ((ObjectNode) tree.get("links")).putArray("protectedDomains");
            for (int i = 0; i < PROTECTED_DOMAINS; i++) {
                domains.add("don-vi-" + i + "-cong-an-phuong-song-tri.gov.vn");
            }
            try {
                slow = new Screener(Json.MAPPER.treeToValue(tree, Policy.class), Policies.termLists(),
                        LegacyEncodings.standard());
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        return slow;
    }

    /** Fifty links that look like none of the protected domains: each compared with all of them. */
    public static java.util.List<String> slowLinks() {
        java.util.List<String> links = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            links.add("https://qx-" + i + "-zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz.example.org/x");
        }
        return links;
    }
}
