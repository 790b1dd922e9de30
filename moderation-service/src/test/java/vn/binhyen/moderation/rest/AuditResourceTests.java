package vn.binhyen.moderation.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import vn.binhyen.contracts.Roles;
import vn.binhyen.moderation.domain.ledger.LedgerDecider;
import vn.binhyen.testsupport.KafkaBrokerResource;
import vn.binhyen.testsupport.PostgresDatabaseResource;
import vn.binhyen.testsupport.Tokens;

/**
 * Issue 8: a member's violation ledger (ward-binh-phuoc:9, the sanction ladder's input) as it was
 * at a moment, for auditors, with its events' hashes; each query recorded; other roles refused.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PostgresDatabaseResource.class)
class AuditResourceTests {

    @Test
    void aMembersLedger_asItWas_beforeTheSecondViolation_ward_binh_phuoc_9() throws Exception {
        String group = "group-" + UUID.randomUUID();
        // a group of the ward's unit (issue 21: an auditor sees their unit's groups' streams)
        ScreeningResourceTests.groupEvents().unit(Tokens.DEFAULT_UNIT, "Công an phường Sông Trí", "WARD_POLICE", null)
                .group(group, Tokens.DEFAULT_UNIT, "NEIGHBOURHOOD", "ward-binh-phuoc", "leader-1");
        ScreeningResourceTests.awaitRow("select 1 from directory_group where group_id = ?", group);
        String ledger = LedgerDecider.streamOf(group, "seller");
        ScreeningResourceTests.screen(ScreeningResourceTests.message(group, "ad-1", "seller",
                "Khuyến mãi cuối năm, giảm giá 50%, liên hệ mua ngay")).statusCode(200);
        String auditor = Tokens.forRole(Roles.AUDITOR, "auditor-1");
        String first = given().auth().oauth2(auditor).get("/api/v1/audit/streams/" + ledger).then().statusCode(200)
                .body("state.entries", hasSize(1)).body("state.memberId", equalTo("seller"))
                .body("events[0].hash", matchesPattern("[0-9a-f]{64}")).extract().path("at");
        ScreeningResourceTests.screen(ScreeningResourceTests.message(group, "ad-2", "seller",
                "Khuyến mãi cuối năm, giảm giá 50%, liên hệ mua ngay lần hai")).statusCode(200);

        given().auth().oauth2(auditor).queryParam("at", first).get("/api/v1/audit/streams/" + ledger).then()
                .statusCode(200).body("state.entries", hasSize(1));
        given().auth().oauth2(auditor).get("/api/v1/audit/streams/" + ledger).then().statusCode(200)
                .body("state.entries", hasSize(2));
        given().auth().oauth2(Tokens.forRole(Roles.LEADER, "leader-1")).get("/api/v1/audit/streams/" + ledger).then()
                .statusCode(403);
        given().auth().oauth2(auditor).get("/api/v1/audit/streams/ledger-none").then().statusCode(404);
        // another ward's auditor: as if the stream did not exist (issue 21)
        given().auth().oauth2(Tokens.forUnit(Roles.AUDITOR, "auditor-song-cau", "ca-phuong-song-cau"))
                .get("/api/v1/audit/streams/" + ledger).then().statusCode(404);
    }
}
