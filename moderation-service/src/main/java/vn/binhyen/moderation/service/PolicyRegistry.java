package vn.binhyen.moderation.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;
import vn.binhyen.contracts.moderation.ModerationEvent;
import vn.binhyen.eventlog.Actor;
import vn.binhyen.eventlog.CanonicalJson;
import vn.binhyen.eventlog.ConcurrencyException;
import vn.binhyen.eventlog.Envelope;
import vn.binhyen.eventlog.EventIds;
import vn.binhyen.eventlog.EventStore;
import vn.binhyen.eventlog.Json;
import vn.binhyen.eventlog.NewEvent;
import vn.binhyen.eventlog.decider.EventCodec;
import vn.binhyen.moderation.config.Policies;
import vn.binhyen.moderation.domain.policy.Policy;
import vn.binhyen.moderation.domain.screening.Screener;
import vn.binhyen.moderation.domain.text.LegacyEncodings;

/**
 * Every version of every profile's policy that has come into force, from the
 * {@code PolicyActivated} events; a deployed policy file with a new version is activated at
 * start-up as such an event. A message is judged by the version in force when it was posted.
 * A file whose content changed without a new version number stops the start: a version must
 * mean one text, or a replay could not be trusted.
 */
@ApplicationScoped
@Startup
public class PolicyRegistry {
    private static final Logger LOG = Logger.getLogger(PolicyRegistry.class);

    private final EventStore store;
    private final EventCodec<ModerationEvent> codec;
    private final Clock clock;
    private final Map<String, NavigableMap<Instant, Screener>> byProfile = new ConcurrentHashMap<>();

    PolicyRegistry(EventStore store, EventCodec<ModerationEvent> codec, Clock clock) {
        this.store = store;
        this.codec = codec;
        this.clock = clock;
        activateDeployed();
        reload();
    }

    public static String streamOf(String profile) {
        return "policy-" + UUID.nameUUIDFromBytes(profile.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A group's profile has no policy deployed here (a profile group-service knows and this
     * service was not given): its messages cannot be judged until one is. Not the bot's mistake,
     * and no reason to stop judging other groups' messages.
     */
    public static final class NoPolicyInForce extends IllegalStateException {
        public NoPolicyInForce(String profile) {
            super("no policy of profile " + profile + " is in force");
        }
    }

    /** The screener of the version in force at {@code at} (the first version for anything older). */
    public Screener at(String profile, Instant at) {
        NavigableMap<Instant, Screener> versions = byProfile.get(profile);
        if (versions == null || versions.isEmpty()) {
            throw new NoPolicyInForce(profile);
        }
        var entry = versions.floorEntry(at);
        return entry != null ? entry.getValue() : versions.firstEntry().getValue();
    }

    private void activateDeployed() {
        Policy.TermLists lists = Policies.termLists();
        String termsJson = canonical(lists);
        for (Policy p : Policies.load().values()) {
            String policyJson = canonical(p);
            String hash = sha256(policyJson + "\n" + termsJson);
            for (int attempt = 0; ; attempt++) {
                List<Envelope> history = store.read(streamOf(p.id()));
                var same = history.stream().map(codec::decode).map(ModerationEvent.PolicyActivated.class::cast)
                        .filter(a -> a.version() == p.version()).findFirst();
                if (same.isPresent()) {
                    if (!same.get().policySha256().equals(hash)) {
                        throw new IllegalStateException("policies/" + p.id() + ".yaml (or terms.yaml) changed without a "
                                + "new version: version " + p.version() + " is already in force with other content");
                    }
                    break;
                }
                var activated = new ModerationEvent.PolicyActivated(null, p.id(), p.version(), p.effectiveFrom(), hash,
                        policyJson, termsJson);
                try {
                    store.append(streamOf(p.id()), history.size(), List.of(new NewEvent(EventIds.next(),
                            codec.typeName(activated), codec.schemaVersion(activated), clock.instant(),
                            Actor.system("moderation-service:policies"), "policy-activation", null,
                            codec.payload(activated))));
                    LOG.infof("policy %s version %d in force from %s", p.id(), p.version(), p.effectiveFrom());
                    break;
                } catch (ConcurrencyException e) {
                    if (attempt == 3) {
                        throw e; // another instance is activating the same file; read what it wrote
                    }
                }
            }
        }
    }

    /** Rebuilds the screeners of every activated version from the events. */
    public final void reload() {
        for (String profile : Policies.IDS) {
            NavigableMap<Instant, Screener> versions = new TreeMap<>();
            for (Envelope e : store.read(streamOf(profile))) {
                var a = (ModerationEvent.PolicyActivated) codec.decode(e);
                try {
                    Policy policy = Json.MAPPER.treeToValue(upcast(Json.MAPPER.readTree(a.policyJson())), Policy.class);
                    Policy.TermLists lists = Json.MAPPER.readValue(a.termsJson(), Policy.TermLists.class);
                    versions.put(a.effectiveFrom(), new Screener(policy, lists, LegacyEncodings.standard()));
                } catch (JsonProcessingException ex) {
                    throw new IllegalStateException("policy event " + e.eventId() + " is unreadable", ex);
                }
            }
            byProfile.put(profile, versions);
        }
    }

    /**
     * A policy activated before issue 23 wrote its sanctions as one ladder under one citation
     * ({@code citation, windowDays, removeAfter, reportToAgency, referToLaw}): read it as the steps it
     * was, each under that citation, so a replay judges an old message as it was judged then.
     */
    static com.fasterxml.jackson.databind.JsonNode upcast(com.fasterxml.jackson.databind.JsonNode policy) {
        var sanctions = policy.path("sanctions");
        if (!(sanctions instanceof com.fasterxml.jackson.databind.node.ObjectNode old) || !old.has("removeAfter")) {
            return policy;
        }
        var mapper = Json.MAPPER;
        var steps = mapper.createObjectNode();
        String citation = old.path("citation").asText();
        steps.put("windowDays", old.path("windowDays").asInt());
        steps.putObject("remind").put("id", "remind").put("citation", citation);
        steps.putObject("remove").put("id", "remove").put("citation", citation)
                .put("after", old.path("removeAfter").asInt());
        var agency = steps.putObject("reportToAgency").put("id", "report-to-agency").put("citation", citation);
        agency.set("categories", old.path("reportToAgency"));
        agency.put("membersWithAnAgency", false);
        var law = steps.putObject("referToLaw").put("id", "refer-to-law").put("citation", citation);
        law.set("categories", old.path("referToLaw"));
        law.put("membersWithAnAgency", false);
        var copy = ((com.fasterxml.jackson.databind.node.ObjectNode) policy).deepCopy();
        copy.set("sanctions", steps);
        return copy;
    }

    private static String canonical(Object o) {
        return new String(CanonicalJson.bytes(Json.MAPPER.valueToTree(o)), StandardCharsets.UTF_8);
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
