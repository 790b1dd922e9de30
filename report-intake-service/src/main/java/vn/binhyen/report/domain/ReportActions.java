package vn.binhyen.report.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which steps an officer may take on a report now: each candidate command is put to the decider
 * itself, so the dashboard offers exactly what the decider would accept (role and status), never
 * a button that ends in a refusal, and never hides one the rules allow.
 */
public final class ReportActions {
    /** The steps, by the name the dashboard's forms post to. */
    public static final List<String> ALL = List.of("classification", "written-report", "forwarding", "registration",
            "resolution", "transfer", "emergency-acknowledgement", "taking");

    private ReportActions() {
    }

    public static List<String> available(Report state, String actor, Set<String> roles, Instant now) {
        ReportDecider decider = new ReportDecider();
        Map<String, ReportCommand> candidates = new LinkedHashMap<>();
        candidates.put("classification", new ReportCommand.Classify("x", false, true, actor, roles, now));
        candidates.put("written-report", new ReportCommand.WriteUp("x", actor, roles, now));
        candidates.put("forwarding", new ReportCommand.Forward("x", actor, roles, now));
        candidates.put("registration", new ReportCommand.Register("x", 2000, 1, actor, roles, now));
        candidates.put("resolution", new ReportCommand.Resolve("x", actor, roles, now));
        candidates.put("transfer", new ReportCommand.Transfer("x", "x", actor, roles, now));
        candidates.put("emergency-acknowledgement", new ReportCommand.AcknowledgeEmergency(actor, roles, now));
        candidates.put("taking", new ReportCommand.Take(actor, roles, now));
        List<String> out = new ArrayList<>();
        candidates.forEach((name, command) -> {
            try {
                if (!decider.decide(command, state).isEmpty()) {
                    out.add(name);
                }
            } catch (RuntimeException refused) {
                // not this officer's step, or not at this stage
            }
        });
        return out;
    }
}
