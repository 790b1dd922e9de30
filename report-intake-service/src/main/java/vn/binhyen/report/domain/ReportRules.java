package vn.binhyen.report.domain;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import vn.binhyen.eventlog.rules.ClauseIndex;

/**
 * report-intake-service's rulebook ({@code rules/police-song-tri.yaml}): police-song-tri's articles
 * 14 and 15, each rule by id with its seed clause. Read once; a rule without a clause, a clause of
 * another regulation or one the seed does not have stops the load, and so does code asking for a
 * rule the rulebook lacks.
 */
public final class ReportRules {
    /** The regulation report-intake carries out: the police group's. */
    public static final String REGULATION = "police-song-tri";
    private static final String RESOURCE = "rules/" + REGULATION + ".yaml";

    /** One rule: its seed clause and a line saying what it asks. */
    public record Rule(String citation, String rule) {
    }

    public record Rulebook(String id, Map<String, Rule> rules) {
    }

    private static final Rulebook BOOK = load();

    private ReportRules() {
    }

    /** The citation of the rule {@code id}. */
    public static String cite(String id) {
        Rule r = BOOK.rules().get(id);
        if (r == null) {
            throw new IllegalStateException(RESOURCE + " has no rule " + id);
        }
        return r.citation();
    }

    public static Rulebook rulebook() {
        return BOOK;
    }

    private static Rulebook load() {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        try (InputStream in = ReportRules.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing");
            }
            Rulebook book = yaml.readValue(in, Rulebook.class);
            if (!REGULATION.equals(book.id())) {
                throw new IllegalStateException(RESOURCE + " declares id " + book.id());
            }
            Map<String, String> citations = new LinkedHashMap<>();
            book.rules().forEach((id, r) -> citations.put("rules." + id, r.citation()));
            ClauseIndex.standard().requireAll(REGULATION, citations);
            return book;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
        }
    }
}
