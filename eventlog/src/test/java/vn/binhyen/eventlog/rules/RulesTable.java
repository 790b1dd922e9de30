package vn.binhyen.eventlog.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code docs/rules.md}, generated from the rulebooks of every service and from the tests: for each
 * clause of each seed (docs/regulations/clauses.yaml), the rules that cite it (service, rule id, what
 * the rule does), the tests whose names cite it, and for a clause no rule cites, why
 * (docs/regulations/judgement.yaml). The platform's own rules follow.
 */
final class RulesTable {
    static final List<String> PROFILES = List.of("ward-binh-phuoc", "police-song-tri", "council-binh-duong",
            "ioc-dak-lak", "province-lai-chau");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern TEST_METHOD = Pattern.compile(
            "@(?:Test|ParameterizedTest)\\b[^;{]*?\\bvoid\\s+(\\w+)\\s*\\(", Pattern.DOTALL);

    /** One rule of a rulebook: where it lives, its id, what it does, and its citation. */
    record Rule(String service, String file, String id, String does, String citation) {
    }

    /** A test method, by its class and name, with the citations its body asserts (quoted literals). */
    record TestName(String module, String className, String method, String body) {
        TestName(String module, String className, String method) {
            this(module, className, method, "");
        }

        String label() {
            return className + "." + method;
        }
    }

    private final Path root;
    private final JsonNode clauses;
    private final JsonNode judgement;
    final List<Rule> rules = new ArrayList<>();
    final List<TestName> tests = new ArrayList<>();

    RulesTable(Path root) {
        this.root = root;
        this.clauses = read(root.resolve("docs/regulations/clauses.yaml"));
        this.judgement = read(root.resolve("docs/regulations/judgement.yaml"));
        collectRules();
        collectTests();
    }

