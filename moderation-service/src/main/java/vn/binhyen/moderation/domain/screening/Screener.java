package vn.binhyen.moderation.domain.screening;

import vn.binhyen.contracts.moderation.Category;

import com.ibm.icu.text.SpoofChecker;
import java.net.IDN;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import com.google.re2j.Pattern;
import vn.binhyen.moderation.domain.text.TextStreams;
import vn.binhyen.contracts.names.FullNames;
import vn.binhyen.moderation.domain.policy.Policy;
import vn.binhyen.moderation.domain.text.LegacyEncodings;
import vn.binhyen.moderation.domain.text.VietnameseText;
import vn.binhyen.moderation.domain.text.TermAutomata;
import vn.binhyen.moderation.domain.text.WordAutomaton;

/**
 * A policy compiled for screening: every term of every rule, by its toned and its folded key,
 * in one Aho–Corasick automaton over words ({@link TermAutomata}), matched in one pass over the
 * normalised text; then links, attachments, encoding, display name and flooding.
 * Immutable and thread-safe; build once per policy version.
 */
public final class Screener {
    private static final Pattern BARE_DOMAIN = Pattern.compile(
            "(?i)(?:[a-z0-9-]+\\.)+(?:vn|com|net|org|me|ly|gl|co|info|xyz|top|io|gd|id|cc|link|click|online|site|ru|cn|at|tk)"
            + "(?:[/:?#].*)?");
    private static final Set<String> COMMON_UNMARKED = Set.of("khong", "duoc", "nguoi", "cua", "cac", "nhung", "trong", "cho", "voi", "mot", "nay", "dang",
            "bao", "thong", "chung", "ngay", "hom", "lam", "viec", "nha", "nuoc", "dau", "roi", "nhe",
            "minh", "ban", "phuong", "cong", "dong", "chi", "tren", "duoi", "sang", "chieu", "toi",
            "hop", "gio", "tuan", "thang", "nam", "nhom", "moi", "biet", "giup", "xin", "chao", "vui",
            "long", "gui", "nhan", "tai", "lieu", "van", "de", "nghi", "ke", "hoach", "quan", "ly",
            "truong", "pho", "dan", "khu", "hoi", "thuc", "hien", "ket", "qua", "tinh", "hinh", "can",
            "phai", "nhieu", "them", "duong", "xa", "huyen", "uy", "co", "thi", "vao", "ra", "len");

    private final Policy policy;
    private final List<Policy.TermRule> rules;
    private final TermAutomata<List<Hit>> terms;
    /** The target-and-act rules' targets ({@link Policy.TermRule#targets}); null when no rule has any. */
    private final TermAutomata<List<Hit>> targets;
    private final TermAutomata<List<Hit>> police;
    private final LegacyEncodings encodings;
    private final SpoofChecker spoof = new SpoofChecker.Builder().build();
    private final Map<String, String> protectedSkeletons = new HashMap<>();
    private static final int NAMES_REMEMBERED = 4096;
    private final Map<String, NameJudgement> names = new java.util.concurrent.ConcurrentHashMap<>();
    private final String[] linkRuleIds; // the link rule's id with why: deceptive-userinfo, ip-literal, shortener, look-alike

    /**
     * Each thread's readers: one for the message's text (read until the message is judged), one
     * for the short texts judged in between (attachment names, the display name).
     */
    private static final ThreadLocal<TextStreams.Reader[]> READERS = ThreadLocal.withInitial(
            () -> new TextStreams.Reader[] {new TextStreams.Reader(), new TextStreams.Reader()});

    /** REPORTING and SOLICITING: the words of a rule's {@link Policy.Context}, judging the act, not the term. */
    private enum Kind { TERM, STAMP, EXCEPTION, REPORTING, SOLICITING, TARGET }

    private record Hit(int rule, Kind kind) {
    }

