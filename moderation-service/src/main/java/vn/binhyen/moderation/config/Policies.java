package vn.binhyen.moderation.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.binhyen.eventlog.rules.ClauseIndex;
import vn.binhyen.moderation.domain.policy.Policy;
import vn.binhyen.moderation.domain.screening.Screener;
import vn.binhyen.moderation.domain.text.LegacyEncodings;

/** Loads {@code policies/<profile>.yaml} and {@code policies/terms.yaml}; a typo in a rule file fails loudly. */
public final class Policies {
    public static final List<String> IDS = List.of("ward-binh-phuoc", "police-song-tri", "council-binh-duong",
            "ioc-dak-lak", "province-lai-chau");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .registerModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private Policies() {
    }

    public static Map<String, Policy> load() {
        Map<String, Policy> out = new LinkedHashMap<>();
        for (String id : IDS) {
            Policy p = read("policies/" + id + ".yaml", Policy.class);
            if (!p.id().equals(id)) {
                throw new IllegalStateException("policies/" + id + ".yaml declares id " + p.id());
            }
            check(p);
            out.put(id, p);
        }
        return out;
    }

    /**
     * Every rule of the policy cites a clause of its own regulation that the seed has
     * ({@link ClauseIndex}); a rule without one, or borrowing another regulation's, fails the load.
     */
    public static void check(Policy p) {
        Map<String, String> citations = new LinkedHashMap<>();
        for (Policy.TermRule t : p.terms()) {
            citations.put("terms." + t.id(), t.citation());
        }
        put(citations, "links", p.links() == null ? null : p.links().id(), p.links() == null ? null : p.links().citation());
        put(citations, "attachments", p.attachments() == null ? null : p.attachments().id(),
                p.attachments() == null ? null : p.attachments().citation());
        put(citations, "encoding", p.encoding() == null ? null : p.encoding().id(),
                p.encoding() == null ? null : p.encoding().citation());
        put(citations, "displayName", p.displayName() == null ? null : p.displayName().id(),
                p.displayName() == null ? null : p.displayName().citation());
        put(citations, "policeNames", p.policeNames() == null ? null : p.policeNames().id(),
                p.policeNames() == null ? null : p.policeNames().citation());
        put(citations, "flood", p.flood() == null ? null : p.flood().id(), p.flood() == null ? null : p.flood().citation());
        if (p.sanctions() != null) {
            for (Policy.Cited step : p.sanctions().steps()) {
                citations.put("sanctions." + step.id(), step.citation());
            }
        }
        put(citations, "review", p.review() == null ? null : p.review().id(), p.review() == null ? null : p.review().citation());
        if (p.posting() != null) {
            put(citations, "posting", p.posting().id(), p.posting().citation());
            put(citations, "posting.source", p.posting().id(), p.posting().sourceCitation());
        }
        put(citations, "frozenAccounts", p.frozenAccounts() == null ? null : p.frozenAccounts().id(),
                p.frozenAccounts() == null ? null : p.frozenAccounts().citation());
        put(citations, "language", p.language() == null ? null : p.language().id(),
                p.language() == null ? null : p.language().citation());
        put(citations, "sharing", p.sharing() == null ? null : p.sharing().id(),
                p.sharing() == null ? null : p.sharing().citation());
        if (p.posting() != null && p.posting().brevity() != null) {
            put(citations, "posting.brevity", p.posting().brevity().id(), p.posting().brevity().citation());
        }
        if (p.posting() != null) {
            for (Policy.Source s : p.posting().sources()) {
                citations.put("posting.sources." + s.id(), s.citation());
            }
        }
        if (p.review() == null) {
            throw new IllegalStateException("rulebook " + p.id() + " lacks review: the clause by which its board "
                    + "decides what screening held or flagged");
        }
        ClauseIndex.standard().requireAll(p.id(), citations);
    }

    private static void put(Map<String, String> citations, String where, String id, String citation) {
        if (id != null || citation != null) {
            citations.put(where + " (" + id + ")", citation);
        }
    }

    public static Policy.TermLists termLists() {
        return read("policies/terms.yaml", Policy.TermLists.class);
    }

    /** Every profile's policy compiled for screening. */
    public static Map<String, Screener> screeners() {
        Policy.TermLists lists = termLists();
        Map<String, Screener> out = new LinkedHashMap<>();
        load().forEach((id, p) -> out.put(id, new Screener(p, lists, LegacyEncodings.standard())));
        return out;
    }

    private static <T> T read(String path, Class<T> type) {
        try (InputStream in = Policies.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is missing");
            }
            return YAML.readValue(in, type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }
}
