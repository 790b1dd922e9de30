package vn.binhyen.moderation.domain.policy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import vn.binhyen.moderation.domain.screening.Category;
import vn.binhyen.moderation.domain.screening.Decision;

/**
 * A profile's content rules (policies/&lt;profile&gt;.yaml): every rule with an id and its
 * citation; a rule the regulation does not make is absent. {@code effectiveFrom}: a replay
 * judges each message by the version in force when it arrived.
 */
public record Policy(String id, int version, Instant effectiveFrom, String title, List<TermRule> terms,
        LinkRule links, AttachmentRule attachments, Rule encoding, NameRule displayName, PoliceNameRule policeNames,
        FloodRule flood, SanctionRule sanctions) {

    /** Terms of a shared list ({@code policies/terms.yaml}) that put a message in a category. */
    public record TermRule(String id, Category category, String citation, Decision decision, String list,
            boolean attachmentNames) {
    }

    public record Rule(String id, String citation, Decision decision) {
    }

    public record LinkRule(String id, String citation, Decision decision, Decision shortenerDecision,
            List<String> shorteners, List<String> protectedDomains) {
    }

    public record AttachmentRule(String id, String citation, Decision decision, List<String> executables,
            List<String> archives, List<String> executableMimeTypes) {
    }

    public record NameRule(String id, String citation, Decision decision, boolean positionRequired) {
    }

    public record PoliceNameRule(String id, String citation, Decision decision, String list) {
    }

    public record FloodRule(String id, String citation, Decision decision, int maxMessages, int perSeconds) {
    }

    /**
     * The ladder (ward-binh-phuoc:9): the first violation in {@code windowDays} → remind; the
     * {@code removeAfter}-th → propose removal; a category in {@code reportToAgency} →
     * report at once; in {@code referToLaw} → hand to the law.
     */
    public record SanctionRule(String citation, int windowDays, int removeAfter, List<Category> reportToAgency,
            List<Category> referToLaw) {
    }

    /** A term list: {@code strict} terms match only with their diacritics; {@code stamps} only in capitals. */
    public record TermList(List<String> terms, List<String> strict, List<String> stamps, List<String> exceptions) {
        public TermList {
            terms = terms == null ? List.of() : terms;
            strict = strict == null ? List.of() : strict;
            stamps = stamps == null ? List.of() : stamps;
            exceptions = exceptions == null ? List.of() : exceptions;
        }
    }

    public record TermLists(Map<String, TermList> lists) {
    }
}
