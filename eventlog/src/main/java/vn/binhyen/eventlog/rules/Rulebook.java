package vn.binhyen.eventlog.rules;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A rulebook of rules by id, each with its seed clause and a line saying what it asks
 * ({@code id: <regulation>, rules: {<id>: {citation, rule}}}), read from the classpath and checked
 * against the {@link ClauseIndex}: a rule without a clause, one of another regulation or one the
 * seed does not have stops the load; asking for a rule the book lacks fails loudly.
 */
public final class Rulebook {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** One rule: its seed clause and what it asks. */
    public record Rule(String citation, String rule) {
    }

    record File(String id, Map<String, Rule> rules) {
    }

    private final String resource;
    private final String regulation;
    private final Map<String, Rule> rules;

    private Rulebook(String resource, String regulation, Map<String, Rule> rules) {
        this.resource = resource;
        this.regulation = regulation;
        this.rules = Map.copyOf(rules);
    }

    /** Reads {@code resource}, which must declare {@code regulation} and cite only its clauses. */
    public static Rulebook load(String resource, String regulation) {
        try (InputStream in = Rulebook.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing");
            }
            File file = YAML.readValue(in, File.class);
            if (!regulation.equals(file.id())) {
                throw new IllegalStateException(resource + " declares id " + file.id() + ", not " + regulation);
            }
            Map<String, String> citations = new LinkedHashMap<>();
            file.rules().forEach((id, r) -> citations.put("rules." + id, r.citation()));
            ClauseIndex.standard().requireAll(regulation, citations);
            return new Rulebook(resource, regulation, file.rules());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource + ": " + e.getMessage(), e);
        }
    }

    public String regulation() {
        return regulation;
    }

    public Map<String, Rule> rules() {
        return rules;
    }

    /** The citation of the rule {@code id}. */
    public String cite(String id) {
        Rule r = rules.get(id);
        if (r == null) {
            throw new IllegalStateException(resource + " has no rule " + id);
        }
        return r.citation();
    }
}
