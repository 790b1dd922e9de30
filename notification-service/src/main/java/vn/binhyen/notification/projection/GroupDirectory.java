package vn.binhyen.notification.projection;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import vn.binhyen.contracts.group.GroupEvent;
import vn.binhyen.contracts.report.ReportEvent;
import vn.binhyen.eventlog.Envelope;
import vn.binhyen.eventlog.EventLogException;
import vn.binhyen.eventlog.directory.Directory;
import vn.binhyen.notification.service.Contacts;

/**
 * Who sits in which group with which role (eventlog's shared {@code Directory}, fed the published
 * group events), the members' Zalo ids and phones those events carry, and where each report came
 * in.
 */
@ApplicationScoped
public class GroupDirectory {
    private final AgroalDataSource dataSource;
    private final Contacts contacts;
    private final Directory units;

    GroupDirectory(AgroalDataSource dataSource, Contacts contacts, Directory units) {
        this.dataSource = dataSource;
        this.contacts = contacts;
        this.units = units;
    }

    /** The regulation a group follows, or null before its establishment is seen. */
    public String profileOf(String groupId) {
        return units.profileOf(groupId).orElse(null);
    }

    /** The group a report came in and the unit that received it (ReportReceived), for who may set the citizen's contact. */
    public void reportReceived(ReportEvent.ReportReceived r) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "insert into report_origin (report_id, group_id, unit_id) values (?, ?, ?) on conflict do nothing")) {
            ps.setString(1, r.reportId());
            ps.setString(2, r.groupId());
            ps.setString(3, r.unit());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new EventLogException("origin of a report could not be recorded: " + e.getMessage(), e);
        }
    }

    /**
     * A reporter's data was shredded in report-intake (ReporterShredded): the citizen's contact
     * is deleted, and the addresses and texts of what was sent or is waiting for them are
     * replaced with {@code [đã hủy]}; what had not gone yet is not sent (issue 21, audit F8).
     */
    public void reporterShredded(String reportId) {
        String recipient = "citizen:" + reportId;
        contacts.erase(recipient);
        try (Connection c = dataSource.getConnection()) {
            for (String sql : java.util.List.of("update delivery set address = '[đã hủy]', text = '[đã hủy]', subject = '[đã hủy]', "
                            + "state = case when state = 'PENDING' then 'DEAD' else state end, "
                            + "last_error = case when state = 'PENDING' then 'the reporter''s data was shredded' "
                            + "else last_error end where recipient = ?",
                    "update notification set text = '[đã hủy]' where recipient = ?",
                    "update digest_item set text = '[đã hủy]' where recipient = ?")) {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setString(1, recipient);
                    ps.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new EventLogException("the shredded reporter of " + reportId + " could not be erased: "
                    + e.getMessage(), e);
        }
    }

    /**
     * The unit an event belongs to (issue 21): the one it names, else the unit that received the
     * report it is about, else the unit of its group; null when none is known.
     */
    public String unitOf(JsonNode payload) {
        String unit = payload.path("unit").asText(null);
        if (unit != null && !unit.isBlank()) {
            return unit;
        }
        String report = payload.path("reportId").asText(null);
        if (report != null) {
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                    "select unit_id, group_id from report_origin where report_id = ?")) {
                ps.setString(1, report);
                try (var rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return rs.getString(1) != null ? rs.getString(1) : units.unitOf(rs.getString(2)).orElse(null);
                    }
                }
            } catch (SQLException e) {
                throw new EventLogException("origin of " + report + " could not be read: " + e.getMessage(), e);
            }
        }
        String group = payload.path("groupId").asText(null);
        return group == null ? null : units.unitOf(group).orElse(null);
    }

    /** Whether the bot is bound to the group the report came in (issue 21, audit F5.3). */
    public boolean relayedBy(String reportId, String bot) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select group_id from report_origin where report_id = ?")) {
            ps.setString(1, reportId);
            try (var rs = ps.executeQuery()) {
                return rs.next() && units.serves(rs.getString(1), bot);
            }
        } catch (SQLException e) {
            throw new EventLogException("origin of " + reportId + " could not be read: " + e.getMessage(), e);
        }
    }

    /**
     * One of group-service's events, as its published record: the units, rosters and bots go to
     * eventlog's shared {@code Directory} (its {@code directory_seat} is this service's roster
     * too), and the Zalo ids and phones of the people it names to {@link Contacts}.
     */
    public void follow(Envelope e) {
        Object event = Directory.decode(e).orElse(null);
        if (event == null) {
            return;
        }
        units.apply(event);
        switch (event) {
            case GroupEvent.GroupEstablished g -> learn(g.leader());
            case GroupEvent.MembershipProposed m -> learn(m.member());
            case GroupEvent.MemberAdded m -> learn(m.member());
            case GroupEvent.RoleHandedOver h -> learn(h.successor());
            default -> {
                // names no one's contact
            }
        }
    }

    private void learn(GroupEvent.Member member) {
        if (member != null && member.memberId() != null) {
            contacts.learn(member.memberId(), member.zaloId(), member.phone());
        }
    }
}
