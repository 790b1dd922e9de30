package vn.binhyen.moderation.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.binhyen.contracts.moderation.Category;
import vn.binhyen.contracts.moderation.ModerationEvent;
import vn.binhyen.eventlog.Json;
import vn.binhyen.moderation.domain.ledger.Ledger;
import vn.binhyen.moderation.domain.ledger.LedgerCommand;
import vn.binhyen.moderation.domain.ledger.LedgerDecider;
import vn.binhyen.moderation.domain.screening.Decision;
import vn.binhyen.moderation.domain.screening.Violation;

/**
 * A member's ledger is snapshotted (ModerationBeans.ledger): the state as the snapshot table keeps it (eventlog's
 * JSON) decides, once read back, as the state folded from the events does (ward-binh-phuoc:9's steps counted from
 * the same violations). This is the state's round trip only; through the service, the database's snapshot and
 * the lost cache: ScreeningResourceTests.
 */
class LedgerSnapshotTests {
    static final LedgerDecider DECIDER = new LedgerDecider();
    static final Instant NOW = Instant.parse("2026-12-04T08:00:00Z");
    static final Violation AD = new Violation("advertising", Category.ADVERTISING, "ward-binh-phuoc:7.2",
            Decision.REMOVE, new Violation.Evidence("text", 0, 8, "giảm giá"));

    static LedgerCommand.RecordViolations record(String messageId, Instant at) {
        return new LedgerCommand.RecordViolations("group-1", "member-1", messageId, at, List.of(AD), true,
                "Tin nhắn đã bị gỡ.", Policies.load().get("ward-binh-phuoc").sanctions(), false, null);
    }

    @Test
    void aSnapshottedLedger_readBack_decidesTheNextViolationAsTheFoldedOneDoes_ward_binh_phuoc_9() throws Exception {
        // given a member with two violations this month, folded from their events
        Ledger folded = DECIDER.initialState();
        for (int i = 1; i <= 2; i++) {
            for (ModerationEvent e : DECIDER.decide(record("m-" + i, NOW.plus(Duration.ofMinutes(i))), folded)) {
                folded = DECIDER.evolve(folded, e);
            }
        }
        assertThat(folded).isInstanceOf(Ledger.Open.class);
        // when the state is written as the snapshot table keeps it, and read back
        Ledger restored = Json.MAPPER.readValue(Json.MAPPER.writeValueAsBytes(folded), Ledger.Open.class);
        // then it is the same state, and the third violation is decided the same from either
        assertThat(restored).isEqualTo(folded);
        LedgerCommand.RecordViolations third = record("m-3", NOW.plus(Duration.ofMinutes(3)));
        assertThat(DECIDER.decide(third, restored)).isEqualTo(DECIDER.decide(third, folded)).isNotEmpty();
        // and a message recorded before is still known: a repeat records nothing
        assertThat(DECIDER.decide(record("m-2", NOW.plus(Duration.ofMinutes(9))), restored)).isEmpty();
    }
}
