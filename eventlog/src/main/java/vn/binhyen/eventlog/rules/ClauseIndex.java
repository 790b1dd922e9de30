package vn.binhyen.eventlog.rules;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every article, clause and point of the five seed regulations, typed from the seeds
 * ({@code docs/regulations/clauses.yaml}), and the platform's own rules (source {@code binhyen}),
 * which no regulation makes. A rulebook's rule cites one entry of its own regulation; the load
 * fails for a rule without a citation, a citation of another regulation, or a clause the seed
 * does not have.
 */
public final class ClauseIndex {
    /** The platform's own rules (bots, units, screening that could not run): no regulation's. */
    public static final String PLATFORM = "binhyen";
    private static final String RESOURCE = "regulations/clauses.yaml";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static volatile ClauseIndex standard;

    /** One regulation's clauses: its seed file, and each clause's key and opening words. */
    public record Source(String seed, String title, Map<String, String> clauses) {
        public Source {
            clauses = clauses == null ? Map.of() : Map.copyOf(clauses);
        }
    }

    private final Map<String, Source> sources;

    public ClauseIndex(Map<String, Source> sources) {
        this.sources = Map.copyOf(sources);
    }

    /** The index on the classpath, read once. */
    public static ClauseIndex standard() {
        ClauseIndex s = standard;
        if (s == null) {
            synchronized (ClauseIndex.class) {
                if (standard == null) {
                    standard = read();
                }
                s = standard;
            }
        }
        return s;
    }

    private static ClauseIndex read() {
        try (InputStream in = ClauseIndex.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            Map<String, Source> m = YAML.readValue(in,
                    YAML.getTypeFactory().constructMapType(LinkedHashMap.class, String.class, Source.class));
            return new ClauseIndex(m);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
        }
    }

    /** The regulation (or {@code binhyen}) a citation names: the part before the first colon. */
    public static String sourceOf(String citation) {
        int colon = citation == null ? -1 : citation.indexOf(':');
        return colon <= 0 ? null : citation.substring(0, colon);
    }

    /** The clause's opening words as the seed writes them, if the index has the citation. */
    public Optional<String> text(String citation) {
        String source = sourceOf(citation);
        Source s = source == null ? null : sources.get(source);
        return s == null ? Optional.empty() : Optional.ofNullable(s.clauses().get(citation.substring(source.length() + 1)));
    }

    public boolean contains(String citation) {
        return text(citation).isPresent();
    }

    public Optional<Source> source(String id) {
        return Optional.ofNullable(sources.get(id));
    }

    /**
     * What is wrong with a rule of {@code profile}'s rulebook citing {@code citation}, or nothing:
     * it must cite a clause of its own regulation that the seed has, or a platform rule.
     */
    public List<String> problems(String profile, String where, String citation) {
        List<String> out = new ArrayList<>();
        if (citation == null || citation.isBlank()) {
            out.add(where + ": a rule without a citation");
            return out;
        }
        String source = sourceOf(citation);
        if (source == null) {
            out.add(where + ": citation " + citation + " names no regulation (profile:clause)");
        } else if (!source.equals(profile) && !source.equals(PLATFORM)) {
            out.add(where + ": citation " + citation + " is another regulation's; " + profile
                    + "'s rules cite " + profile + "'s own clauses");
        } else if (!contains(citation)) {
            out.add(where + ": citation " + citation + " is not a clause of "
                    + (source.equals(PLATFORM) ? "the platform's rules" : "the seed of " + source)
                    + " (docs/regulations/clauses.yaml)");
        }
        return out;
    }

    /** Fails loudly, naming every problem, when one of the citations is not its profile's own clause. */
    public void requireAll(String profile, Map<String, String> citationsByWhere) {
        List<String> all = new ArrayList<>();
        citationsByWhere.forEach((where, citation) -> all.addAll(problems(profile, where, citation)));
        if (!all.isEmpty()) {
            throw new IllegalStateException("rulebook " + profile + " does not hold: " + String.join("; ", all));
        }
    }
}
