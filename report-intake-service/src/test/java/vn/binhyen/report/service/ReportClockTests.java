package vn.binhyen.report.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The 24 hours of police-song-tri:15.3 are a ceiling: configuration may shorten the clock, never lengthen it. */
class ReportClockTests {
    @Test
    void aClockLongerThan24Hours_orNone_isRefusedAtStart_aShorterOneStands_police_song_tri_15_3() {
        assertThat(ReportService.ceiling("binhyen.report.clock.crime-tip", Duration.ofHours(12)))
                .isEqualTo(Duration.ofHours(12));
        assertThat(ReportService.ceiling("binhyen.report.clock.crime-tip", Duration.ofHours(24)))
                .isEqualTo(Duration.ofHours(24));
        for (Duration wrong : new Duration[] {Duration.ofHours(24).plusSeconds(1), Duration.ZERO,
                Duration.ofHours(-1), null}) {
            assertThatThrownBy(() -> ReportService.ceiling("binhyen.report.clock.crime-tip", wrong))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("police-song-tri:15.3")
                    .hasMessageContaining("binhyen.report.clock.crime-tip");
        }
    }
}
