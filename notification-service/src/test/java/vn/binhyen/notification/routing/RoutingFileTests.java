package vn.binhyen.notification.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.qute.Engine;
import io.quarkus.qute.TemplateException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vn.binhyen.contracts.Roles;

/**
 * The routing file and its templates are checked before anything is sent: every rule names a
 * template that exists and parses, a known urgency and a citation; a broken template is an
 * error at parse time (the service parses them all at start-up), never at send time.
 */
class RoutingFileTests {
    static final Set<String> URGENCIES = Set.of("NORMAL", "URGENT", "CRITICAL");

    @Test
    void everyRuleNamesAParsableTemplate_aKnownUrgency_aKnownRole_andACitation() throws Exception {
        Engine engine = Engine.builder().addDefaults().build();
        Routing routing = Routing.load();
        assertThat(routing.rules()).hasSizeGreaterThanOrEqualTo(11);
        for (Routing.Rule rule : routing.rules()) {
            String path = "templates/notifications/" + rule.template() + ".txt";
            try (InputStream in = getClass().getClassLoader().getResourceAsStream(path)) {
                assertThat(in).as(path).isNotNull();
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                assertThat(engine.parse(text)).as(path).isNotNull();
            }
            assertThat(URGENCIES).as(rule.event()).contains(rule.urgency());
            assertThat(rule.citation()).as(rule.event()).matches("[a-z-]+:[0-9.]+");
            for (Routing.Recipient r : rule.recipients()) {
                if (r.role() != null) {
                    assertThat(Roles.ALL).contains(r.role());
                }
                if (r.groupRoles() != null) {
                    assertThat(Roles.ALL).containsAll(r.groupRoles());
                }
            }
        }
    }

    @Test
    void aBrokenTemplate_failsWhenParsed() {
        Engine engine = Engine.builder().addDefaults().build();
        assertThatThrownBy(() -> engine.parse("Tin báo {#if p.urgent}KHẨN")).isInstanceOf(TemplateException.class);
        assertThat(List.of(engine.parse("Tin báo {p.reportId}").data("p", Map.of("reportId", "r-1"))
                .render())).containsExactly("Tin báo r-1");
    }
}