    private static JsonNode read(Path p) {
        try {
            return YAML.readTree(Files.readString(p, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- the rulebooks -------------------------------------------------------------------------

    private void collectRules() {
        for (String profile : PROFILES) {
            String regulation = "group-service/src/main/resources/regulations/" + profile + ".yaml";
            JsonNode g = read(root.resolve(regulation));
            for (Iterator<Map.Entry<String, JsonNode>> it = g.path("rules").fields(); it.hasNext(); ) {
                var e = it.next();
                rules.add(new Rule("group-service", regulation, e.getValue().path("id").asText(),
                        "rules." + e.getKey() + describe(e.getValue(), "id", "citation"),
                        e.getValue().path("citation").asText()));
            }
            for (JsonNode t : g.path("templates")) {
                rules.add(new Rule("group-service", regulation, t.path("id").asText(),
                        "template of " + t.path("groups").size() + " groups", t.path("citation").asText()));
            }
            String policy = "moderation-service/src/main/resources/policies/" + profile + ".yaml";
            JsonNode m = read(root.resolve(policy));
            for (JsonNode t : m.path("terms")) {
                rules.add(new Rule("moderation-service", policy, t.path("id").asText(),
                        t.path("category").asText() + " → " + t.path("decision").asText() + " (terms: "
                                + t.path("list").asText() + (t.has("targets") ? ", aimed at "
                                + t.path("targets").asText() : "") + (t.has("context") ? "; the act judged: "
                                + t.path("context").path("reporting").asText() + " lifts it, with "
                                + t.path("context").path("soliciting").asText() + " "
                                + t.path("context").path("decision").asText() : "") + ")",
                        t.path("citation").asText()));
            }
            for (String key : List.of("links", "attachments", "encoding", "displayName", "policeNames", "flood",
                    "review", "frozenAccounts", "language", "sharing")) {
                JsonNode r = m.path(key);
                if (!r.isMissingNode()) {
                    String decision = r.path("decision").asText("");
                    rules.add(new Rule("moderation-service", policy, r.path("id").asText(),
                            key + (decision.isEmpty() ? "" : " → " + decision), r.path("citation").asText()));
                }
            }
            JsonNode posting = m.path("posting");
            if (!posting.isMissingNode()) {
                rules.add(new Rule("moderation-service", policy, posting.path("id").asText(),
                        "posting: the board verifies, edits and approves", posting.path("citation").asText()));
                rules.add(new Rule("moderation-service", policy, posting.path("id").asText(),
                        "posting: a post names its official source", posting.path("sourceCitation").asText()));
                for (JsonNode source : posting.path("sources")) {
                    rules.add(new Rule("moderation-service", policy, posting.path("id").asText() + "." + source.path("id")
                            .asText(), "posting: a post names this source", source.path("citation").asText()));
                }
                JsonNode brevity = posting.path("brevity");
                if (!brevity.isMissingNode()) {
                    rules.add(new Rule("moderation-service", policy, brevity.path("id").asText(),
                            "posting: a post is short, at most " + brevity.path("maxCharacters").asText()
                                    + " characters", brevity.path("citation").asText()));
                }
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = m.path("sanctions").fields(); it.hasNext(); ) {
                var e = it.next();
                if (e.getValue().isObject()) {
                    rules.add(new Rule("moderation-service", policy, e.getValue().path("id").asText(),
                            "sanction " + e.getKey() + describe(e.getValue(), "id", "citation"),
                            e.getValue().path("citation").asText()));
                }
            }
        }
        String reports = "report-intake-service/src/main/resources/rules/police-song-tri.yaml";
        for (Iterator<Map.Entry<String, JsonNode>> it = read(root.resolve(reports)).path("rules").fields();
                it.hasNext(); ) {
            var e = it.next();
            rules.add(new Rule("report-intake-service", reports, e.getKey(), e.getValue().path("rule").asText(),
                    e.getValue().path("citation").asText()));
        }
        String routing = "notification-service/src/main/resources/routing/routing.yaml";
        for (JsonNode r : read(root.resolve(routing)).path("rules")) {
            String does = r.path("event").asText() + (r.path("when").isMissingNode() ? "" : " " + r.path("when"))
                    + " → " + r.path("template").asText() + " (" + r.path("urgency").asText() + ")";
            String id = r.path("topic").asText() + "/" + r.path("event").asText();
            for (Iterator<Map.Entry<String, JsonNode>> it = r.path("profiles").fields(); it.hasNext(); ) {
                rules.add(new Rule("notification-service", routing, id, does, it.next().getValue().asText()));
            }
            if (r.hasNonNull("citation")) {
                rules.add(new Rule("notification-service", routing, id, does, r.path("citation").asText()));
            }
        }
    }

    /** A rule's settings, beyond its id and citation, in a short form: {@code max 5, kinds [NEIGHBOURHOOD]}. */
    private static String describe(JsonNode rule, String... skip) {
        List<String> parts = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = rule.fields(); it.hasNext(); ) {
            var e = it.next();
            if (List.of(skip).contains(e.getKey())) {
                continue;
            }
            JsonNode v = e.getValue();
            String text = v.isArray() ? v.toString().replace("\"", "").replace(",", ", ") : v.asText();
            parts.add(e.getKey() + " " + text);
        }
        return parts.isEmpty() ? "" : ": " + String.join(", ", parts);
    }

    // ---- the tests ------------------------------------------------------------------------------

    private void collectTests() {
        try (Stream<Path> modules = Files.list(root)) {
            for (Path module : modules.filter(Files::isDirectory).sorted().toList()) {
                Path src = module.resolve("src/test/java");
                if (!Files.isDirectory(src)) {
                    continue;
                }
                try (Stream<Path> files = Files.walk(src)) {
                    for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                        String text = Files.readString(f, StandardCharsets.UTF_8);
                        String className = f.getFileName().toString().replace(".java", "");
                        Matcher m = TEST_METHOD.matcher(text);
                        List<int[]> spans = new ArrayList<>();
                        List<String> names = new ArrayList<>();
                        while (m.find()) {
                            spans.add(new int[] {m.end()});
                            names.add(m.group(1));
                        }
                        for (int i = 0; i < names.size(); i++) {
                            // a method's body: to the next test method (or the end of the file)
                            int end = i + 1 < spans.size() ? spans.get(i + 1)[0] : text.length();
                            tests.add(new TestName(module.getFileName().toString(), className, names.get(i),
                                    text.substring(spans.get(i)[0], end)));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How a test's name cites a clause: {@code police-song-tri:7(II).3} → {@code police_song_tri_7_II_3}. */
    static String token(String citation) {
        return citation.replace("đ", "dd").replaceAll("[^A-Za-z0-9]+", "_").replaceAll("^_|_$", "");
    }

    /**
     * The tests that prove this clause: those whose names cite exactly it (not one of its points or
     * sub-clauses), and those that assert it, its citation a quoted literal in the test's body.
     */
    List<TestName> testsOf(String citation) {
        Pattern p = Pattern.compile("(?:^|_)" + Pattern.quote(token(citation)) + "(?:$|_(?=[A-Za-z]))");
        String literal = "\"" + citation + "\"";
        return tests.stream().filter(t -> p.matcher(t.method()).find() || t.body().contains(literal)).toList();
    }

    // ---- the table ------------------------------------------------------------------------------

    String render() {
        StringBuilder out = new StringBuilder();
        out.append("# Every rule of the five seeds, where it is enforced and the test that proves it\n\n");
        out.append("Generated by `eventlog`'s `RulesTableTests` from the rulebooks (`group-service` regulations, ")
                .append("`moderation-service` policies, `report-intake-service` rules, `notification-service` ")
                .append("routing), the clause index (`docs/regulations/clauses.yaml`, typed from the seeds) and ")
                .append("the test sources; the test fails when this file is stale. To write it again:\n\n")
                .append("```\n./mvnw -B -o -pl eventlog test -Dtest=RulesTableTests -Dbinhyen.rules.write=true\n```\n\n")
                .append("Each clause of each seed appears once, with the rules that cite it and the tests that ")
                .append("prove it (a test whose name cites the clause, or whose assertions name its citation); a ")
                .append("clause no rule cites says why (`docs/regulations/judgement.yaml`): ")
                .append("**org**: organisational, or outside what the software sees; **people**: software cannot ")
                .append("judge it from what it sees, and what supports the people who do; **text**: a heading, ")
                .append("a definition or the regulation's scope; **elsewhere**: carried out outside the rulebooks ")
                .append("(named); **gap**: software could support it and does not yet.\n\n");
        Map<String, int[]> counts = new LinkedHashMap<>();
        for (String profile : PROFILES) {
            JsonNode source = clauses.path(profile);
            out.append("## ").append(profile).append(": ").append(source.path("title").asText()).append("\n\n");
            out.append("Seed `").append(source.path("seed").asText()).append("`.\n\n");
            out.append("| clause | the seed | rules | tests |\n|---|---|---|---|\n");
            int[] c = counts.computeIfAbsent(profile, k -> new int[7]);
            for (Iterator<Map.Entry<String, JsonNode>> it = source.path("clauses").fields(); it.hasNext(); ) {
                var e = it.next();
                String citation = profile + ":" + e.getKey();
                out.append(row(citation, e.getKey(), e.getValue().asText(), c));
            }
            out.append('\n');
        }
        out.append("## The platform's own rules (no regulation's)\n\n");
        out.append("Where an operation must have an authority and a seed says nothing, the rulebook cites one ")
                .append("of these, never another regulation's clause.\n\n");
        out.append("| rule | what it says | rules | tests |\n|---|---|---|---|\n");
        int[] platform = new int[7];
        for (Iterator<Map.Entry<String, JsonNode>> it = clauses.path(ClauseIndex.PLATFORM).path("clauses").fields();
                it.hasNext(); ) {
            var e = it.next();
            out.append(row(ClauseIndex.PLATFORM + ":" + e.getKey(), e.getKey(), e.getValue().asText(), platform));
        }
        out.append("\n## Counts\n\n| seed | clauses | with a rule | of which tested | elsewhere | people | org | text | gap |\n")
                .append("|---|---|---|---|---|---|---|---|---|\n");
        counts.forEach((profile, c) -> out.append("| ").append(profile).append(" | ")
                .append(c[0] + c[2] + c[3] + c[4] + c[5] + c[6]).append(" | ").append(c[0]).append(" | ").append(c[1])
                .append(" | ").append(c[6]).append(" | ").append(c[3]).append(" | ").append(c[2]).append(" | ")
                .append(c[4]).append(" | ").append(c[5]).append(" |\n"));
        return out.toString();
    }

    /** counts: [with a rule, tested, org, people, text, gap, elsewhere]. */
    private String row(String citation, String key, String seedText, int[] counts) {
        List<Rule> citing = rules.stream().filter(r -> r.citation().equals(citation)).toList();
        List<TestName> proving = testsOf(citation);
        String rulesCell;
        if (!citing.isEmpty()) {
            counts[0]++;
            if (!proving.isEmpty()) {
                counts[1]++;
            }
            List<String> lines = new ArrayList<>();
            for (Rule r : citing) {
                lines.add("`" + r.service() + "` " + r.id() + ": " + r.does());
            }
            rulesCell = String.join("<br>", new TreeSet<>(lines));
            if (judgement.has(citation)) {
                rulesCell += "<br>*note*: " + judgement.path(citation).path("why").asText();
            }
        } else {
            JsonNode why = judgement.path(citation);
            String kind = why.path("kind").asText("");
            switch (kind) {
                case "org" -> counts[2]++;
                case "people" -> counts[3]++;
                case "text" -> counts[4]++;
                case "gap" -> counts[5]++;
                case "elsewhere" -> counts[6]++;
                default -> throw new IllegalStateException(citation + " has no rule and no reason in "
                        + "docs/regulations/judgement.yaml (kind org, people, text, elsewhere or gap)");
            }
            rulesCell = "**" + kind + "**: " + why.path("why").asText();
        }
        String testsCell = proving.isEmpty() ? "–" : String.join("<br>",
                new TreeSet<>(proving.stream().map(t -> "`" + t.label() + "`").toList()));
        return "| " + key + " | " + cell(seedText) + " | " + cell(rulesCell) + " | " + testsCell + " |\n";
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
