package vn.binhyen.moderation.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.binhyen.moderation.config.Policies;
import vn.binhyen.moderation.domain.screening.Category;
import vn.binhyen.moderation.domain.screening.Decision;
import vn.binhyen.moderation.domain.screening.Message;
import vn.binhyen.moderation.domain.screening.Screener;
import vn.binhyen.moderation.domain.screening.Verdict;
import vn.binhyen.moderation.domain.screening.Violation;

/** One rule at a time, each named by its citation: what fires, with which evidence, and what does not. */
class ScreenerRulesTests {
    static final Map<String, Screener> SCREENERS = Policies.screeners();

    static Verdict screen(String profile, String text, String name, int recent) {
        return SCREENERS.get(profile).screen(new Message("g", "m", "a", name, text, List.of(), List.of(), false,
                Instant.parse("2026-11-22T08:00:00Z")), recent);
    }

    @Test
    void classifiedStamp_inCapitals_isRemoved_butMatKhauIsNot_police_song_tri_6_1() {
        Violation v = screen("police-song-tri", "MẬT - Kế hoạch tuần tra đêm 20/11", null, 1).violations().getFirst();
        assertThat(v.citation()).isEqualTo("police-song-tri:6.1");
        assertThat(v.evidence().excerpt()).isEqualTo("MẬT");
        assertThat(v.decision()).isEqualTo(Decision.REMOVE);
        assertThat(screen("police-song-tri", "ĐỔI MẬT KHẨU NGAY", null, 1).violations()).isEmpty();
        assertThat(screen("police-song-tri", "Đổi mật khẩu và bảo vệ bí mật đời tư", null, 1).violations()).isEmpty();
    }

    @Test
    void evasions_areSeenThrough_ioc_dak_lak_4_3_2a() {
        for (String evasive : List.of("tài liệu tuyệt\u200b mật", "t-u-y-ệ-t m-ậ-t", "TUYỆT MẬT",
                "tuyệt mật".replace('u', 'υ'), "bi mat nha nuoc", "tuyêt mât".replace("ê", "ê").replace("â", "a"))) {
            assertThat(screen("ioc-dak-lak", evasive, null, 1).violations()).as(evasive)
                    .extracting(Violation::citation).contains("ioc-dak-lak:4.3.2a");
        }
    }

    @Test
    void oldAndNewTonePlacement_andNfd_matchAlike() {
        String nfd = java.text.Normalizer.normalize("chúc mừng sinh nhật", java.text.Normalizer.Form.NFD);
        assertThat(screen("ioc-dak-lak", nfd, null, 1).violations()).extracting(Violation::category)
                .containsExactly(Category.PERSONAL);
        assertThat(vn.binhyen.moderation.domain.text.VietnameseText.tonedKey("hoà thuý"))
                .isEqualTo(vn.binhyen.moderation.domain.text.VietnameseText.tonedKey("hòa thúy"));
    }

    @Test
    void nameWithoutPosition_isFlagged_province_lai_chau_3_2() {
        var verdict = screen("province-lai-chau", "Đã nhận.", "Nguyễn Quốc Luân", 1);
        assertThat(verdict.decision()).isEqualTo(Decision.FLAG);
        assertThat(verdict.violations()).singleElement().satisfies(v -> {
            assertThat(v.citation()).isEqualTo("province-lai-chau:3.2");
            assertThat(v.evidence().field()).isEqualTo("author.displayName");
        });
        assertThat(verdict.suggestions()).singleElement().asString().contains("Chức vụ");
    }

    @Test
    void aDisplayNameIsJudgedAlikeEachTime_evenAfterManyOthers_police_song_tri_6_4() {
        // judgements of names are remembered per policy, within bounds: the verdict must not change
        var first = screen("police-song-tri", "Đã nhận.", "Công an phường Sông Trí", 1);
        assertThat(first.violations()).extracting(Violation::citation).contains("police-song-tri:6.4");
        for (int i = 0; i < 5_000; i++) {
            screen("police-song-tri", "Đã nhận.", "Nguyễn Văn " + i, 1);
        }
        assertThat(screen("police-song-tri", "Đã nhận.", "Công an phường Sông Trí", 1)).isEqualTo(first);
        assertThat(screen("police-song-tri", "Đã nhận.", "Nguyễn Văn An", 1).violations()).isEmpty();
        assertThat(screen("police-song-tri", "Đã nhận.", "CA phường Sông Trí", 1).violations())
                .extracting(v -> v.evidence().excerpt()).contains("CA phường Sông Trí");
    }

    @Test
    void floodingBeyondTheLimit_isHeld_ioc_dak_lak_4_3_1() {
        assertThat(screen("ioc-dak-lak", "Dạ", null, 6).violations()).isEmpty();
        var verdict = screen("ioc-dak-lak", "Dạ", null, 7);
        assertThat(verdict.decision()).isEqualTo(Decision.HOLD);
        assertThat(verdict.violations()).singleElement().satisfies(v -> assertThat(v.citation())
                .isEqualTo("ioc-dak-lak:4.3.1"));
    }

    @Test
    void ipLiteralLinks_areMalware_versionNumbersAndDatesAreNot_ward_binh_phuoc_7_6() {
        for (String link : List.of("http://192.168.10.5/vneid.apk", "https://103.75.2.9:8443/form", "http://1.2.3.4")) {
            assertThat(screen("ward-binh-phuoc", "Cập nhật tại " + link, null, 1).violations()).as(link)
                    .singleElement().satisfies(v -> {
                        assertThat(v.ruleId()).endsWith(":ip-literal");
                        assertThat(v.citation()).isEqualTo("ward-binh-phuoc:7.6");
                    });
        }
        for (String notALink : List.of("http://1.2.3", "http://1.2.3.4.5", "http://1234.1.1.1", "Phiên bản 1.2.3.4 đã có")) {
            assertThat(screen("ward-binh-phuoc", "Cập nhật tại " + notALink, null, 1).violations())
                    .as(notALink).noneSatisfy(v -> assertThat(v.ruleId()).endsWith(":ip-literal"));
        }
    }

    @Test
    void lookAlikeBankDomain_isRemoved_theRealOneIsNot_ward_binh_phuoc_7_6() {
        var verdict = screen("ward-binh-phuoc", "Xác thực tại https://vietcornbank.com.vn/otp", null, 1);
        assertThat(verdict.violations()).singleElement().satisfies(v -> {
            assertThat(v.category()).isEqualTo(Category.MALWARE);
            assertThat(v.citation()).isEqualTo("ward-binh-phuoc:7.6");
            assertThat(v.evidence().excerpt()).isEqualTo("https://vietcornbank.com.vn/otp");
        });
        assertThat(screen("ward-binh-phuoc", "Xem https://vietcombank.com.vn/lai-suat", null, 1).violations()).isEmpty();
    }

    @Test
    void textWithoutDiacritics_isFlaggedWithASuggestion_ward_binh_phuoc_3_4() {
        var verdict = screen("ward-binh-phuoc", "Moi nguoi di hop luc 8 gio sang mai nhe", null, 1);
        assertThat(verdict.violations()).singleElement().satisfies(v -> assertThat(v.citation())
                .isEqualTo("ward-binh-phuoc:3.4"));
        assertThat(verdict.suggestions()).isNotEmpty();
    }
}