    public Screener(Policy policy, Policy.TermLists lists, LegacyEncodings encodings) {
        this.policy = policy;
        this.rules = policy.terms() == null ? List.of() : List.copyOf(policy.terms());
        this.encodings = encodings;
        Map<String, List<Hit>> tonedHits = new HashMap<>();
        Map<String, List<Hit>> foldedHits = new HashMap<>();
        // the targets of target-and-act rules: common words ("ông", "chính quyền"), matched only in a
        // text where such a rule's act was found, so that ordinary texts do not pay for them
        Map<String, List<Hit>> targetToned = new HashMap<>();
        Map<String, List<Hit>> targetFolded = new HashMap<>();
        for (int i = 0; i < rules.size(); i++) {
            Policy.TermList list = lists.lists().get(rules.get(i).list());
            if (list == null) {
                throw new IllegalArgumentException(policy.id() + ": rule " + rules.get(i).id() + " names unknown list "
                        + rules.get(i).list());
            }
            for (String t : list.terms()) {
                add(tonedHits, VietnameseText.tonedKey(t), new Hit(i, Kind.TERM));
                add(foldedHits, VietnameseText.foldedKey(t), new Hit(i, Kind.TERM));
            }
            for (String t : list.strict()) {
                add(tonedHits, VietnameseText.tonedKey(t), new Hit(i, Kind.TERM));
            }
            for (String t : list.stamps()) {
                add(tonedHits, VietnameseText.tonedKey(t), new Hit(i, Kind.STAMP));
                add(foldedHits, VietnameseText.foldedKey(t), new Hit(i, Kind.STAMP));
            }
            for (String t : list.exceptions()) {
                add(tonedHits, VietnameseText.tonedKey(t), new Hit(i, Kind.EXCEPTION));
                add(foldedHits, VietnameseText.foldedKey(t), new Hit(i, Kind.EXCEPTION));
            }
            String targets = rules.get(i).targets();
            if (targets != null) {
                Policy.TermList l = lists.lists().get(targets);
                if (l == null) {
                    throw new IllegalArgumentException(policy.id() + ": rule " + rules.get(i).id()
                            + " names unknown target list " + targets);
                }
                for (String t : l.terms()) {
                    add(targetToned, VietnameseText.tonedKey(t), new Hit(i, Kind.TARGET));
                    add(targetFolded, VietnameseText.foldedKey(t), new Hit(i, Kind.TARGET));
                }
                for (String t : l.strict()) {
                    add(targetToned, VietnameseText.tonedKey(t), new Hit(i, Kind.TARGET));
                }
                // a target list's exceptions as an act list's: a water pistol ("súng nước") is not a weapon
                for (String t : l.exceptions()) {
                    add(targetToned, VietnameseText.tonedKey(t), new Hit(i, Kind.EXCEPTION));
                    add(targetFolded, VietnameseText.foldedKey(t), new Hit(i, Kind.EXCEPTION));
                }
            }
            Policy.Context context = rules.get(i).context();
            if (context != null) {
                for (String[] words : new String[][] {{context.reporting(), "REPORTING"},
                        {context.soliciting(), "SOLICITING"}}) {
                    Policy.TermList l = lists.lists().get(words[0]);
                    if (l == null) {
                        throw new IllegalArgumentException(policy.id() + ": rule " + rules.get(i).id()
                                + "'s context names unknown list " + words[0]);
                    }
                    for (String t : l.terms()) {
                        add(tonedHits, VietnameseText.tonedKey(t), new Hit(i, Kind.valueOf(words[1])));
                        add(foldedHits, VietnameseText.foldedKey(t), new Hit(i, Kind.valueOf(words[1])));
                    }
                    for (String t : l.strict()) { // a context list's strict words, by their toned keys only
                        add(tonedHits, VietnameseText.tonedKey(t), new Hit(i, Kind.valueOf(words[1])));
                    }
                }
            }
        }
        this.terms = new TermAutomata<>(tonedHits, foldedHits);
        this.targets = targetToned.isEmpty() ? null : new TermAutomata<>(targetToned, targetFolded);
        Map<String, List<Hit>> policeToned = new HashMap<>();
        Map<String, List<Hit>> policeFolded = new HashMap<>();
        if (policy.policeNames() != null) {
            for (String t : lists.lists().get(policy.policeNames().list()).terms()) {
                add(policeToned, VietnameseText.tonedKey(t), new Hit(-1, Kind.TERM));
                add(policeFolded, VietnameseText.foldedKey(t), new Hit(-1, Kind.TERM));
            }
        }
        this.police = new TermAutomata<>(policeToned, policeFolded);
        if (policy.links() != null) {
            for (String d : policy.links().protectedDomains()) {
                protectedSkeletons.put(d, spoof.getSkeleton(d));
            }
        }
        linkRuleIds = policy.links() == null ? null : java.util.stream.Stream.of("deceptive-userinfo", "ip-literal",
                "shortener", "look-alike").map(why -> policy.links().id() + ":" + why).toArray(String[]::new);
    }

