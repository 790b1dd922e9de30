package vn.binhyen.contracts.names;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** police-song-tri:3.2, ioc-dak-lak:4.3.4 (full real name); province-lai-chau:3.2 (and position). */
class FullNamesTests {

    @ParameterizedTest
    @ValueSource(strings = {"Hoàng Mạnh Tùng", "Nguyễn Thị Minh Khai", "Đặng Văn Ơn", "Lý Ư"})
    void fullName_accepted_police_song_tri_3_2(String name) {
        assertThat(FullNames.problem(name, false)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Tùng", "hoàng mạnh tùng", "HOÀNG Mạnh Tùng", "Hoang Manh Tung 2", "Hoàng  Mạnh",
            " Hoàng Mạnh", "Hoàng_Mạnh", "Hoàng Мạnh"})
    void notAFullName_refused_police_song_tri_3_2(String name) {
        assertThat(FullNames.problem(name, false)).isPresent();
    }

    @org.junit.jupiter.api.Test
    void decomposedDiacritics_refused_asNotNfc() {
        assertThat(FullNames.problem(Normalizer.normalize("Hoàng Mạnh Tùng", Normalizer.Form.NFD), false))
                .hasValueSatisfying(p -> assertThat(p).contains("NFC"));
    }

    @org.junit.jupiter.api.Test
    void position_requiredAndAccepted_province_lai_chau_3_2() {
        assertThat(FullNames.problem("Nguyễn Quốc Luân - Giám đốc Sở Thông tin và Truyền thông", true)).isEmpty();
        assertThat(FullNames.problem("Nguyễn Quốc Luân", true)).isPresent();
        assertThat(FullNames.problem("Nguyễn Quốc Luân - ", true)).isPresent();
    }
}
