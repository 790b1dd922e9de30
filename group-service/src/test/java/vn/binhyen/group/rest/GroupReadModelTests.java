package vn.binhyen.group.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import vn.binhyen.contracts.Roles;
import vn.binhyen.eventlog.EventStore;
import vn.binhyen.group.service.DueWorkJob;
import vn.binhyen.group.support.MovableClock;
import vn.binhyen.testsupport.KafkaBrokerResource;
import vn.binhyen.testsupport.PostgresDatabaseResource;
import vn.binhyen.testsupport.Tokens;

@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PostgresDatabaseResource.class)
class GroupReadModelTests {
    @Inject
    DueWorkJob dueWork;

    @Inject
    MovableClock clock;

    @Inject
    EventStore store;

    @Test
    void pinPastItsExpiry_isExpiredExactlyOnceAsAnEvent_ioc_dak_lak_4_1_3() {
        String group = GroupResourceTests.establish("ioc-dak-lak", "OPERATIONS", "leader-pin");
        GroupResourceTests.post(Roles.LEADER, "leader-pin", "/api/v1/groups/" + group + "/pins",
                Map.of("messageId", "chi-dao-1")).statusCode(200).body("pins", hasSize(1));

        assertThat(dueWork.expirePins()).as("not due yet").isZero();
        clock.advance(Duration.ofDays(3).plusSeconds(1)); // the profile's default pin expiry is 3 days

        assertThat(dueWork.expirePins()).isEqualTo(1);
        assertThat(dueWork.expirePins()).as("already expired").isZero();
        given().auth().oauth2(Tokens.forRole(Roles.LEADER, "leader-pin")).get("/api/v1/groups/" + group).then()
                .statusCode(200).body("pins", empty());
        assertThat(store.read(group).stream().filter(e -> e.eventType().equals("PinExpired")).count()).isEqualTo(1);
    }

    @Test
    void groupList_filtersByProfileAndStatus_withPaging() {
        String unit = "don-vi-" + UUID.randomUUID(); // a unit of its own: its three groups alone in the list
        GroupResourceTests.unit(unit, "Văn phòng UBND tỉnh Lai Châu", "PROVINCIAL_COMMITTEE", null);
        for (int i = 0; i < 3; i++) {
            String g = given().auth().oauth2(Tokens.forRole(Roles.SYSTEM_ADMIN, "sysadmin-1")).contentType("application/json")
                    .body(Map.of("name", "Nhóm " + i, "purpose", "Công việc", "profile", "province-lai-chau", "unit", unit,
                            "kind", "PROVINCE", "responsibility", "Văn phòng UBND tỉnh",
                            "leader", GroupResourceTests.member("lc-" + i, "Nguyễn Quốc Luân - Giám đốc Sở Thông tin và Truyền thông")))
                    .post("/api/v1/groups").then().statusCode(201).extract().path("groupId");
            if (i == 2) { // by the commander of the group's unit
                given().auth().oauth2(Tokens.forUnit(Roles.COMMANDER, "commander-1", unit))
                        .contentType("application/json")
                        .body(Map.of("ground", "SERIOUS_VIOLATION", "reason", "Vi phạm nghiêm trọng"))
                        .post("/api/v1/groups/" + g + "/termination").then().statusCode(200);
            }
        }

        given().auth().oauth2(Tokens.forUnit(Roles.AUDITOR, "auditor-1", unit))
                .queryParam("unit", unit).queryParam("status", "ACTIVE").queryParam("size", 1)
                .get("/api/v1/groups").then().statusCode(200)
                .body("total", equalTo(2)).body("items", hasSize(1)).body("items[0].name", equalTo("Nhóm 0"));
        given().auth().oauth2(Tokens.forUnit(Roles.AUDITOR, "auditor-1", unit))
                .queryParam("unit", unit).queryParam("status", "ACTIVE").queryParam("size", 1).queryParam("page", 1)
                .get("/api/v1/groups").then().statusCode(200).body("items[0].name", equalTo("Nhóm 1"));
        // a page far past the last (its offset beyond an int): empty, with the count, not a failure
        given().auth().oauth2(Tokens.forUnit(Roles.AUDITOR, "auditor-1", unit))
                .queryParam("unit", unit).queryParam("size", 500).queryParam("page", 5_000_000)
                .get("/api/v1/groups").then().statusCode(200).body("total", equalTo(3)).body("items", hasSize(0));
        given().auth().oauth2(Tokens.forRole(Roles.SYSTEM_ADMIN, "sysadmin-1")).queryParam("size", 500)
                .queryParam("page", 5_000_000).get("/api/v1/units").then().statusCode(200).body("items", hasSize(0));
        // an auditor of another unit lists none of them, whatever unit it names
        given().auth().oauth2(Tokens.forRole(Roles.AUDITOR, "auditor-1"))
                .queryParam("unit", unit).get("/api/v1/groups").then().statusCode(200).body("total", equalTo(0));
        given().auth().oauth2(Tokens.forRole(Roles.AUDITOR, "auditor-1"))
                .queryParam("unit", unit).queryParam("status", "NOT_A_STATUS")
                .get("/api/v1/groups").then().statusCode(400);
        given().auth().oauth2(Tokens.forRole(Roles.MEMBER, "member-1")).get("/api/v1/groups").then().statusCode(403);
    }