    public Policy policy() {
        return policy;
    }

    private static void add(Map<String, List<Hit>> map, String key, Hit hit) {
        if (!key.isBlank()) {
            List<Hit> hits = map.computeIfAbsent(key, k -> new ArrayList<>());
            if (!hits.contains(hit)) { // two terms of a rule with one key ("khuyến mãi", "khuyến mại") are one
                hits.add(hit);
            }
        }
    }

    /**
     * Whether the sender's role decides the message under the profile's sharing rule: it shares what
     * others wrote (a link, a forwarded message) and the profile names who may post and share. A
     * member's own photo or file is theirs (a resident's picture of an incident, police-song-tri:13.1đ;
     * a staff member's progress report, ioc-dak-lak:4.3.6), not a share. Only a share needs the
     * sender's role ({@link #sharedBy}).
     */
    public boolean shares(Message m) {
        return policy.sharing() != null && (m.forwarded() || !m.links().isEmpty());
    }

    /**
     * The verdict once the sender's role on the roster is known ({@code role}, null for one not on
     * it): a message that {@link #shares} from a role the sharing rule does not name is held for the
     * board, which approves or takes it down (police-song-tri:13.2, ioc-dak-lak:2.3). A message
     * removed outright stays removed; one that shares nothing, or from a role named, is unchanged.
     */
    public Verdict sharedBy(Message m, String role, Verdict verdict) {
        Policy.SharingRule rule = policy.sharing();
        if (!shares(m) || verdict.decision() == Decision.REMOVE || (role != null && rule.roles().contains(role))) {
            return verdict;
        }
        String what = m.forwarded() ? "forwarded" : "links";
        String excerpt = m.forwarded() ? "forwarded" : m.links().get(0);
        return verdict.adding(new Violation(rule.id(), Category.SHARING, rule.citation(), rule.decision(),
                new Violation.Evidence(what, 0, 0, excerpt)));
    }

    /**
     * Screens a message; {@code recentMessages} is how many messages the author sent in the
     * flood rule's window, this one included.
     */
    public Verdict screen(Message m, int recentMessages) {
        return screen(m, recentMessages, READERS.get(), true);
    }

    /**
     * As {@link #screen}, every text read by the general path ({@link VietnameseText}, a list of
     * words) instead of the one-pass scan, and the legacy encodings looked for in every text: the
     * reference the fast path must agree with, whatever the text (the adversarial tests). Slower;
     * not for the bots.
     */
    public Verdict screenByGeneralPath(Message m, int recentMessages) {
        return screen(m, recentMessages, new TextStreams.Reader[] {new TextStreams.GeneralPathReader(),
                new TextStreams.GeneralPathReader()}, false);
    }

    private Verdict screen(Message m, int recentMessages, TextStreams.Reader[] readers, boolean scanTellsSigns) {
        List<Violation> violations = new ArrayList<>();
        List<String> suggestions = new ArrayList<>();
        TextStreams text = readers[0].read(m.text());
        var legacy = policy.encoding() == null || scanTellsSigns && !text.legacySigns() || m.text().isBlank()
                ? java.util.Optional.<LegacyEncodings.Detection>empty()
                : encodings.detect(readers[0].chars(), m.text());
        if (legacy.isPresent()) { // text typed in a legacy encoding is judged by what it says, once converted
            text = readers[0].read(legacy.get().unicode());
        }
        terms(text, legacy.isPresent() ? "text(unicode)" : "text", false, violations);
        for (int i = 0; i < m.attachments().size(); i++) {
            Message.Attachment a = m.attachments().get(i);
            if (a.name() != null) {
                terms(readers[1].read(a.name()), "attachments[" + i + "].name", true, violations);
            }
            attachment(a, i, violations);
        }
        links(m, violations);
        encoding(m.text(), legacy, text, violations, suggestions);
        language(m.text(), text, violations, suggestions);
        displayName(m.displayName(), readers[1], violations, suggestions);
        flood(recentMessages, violations);
        Decision decision = Decision.ALLOW;
        for (Violation v : violations) {
            decision = decision.max(v.decision());
        }
        return new Verdict(decision, List.copyOf(violations), List.copyOf(suggestions), policy.id(), policy.version());
    }

