package vn.binhyen.group;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;
import vn.binhyen.contracts.Roles;
import vn.binhyen.testsupport.KafkaBrokerResource;
import vn.binhyen.testsupport.PostgresDatabaseResource;
import vn.binhyen.testsupport.Tokens;

/** RFC 9457 problem documents for each kind of client mistake; a bug stays a 500. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PostgresDatabaseResource.class)
class ProblemDocumentTests {

    static RequestSpecification admin() {
        return given().auth().oauth2(Tokens.forRole(Roles.SYSTEM_ADMIN));
    }

    @Test
    void concurrencyException_is409Problem() {
        admin().get("/test/problems/conflict").then().statusCode(409)
                .contentType("application/problem+json")
                .body("status", equalTo(409))
                .body("type", containsString("concurrent-change"));
    }

    @Test
    void staleIfMatch_is412Problem() {
        admin().header("If-Match", "\"3\"").get("/test/problems/stale").then().statusCode(412)
                .contentType("application/problem+json")
                .body("detail", containsString("version 3"));
    }

    @Test
    void malformedIfMatch_is400NamingTheHeader() {
        admin().header("If-Match", "\"abc\"").get("/test/problems/stale").then().statusCode(400)
                .body("errors.field", hasItem("If-Match"));
    }

    @Test
    void ruleViolation_is422CarryingTheCitation() {
        admin().get("/test/problems/rule").then().statusCode(422)
                .contentType("application/problem+json")
                .body("citation", equalTo("ward-binh-phuoc:6.3"))
                .body("errors[0].field", equalTo("name"));
    }

    @Test
    void validation_is400NamingEachField() {
        admin().contentType("application/json").body("{\"name\":\" \",\"tags\":[\"a\",\"b\",\"c\",\"d\"],\"count\":1}")
                .post("/test/problems/validate").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItems("name", "tags"))
                .body("errors.rule", hasItems("NotBlank", "Size"));
    }

    @Test
    void unknownField_is400NamingIt() {
        admin().contentType("application/json").body("{\"name\":\"x\",\"count\":1,\"isAdmin\":true}")
                .post("/test/problems/validate").then().statusCode(400)
                .body("errors[0].field", equalTo("isAdmin"));
    }

    @Test
    void wrongType_is400NamingTheField() {
        admin().contentType("application/json").body("{\"name\":\"x\",\"count\":\"many\"}")
                .post("/test/problems/validate").then().statusCode(400)
                .body("errors[0].field", equalTo("count"));
    }

    @Test
    void malformedJsonAndInvalidUtf8_are400() {
        admin().contentType("application/json").body("{\"name\":")
                .post("/test/problems/validate").then().statusCode(400)
                .body("errors[0].field", equalTo("body"));
        admin().contentType("application/json")
                .body(new byte[] {'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'})
                .post("/test/problems/validate").then().statusCode(400);
    }

    @Test
    void oversizedBody_is413() {
        admin().contentType("application/json").body("{\"name\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}")
                .post("/test/problems/validate").then().statusCode(413);
    }

    @Test
    void aQueryParameterOfTheWrongType_is400NamingIt_notTheBare404OfJakartaRest() {
        admin().queryParam("page", "abc").get("/api/v1/groups").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("page"));
        admin().queryParam("page", "1").get("/api/v1/groups").then().statusCode(200);
        admin().get("/api/v1/no-such-thing").then().statusCode(404);
    }

    @Test
    void bug_staysA500() {
        admin().get("/test/problems/bug").then().statusCode(500);
    }

    @Test
    void endpointWithoutTheRole_isForbidden() {
        given().auth().oauth2(Tokens.forRole(Roles.MEMBER)).get("/test/problems/conflict").then().statusCode(403);
    }
}
