package vn.binhyen.moderation.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static vn.binhyen.moderation.rest.ScreeningResourceTests.screen;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import vn.binhyen.contracts.moderation.ModerationEvent;
import vn.binhyen.eventlog.Actor;
import vn.binhyen.eventlog.CanonicalJson;
import vn.binhyen.eventlog.EventIds;
import vn.binhyen.eventlog.EventStore;
import vn.binhyen.eventlog.Json;
import vn.binhyen.eventlog.NewEvent;
import vn.binhyen.eventlog.decider.EventCodec;
import vn.binhyen.moderation.config.Policies;
import vn.binhyen.moderation.domain.policy.Policy;
import vn.binhyen.moderation.service.PolicyRegistry;
import vn.binhyen.testsupport.KafkaBrokerResource;
import vn.binhyen.testsupport.PostgresDatabaseResource;

/** A policy change is an event with an effective time; each message is judged by the version in force when posted. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PostgresDatabaseResource.class)
class PolicyVersionTests {
    @Inject
    EventStore store;

    @Inject
    EventCodec<ModerationEvent> codec;

    @Inject
    PolicyRegistry registry;

    @Test
    void deployedPolicies_areActivatedAsEvents_once() {
        for (Policy deployed : Policies.load().values()) {
            var history = store.read(PolicyRegistry.streamOf(deployed.id()));
            assertThat(history).as(deployed.id()).allSatisfy(e -> assertThat(e.eventType()).isEqualTo("PolicyActivated"))
                    .filteredOn(e -> e.payload().path("version").asInt() == deployed.version()).hasSize(1);
        }
    }

    @Test
    void aMessageIsJudgedByThePolicyInForceWhenItWasPosted() {
        // the next version of ward-binh-phuoc drops the advertising rule from 2030 on
        Policy v1 = Policies.load().get("ward-binh-phuoc");
        int next = v1.version() + 1;
        Instant from = Instant.parse("2030-01-01T00:00:00Z");
        Policy v2 = new Policy(v1.id(), next, from, v1.title(), v1.terms().stream()
                .filter(t -> !t.id().equals("advertising")).toList(), v1.links(), v1.attachments(), v1.encoding(),
                v1.displayName(), v1.policeNames(), v1.flood(), v1.sanctions(), v1.review(), v1.posting(),
                v1.frozenAccounts(), v1.language(), v1.sharing());
        String policyJson = new String(CanonicalJson.bytes(Json.MAPPER.valueToTree(v2)), StandardCharsets.UTF_8);
        String termsJson = new String(CanonicalJson.bytes(Json.MAPPER.valueToTree(Policies.termLists())),
                StandardCharsets.UTF_8);
        var activated = new ModerationEvent.PolicyActivated(null, v2.id(), next, from, "test", policyJson, termsJson);
        String stream = PolicyRegistry.streamOf("ward-binh-phuoc");
        store.append(stream, store.version(stream), List.of(new NewEvent(EventIds.next(), codec.typeName(activated),
                1, Instant.now(), Actor.system("test"), "test", null, codec.payload(activated))));
        registry.reload();

        String group = "group-" + UUID.randomUUID();
        String ad = "Khuyến mãi lớn, giảm giá 50%, liên hệ mua ngay";
        screen(Map.of("groupId", group, "messageId", "before", "author", Map.of("id", "a"), "text", ad,
                "postedAt", "2029-12-31T23:59:59Z")).statusCode(200).body("decision", equalTo("REMOVE"))
                .body("policyVersion", equalTo(v1.version()));
        screen(Map.of("groupId", group, "messageId", "after", "author", Map.of("id", "a"), "text", ad,
                "postedAt", "2030-01-01T00:00:01Z")).statusCode(200).body("decision", equalTo("ALLOW"))
                .body("policyVersion", equalTo(next));
    }
}