    // ---- terms ---------------------------------------------------------------------------------------

    private void terms(TextStreams text, String field, boolean attachmentName, List<Violation> out) {
        if (text.count() == 0 || rules.isEmpty()) {
            return;
        }
        Matches matches = new Matches();
        terms.match(text, matches); // strict terms only by their toned keys
        if (matches.size == 0) {
            return;
        }
        boolean[] reported = new boolean[rules.size()];
        boolean[] reporting = null;
        boolean[] soliciting = null;
        boolean[] targeted = null;
        List<Violation> paired = null; // the target-and-act rules' findings, added after the phrase rules'
        for (int i = 0; i < matches.size; i++) {
            if (targeted == null && targets != null && matches.kind[i] == Kind.TERM
                    && rules.get(matches.rule[i]).targets() != null) {
                targeted = new boolean[rules.size()]; // an act of such a rule: now look for whom it is aimed at
                Matches found = new Matches();
                targets.match(text, found);
                for (int j = 0; j < found.size; j++) {
                    if (found.kind[j] == Kind.TARGET && !found.excepted(found.rule[j], found.from[j], found.to[j])) {
                        targeted[found.rule[j]] = true;
                    }
                }
            }
            if (matches.kind[i] == Kind.REPORTING || matches.kind[i] == Kind.SOLICITING) {
                if (reporting == null) {
                    reporting = new boolean[rules.size()];
                    soliciting = new boolean[rules.size()];
                }
                (matches.kind[i] == Kind.REPORTING ? reporting : soliciting)[matches.rule[i]] = true;
            }
        }
        for (long o : matches.inOrder()) {
            int hit = (int) (o & 0x3FFFFF);
            int r = matches.rule[hit];
            Kind kind = matches.kind[hit];
            if (kind == Kind.EXCEPTION || kind == Kind.REPORTING || kind == Kind.SOLICITING || reported[r]) {
                continue;
            }
            Policy.TermRule rule = rules.get(r);
            if (rule.targets() != null && (targeted == null || !targeted[r])) {
                continue; // the act aimed at nobody the rule names: not this rule's violation
            }
            if (attachmentName && !rule.attachmentNames()) {
                continue;
            }
            int from = matches.from[hit];
            int to = matches.to[hit];
            if (kind == Kind.STAMP && !capitals(text, from, to) || matches.excepted(r, from, to)) {
                continue;
            }
            Decision decision = rule.decision();
            // a stamp in capitals is a document's marking whatever the words around it: context lifts terms only
            if (reporting != null && reporting[r] && !attachmentName && kind == Kind.TERM) {
                if (!soliciting[r]) {
                    continue; // news of an arrest, a campaign against it: the act is enforcing, not offending
                }
                decision = rule.context().decision(); // both: not judged with confidence, the board's to judge
            }
            reported[r] = true;
            int start = text.start(from);
            int end = text.end(to);
            Violation v = new Violation(rule.id(), rule.category(), rule.citation(), decision,
                    new Violation.Evidence(field, start, end, text.original().substring(start, end)));
            if (rule.targets() == null) {
                out.add(v);
            } else {
                paired = paired == null ? new ArrayList<>() : paired;
                paired.add(v);
            }
        }
        if (paired != null) {
            for (Violation v : paired) {
                // a target-and-act rule only adds what no phrase rule of its category found already
                if (out.stream().noneMatch(o -> o.category() == v.category())) {
                    out.add(v);
                }
            }
        }
    }

