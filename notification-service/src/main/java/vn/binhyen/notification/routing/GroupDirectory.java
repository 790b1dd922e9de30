package vn.binhyen.notification.routing;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import vn.binhyen.eventlog.EventLogException;
import vn.binhyen.notification.delivery.Contacts;

/**
 * Who sits in which group with which role, as group events tell it (every write an upsert), and
 * the members' Zalo ids and phones those events carry.
 */
@ApplicationScoped
public class GroupDirectory {
    private final AgroalDataSource dataSource;
    private final Contacts contacts;
    private final vn.binhyen.eventlog.directory.Directory units;

    GroupDirectory(AgroalDataSource dataSource, Contacts contacts, vn.binhyen.eventlog.directory.Directory units) {
        this.dataSource = dataSource;
        this.contacts = contacts;
        this.units = units;
    }

    /** The regulation a group follows, or null before its establishment is seen. */
    public String profileOf(String groupId) {
        return units.profileOf(groupId).orElse(null);
    }

    /** The group a report came in and the unit that received it (ReportReceived), for who may set the citizen's contact. */
    public void reportReceived(JsonNode p) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "insert into report_origin (report_id, group_id, unit_id) values (?, ?, ?) on conflict do nothing")) {
            ps.setString(1, p.path("reportId").asText());
            ps.setString(2, p.path("groupId").asText(null));
            ps.setString(3, p.path("unit").asText(null));
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

    public void follow(String eventType, JsonNode p) {
        units.apply(eventType, p); // units, rosters and bots (eventlog's Directory)
        String group = p.path("groupId").asText();
        for (JsonNode member : List.of(p.path("leader"), p.path("member"), p.path("successor"))) {
            if (member.hasNonNull("memberId")) {
                contacts.learn(member.path("memberId").asText(), member.path("zaloId").asText(null),
                        member.path("phone").asText(null));
            }
        }
        switch (eventType) {
            case "GroupEstablished" -> seat(group, p.path("leader").path("memberId").asText(), "LEADER");
            case "MemberAdded" -> seat(group, p.path("member").path("memberId").asText(), p.path("role").asText());
            case "RoleAssigned" -> seat(group, p.path("memberId").asText(), p.path("role").asText());
            case "RoleHandedOver" -> {
                seat(group, p.path("fromMemberId").asText(), "MEMBER");
                seat(group, p.path("successor").path("memberId").asText(), p.path("role").asText());
            }
            case "MemberRemoved", "MemberLeft" -> leave(group, p.path("memberId").asText());
            default -> {
            }
        }
    }

    private void seat(String groupId, String memberId, String role) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "insert into group_member (group_id, member_id, role) values (?, ?, ?) "
                        + "on conflict (group_id, member_id) do update set role = excluded.role")) {
            ps.setString(1, groupId);
            ps.setString(2, memberId);
            ps.setString(3, role);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new EventLogException("directory of " + groupId + " could not be updated: " + e.getMessage(), e);
        }
    }

    private void leave(String groupId, String memberId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "delete from group_member where group_id = ? and member_id = ?")) {
            ps.setString(1, groupId);
            ps.setString(2, memberId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new EventLogException("directory of " + groupId + " could not be updated: " + e.getMessage(), e);
        }
    }
}
