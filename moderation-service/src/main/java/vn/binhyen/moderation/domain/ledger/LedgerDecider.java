package vn.binhyen.moderation.domain.ledger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import vn.binhyen.contracts.moderation.ModerationEvent;
import vn.binhyen.eventlog.decider.Decider;
import vn.binhyen.eventlog.decider.InvalidInput;
import vn.binhyen.moderation.domain.policy.Policy;
import vn.binhyen.contracts.moderation.Category;
import vn.binhyen.moderation.domain.screening.Sanction;
import vn.binhyen.moderation.domain.screening.Violation;

/**
 * The violation ledger and the sanctions of the group's regulation, each step from its rulebook
 * with its own clause ({@link Policy.SanctionRule}): each violating message is recorded once; a
 * category the regulation hands to the law, or reports to the member's agency, takes that step;
 * otherwise the {@code after}-th violation in the window proposes removal (the leader still decides
 * in group-service), and any other is a reminder, where the regulation makes those steps. A
 * regulation without a step never decides it.
 */
public final class LedgerDecider implements Decider<LedgerCommand, Ledger, ModerationEvent> {

    /** The ledger stream of a member in a group: {@code ledger-<uuid>}, the same for every instance. */
    public static String streamOf(String groupId, String memberId) {
        return "ledger-" + UUID.nameUUIDFromBytes((groupId + "\n" + memberId).getBytes(StandardCharsets.UTF_8));
    }

    static String idOf(String kind, String... parts) {
        return kind + "-" + UUID.nameUUIDFromBytes(String.join("\n", parts).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public Ledger initialState() {
        return new Ledger.Empty();
    }

    @Override
    public List<ModerationEvent> decide(LedgerCommand command, Ledger state) {
        return switch (command) {
            case LedgerCommand.RecordViolations c -> record(c, state);
        };
    }

    private List<ModerationEvent> record(LedgerCommand.RecordViolations c, Ledger state) {
        if (c.violations() == null || c.violations().isEmpty()) {
            throw new InvalidInput("binhyen:ledger", "violations", "a ledger entry records at least one violation");
        }
        if (state instanceof Ledger.Open open && open.messages().contains(c.messageId())) {
            return List.of(); // already recorded: a redelivered message or a repeated request
        }
        List<ModerationEvent> events = new ArrayList<>();
        Set<String> recordedRules = new HashSet<>();
        List<String> violationIds = new ArrayList<>();
        Set<Category> categories = new LinkedHashSet<>();
        Set<String> citations = new LinkedHashSet<>();
        for (Violation v : c.violations()) {
            if (!recordedRules.add(v.ruleId())) {
                continue;
            }
            String violationId = idOf("violation", c.groupId(), c.messageId(), v.ruleId());
            violationIds.add(violationId);
            categories.add(v.category());
            citations.add(v.citation());
            events.add(new ModerationEvent.ViolationRecorded(c.groupId(), violationId, c.memberId(), c.messageId(),
                    v.ruleId(), v.category().name(), v.citation(), v.decision().name(), c.at()));
        }
        if (c.takenDown()) {
            events.add(new ModerationEvent.MessageTakenDown(c.groupId(), c.messageId(), c.memberId(),
                    categories.stream().map(Enum::name).toList(), List.copyOf(citations), c.reply()));
        }
        Policy.SanctionRule rule = c.sanctions();
        if (rule == null) {
            return events;
        }
        Instant since = c.at().minus(Duration.ofDays(rule.windowDays()));
        List<String> inWindow = new ArrayList<>();
        if (state instanceof Ledger.Open open) {
            open.entries().stream().filter(e -> e.at().isAfter(since)).map(Ledger.Entry::messageId).distinct()
                    .forEach(inWindow::add);
        }
        inWindow.add(c.messageId());
        Sanction sanction;
        Policy.Cited step;
        String reason;
        if (rule.referToLaw() != null && categories.stream().anyMatch(rule.referToLaw().categories()::contains)) {
            sanction = Sanction.REFER_TO_LAW;
            step = rule.referToLaw();
            reason = "vi phạm thuộc diện xử lý theo quy định của pháp luật";
        } else if (rule.reportToAgency() != null
                && categories.stream().anyMatch(rule.reportToAgency().categories()::contains)
                && (!rule.reportToAgency().membersWithAnAgency() || !c.householdRepresentative())) {
            sanction = Sanction.REPORT_TO_AGENCY;
            step = rule.reportToAgency();
            reason = "vi phạm nghiêm trọng, báo cáo lãnh đạo cơ quan, đơn vị của thành viên để xem xét xử lý";
        } else if (rule.remove() != null && inWindow.size() >= rule.remove().after()) {
            sanction = Sanction.REMOVE_MEMBER;
            step = rule.remove();
            reason = inWindow.size() + " lần vi phạm trong " + rule.windowDays() + " ngày";
        } else if (rule.remind() != null) {
            sanction = Sanction.REMIND;
            step = rule.remind();
            reason = "nhắc nhở lần " + inWindow.size() + " trong " + rule.windowDays() + " ngày";
        } else {
            return events;
        }
        String sanctionId = idOf("sanction", c.groupId(), c.memberId(), c.messageId());
        events.add(new ModerationEvent.SanctionDecided(c.groupId(), sanctionId, c.memberId(), sanction.name(),
                step.citation(), inWindow.size(), List.copyOf(inWindow), reason,
                sanction == Sanction.REPORT_TO_AGENCY ? c.agencyContact() : null));
        if (sanction == Sanction.REMOVE_MEMBER) {
            events.add(new ModerationEvent.MemberRemovalProposed(c.groupId(), c.memberId(), sanctionId, step.citation(),
                    violationIds, reason));
        }
        return events;
    }

    @Override
    public Ledger evolve(Ledger state, ModerationEvent event) {
        if (!(event instanceof ModerationEvent.ViolationRecorded v)) {
            return state;
        }
        Ledger.Open open = state instanceof Ledger.Open o ? o
                : new Ledger.Open(v.groupId(), v.memberId(), List.of(), Set.of());
        List<Ledger.Entry> entries = new ArrayList<>(open.entries());
        entries.add(new Ledger.Entry(v.messageId(), v.at(), v.violationId()));
        Set<String> messages = new HashSet<>(open.messages());
        messages.add(v.messageId());
        return new Ledger.Open(open.groupId(), open.memberId(), List.copyOf(entries), Set.copyOf(messages));
    }
}
