package vn.binhyen.report.domain;

import java.util.Map;
import vn.binhyen.eventlog.rules.Rulebook;

/**
 * report-intake-service's rulebook ({@code rules/police-song-tri.yaml}): police-song-tri's articles
 * 14 and 15, each rule by id with its seed clause, read once and checked against the clause index
 * ({@link Rulebook}); the domain reads every citation from here and carries none of its own.
 */
public final class ReportRules {
    /** The regulation report-intake carries out: the police group's. */
    public static final String REGULATION = "police-song-tri";
    private static final Rulebook BOOK = Rulebook.load("rules/" + REGULATION + ".yaml", REGULATION);

    private ReportRules() {
    }

    /** The citation of the rule {@code id}. */
    public static String cite(String id) {
        return BOOK.cite(id);
    }

    public static Map<String, Rulebook.Rule> rules() {
        return BOOK.rules();
    }
}
