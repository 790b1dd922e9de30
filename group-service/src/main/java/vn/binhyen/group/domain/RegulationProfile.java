package vn.binhyen.group.domain;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import vn.binhyen.contracts.group.GroupRole;

/**
 * A regulation profile's structure rules (Quy chế), as data from {@code regulations/<id>.yaml}.
 * A rule the regulation does not make is absent; every rule present has an id and a citation.
 */
public record RegulationProfile(String id, int version, String title, Rules rules, List<Template> templates) {

    public interface Cited {
        String id();

        String citation();
    }

    public record Rule(String id, String citation) implements Cited {
    }

    public record NameRule(String id, String citation, boolean positionRequired) implements Cited {
    }

    /**
     * Who changes the roster: a role in {@code adds} adds and removes members itself (the leader
     * always; police-song-tri:2.3's admin and assistant admins); a role in {@code proposes} proposes,
     * and the leader decides (ward-binh-phuoc:6.3's admin); anyone else is refused.
     */
    public record MembershipRule(String id, String citation, List<GroupRole> adds, List<GroupRole> proposes)
            implements Cited {
        public MembershipRule {
            adds = adds == null ? List.of(GroupRole.LEADER) : List.copyOf(adds);
            proposes = proposes == null ? List.of() : List.copyOf(proposes);
            if (!adds.contains(GroupRole.LEADER)) {
                throw new IllegalArgumentException("membership: the leader adds and removes members in every regulation");
            }
        }
    }

    public record BoardRule(String id, String citation, int max, List<String> kinds) implements Cited {
    }

    public record PinRule(String id, String citation, List<GroupRole> roles, Duration defaultExpiry) implements Cited {
    }

    public record InfoRule(String id, String citation, List<GroupRole> directedBy) implements Cited {
    }

    /**
     * Who issues directives, how long members have to acknowledge by default, and how a member
     * acknowledges ({@code acknowledgedBy}: REPLY, REACTION; both when the regulation does not
     * say, a written reply only where it asks for one: province-lai-chau:7.3, "cần nhắn tin trả lời").
     */
    public record DirectiveRule(String id, String citation, List<GroupRole> issuers, Duration defaultDeadline,
            List<String> acknowledgedBy) implements Cited {
        /** Whether an acknowledgement given {@code via} counts under this regulation. */
        public boolean accepts(String via) {
            return acknowledgedBy == null || acknowledgedBy.contains(via);
        }
    }

    /** Polls on urgent matters, each vote confirmed in writing afterwards (council-binh-duong:7.2). */
    public record PollRule(String id, String citation, List<GroupRole> openers) implements Cited {
    }

    /** The activity-report periods the regulation asks for (MONTH, HALF_YEAR, YEAR). */
    public record ReportingRule(String id, String citation, List<String> periods) implements Cited {
    }

    public record Rules(Rule establishment, NameRule fullName, MembershipRule membership, Rule membersMayNotAdd,
            BoardRule boardSize, Rule leaveConsent, PinRule pins, InfoRule groupInfo, Rule handover,
            Rule roleAssignment, Rule accountChange, Rule accountCompromised, Rule lifecycle, Rule termination,
            DirectiveRule directives, PollRule polls, ReportingRule reporting, Rule deliveryProblems) {
    }

    public record Template(String id, String citation, String avatarRule, List<TemplateGroup> groups) {
    }

    public record TemplateGroup(String key, String name, String kind, String purpose, String avatarRule) {
    }

    public Optional<Template> template(String templateId) {
        return templates.stream().filter(t -> t.id().equals(templateId)).findFirst();
    }
}
