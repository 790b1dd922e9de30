package vn.binhyen.report.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import vn.binhyen.contracts.Roles;
import vn.binhyen.eventlog.directory.Directory;
import vn.binhyen.eventlog.http.Callers;

/**
 * Who may handle which report (issue 21, audit F3, F5, F9). A report belongs to the unit that
 * received it. The roles a caller has <em>for a report</em> are: their staff roles (duty officer,
 * PCTP officer, commander) when their unit is the report's; auditor when the report's unit is
 * theirs or lies below it; bot when the bot is bound to the group the report came in; system
 * administrator always; and LEADER when, by its roster, they lead (leader or deputy) one of the
 * unit's police groups, whatever their token says (police-song-tri:15.3: the board forwards).
 * To anyone left with none of the roles that see reports, the report does not exist (404).
 */
@ApplicationScoped
public class ReportScope {
    /** The roles that see a report (its officers, its board, its auditors). */
    public static final Set<String> SEE = Set.of(Roles.DUTY_OFFICER, Roles.PCTP_OFFICER, Roles.COMMANDER,
            Roles.AUDITOR, Roles.LEADER);
    /** The staff roles that count only within the caller's own unit. */
    static final Set<String> UNIT_STAFF = Set.of(Roles.DUTY_OFFICER, Roles.PCTP_OFFICER, Roles.COMMANDER);

    private final Directory directory;

    ReportScope(Directory directory) {
        this.directory = directory;
    }

    /** A caller: a bearer token's subject, roles and unit, or a dashboard officer's. */
    public record Caller(String subject, Set<String> roles, Optional<String> unit) {
        public static Caller of(JsonWebToken token) {
            return new Caller(token.getName(), Set.copyOf(token.getGroups()), Callers.unit(token));
        }
    }

    /** The caller's roles for a report of {@code unit} that came in through {@code groupId} (may be null). */
    public Set<String> rolesFor(Caller caller, String unit, String groupId) {
        Set<String> out = new HashSet<>();
        for (String role : caller.roles()) {
            boolean counts = switch (role) {
                case Roles.SYSTEM_ADMIN -> true;
                case Roles.DUTY_OFFICER, Roles.PCTP_OFFICER, Roles.COMMANDER ->
                        unit != null && caller.unit().filter(unit::equals).isPresent();
                case Roles.AUDITOR -> unit != null && caller.unit().filter(u -> directory.within(unit, u)).isPresent();
                case Roles.BOT -> directory.serves(groupId, caller.subject());
                default -> false; // LEADER, DEPUTY, ADMIN, MEMBER: a token's word for a group role grants nothing
            };
            if (counts) {
                out.add(role);
            }
        }
        if (unit != null && directory.leadsPoliceGroupOf(unit, caller.subject())) {
            out.add(Roles.LEADER);
        }
        return Set.copyOf(out);
    }

    /** Whether the caller sees reports of {@code unit} at all. */
    public static boolean sees(Set<String> rolesForReport) {
        return rolesForReport.stream().anyMatch(SEE::contains);
    }

    /**
     * The units whose queue the caller sees: their own for duty, PCTP officers and commanders; for
     * auditors, their unit and those below it; the units whose police group they lead by its roster.
     */
    public List<String> queueUnits(Caller caller) {
        Set<String> units = new HashSet<>();
        var own = caller.unit();
        if (own.isPresent()) {
            if (caller.roles().stream().anyMatch(UNIT_STAFF::contains)) {
                units.add(own.get());
            }
            if (caller.roles().contains(Roles.AUDITOR)) {
                units.addAll(directory.unitsWithin(own.get()));
            }
        }
        units.addAll(directory.unitsWhosePoliceGroupIsLedBy(caller.subject()));
        return units.stream().sorted().toList();
    }

    /** The unit of a group, once the directory knows it. */
    public Optional<String> unitOf(String groupId) {
        return groupId == null ? Optional.empty() : directory.unitOf(groupId);
    }

    /** The unit's name, for pages. */
    public String nameOf(String unitId) {
        return directory.nameOf(unitId);
    }

    /** The units of the groups a bot is bound to: where its Open311 requests are filed and read. */
    public List<String> unitsServedBy(String bot) {
        return directory.unitsServedBy(bot);
    }

    public boolean serves(String groupId, String bot) {
        return directory.serves(groupId, bot);
    }
}