    /** The terms found in a text, as parallel arrays: no object per hit. */
    private static final class Matches implements WordAutomaton.Found<List<Hit>> {
        int size;
        int[] rule = new int[16];
        Kind[] kind = new Kind[16];
        int[] from = new int[16];
        int[] to = new int[16];

        @Override
        public void found(int first, int last, List<Hit> hits) {
            for (int i = 0; i < hits.size(); i++) {
                if (size == rule.length) {
                    rule = Arrays.copyOf(rule, size * 2);
                    kind = Arrays.copyOf(kind, size * 2);
                    from = Arrays.copyOf(from, size * 2);
                    to = Arrays.copyOf(to, size * 2);
                }
                Hit h = hits.get(i);
                rule[size] = h.rule;
                kind[size] = h.kind;
                from[size] = first;
                to[size] = last;
                size++;
            }
        }

        /**
         * The hits' numbers (the low 22 bits) in reading order: by first word, the longest
         * first. Which of two hits with the same span comes first does not change a verdict.
         * A request is at most 1 MB: fewer than 2^21 words, and 2^22 hits.
         */
        long[] inOrder() {
            long[] order = new long[size];
            for (int i = 0; i < size; i++) {
                order[i] = (long) from[i] << 43 | (long) (0x1FFFFF - to[i]) << 22 | i;
            }
            Arrays.sort(order);
            return order;
        }

        private long[] exceptions; // rule, first word, last word of each exception, packed and sorted
        private int[] reach; // the furthest last word among its rule's exceptions up to this one

        /**
         * Whether an exception to the rule overlaps the words {@code first..last}: the furthest an
         * exception of the rule starting no later than {@code last} reaches is {@code first} or
         * beyond. A binary search: a text of nothing but excepted hits costs n log n, not n².
         */
        boolean excepted(int r, int first, int last) {
            if (exceptions == null) {
                indexExceptions();
            }
            int i = Arrays.binarySearch(exceptions, (long) r << 42 | (long) last << 21 | 0x1FFFFF);
            i = i >= 0 ? i : -i - 2; // the last one at or before the key
            return i >= 0 && (int) (exceptions[i] >>> 42) == r && reach[i] >= first;
        }

        private void indexExceptions() {
            int n = 0;
            long[] packed = new long[size];
            for (int i = 0; i < size; i++) {
                if (kind[i] == Kind.EXCEPTION) {
                    packed[n++] = (long) rule[i] << 42 | (long) from[i] << 21 | to[i];
                }
            }
            exceptions = Arrays.copyOf(packed, n);
            Arrays.sort(exceptions);
            reach = new int[n];
            for (int i = 0; i < n; i++) {
                int to = (int) (exceptions[i] & 0x1FFFFF);
                boolean sameRule = i > 0 && exceptions[i] >>> 42 == exceptions[i - 1] >>> 42;
                reach[i] = sameRule ? Math.max(reach[i - 1], to) : to;
            }
        }
    }

    private static boolean capitals(TextStreams text, int from, int to) {
        for (int i = from; i <= to; i++) {
            if (!text.capitals(i)) {
                return false;
            }
        }
        return true;
    }

    // ---- attachments and links ----------------------------------------------------------------------------

