package vn.binhyen.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.binhyen.testsupport.AuthorizationMatrix.SKIPPED;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.binhyen.contracts.Roles;
import vn.binhyen.testsupport.AuthorizationMatrix.Operation;
import vn.binhyen.testsupport.AuthorizationMatrix.Row;

/** The authorisation matrix's reading of OpenAPI documents and its coverage rules, without a service. */
class AuthorizationMatrixTests {

    static Row complete(String operation) {
        return Row.of(operation).allowed(Roles.DUTY_OFFICER, "duty-1").wrongRole(Roles.BOT)
                .otherUnit(Roles.DUTY_OFFICER, "duty-x", "ca-phuong-song-cau").expect(401, 403, 404, 200);
    }

    @Test
    void selfCheck_findsItsProbesFourGaps() {
        AuthorizationMatrix.selfCheck();
    }

    @Test
    void everyMethodOfEveryPath_isAnOperation_byPathThenMethod_exceptQuarkusOwn() {
        String document = "{\"openapi\": \"3.1.0\", \"paths\": {"
                + "\"/b\": {\"delete\": {}, \"get\": {}, \"parameters\": []},"
                + "\"/a/{id}\": {\"put\": {}},"
                + "\"/q/openapi\": {\"get\": {}}, \"/q\": {\"get\": {}}, \"/quiet\": {\"post\": {}}}}";

        assertThat(AuthorizationMatrix.parse(document)).containsExactly(Operation.of("PUT /a/{id}"),
                Operation.of("DELETE /b"), Operation.of("GET /b"), Operation.of("POST /quiet"));
    }

    @Test
    void anOperationWithoutARow_aRowWithoutAnOperation_andTwoRowsOfOne_areEachNamed() {
        List<Operation> documented = List.of(Operation.of("GET /a"), Operation.of("POST /a"));

        assertThat(AuthorizationMatrix.coverage(documented, List.of(complete("GET /a"), complete("GET /a"),
                complete("get /gone")))).containsExactlyInAnyOrder(
                        "POST /a: in the OpenAPI document, but no row of the matrix",
                        "GET /gone: a row of the matrix, but no operation of the OpenAPI document",
                        "GET /a: 2 rows; an operation has one");
    }

    @Test
    void aSkippedColumn_needsItsReason_andAReasonMeansNoAnswer() {
        List<Operation> documented = List.of(Operation.of("GET /me"), Operation.of("GET /units"));
        Row noReason = Row.of("GET /me").allowed(Roles.MEMBER, "m").expect(401, SKIPPED, SKIPPED, 200);
        Row reasonAndAnswer = Row.of("GET /units").allowed(Roles.DUTY_OFFICER, "d").wrongRole(Roles.BOT)
                .unscoped("units are listed to every staff role").expect(401, 403, 200, 200);

        assertThat(AuthorizationMatrix.coverage(documented, List.of(noReason, reasonAndAnswer)))
                .containsExactlyInAnyOrder(
                        "GET /me: wrong role is neither expected nor skipped with its reason (.wrongRole, or "
                                + ".noWrongRole with the reason)",
                        "GET /me: other unit is neither expected nor skipped with its reason (.otherUnit, or "
                                + ".unscoped with the reason)",
                        "GET /units: an answer is expected from other unit, but the row has no caller for it "
                                + "(.otherUnit, or .unscoped with the reason)",
                        "GET /units: other unit is skipped (units are listed to every staff role), yet an answer is "
                                + "expected");
    }

    @Test
    void theRightCaller_succeeds_exceptOnAnOpenOperation() {
        List<Operation> documented = List.of(Operation.of("POST /a"), Operation.of("GET /dashboard"));
        Row refused = Row.of("POST /a").allowed(Roles.SYSTEM_ADMIN, "sa").wrongRole(Roles.BOT).unscoped("none")
                .expect(401, 403, SKIPPED, 201, 409);
        Row page = Row.of("GET /dashboard").open("a session cookie, no bearer token", 303)
                .credential("a signed-in officer", () -> Map.of("Cookie", "s=1"), 200);

        assertThat(AuthorizationMatrix.coverage(documented, List.of(refused, page))).containsExactly(
                "POST /a: the right caller succeeds (2xx), not 409: give it a fixture it succeeds with");
    }

    @Test
    void aRowWithoutExpectations_isIncomplete() {
        assertThat(AuthorizationMatrix.coverage(List.of(Operation.of("GET /a")),
                List.of(Row.of("GET /a").allowed(Roles.MEMBER, "m")))).containsExactly(
                        "GET /a: no expected answers (.expect, or .open for an operation without bearer tokens)");
    }

    @Test
    void pathTemplates_takeTheirValuesFromTheFixture_byName() {
        assertThat(AuthorizationMatrix.expand("/open311/v2/requests/{id}.json", Map.of("id", "report-1")))
                .isEqualTo("/open311/v2/requests/report-1.json");
        assertThat(AuthorizationMatrix.expand("/groups/{groupId}/bots/{botId}", Map.of("groupId", "g", "botId", "b",
                "other", "x"))).isEqualTo("/groups/g/bots/b");
        assertThatThrownBy(() -> AuthorizationMatrix.expand("/groups/{groupId}", Map.of()))
                .hasMessageContaining("{groupId}");
    }

    @Test
    void anExcerpt_isOneLine_andShort() {
        assertThat(AuthorizationMatrix.excerpt("{\n  \"a\":   1\n}")).isEqualTo("{ \"a\": 1 }");
        assertThat(AuthorizationMatrix.excerpt("x".repeat(1000))).hasSize(301).endsWith("…");
        assertThat(AuthorizationMatrix.excerpt("")).isEqualTo("(no body)");
    }

    @Test
    void anOperation_isAMethodAndAPath() {
        assertThat(Operation.of(" post /api/v1/units ")).isEqualTo(new Operation("POST", "/api/v1/units"));
        assertThatThrownBy(() -> Operation.of("/api/v1/units")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Operation.of("GET api/v1/units")).isInstanceOf(IllegalArgumentException.class);
    }
}
