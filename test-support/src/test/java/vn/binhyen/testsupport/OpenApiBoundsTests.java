package vn.binhyen.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The walk of an OpenAPI document for unbounded request fields, on small documents written here. */
class OpenApiBoundsTests {

    static String document(String paths, String schemas) {
        return "{\"openapi\": \"3.1.0\", \"paths\": {" + paths + "}, \"components\": {\"schemas\": {" + schemas + "}}}";
    }

    static String post(String path, String mediaType, String schema) {
        return "\"" + path + "\": {\"post\": {\"requestBody\": {\"content\": {\"" + mediaType + "\": {\"schema\": "
                + schema + "}}}}}";
    }

    static String ref(String name) {
        return "{\"$ref\": \"#/components/schemas/" + name + "\"}";
    }

    @Test
    void selfCheck_findsItsOneUnboundedString() {
        OpenApiBounds.selfCheck();
    }

    @Test
    void boundedStringsEnumsAndInstants_areFine() {
        assertThat(OpenApiBounds.violations(document(post("/a", "application/json", ref("A")),
                "\"A\": {\"type\": \"object\", \"properties\": {"
                        + "\"name\": {\"type\": \"string\", \"maxLength\": 200},"
                        + "\"nullable\": {\"type\": [\"string\", \"null\"], \"maxLength\": 10},"
                        + "\"role\": {\"type\": \"string\", \"enum\": [\"LEADER\"]},"
                        + "\"day\": {\"type\": \"string\", \"format\": \"date\"},"
                        + "\"count\": {\"type\": \"integer\"}}}"))).isEmpty();
    }

    @Test
    void refsAreFollowed_throughItemsMapsAndCompositions_andCyclesEnd() {
        String schemas = "\"Outer\": {\"type\": \"object\", \"properties\": {"
                + "\"members\": {\"type\": \"array\", \"maxItems\": 5, \"items\": " + ref("Member") + "},"
                + "\"byKey\": {\"type\": \"object\", \"maxProperties\": 5, \"additionalProperties\": " + ref("Keyed") + "},"
                + "\"either\": {\"oneOf\": [" + ref("Left") + "]},"
                + "\"self\": " + ref("Outer") + "}},"
                + "\"Member\": {\"type\": \"object\", \"properties\": {\"note\": {\"type\": \"string\"}}},"
                + "\"Keyed\": {\"type\": \"object\", \"properties\": {\"text\": {\"type\": [\"string\", \"null\"]}}},"
                + "\"Left\": {\"allOf\": [" + ref("Base") + "]},"
                + "\"Base\": {\"type\": \"object\", \"properties\": {\"id\": {\"type\": \"string\"}}}";

        assertThat(OpenApiBounds.violations(document(post("/o", "application/json", ref("Outer")), schemas)))
                .containsExactlyInAnyOrder("Member.note (string without maxLength)",
                        "Keyed.text (string without maxLength)", "Base.id (string without maxLength)");
    }

    @Test
    void listsAndMapsNeedABoundToo_asDoTheirElements() {
        assertThat(OpenApiBounds.violations(document(post("/l", "application/json", ref("L")),
                "\"L\": {\"type\": \"object\", \"properties\": {"
                        + "\"tags\": {\"type\": \"array\", \"items\": {\"type\": \"string\"}},"
                        + "\"labels\": {\"type\": \"object\", \"additionalProperties\": {\"type\": \"string\", "
                        + "\"maxLength\": 5}}}}")))
                .containsExactlyInAnyOrder("L.tags (array without maxItems)", "L.tags[] (string without maxLength)",
                        "L.labels (map without maxProperties)");
    }

    @Test
    void aBoundBesideAnAllOf_boundsItsParts() {
        assertThat(OpenApiBounds.violations(document(post("/b", "application/json", ref("B")),
                "\"B\": {\"type\": \"object\", \"properties\": {"
                        + "\"code\": {\"allOf\": [{\"type\": \"string\"}, {\"maxLength\": 8}]},"
                        + "\"other\": {\"maxLength\": 8, \"allOf\": [{\"type\": \"string\"}]}}}"))).isEmpty();
    }

    @Test
    void inlineFormBodies_areChecked_namedByTheirOperation() {
        assertThat(OpenApiBounds.violations(document(post("/form", "application/x-www-form-urlencoded",
                "{\"type\": \"object\", \"properties\": {\"a\": {\"type\": \"string\"}, "
                        + "\"b\": {\"type\": \"string\", \"maxLength\": 3}}}"), "")))
                .containsExactly("POST /form (application/x-www-form-urlencoded).a (string without maxLength)");
    }

    @Test
    void answersOnly_andARawStringBody_areNotRequestFields() {
        String paths = "\"/raw\": {\"post\": {\"requestBody\": {\"content\": {\"application/json\": {\"schema\": "
                + "{\"type\": \"string\"}}}}, \"responses\": {\"200\": {\"content\": {\"application/json\": "
                + "{\"schema\": " + ref("Answer") + "}}}}}}";
        assertThat(OpenApiBounds.violations(document(paths,
                "\"Answer\": {\"type\": \"object\", \"properties\": {\"text\": {\"type\": \"string\"}}}"))).isEmpty();
    }

    @Test
    void aMissingComponent_isReported() {
        assertThat(OpenApiBounds.violations(document(post("/m", "application/json", ref("Nowhere")), "")))
                .containsExactly("POST /m (application/json) ($ref not found: #/components/schemas/Nowhere)");
    }

    @Test
    void notJson_isRefused() {
        assertThatThrownBy(() -> OpenApiBounds.violations("openapi: 3.1.0")).isInstanceOf(IllegalArgumentException.class);
    }
}
