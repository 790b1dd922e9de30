package vn.binhyen.connector.service;

import vn.binhyen.connector.config.ConnectorConfig;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * notification-service's messages to people go out through the OA {@code binhyen.connector.notices-oa}
 * names (issue 26); one that names no configured OA would have every such message refused, so the
 * start refuses it instead, saying which OAs there are. Unset, the one OA configured is used.
 */
class NoticesOaTests {
    @Test
    void givenTheNoticesOaNamesAConfiguredOa_whenChecked_thenNothingIsWrong() {
        assertThat(ConnectorConfig.noticesOaProblem(Optional.of("main"), Set.of("main", "ward"))).isEmpty();
    }

    @Test
    void givenItIsUnset_whenChecked_thenNothingIsWrong() {
        assertThat(ConnectorConfig.noticesOaProblem(Optional.empty(), Set.of("ward"))).isEmpty();
    }

    @Test
    void givenItNamesAnOaNotConfigured_whenChecked_thenTheProblemNamesTheSettingAndTheConfiguredOas() {
        assertThat(ConnectorConfig.noticesOaProblem(Optional.of("main"), Set.of("song-tri", "binh-phuoc")))
                .hasValueSatisfying(p -> assertThat(p).contains("binhyen.connector.notices-oa")
                        .contains("BINHYEN_ZALO_NOTICES_OA").contains("'main'").contains("[binh-phuoc, song-tri]"));
    }
}