    private void attachment(Message.Attachment a, int index, List<Violation> out) {
        Policy.AttachmentRule rule = policy.attachments();
        if (rule == null) {
            return;
        }
        String field = "attachments[" + index + "]";
        String name = a.name() == null ? "" : a.name().strip().toLowerCase(Locale.ROOT);
        String mime = a.mimeType() == null ? "" : a.mimeType().toLowerCase(Locale.ROOT);
        String why = null;
        if (rule.executables().contains(extension(name))) {
            why = name;
        } else if (rule.executableMimeTypes().contains(mime)) {
            why = a.mimeType();
        } else if (rule.archives().contains(extension(name)) && a.entries() != null) {
            why = a.entries().stream().filter(e -> rule.executables().contains(extension(e.toLowerCase(Locale.ROOT))))
                    .findFirst().map(e -> name + " → " + e).orElse(null);
        }
        if (why != null) {
            out.add(new Violation(rule.id(), Category.MALWARE, rule.citation(), rule.decision(),
                    new Violation.Evidence(field + ".name", 0, a.name() == null ? 0 : a.name().length(), why)));
        }
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).strip();
    }

    private void links(Message m, List<Violation> out) {
        Policy.LinkRule rule = policy.links();
        if (rule == null) {
            return;
        }
        for (int i = 0; i < m.links().size(); i++) {
            link(m.links().get(i), "links[" + i + "]", 0, rule, out);
        }
        String text = m.text();
        // words with a dot in them are the only candidates: found by the dots, no regex over the text
        for (int dot = text.indexOf('.'), next; dot >= 0; dot = text.indexOf('.', next)) {
            int from = dot;
            while (from > 0 && !Character.isWhitespace(text.charAt(from - 1))) {
                from--;
            }
            int to = dot + 1;
            while (to < text.length() && !Character.isWhitespace(text.charAt(to))) {
                to++;
            }
            next = to;
            while (from < to && "([{<\"'“‘".indexOf(text.charAt(from)) >= 0) {
                from++;
            }
            while (to > from && ".,;:!?)]}>\"'”’".indexOf(text.charAt(to - 1)) >= 0) {
                to--;
            }
            if (!hostLike(text, from, to)) {
                continue;
            }
            String word = text.substring(from, to);
            String lower = word.toLowerCase(Locale.ROOT);
            if (lower.startsWith("http://") || lower.startsWith("https://") || lower.startsWith("www.")
                    || BARE_DOMAIN.matcher(word).matches()) {
                link(word, "text", from, rule, out);
            }
        }
    }

    /**
     * Whether a word can be a link at all: "www." or, up to its first / : ? #, only ASCII
     * letters, digits, dots and hyphens ("T.ố.i" and "phường." are not; "bit.ly/x", "https://…" are).
     */
    private static boolean hostLike(String text, int from, int to) {
        if (text.regionMatches(true, from, "www.", 0, 4)) {
            return true;
        }
        boolean letter = false;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == '/' || c == ':' || c == '?' || c == '#') {
                return letter;
            }
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
                letter = true;
            } else if (!(c >= '0' && c <= '9' || c == '.' || c == '-')) {
                return false;
            }
        }
        return letter;
    }

    private void link(String url, String field, int offset, Policy.LinkRule rule, List<Violation> out) {
        String authority = authority(url);
        String host = host(authority);
        if (host.isEmpty()) {
            return;
        }
        Decision decision = null;
        String id = null;
        if (authority.contains("@")) { // https://zalo.me@evil.example shows one host and opens another
            decision = rule.decision();
            id = linkRuleIds[0];
        } else if (ipv4(host) || host.startsWith("[")) {
            decision = rule.decision();
            id = linkRuleIds[1];
        } else if (rule.shorteners().contains(host)) {
            decision = rule.shortenerDecision();
            id = linkRuleIds[2];
        } else if (lookalike(host, rule)) {
            decision = rule.decision();
            id = linkRuleIds[3];
        }
        if (decision != null) {
            out.add(new Violation(id, Category.MALWARE, rule.citation(), decision,
                    new Violation.Evidence(field, offset, offset + url.length(), url)));
        }
    }

    private static String authority(String url) {
        String s = url.strip();
        int scheme = s.indexOf("://");
        int from = scheme >= 0 ? scheme + 3 : 0;
        int end = s.length();
        for (int i = from; i < end; i++) {
            char c = s.charAt(i);
            if (c == '/' || c == '?' || c == '#') {
                end = i;
            }
        }
        return s.substring(from, end);
    }

    /** Four groups of one to three digits, separated by dots. */
    static boolean ipv4(String host) {
        int groups = 0;
        int digits = 0;
        for (int i = 0; i <= host.length(); i++) {
            char c = i < host.length() ? host.charAt(i) : '.';
            if (c >= '0' && c <= '9') {
                if (++digits > 3) {
                    return false;
                }
            } else if (c == '.' && digits > 0) {
                groups++;
                digits = 0;
            } else {
                return false;
            }
        }
        return groups == 4;
    }

    /** The host an authority names: after any user@, without the port, lower case, no www. */
    static String host(String authority) {
        String s = authority;
        int at = s.lastIndexOf('@'); // https://zalo.me@evil.example: the host is after the @
        if (at >= 0) {
            s = s.substring(at + 1);
        }
        if (!s.startsWith("[")) {
            int colon = s.indexOf(':');
            if (colon >= 0) {
                s = s.substring(0, colon);
            }
        }
        s = s.toLowerCase(Locale.ROOT);
        while (s.endsWith(".")) {
            s = s.substring(0, s.length() - 1);
        }
        return s.startsWith("www.") ? s.substring(4) : s;
    }

    private boolean lookalike(String host, Policy.LinkRule rule) {
        String unicodeHost;
        try {
            unicodeHost = IDN.toUnicode(host, IDN.ALLOW_UNASSIGNED);
        } catch (IllegalArgumentException e) {
            unicodeHost = host;
        }
        for (String p : rule.protectedDomains()) {
            if (host.equals(p) || host.endsWith("." + p)) {
                return false;
            }
        }
        String skeleton = spoof.getSkeleton(unicodeHost);
        String ascii = unicodeHost.chars().allMatch(c -> c < 0x80) ? unicodeHost : skeleton;
        for (String p : rule.protectedDomains()) {
            String label = p.substring(0, p.indexOf('.'));
            if (skeleton.equals(protectedSkeletons.get(p)) || distance(ascii, p) <= 2
                    || (label.length() >= 4 && ascii.replace("-", "").contains(label))) {
                return true;
            }
        }
        return ascii.contains("gov") && ascii.contains("vn") && !ascii.endsWith(".gov.vn");
    }

    /** Levenshtein distance, bounded: strings far apart in length are far apart. */
    private static int distance(String a, String b) {
        if (Math.abs(a.length() - b.length()) > 2) {
            return 3;
        }
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    // ---- form: encoding, display name, flooding ---------------------------------------------------------------

    private void encoding(String raw, java.util.Optional<LegacyEncodings.Detection> legacy, TextStreams text,
            List<Violation> out, List<String> suggestions) {
        Policy.Rule rule = policy.encoding();
        if (rule == null || raw.isBlank()) {
            return;
        }
        if (legacy.isPresent()) {
            out.add(new Violation(rule.id() + ":" + legacy.get().encoding().name().toLowerCase(Locale.ROOT),
                    Category.ENCODING, rule.citation(), rule.decision(),
                    new Violation.Evidence("text", 0, raw.length(), excerpt(raw))));
            suggestions.add(legacy.get().unicode());
            return;
        }
        if (text.withoutDiacritics() && text.count() >= 4) {
            long vietnamese = 0;
            for (int i = 0; i < text.count(); i++) {
                if (COMMON_UNMARKED.contains(text.folded(i))) {
                    vietnamese++;
                }
            }
            if (vietnamese * 2 >= text.count()) {
                out.add(new Violation(rule.id() + ":no-diacritics", Category.ENCODING, rule.citation(),
                        rule.decision(), new Violation.Evidence("text", 0, raw.length(), excerpt(raw))));
                suggestions.add("Đề nghị gõ tiếng Việt có dấu theo bảng mã Unicode (TCVN 6909:2001).");
            }
        }
    }

    /** English words a Vietnamese text does not use: enough of them, and the text is English. */
    private static final Set<String> ENGLISH = Set.of("the", "and", "of", "to", "is", "are", "was", "were", "for",
            "with", "this", "that", "please", "you", "your", "we", "our", "will", "be", "have", "has", "not", "it",
            "from", "by", "on", "at", "as", "or", "an", "all", "can", "should", "must", "would", "their", "they",
            "which", "been", "about", "into", "more", "any", "if", "these", "those", "what", "who", "there");

    /**
     * police-song-tri:12.1: the group's language is Vietnamese; an English quotation needs a Vietnamese
     * summary. A text of at least eight words, four or more of them English words Vietnamese does not
     * use, and fewer than three Vietnamese words with their diacritics, has none: flagged for the board.
     */
    private void language(String raw, TextStreams text, List<Violation> out, List<String> suggestions) {
        Policy.Rule rule = policy.language();
        if (rule == null || text.count() < 8) {
            return;
        }
        int english = 0;
        int vietnamese = 0;
        for (int i = 0; i < text.count(); i++) {
            if (text.marked(i)) {
                vietnamese++;
            } else if (ENGLISH.contains(text.folded(i))) {
                english++;
            }
        }
        if (english >= 4 && vietnamese < 3) {
            out.add(new Violation(rule.id(), Category.LANGUAGE, rule.citation(), rule.decision(),
                    new Violation.Evidence("text", 0, raw.length(), excerpt(raw))));
            suggestions.add("Đề nghị bổ sung phần tóm tắt nội dung bằng tiếng Việt cho đoạn trích dẫn tiếng Anh.");
        }
    }

    private static String excerpt(String s) {
        return s.length() <= 120 ? s : s.substring(0, 120);
    }

    private void displayName(String name, TextStreams.Reader reader, List<Violation> out, List<String> suggestions) {
        if (name == null || name.isBlank()) {
            return;
        }
        NameJudgement judged = names.get(name);
        if (judged == null) {
            judged = judge(name, reader);
            if (names.size() >= NAMES_REMEMBERED) {
                names.clear(); // names are the senders' to choose: remembered within bounds
            }
            names.put(name, judged);
        }
        Policy.PoliceNameRule police = policy.policeNames();
        if (judged.policeName()) {
            out.add(new Violation(police.id(), Category.POLICE_IDENTIFIERS, police.citation(), police.decision(),
                    new Violation.Evidence("author.displayName", 0, name.length(), name)));
        }
        Policy.NameRule rule = policy.displayName();
        if (judged.notAFullName()) {
            out.add(new Violation(rule.id(), Category.NAME, rule.citation(), rule.decision(),
                    new Violation.Evidence("author.displayName", 0, name.length(), name)));
            suggestions.add(rule.positionRequired()
                    ? "Đề nghị đặt tên hiển thị theo mẫu: Họ và tên - Chức vụ, đơn vị."
                    : "Đề nghị đặt tên hiển thị là họ và tên thật, có dấu.");
        }
    }

    /** How a display name is judged: by this policy, the same name always the same way. */
    private record NameJudgement(boolean policeName, boolean notAFullName) {
    }

    private NameJudgement judge(String name, TextStreams.Reader reader) {
        boolean policeName = false;
        if (policy.policeNames() != null && !this.police.isEmpty()) {
            boolean[] found = new boolean[1];
            this.police.match(reader.read(name), (first, last, hits) -> found[0] = true);
            policeName = found[0];
        }
        Policy.NameRule rule = policy.displayName();
        // a unit's name or a nickname is not a person's full name, however well it is spelled
        boolean notAFullName = rule != null && (policeName
                || NICKNAMES.contains(firstWord(name.strip()).toLowerCase(Locale.ROOT))
                || FullNames.problem(name, rule.positionRequired()).isPresent());
        return new NameJudgement(policeName, notAFullName);
    }

    /** Up to the first ASCII white space, as {@code split("\\s+")[0]} without a regex per message. */
    private static String firstWord(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (vn.binhyen.contracts.text.Split.asciiSpace(c)) {
                return s.substring(0, i);
            }
        }
        return s;
    }

    /** Words that begin nicknames and forms of address, never a Vietnamese full name. */
    private static final Set<String> NICKNAMES = Set.of("bé", "út", "tèo", "bi", "bin", "mẹ", "ba", "bố", "anh", "chị",
            "em", "cô", "chú", "bác", "ông", "bà", "cu", "cún", "mèo", "heo", "xu", "sóc", "admin", "mr", "mrs", "ms",
            "miss", "baby", "boss", "sếp", "team");

    private void flood(int recentMessages, List<Violation> out) {
        Policy.FloodRule rule = policy.flood();
        if (rule != null && recentMessages > rule.maxMessages()) {
            out.add(new Violation(rule.id(), Category.FLOOD, rule.citation(), rule.decision(),
                    new Violation.Evidence("author", 0, 0, recentMessages + " tin nhắn trong " + rule.perSeconds()
                            + " giây")));
        }
    }
}
