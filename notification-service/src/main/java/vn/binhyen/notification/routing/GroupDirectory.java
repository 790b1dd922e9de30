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

    GroupDirectory(AgroalDataSource dataSource, Contacts contacts) {
        this.dataSource = dataSource;
        this.contacts = contacts;
    }

    public void follow(String eventType, JsonNode p) {
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