    @Test
    void membersGroups_listsWhereTheMemberSitsAndInWhichRole() {
        String group = GroupResourceTests.establish("ward-binh-phuoc", "AGENCY", "leader-mg");
        GroupResourceTests.post(Roles.LEADER, "leader-mg", "/api/v1/groups/" + group + "/membership-proposals",
                Map.of("change", "ADD", "member", GroupResourceTests.member("mg-1", "Hà Thị Thu"), "role", "ADMIN"))
                .statusCode(200);

        given().auth().oauth2(Tokens.forRole(Roles.ADMIN, "mg-1")).get("/api/v1/members/mg-1/groups").then()
                .statusCode(200).body("groupId", hasItem(group)).body("find { it.groupId == '" + group + "' }.role",
                        equalTo("ADMIN"));
        given().auth().oauth2(Tokens.forRole(Roles.MEMBER, "someone-else")).get("/api/v1/members/mg-1/groups").then()
                .statusCode(403);
    }

    @Test
    void whoHeldTheRoleAtATime_returnsTheRosterAsItWasBeforeALaterHandover() {
        String group = GroupResourceTests.establish("ward-binh-phuoc", "AGENCY", "leader-old");
        java.time.Instant beforeHandover = clock.instant();
        clock.advance(Duration.ofMinutes(5));
        GroupResourceTests.post(Roles.LEADER, "leader-old", "/api/v1/groups/" + group + "/handovers",
                Map.of("role", "LEADER", "fromMemberId", "leader-old",
                        "successor", GroupResourceTests.member("leader-new", "Phan Thanh Bình"))).statusCode(200);

        given().auth().oauth2(Tokens.forRole(Roles.AUDITOR, "auditor-1")).queryParam("at", beforeHandover.toString())
                .get("/api/v1/groups/" + group + "/roles/LEADER/holders").then().statusCode(200)
                .body("memberId", org.hamcrest.Matchers.contains("leader-old"));
        given().auth().oauth2(Tokens.forRole(Roles.AUDITOR, "auditor-1")).queryParam("at", clock.instant().toString())
                .get("/api/v1/groups/" + group + "/roles/LEADER/holders").then().statusCode(200)
                .body("memberId", org.hamcrest.Matchers.contains("leader-new"));
        given().auth().oauth2(Tokens.forRole(Roles.AUDITOR, "auditor-1")).queryParam("at", "yesterday")
                .get("/api/v1/groups/" + group + "/roles/LEADER/holders").then().statusCode(400)
                .body("errors[0].field", equalTo("at"));
    }
}
