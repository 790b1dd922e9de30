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

    /**
     * A rule's list, unmodifiable, that answers {@code contains(null)} with false (List.copyOf's
     * lists throw): a caller off the roster has no role, and asking whether it is named is no error.
     */
    static <T> List<T> rolesOf(List<T> given, List<T> absent) {
        return java.util.Collections.unmodifiableList(new java.util.ArrayList<>(given == null ? absent : given));
    }

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
            adds = rolesOf(adds, List.of(GroupRole.LEADER));
            proposes = rolesOf(proposes, List.of());
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
            List<GroupCommand.Acknowledgement> acknowledgedBy) implements Cited {
        /** Whether an acknowledgement given {@code via} counts under this regulation. */
        public boolean accepts(GroupCommand.Acknowledgement via) {
            return acknowledgedBy == null || acknowledgedBy.contains(via);
        }
    }

    /**
     * A bound on a text's length where the regulation asks its messages to be short ("ngắn gọn, rõ
     * ràng": council-binh-duong:8.1, province-lai-chau:5.1, ioc-dak-lak:4.1.3): at most
     * {@code maxCharacters}; whether it is clear is for the people who read it.
     */
    public record BrevityRule(String id, String citation, int maxCharacters) implements Cited {
        public BrevityRule {
            if (maxCharacters <= 0) {
                throw new IllegalArgumentException("brevity: maxCharacters is a positive number");
            }
        }
    }

    /**
     * A rule naming roles: {@code announcers}, the roles that announce the leadership's directions on
     * its behalf ("thừa lệnh", ioc-dak-lak:4.1.2), their directive recorded as on the leader's behalf;
     * {@code adminRights}, the seats that hold the group's admin rights in Zalo, an admin action by
     * anyone else being reported to the board as a suspected intrusion (police-song-tri:6.10).
     */
    public record RolesRule(String id, String citation, List<GroupRole> roles) implements Cited {
        public RolesRule {
            roles = rolesOf(roles, List.of());
        }
    }

    /**
     * Residents' feedback received and answered in the groups of {@code kinds} (ward-binh-phuoc:5.2,
     * the neighbourhood groups), by the roles in {@code answerers}.
     */
    public record FeedbackRule(String id, String citation, List<String> kinds, List<GroupRole> answerers)
            implements Cited {
        public FeedbackRule {
            kinds = rolesOf(kinds, List.of());
            answerers = rolesOf(answerers, List.of(GroupRole.LEADER));
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
            DirectiveRule directives, PollRule polls, ReportingRule reporting, Rule deliveryProblems,
            BrevityRule directiveBrevity, RolesRule announcers, RolesRule adminRights,
            FeedbackRule feedback, RolesRule feedbackEscalation) {
    }

    public record Template(String id, String citation, String avatarRule, List<TemplateGroup> groups) {
    }

    public record TemplateGroup(String key, String name, String kind, String purpose, String avatarRule) {
    }

    public Optional<Template> template(String templateId) {
        return templates.stream().filter(t -> t.id().equals(templateId)).findFirst();
    }
}
