package vn.binhyen.moderation.service;

import vn.binhyen.eventlog.directory.Directory;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import vn.binhyen.contracts.moderation.ModerationEvent;
import vn.binhyen.eventlog.EventIds;
import vn.binhyen.eventlog.EventLogException;
import vn.binhyen.eventlog.EventStore;
import vn.binhyen.eventlog.Json;
import vn.binhyen.eventlog.NewEvent;
import vn.binhyen.eventlog.decider.CommandHandler;
import vn.binhyen.eventlog.decider.EventCodec;
import vn.binhyen.eventlog.decider.RuleViolation;
import vn.binhyen.moderation.domain.ledger.Ledger;
import vn.binhyen.moderation.domain.ledger.LedgerCommand;
import vn.binhyen.moderation.domain.ledger.LedgerDecider;
import vn.binhyen.contracts.moderation.Category;
import vn.binhyen.moderation.domain.screening.Replies;
import vn.binhyen.moderation.domain.screening.Sanction;
import vn.binhyen.moderation.domain.screening.Screener;
import vn.binhyen.moderation.domain.screening.Verdict;
import vn.binhyen.moderation.domain.screening.Violation;

/**
 * Human review of FLAG and HOLD (ward-binh-phuoc:6.3: admins remind, delete and report to the
 * leader): a confirmation records the violations in the member's ledger, a takedown and the
 * sanction; an overturn is a false positive of the rules that fired. Both are events.
 */
@ApplicationScoped
public class ReviewService {

    public enum Outcome { CONFIRMED, OVERTURNED }

    public record Review(String reviewId, String groupId, String messageId, String memberId, String decision,
            List<String> ruleIds, String state) {
    }

    public record RuleRate(String ruleId, long reviewed, long overturned, double falsePositiveRate) {
    }

    /** No review with that id. */
    public static final class UnknownReview extends RuntimeException {
        public UnknownReview(String detail) {
            super(detail);
        }
    }

    private final AgroalDataSource dataSource;
    private final EventStore store;
    private final EventCodec<ModerationEvent> codec;
    private final CommandHandler<LedgerCommand, Ledger, ModerationEvent> ledger;
    private final ScreeningService screenings;
    private final PolicyRegistry screeners;
    private final GroupProfiles profiles;
    private final Directory boards;
    private final Clock clock;

    ReviewService(AgroalDataSource dataSource, EventStore store, EventCodec<ModerationEvent> codec,
            CommandHandler<LedgerCommand, Ledger, ModerationEvent> ledger, ScreeningService screenings,
            PolicyRegistry screeners, GroupProfiles profiles, Directory boards, Clock clock) {
        this.dataSource = dataSource;
        this.store = store;
        this.codec = codec;
        this.ledger = ledger;
        this.screenings = screenings;
        this.screeners = screeners;
        this.profiles = profiles;
        this.boards = boards;
        this.clock = clock;
    }

    public List<Review> open(String groupId) {
        List<Review> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select review_id, group_id, message_id, member_id, decision, rule_ids, state from review "
                        + "where group_id = ? and state = 'OPEN' order by queued_at limit 500")) {
            ps.setString(1, groupId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(review(rs));
                }
            }
        } catch (SQLException e) {
            throw new EventLogException("reviews of " + groupId + " could not be read: " + e.getMessage(), e);
        }
        return out;
    }

    private static Review review(ResultSet rs) throws SQLException {
        return new Review(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                Arrays.asList((String[]) rs.getArray(6).getArray()), rs.getString(7));
    }

    @Transactional
    public Review resolve(String reviewId, Outcome outcome, String note, CommandHandler.Metadata meta) {
        Review r;
        ScreeningService.Result screened;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select r.review_id, r.group_id, r.message_id, r.member_id, r.decision, r.rule_ids, r.state, s.result "
                        + "from review r join screening s on s.group_id = r.group_id and s.message_id = r.message_id "
                        + "where r.review_id = ? for update of r")) {
            ps.setString(1, reviewId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new UnknownReview("no review " + reviewId);
                }
                r = review(rs);
                screened = Json.MAPPER.readValue(rs.getString(8), ScreeningService.Result.class);
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new EventLogException("review " + reviewId + " could not be read: " + e.getMessage(), e);
        }
        Screener screener = screeners.at(profiles.profileOf(r.groupId()), clock.instant());
        String citation = screener.policy().review() != null ? screener.policy().review().citation() : "binhyen:review";
        if (!boards.onBoard(r.groupId(), meta.actor().id())) {
            throw new vn.binhyen.eventlog.decider.NotPermitted(citation,
                    "only the group's management board (leader, deputies, admins) decides a review");
        }
        if (!r.state().equals("OPEN")) {
            throw new RuleViolation(citation, "reviewId", "review " + reviewId + " was already " + r.state());
        }
        var resolved = new ModerationEvent.ReviewResolved(r.groupId(), reviewId, outcome.name(), meta.actor().id(),
                r.ruleIds(), note);
        store.append(reviewId, 1, List.of(new NewEvent(EventIds.next(), codec.typeName(resolved),
                codec.schemaVersion(resolved), clock.instant(), meta.actor(), meta.correlationId(), null,
                codec.payload(resolved))));
        // a hold for a message that could not be screened names no rule it broke: confirming it records nothing
        List<Violation> broken = screened.violations().stream().filter(v -> v.category().isViolation())
                .toList();
        if (outcome == Outcome.CONFIRMED && !broken.isEmpty()) {
            var seat = boards.seatOf(r.groupId(), r.memberId())
                    .orElse(new vn.binhyen.eventlog.directory.Directory.Seat(null, false, null));
            Verdict verdict = new Verdict(screened.decision(), broken, screened.suggestions(),
                    screened.policy(), screened.policyVersion());
            var recorded = ledger.handle(LedgerDecider.streamOf(r.groupId(), r.memberId()), OptionalLong.empty(),
                    new LedgerCommand.RecordViolations(r.groupId(), r.memberId(), r.messageId(), clock.instant(),
                            broken, true, Replies.of(verdict, Sanction.NONE, null),
                            screener.policy().sanctions(), seat.householdRepresentative(), seat.agencyContact()), meta);
            screenings.project(recorded.events());
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "update review set state = ?, resolved_at = ? where review_id = ?")) {
            ps.setString(1, outcome.name());
            ps.setTimestamp(2, Timestamp.from(clock.instant()));
            ps.setString(3, reviewId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new EventLogException("review " + reviewId + " could not be closed: " + e.getMessage(), e);
        }
        return new Review(r.reviewId(), r.groupId(), r.messageId(), r.memberId(), r.decision(), r.ruleIds(),
                outcome.name());
    }

    /** Per rule: how many of its reviewed decisions were overturned. */
    public List<RuleRate> falsePositiveRates() {
        List<RuleRate> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select rule_id, count(*), count(*) filter (where state = 'OVERTURNED') from review, "
                        + "unnest(rule_ids) as rule_id where state <> 'OPEN' group by rule_id order by rule_id")) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long reviewed = rs.getLong(2);
                    long overturned = rs.getLong(3);
                    out.add(new RuleRate(rs.getString(1), reviewed, overturned, (double) overturned / reviewed));
                }
            }
        } catch (SQLException e) {
            throw new EventLogException("false-positive rates could not be read: " + e.getMessage(), e);
        }
        return out;
    }
}
