package vn.binhyen.moderation.domain.policy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import vn.binhyen.contracts.moderation.Category;
import vn.binhyen.moderation.domain.screening.Decision;

/**
 * A profile's content rules (policies/&lt;profile&gt;.yaml): every rule with an id and its
 * citation; a rule the regulation does not make is absent. {@code effectiveFrom}: a replay
 * judges each message by the version in force when it arrived. {@code review}: the clause by which the
 * group's board takes down, or lets stand, what screening held or flagged for it. {@code frozenAccounts}: a
 * member whose account was reported hijacked has their messages held for the board (ioc-dak-lak:4.3.8).
 */
public record Policy(String id, int version, Instant effectiveFrom, String title, List<TermRule> terms,
        LinkRule links, AttachmentRule attachments, Rule encoding, NameRule displayName, PoliceNameRule policeNames,
        FloodRule flood, SanctionRule sanctions, Step review, PostingRule posting, Rule frozenAccounts,
        Rule language, SharingRule sharing) {

    /**
     * Who posts and shares in the group where the regulation names them: a message that shares
     * (a link, a forwarded message) from a member whose role is not in {@code roles} is
     * held for the board ({@code decision}). police-song-tri:13.2: members propose what they
     * collected to the board, which approves it before it is posted; ioc-dak-lak:2.3: what is posted
     * and shared is the leadership's, or of those it charges with posting.
     */
    public record SharingRule(String id, String citation, Decision decision, List<String> roles) {
        public SharingRule {
            roles = roles == null ? List.of() : List.copyOf(roles);
        }
    }

    /**
     * A bound on a text's length where the regulation asks it to be short ("ngắn gọn, rõ ràng"):
     * at most {@code maxCharacters}; whether it is clear is for the board that approves it.
     */
    public record Brevity(String id, String citation, int maxCharacters) {
        public Brevity {
            if (maxCharacters <= 0) {
                throw new IllegalArgumentException("brevity.maxCharacters: a positive number");
            }
        }
    }

    /**
     * The publishing workflow where the regulation makes one (police-song-tri:13.2): a member's
     * post is verified, edited and approved by the board before it is published; {@code sourceCitation}:
     * the clause naming the official sources a post comes from (13.1); {@code brevity}: how long a
     * propaganda post may be (police-song-tri:7(I).2, "ngắn gọn, rõ ràng"), when the regulation bounds it.
     */
    public record PostingRule(String id, String citation, String sourceCitation, Brevity brevity,
            List<Source> sources) {
        public PostingRule {
            sources = sources == null ? List.of() : List.copyOf(sources);
        }

        public PostingRule(String id, String citation, String sourceCitation) {
            this(id, citation, sourceCitation, null, List.of());
        }
    }

    /** One of the official sources a regulation names (police-song-tri:13.1a-e, đ): its point's letter and clause. */
    public record Source(String id, String citation) {
    }

    /**
     * Terms of a shared list ({@code policies/terms.yaml}) that put a message in a category.
     * {@code context}: where words alone mislead (police news of a drug arrest, a campaign against
     * gambling), the act decides: a text that also speaks of enforcing or preventing ({@code reporting}
     * list) and of no offer or call ({@code soliciting} list) is not a violation of this rule; one that
     * speaks of both cannot be judged with confidence and goes to the board ({@code decision}, a FLAG).
     * {@code targets}: where the act alone is no violation, a list naming whom or what it is aimed at (a
     * people, a region, a religion; an official; the State; a weapon, a drug, a game of chance): a term
     * of {@code list} counts only in a text that also names a target ("Dân X ... chỉ biết lừa lọc" is
     * contempt for a people; "chỉ biết" alone is not). Such rules send what they find to the board.
     */
    public record TermRule(String id, Category category, String citation, Decision decision, String list,
            boolean attachmentNames, Context context, String targets) {
        public TermRule(String id, Category category, String citation, Decision decision, String list,
                boolean attachmentNames) {
            this(id, category, citation, decision, list, attachmentNames, null, null);
        }

        public TermRule(String id, Category category, String citation, Decision decision, String list,
                boolean attachmentNames, Context context) {
            this(id, category, citation, decision, list, attachmentNames, context, null);
        }
    }

    public record Context(String reporting, String soliciting, Decision decision) {
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
     * The sanctions a profile's regulation names, each step with its own clause, and only those:
     * {@code referToLaw} (a category the law handles), {@code reportToAgency} (a category reported to
     * the violator's agency, for members who have one), {@code remove} (the {@code after}-th violation
     * in {@code windowDays} proposes removal, which the leader decides) and {@code remind} (any other
     * violation). A step the regulation does not make is absent, and is never decided.
     */
    public record SanctionRule(int windowDays, Step remind, RemoveStep remove, CategoryStep reportToAgency,
            CategoryStep referToLaw) {
        public SanctionRule {
            if (windowDays <= 0) {
                throw new IllegalArgumentException("sanctions.windowDays: a positive number of days");
            }
        }

        /** Every step present, for the rulebook's checks. */
        public List<Cited> steps() {
            List<Cited> out = new java.util.ArrayList<>();
            for (Cited c : new Cited[] {remind, remove, reportToAgency, referToLaw}) {
                if (c != null) {
                    out.add(c);
                }
            }
            return out;
        }
    }

    /** A rule's id and clause. */
    public interface Cited {
        String id();

        String citation();
    }

    public record Step(String id, String citation) implements Cited {
    }

    public record RemoveStep(String id, String citation, int after) implements Cited {
    }

    /**
     * {@code membersWithAnAgency}: the step applies only to a member with an agency of their own
     * (ward-binh-phuoc:9.3, "nếu là công chức, viên chức, nhân viên"), not to a household's representative.
     */
    public record CategoryStep(String id, String citation, List<Category> categories, boolean membersWithAnAgency)
            implements Cited {
        public CategoryStep {
            categories = categories == null ? List.of() : List.copyOf(categories);
        }
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
