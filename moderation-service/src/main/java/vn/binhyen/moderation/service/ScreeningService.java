package vn.binhyen.moderation.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import vn.binhyen.contracts.moderation.ModerationEvent;
import vn.binhyen.eventlog.CanonicalJson;
import vn.binhyen.eventlog.EventIds;
import vn.binhyen.eventlog.EventLogException;
import vn.binhyen.eventlog.EventStore;
import vn.binhyen.eventlog.Json;
import vn.binhyen.eventlog.NewEvent;
import vn.binhyen.eventlog.decider.CommandHandler;
import vn.binhyen.eventlog.decider.EventCodec;
import vn.binhyen.moderation.domain.ledger.Ledger;
import vn.binhyen.moderation.domain.ledger.LedgerCommand;
import vn.binhyen.moderation.domain.ledger.LedgerDecider;
import vn.binhyen.contracts.moderation.Category;
import vn.binhyen.moderation.domain.screening.Decision;
import vn.binhyen.moderation.domain.screening.Message;
import vn.binhyen.moderation.domain.screening.Replies;
import vn.binhyen.moderation.domain.policy.Policy;
import vn.binhyen.moderation.domain.screening.Sanction;
import vn.binhyen.moderation.domain.screening.Screener;
import vn.binhyen.moderation.domain.screening.Verdict;
import vn.binhyen.moderation.domain.screening.Violation;

/**
 * Screens a message for a bot, by its group's profile, and records what follows: a REMOVE is
 * a takedown in the member's ledger with the sanction the ladder chooses (a removal proposal
 * goes to group-service as an event); a FLAG or HOLD is queued for the group's admins. The
 * answer is idempotent by (groupId, messageId): answers with an effect are stored with a hash
 * of the request; ALLOW answers, which write nothing, are recomputed (the same input gives the
 * same answer) and kept in a small cache, without a database round trip. A message id reused
 * with other content is refused (409) while the first answer is cached, and whenever the new
 * content has an effect; an ALLOW for a reused id after a restart is not checked against the
 * database (that would cost every message a round trip).
 */
@ApplicationScoped
public class ScreeningService {
    /** The answer a bot gets. {@code reviewId} is set for FLAG and HOLD. */
    public record Result(String groupId, String messageId, Decision decision, List<Violation> violations,
            List<String> suggestions, Sanction sanction, String reply, String policy, int policyVersion,
            String reviewId) {
        /** This result for other ids (the same answer to the same request, the ids aside). */
        public Result withIds(String groupId, String messageId) {
            return new Result(groupId, messageId, decision, violations, suggestions, sanction, reply, policy,
                    policyVersion, reviewId);
        }
    }

    /** The message id was screened before with other content. */
    public static final class ConflictingMessage extends RuntimeException {
        public ConflictingMessage(String detail) {
            super(detail);
        }
    }

    private static final int CACHED_ANSWERS = 50_000;

    private final PolicyRegistry screeners;
    private final GroupProfiles profiles;
    private final FloodTracker flood;
    private final CommandHandler<LedgerCommand, Ledger, ModerationEvent> ledger;
    private final EventStore store;
    private final EventCodec<ModerationEvent> codec;
    private final AgroalDataSource dataSource;
    /** The roster, for what the sanctions ask of the member (a household's representative; the agency's contact). */
    private final vn.binhyen.eventlog.directory.Directory directory;
    /**
     * An answer in memory, by the print of its (groupId, messageId), with the print of the
     * request it answered and the result without its ids (the request's own ids when it is
     * answered again: the same print means the same ids). Two longs and the result: the ids'
     * strings are not kept alive for each of the answers.
     */
    private record Answer(long printHigh, long printLow, Result withoutIds) {
        Answer(Prints.Print print, Result result) {
            this(print.high(), print.low(), result.withIds(null, null));
        }

        boolean answers(Prints.Print print) {
            return printHigh == print.high() && printLow == print.low();
        }
    }

