package vn.binhyen.report.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import vn.binhyen.contracts.Roles;
import vn.binhyen.report.support.TestClock;
import vn.binhyen.report.support.World;
import vn.binhyen.testsupport.KafkaBrokerResource;
import vn.binhyen.testsupport.PostgresDatabaseResource;
import vn.binhyen.testsupport.Tokens;

/**
 * Open311 GeoReport v2 as its specification writes it (discovery, services and definitions
 * public, api_key for writes, JSON and XML, GeoReport's error list naming the field), through the
 * real service, PostgreSQL and Kafka.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PostgresDatabaseResource.class)
class Open311Tests {
    static final String CLIENT = "open311-client";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    TestClock clock;

    long reports() throws Exception {
        try (var c = dataSource.getConnection(); var s = c.createStatement();
                var rs = s.executeQuery("select count(*) from report_summary")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static Document xml(String body) throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    /** A fresh api_key for the bot {@code client}, issued by a system administrator. */
    static String key(String client) {
        World.ensure();
        return given().auth().oauth2(Tokens.forRole(Roles.SYSTEM_ADMIN, "sa-1"))
                .post("/api/v1/open311/clients/" + client + "/key").then().statusCode(201)
                .body("client", equalTo(client)).extract().path("api_key");
    }

    static RequestSpecification form(String apiKey, Map<String, ?> params) {
        var spec = given().contentType("application/x-www-form-urlencoded; charset=UTF-8");
        Map<String, Object> all = new HashMap<>(params);
        if (apiKey != null) {
            all.put("api_key", apiKey);
        }
        return spec.formParams(all);
    }

    @Test
    void discoveryServicesAndDefinitions_arePublic_inJsonAndXml() throws Exception {
        given().get("/open311/discovery.json").then().statusCode(200)
                .body("endpoints[0].specification", equalTo("http://wiki.open311.org/GeoReport_v2"))
                .body("endpoints[0].url", containsString("/open311/v2"))
                .body("endpoints[0].formats", hasItems("text/xml", "application/json"))
                .body("key_service", containsString("api_key"));
        Document discovery = xml(given().get("/open311/discovery.xml").then().statusCode(200)
                .contentType(containsString("text/xml")).extract().asString());
        assertThat(discovery.getDocumentElement().getNodeName()).isEqualTo("discovery");
        assertThat(discovery.getElementsByTagName("format").getLength()).isEqualTo(2);

        given().get("/open311/v2/services.json").then().statusCode(200)
                .body("service_code", hasItems("feedback", "crime-tip", "emergency"))
                .body("find { it.service_code == 'crime-tip' }.metadata", equalTo(true));
        Document services = xml(given().get("/open311/v2/services.xml").then().statusCode(200).extract().asString());
        assertThat(services.getDocumentElement().getNodeName()).isEqualTo("services");
        assertThat(services.getElementsByTagName("service").getLength()).isEqualTo(3);
        assertThat(services.getElementsByTagName("service_name").item(0).getTextContent()).isNotBlank();

        given().get("/open311/v2/services/crime-tip.json").then().statusCode(200)
                .body("service_code", equalTo("crime-tip"))
                .body("attributes.code", hasItems("incident_at", "how_known", "suspect", "reporter_address"))
                .body("attributes.find { it.code == 'incident_at' }.datatype", equalTo("datetime"));
        Document definition = xml(given().get("/open311/v2/services/crime-tip.xml").then().statusCode(200)
                .extract().asString());
        assertThat(definition.getDocumentElement().getNodeName()).isEqualTo("service_definition");
        assertThat(definition.getElementsByTagName("attribute").getLength()).isEqualTo(11);

        given().get("/open311/v2/services/parking.json").then().statusCode(404)
                .body("[0].code", equalTo(404)).body("[0].description", containsString("service_code"));
        Document error = xml(given().get("/open311/v2/services/parking.xml").then().statusCode(404).extract()
                .asString());
        assertThat(error.getDocumentElement().getNodeName()).isEqualTo("errors");
        assertThat(error.getElementsByTagName("code").item(0).getTextContent()).isEqualTo("404");
        given().get("/open311/v2/services.html").then().statusCode(404);
    }

    @Test
    void aRequest_isFiledWithTheClientsApiKey_answeredInXml_andARevokedOrForgedKeyFilesNothing() throws Exception {
        String apiKey = key(CLIENT);
        long before = reports();
        String body = form(apiKey, Map.of("service_code", "feedback", "description", "Đèn đường hẻm 12 bị hỏng",
                "first_name", "Lan", "last_name", "Trần Thị", "phone", "0905123456",
                "attribute[reporter_address]", "12 Lê Lợi")).post("/open311/v2/requests.xml").then().statusCode(200)
                .contentType(containsString("text/xml")).extract().asString();
        Document created = xml(body);
        assertThat(created.getDocumentElement().getNodeName()).isEqualTo("service_requests");
        String id = created.getElementsByTagName("service_request_id").item(0).getTextContent();
        assertThat(id).startsWith("report-");
        // everything feedback needs was given (police-song-tri:14.1, 14.2): nothing is asked for
        assertThat(created.getElementsByTagName("service_notice").item(0).getTextContent())
                .doesNotContain("cung cấp thêm");
        assertThat(reports()).isEqualTo(before + 1);

        given().queryParam("api_key", apiKey).get("/open311/v2/requests/" + id + ".json").then().statusCode(200)
                .body("[0].status", equalTo("open")).body("[0].service_code", equalTo("feedback"))
                .body(not(containsString("0905123456"))).body(not(containsString("Trần Thị")));
        // reading needs a key too: a tip's status is not for everyone
        given().get("/open311/v2/requests/" + id + ".json").then().statusCode(403)
                .body("[0].description", containsString("api_key"));
        given().queryParam("api_key", "k".repeat(65)).get("/open311/v2/requests/" + id + ".xml").then().statusCode(400)
                .contentType(containsString("text/xml")).body(containsString("<errors>"));
        // another client of the same unit (the police group's bot) does not see what this one filed outside its group
        given().auth().oauth2(Tokens.forRole(Roles.BOT, "bot-police")).get("/open311/v2/requests/" + id + ".json")
                .then().statusCode(404);

        // a forged key, and then the real one once revoked, file nothing
        String forged = "A".repeat(43);
        form(forged, Map.of("service_code", "feedback", "description", "x")).post("/open311/v2/requests.json").then()
                .statusCode(403).body("[0].code", equalTo(403)).body("[0].description", containsString("api_key"));
        given().auth().oauth2(Tokens.forRole(Roles.SYSTEM_ADMIN, "sa-1"))
                .delete("/api/v1/open311/clients/" + CLIENT + "/key").then().statusCode(204);
        form(apiKey, Map.of("service_code", "feedback", "description", "x")).post("/open311/v2/requests.json").then()
                .statusCode(403);
        assertThat(reports()).isEqualTo(before + 1);

        // a key only for a bot bound to a group (its groups' units are where it may file)
        given().auth().oauth2(Tokens.forRole(Roles.SYSTEM_ADMIN, "sa-1")).post("/api/v1/open311/clients/nobody/key")
                .then().statusCode(400).body("errors[0].field", equalTo("client"));
        given().auth().oauth2(Tokens.forRole(Roles.DUTY_OFFICER, "duty-1"))
                .post("/api/v1/open311/clients/" + CLIENT + "/key").then().statusCode(403);
    }

    @Test
    void aCrimeTip_needsALocation_andEachMalformedParameterIsNamed_andNothingIsFiled_police_song_tri_14_3b()
            throws Exception {
        String apiKey = key(CLIENT);
        long before = reports();
        Map<String, Map<String, String>> refused = new java.util.LinkedHashMap<>();
        refused.put("address_string", Map.of("service_code", "crime-tip", "description", "Trộm xe máy"));
        refused.put("lat", Map.of("service_code", "crime-tip", "long", "106.7"));
        refused.put("long", Map.of("service_code", "crime-tip", "lat", "10.7", "long", "NaN"));
        refused.put("attribute[incident_at]", Map.of("service_code", "crime-tip", "address_string", "Chợ Sông Trí",
                "attribute[incident_at]", clock.instant().plus(Duration.ofHours(3)).toString()));
        refused.put("attribute[colour]", Map.of("service_code", "crime-tip", "address_string", "Chợ",
                "attribute[colour]", "đỏ"));
        refused.put("pothole_size", Map.of("service_code", "feedback", "pothole_size", "3"));
        refused.put("address_id", Map.of("service_code", "feedback", "address_id", "A-1"));
        refused.put("service_code", Map.of("service_code", "parking"));
        refused.put("phone", Map.of("service_code", "feedback", "phone", "+1 (555) 0100"));
        refused.put("description", Map.of("service_code", "feedback", "description", "ồ".repeat(10_001)));
        refused.forEach((field, params) -> form(apiKey, params).post("/open311/v2/requests.json").then()
                .statusCode(400).body("[0].code", equalTo(400)).body("[0].description", containsString(field)));
        assertThat(reports()).isEqualTo(before);

        // a place by coordinates, 9,000 Vietnamese characters of description (27 KB in one form field)
        String id = form(apiKey, Map.of("service_code", "crime-tip", "lat", "10.7769", "long", "106.7009",
                "description", "ở".repeat(9_000), "attribute[incident_at]", clock.instant().minus(Duration.ofHours(1))
                        .toString(), "attribute[how_known]", "tôi chứng kiến", "first_name", "Bình", "last_name",
                "Nguyễn Văn", "phone", "0912345678", "attribute[reporter_address]", "12 Lê Lợi"))
                .post("/open311/v2/requests.json").then().statusCode(200)
                .body("[0].service_notice", not(containsString("cung cấp thêm")))
                .extract().path("[0].service_request_id");
        given().queryParam("api_key", apiKey).get("/open311/v2/requests/" + id + ".json").then().statusCode(200)
                .body("[0].address", equalTo("Tọa độ 10.7769, 106.7009")).body("[0].service_code", equalTo("crime-tip"));
        // the newest open crime tips of the client's unit, and the search's own refusals
        given().queryParam("api_key", apiKey).queryParam("service_code", "crime-tip").queryParam("status", "open")
                .get("/open311/v2/requests.json").then().statusCode(200).body("service_request_id", hasItem(id));
        given().queryParam("api_key", apiKey).queryParam("status", "closed").get("/open311/v2/requests.json").then()
                .statusCode(200).body("service_request_id", not(hasItem(id)));
        given().queryParam("api_key", apiKey).queryParam("start_date", "yesterday").get("/open311/v2/requests.json")
                .then().statusCode(400).body("[0].description", containsString("start_date"));
        given().queryParam("api_key", apiKey).queryParam("start_date", "2025-01-01T00:00:00Z")
                .get("/open311/v2/requests.json").then().statusCode(400)
                .body("[0].description", containsString("90 days"));
        given().queryParam("api_key", apiKey).queryParam("sort", "asc").get("/open311/v2/requests.json").then()
                .statusCode(400).body("[0].description", containsString("sort"));
        // lists, as GeoReport v2 allows them; dates the database could not hold are named, not a 500
        given().queryParam("api_key", apiKey).queryParam("service_code", "crime-tip,feedback")
                .queryParam("status", "open,closed").get("/open311/v2/requests.json").then().statusCode(200)
                .body("service_request_id", hasItem(id));
        given().queryParam("api_key", apiKey).queryParam("start_date", "+300000-01-01T00:00:00Z")
                .queryParam("end_date", "+300000-02-01T00:00:00Z").get("/open311/v2/requests.json").then()
                .statusCode(400).body("[0].description", containsString("start_date"));
        // a feedback's place is kept with its text
        String feedback = form(apiKey, Map.of("service_code", "feedback", "description", "Đèn đường hỏng",
                "address_string", "Hẻm 12 Lê Lợi")).post("/open311/v2/requests.json").then().statusCode(200)
                .extract().path("[0].service_request_id");
        given().queryParam("api_key", apiKey).get("/open311/v2/requests/" + feedback + ".json").then().statusCode(200)
                .body("[0].description", containsString("Hẻm 12 Lê Lợi"));
    }

    @Test
    void whateverTheCitizenTyped_theXmlAnswerIsWellFormed() throws Exception {
        String apiKey = key(CLIENT);
        // feedback, and no emergency word: an emergency would go on top of the unit's queue other tests read
        String id = form(apiKey, Map.of("service_code", "feedback", "description",
                "Đèn\u0001 đường <b>&amp; \uD800 hẻm 5 ]]> \u0007")).post("/open311/v2/requests.json").then()
                .statusCode(200).extract().path("[0].service_request_id");
        Document doc = xml(given().queryParam("api_key", apiKey).get("/open311/v2/requests/" + id + ".xml").then()
                .statusCode(200).extract().asString());
        // parsed, so well-formed: a control character the service kept is U+FFFD, the markup is text
        assertThat(doc.getElementsByTagName("description").item(0).getTextContent()).startsWith("Đèn")
                .contains("đường <b>&amp; ").contains("]]>").doesNotContain("\u0001").doesNotContain("\u0007");
        assertThat(doc.getElementsByTagName("service_code").item(0).getTextContent()).isEqualTo("feedback");
    }
}
