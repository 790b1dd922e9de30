package vn.binhyen.eventlog.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docs/rules.md is the rulebooks and the tests as they are: every rule cites a clause its seed has,
 * of its own regulation; every rule's clause is named by a test; the table is not stale.
 */
class RulesTableTests {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path TABLE = ROOT.resolve("docs/rules.md");
    final RulesTable table = new RulesTable(ROOT);

    @Test
    void everyRuleOfEveryRulebook_citesAClauseOfItsOwnRegulationThatTheSeedHas() {
        ClauseIndex index = ClauseIndex.standard();
        assertThat(table.rules).hasSizeGreaterThan(100);
        List<String> problems = table.rules.stream()
                .flatMap(r -> index.problems(profileOf(r), r.file() + " " + r.id(), r.citation()).stream()).toList();
        assertThat(problems).isEmpty();
    }

    /** A rule's regulation: its file's name (routing rules carry a regulation per citation). */
    private static String profileOf(RulesTable.Rule r) {
        String source = ClauseIndex.sourceOf(r.citation());
        if (r.service().equals("notification-service") || ClauseIndex.PLATFORM.equals(source)) {
            return source;
        }
        String name = Path.of(r.file()).getFileName().toString();
        return name.substring(0, name.length() - ".yaml".length());
    }

    @Test
    void everyRulesClause_isNamedByATest() {
        List<String> untested = table.rules.stream().map(RulesTable.Rule::citation).distinct()
                .filter(c -> table.testsOf(c).isEmpty()).sorted().toList();
        assertThat(untested).as("clauses a rule cites that no test's name cites").isEmpty();
    }

    @Test
    void aTestName_citesExactlyItsClause() {
        assertThat(RulesTable.token("police-song-tri:7(II).3")).isEqualTo("police_song_tri_7_II_3");
        assertThat(RulesTable.token("police-song-tri:14.3đ")).isEqualTo("police_song_tri_14_3dd");
        var named = new RulesTable.TestName("m", "C", "reply_rejectedBy_ward_binh_phuoc_9_3");
        var withWords = new RulesTable.TestName("m", "C", "x_ward_binh_phuoc_9_andMore");
        table.tests.add(named);
        table.tests.add(withWords);
        assertThat(table.testsOf("ward-binh-phuoc:9.3")).contains(named);
        assertThat(table.testsOf("ward-binh-phuoc:9")).contains(withWords).doesNotContain(named);
    }

    @Test
    void docsRulesMd_isTheRulebooksAndTestsAsTheyAre() throws IOException {
        String fresh = table.render();
        if (Boolean.getBoolean("binhyen.rules.write")) {
            Files.writeString(TABLE, fresh, StandardCharsets.UTF_8);
        }
        assertThat(Files.exists(TABLE)).as("docs/rules.md exists").isTrue();
        assertThat(Files.readString(TABLE, StandardCharsets.UTF_8))
                .as("docs/rules.md is stale: run ./mvnw -B -o -pl eventlog test -Dtest=RulesTableTests "
                        + "-Dbinhyen.rules.write=true")
                .isEqualTo(fresh);
    }
}