    private final Map<Prints.Print, Answer> answers = java.util.Collections.synchronizedMap(
            new LinkedHashMap<>(1024, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Prints.Print, Answer> eldest) {
                    return size() > CACHED_ANSWERS;
                }
            });

    private final java.time.Clock clock;

    ScreeningService(PolicyRegistry screeners, GroupProfiles profiles, FloodTracker flood,
            CommandHandler<LedgerCommand, Ledger, ModerationEvent> ledger, EventStore store,
            EventCodec<ModerationEvent> codec, AgroalDataSource dataSource,
            vn.binhyen.eventlog.directory.Directory directory, java.time.Clock clock) {
        this.directory = directory;
        this.clock = clock;
        this.screeners = screeners;
        this.profiles = profiles;
        this.flood = flood;
        this.ledger = ledger;
        this.store = store;
        this.codec = codec;
        this.dataSource = dataSource;
    }

    /** {@code replayed}: the same request was answered before, and this is that answer. */
    public record Screened(Result result, boolean replayed) {
    }

    /**
     * Screens; an ALLOW (most messages) touches no database and opens no transaction; an answer
     * with an effect is recorded in one transaction of its own.
     */
    public Screened screen(Message m, CommandHandler.Metadata meta) {
        Decided decided = decide(m, true);
        return decided.answered() != null ? decided.answered() : record(decided.toRecord(), meta);
    }

    /** A verdict with an effect, decided and waiting to be recorded; {@code key} is the print of (group, message id). */
    public record ToRecord(Message m, Prints.Print key, Prints.Print fingerprint, Verdict verdict, Screener screener) {
    }

    /**
     * What deciding found: the answer ({@code answered}); or a verdict to record ({@code toRecord});
     * or, in memory only, neither: the group's profile is known only to the database, or the message
     * shares something and the sender's role is on the roster there.
     */
    public record Decided(Screened answered, ToRecord toRecord) {
    }

    /**
     * Decides without touching the database (an event loop may call it): a repeated request, or an
     * ALLOW, is answered at once; a verdict with an effect is returned to be {@link #record}ed on a
     * worker thread; a group whose profile is not in memory yet, or a share whose sender's role must be
     * read, gets neither ({@link #screen} then).
     */
    public Decided decideInMemory(Message m) {
        return decide(m, false);
    }

    private Decided decide(Message m, boolean mayQuery) {
        Prints.Print key = Prints.of(m.groupId(), m.messageId());
        Prints.Print fingerprint = Prints.of(m);
        Answer cached = answers.get(key);
        if (cached != null) {
            return new Decided(same(cached.answers(fingerprint), cached.withoutIds().withIds(m.groupId(),
                    m.messageId()), m), null);
        }
        String profile = mayQuery ? profiles.profileOf(m.groupId()) : profiles.knownProfileOf(m.groupId());
        if (profile == null) {
            return new Decided(null, null);
        }
        Screener screener = screeners.at(profile, m.postedAt());
        var floodRule = screener.policy().flood();
        int recent = flood.note(m.groupId(), m.authorId(), key, m.postedAt(),
                Duration.ofSeconds(floodRule == null ? 60 : floodRule.perSeconds()));
        Verdict verdict = frozen(screener, m, screener.screen(m, recent));
        if (screener.shares(m)) {
            // who shares decides (police-song-tri:13.2, ioc-dak-lak:2.3): the roster is read from the
            // database, so an event loop hands the message to a worker (the caller then calls screen)
            if (!mayQuery) {
                return new Decided(null, null);
            }
            verdict = screener.sharedBy(m, directory.roleIn(m.groupId(), m.authorId()).orElse(null), verdict);
        }
        if (verdict.decision() == Decision.ALLOW) {
            // writes nothing, and is what the same request always gets: no lookup, no transaction
            Result result = new Result(m.groupId(), m.messageId(), verdict.decision(), verdict.violations(),
                    verdict.suggestions(), Sanction.NONE, null, verdict.policyId(), verdict.policyVersion(), null);
            answers.put(key, new Answer(fingerprint, result));
            return new Decided(new Screened(result, false), null);
        }
        return new Decided(null, new ToRecord(m, key, fingerprint, verdict, screener));
    }

    /**
     * A frozen author's message is held for the board whatever it says (ioc-dak-lak:4.3.8: posting
     * frozen once the account is reported hijacked), unless it is removed outright; from memory only.
     */
    private Verdict frozen(Screener screener, Message m, Verdict verdict) {
        Policy.Rule rule = screener.policy().frozenAccounts();
        if (rule == null || verdict.decision() == Decision.REMOVE || !directory.postingFrozen(m.groupId(), m.authorId())) {
            return verdict;
        }
        return verdict.adding(new Violation(rule.id(), Category.ACCOUNT_FROZEN, rule.citation(), rule.decision(),
                new Violation.Evidence("author", 0, 0, m.authorId())));
    }

    /** The rule id of a hold for a message that could not be screened automatically (it is no rule of a seed). */
    public static final String NOT_SCREENED_RULE = "screening:not-screened";

    /**
     * Holds a message that could not be screened (its screening went over its budget) for the
     * group's board to review, saying why; blocking. No regulation's rule is cited: nothing was
     * found against the message, and a review that confirms the hold records no violation for it.
     */
    public Screened holdUnscreened(Message m, String why, CommandHandler.Metadata meta) {
        Prints.Print key = Prints.of(m.groupId(), m.messageId());
        Prints.Print fingerprint = Prints.of(m);
        Answer cached = answers.get(key);
        if (cached != null) {
            return same(cached.answers(fingerprint), cached.withoutIds().withIds(m.groupId(), m.messageId()), m);
        }
        Screener screener = screeners.at(profiles.profileOf(m.groupId()), m.postedAt());
        Verdict verdict = new Verdict(Decision.HOLD, List.of(new Violation(NOT_SCREENED_RULE, Category.NOT_SCREENED, null,
                Decision.HOLD, new Violation.Evidence("text", 0, 0, why))), List.of(), screener.policy().id(),
                screener.policy().version());
        return record(new ToRecord(m, key, fingerprint, verdict, screener), meta);
    }

    /** Records a decided verdict's effects in one transaction of its own (blocking: a worker thread). */
    public Screened record(ToRecord r, CommandHandler.Metadata meta) {
        // the stored hash is of the request's canonical form; the memory keeps the fingerprint
        String hash = hash(r.m());
        Screened recorded = QuarkusTransaction.requiringNew().call(() -> record(r.m(), hash, r.verdict(),
                r.screener(), meta));
        // committed: retries and reuses answered from memory
        answers.put(r.key(), new Answer(r.fingerprint(), recorded.result()));
        return recorded;
    }

    /** Looked up first, so an effect is recorded once and a reused id is refused; then recorded. */
    private Screened record(Message m, String hash, Verdict verdict, Screener screener, CommandHandler.Metadata meta) {
        Screened stored = stored(m, hash);
        if (stored != null) {
            return stored;
        }
        Sanction sanction = Sanction.NONE;
        boolean agencyTold = false;
        String reviewId = null;
        if (verdict.decision() == Decision.REMOVE) {
            ModerationEvent.SanctionDecided decided = takeDown(m, verdict, screener, meta);
            if (decided != null) {
                sanction = Sanction.valueOf(decided.sanction());
                agencyTold = decided.reportTo() != null;
            }
        } else {
            reviewId = queueForReview(m, verdict, meta);
        }
        Result result = new Result(m.groupId(), m.messageId(), verdict.decision(), verdict.violations(),
                verdict.suggestions(), sanction, Replies.of(verdict, sanction, m.displayName(), agencyTold),
                verdict.policyId(),
                verdict.policyVersion(), reviewId);
        store(m, hash, result);
        return new Screened(result, false);
    }

    private static Screened same(boolean sameContent, Result result, Message m) {
        if (!sameContent) {
            throw new ConflictingMessage("message " + m.messageId() + " of " + m.groupId()
                    + " was screened before with other content");
        }
        return new Screened(result, true);
    }

    /** The takedown recorded in the ledger; the sanction it decided, if the regulation names one. */
    private ModerationEvent.SanctionDecided takeDown(Message m, Verdict verdict, Screener screener,
            CommandHandler.Metadata meta) {
        String reply = Replies.of(verdict, Sanction.NONE, m.displayName());
        var seat = directory.seatOf(m.groupId(), m.authorId())
                .orElse(new vn.binhyen.eventlog.directory.Directory.Seat(null, false, null));
        var outcome = ledger.handle(LedgerDecider.streamOf(m.groupId(), m.authorId()), OptionalLong.empty(),
                new LedgerCommand.RecordViolations(m.groupId(), m.authorId(), m.messageId(), m.postedAt(),
                        verdict.violations(), true, reply, screener.policy().sanctions(), seat.householdRepresentative(),
                        seat.agencyContact()), meta);
        project(outcome.events());
        return outcome.events().stream().filter(e -> e instanceof ModerationEvent.SanctionDecided)
                .map(ModerationEvent.SanctionDecided.class::cast).findFirst().orElse(null);
    }

    /** Writes the ledger's read model: one row per violation. */
    void project(List<ModerationEvent> events) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "insert into violation (violation_id, group_id, member_id, message_id, rule_id, category, citation, "
                        + "decision, at) values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing")) {
            for (ModerationEvent e : events) {
                if (e instanceof ModerationEvent.ViolationRecorded v) {
                    ps.setString(1, v.violationId());
                    ps.setString(2, v.groupId());
                    ps.setString(3, v.memberId());
                    ps.setString(4, v.messageId());
                    ps.setString(5, v.ruleId());
                    ps.setString(6, v.category());
                    ps.setString(7, v.citation());
                    ps.setString(8, v.decision());
                    ps.setTimestamp(9, Timestamp.from(v.at()));
                    ps.addBatch();
                }
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new EventLogException("violations could not be recorded: " + e.getMessage(), e);
        }
    }

    private String queueForReview(Message m, Verdict verdict, CommandHandler.Metadata meta) {
        String reviewId = "review-" + UUID.nameUUIDFromBytes((m.groupId() + "\n" + m.messageId())
                .getBytes(StandardCharsets.UTF_8));
        List<String> ruleIds = verdict.violations().stream().map(Violation::ruleId).distinct().toList();
        var queued = new ModerationEvent.ReviewQueued(m.groupId(), reviewId, m.messageId(), m.authorId(),
                verdict.decision().name(), ruleIds,
                verdict.violations().stream().map(v -> v.category().name()).distinct().toList(),
                m.text().length() <= 200 ? m.text() : m.text().substring(0, 200));
        store.append(reviewId, 0, List.of(new NewEvent(EventIds.next(), codec.typeName(queued),
                codec.schemaVersion(queued), m.postedAt(), meta.actor(), meta.correlationId(), meta.causationId(),
                codec.payload(queued))));
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "insert into review (review_id, group_id, message_id, member_id, decision, rule_ids, state, queued_at) "
                        + "values (?, ?, ?, ?, ?, ?, 'OPEN', ?)")) {
            Array rules = c.createArrayOf("text", ruleIds.toArray());
            ps.setString(1, reviewId);
            ps.setString(2, m.groupId());
            ps.setString(3, m.messageId());
            ps.setString(4, m.authorId());
            ps.setString(5, verdict.decision().name());
            ps.setArray(6, rules);
            ps.setTimestamp(7, Timestamp.from(m.postedAt()));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new EventLogException("review " + reviewId + " could not be queued: " + e.getMessage(), e);
        }
        return reviewId;
    }

    private Screened stored(Message m, String hash) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select request_hash, result from screening where group_id = ? and message_id = ?")) {
            ps.setString(1, m.groupId());
            ps.setString(2, m.messageId());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                return same(hash.equals(rs.getString(1)), Json.MAPPER.readValue(rs.getString(2), Result.class), m);
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new EventLogException("screening of " + m.messageId() + " could not be read: " + e.getMessage(), e);
        }
    }

    private void store(Message m, String hash, Result result) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "insert into screening (group_id, message_id, request_hash, result, screened_at) "
                        + "values (?, ?, ?, ?::jsonb, ?)")) {
            ps.setString(1, m.groupId());
            ps.setString(2, m.messageId());
            ps.setString(3, hash);
            ps.setString(4, Json.MAPPER.writeValueAsString(result));
            ps.setTimestamp(5, Timestamp.from(clock.instant()));
            ps.executeUpdate();
        } catch (SQLException | JsonProcessingException e) {
            throw new EventLogException("screening of " + m.messageId() + " could not be stored: " + e.getMessage(), e);
        }
    }

    /**
     * SHA-256 of the request's RFC 8785 form: the same message, however its JSON was laid out
     * (the posting time aside, which a bot may fill in or not on a retry).
     */
    static String hash(Message m) {
        com.fasterxml.jackson.databind.node.ObjectNode tree = Json.MAPPER.valueToTree(m);
        tree.remove("postedAt");
        return HexFormat.of().formatHex(Prints.sha256().digest(CanonicalJson.bytes(tree)));
    }
}
