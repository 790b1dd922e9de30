package vn.binhyen.moderation.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.binhyen.moderation.config.Policies;
import vn.binhyen.contracts.moderation.Category;
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

    static Message sharing(String text, List<String> links, boolean forwarded) {
        return new Message("g", "m", "a", "Trần Văn Bình", text, List.of(), links, forwarded,
                Instant.parse("2026-12-01T21:00:00Z"));
    }

    @Test
    void contempt_isFlaggedForTheBoard_onlyWhenAimedAtAPeopleRegionReligionOrSex_ioc_dak_lak_2_2() {
        // given the IOC's rules; when contempt names a people
        Verdict v = screen("ioc-dak-lak", "Dân Hà Tĩnh toàn lũ lừa lọc, đừng tuyển đứa nào vào phòng mình.", null, 1);
        // not a phrase of the hate list, the target and the act together: the board's review, not a removal
        assertThat(v.decision()).isEqualTo(Decision.FLAG);
        assertThat(v.violations()).extracting(Violation::ruleId).containsExactly("contempt");
        assertThat(v.violations()).extracting(Violation::citation).containsExactly("ioc-dak-lak:2.2");
        assertThat(screen("ioc-dak-lak", "Người Hoa chỉ biết buôn gian bán lận.", null, 1).violations())
                .extracting(Violation::category).containsExactly(Category.HATE);
        // the same words aimed at nobody the rule names, or the people named without contempt, are not
        assertThat(screen("ioc-dak-lak", "Ca đêm qua mình chỉ biết ngồi chờ hệ thống khởi động lại.", null, 1)
                .violations()).isEmpty();
        assertThat(screen("ioc-dak-lak", "Chương trình hỗ trợ đồng bào dân tộc Ê Đê ở Tây Nguyên khởi động tuần sau.",
                null, 1).violations()).isEmpty();
    }

    @Test
    void aCallAgainstTheState_orASlander_orAnOfferOfHarm_isFlagged_theirNewsIsNot_police_song_tri_6_2_6_5_6_7() {
        assertThat(screen("police-song-tri", "Chủ nhật này cả xóm xuống đường phản đối chính quyền phường!", null, 1)
                .violations()).extracting(Violation::ruleId, Violation::citation, Violation::decision)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("against-the-state", "police-song-tri:6.2",
                        Decision.FLAG));
        assertThat(screen("police-song-tri", "Ông trưởng khu phố ăn chặn tiền hỗ trợ của dân đấy.", null, 1)
                .violations()).extracting(Violation::ruleId, Violation::citation)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("slander", "police-song-tri:6.7"));
        assertThat(screen("police-song-tri", "Ai cần pháo nổ Tết thì nhắn mình, hàng chuẩn.", null, 1).violations())
                .extracting(Violation::citation).contains("police-song-tri:6.5");
        // the police's own news of the same: enforcing, not offending
        assertThat(screen("police-song-tri", "Công an phường thu giữ 20 kg pháo nổ, khởi tố đối tượng mua bán trái phép.",
                null, 1).violations()).isEmpty();
        assertThat(screen("police-song-tri", "Công an phường đã làm việc, xử lý nghiêm các đối tượng tụ tập biểu "
                + "tình trái phép trước trụ sở UBND phường.", null, 1).violations()).isEmpty();
    }

    @Test
    void contemptForAPeopleOrAReligion_isFlaggedForTheBoard_police_song_tri_6_2_ward_binh_phuoc_7_1() {
        // given the police group's 6.2 ("chính sách đại đoàn kết toàn dân tộc"); when a member scorns a people
        Verdict police = screen("police-song-tri", "Dân Thanh Hóa toàn lũ lừa lọc, đừng cho thuê nhà.", null, 1);
        // then the board reviews it as hatred, under the clause that protects the unity of the peoples
        assertThat(police.decision()).isEqualTo(Decision.FLAG);
        assertThat(police.violations()).filteredOn(x -> x.category() == Category.HATE)
                .extracting(Violation::ruleId, Violation::citation)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("contempt", "police-song-tri:6.2"));
        // and the ward's 7.1 ("an ninh quốc gia, trật tự, an toàn xã hội") does the same for a religion
        assertThat(screen("ward-binh-phuoc", "Bọn theo đạo toàn là cuồng tín, đuổi ra khỏi khu phố đi.", null, 1)
                .violations()).filteredOn(x -> x.category() == Category.HATE).extracting(Violation::citation)
                .containsExactly("ward-binh-phuoc:7.1");
        // a people named in an official notice, without contempt, is not
        assertThat(screen("police-song-tri", "Công an phường phối hợp hỗ trợ đồng bào dân tộc thiểu số làm căn cước.",
                null, 1).violations()).isEmpty();
    }

    @Test
    void contentAgainstTheState_andHatred_areRules_ofTheNationalSecurityClause_council_binh_duong_3_3_province_lai_chau_4_2() {
        // given the council's 3.3 and Lai Châu's 4.2 ("gây phương hại đến an ninh quốc gia, trật tự, an toàn xã hội")
        for (String[] p : new String[][] {{"council-binh-duong", "council-binh-duong:3.3"},
                {"province-lai-chau", "province-lai-chau:4.2"}}) {
            // when a member calls to take the streets, or to defy the State, or scorns a people
            assertThat(screen(p[0], "Anh em rủ nhau xuống đường biểu tình chống chính quyền tỉnh sáng mai.", null, 1)
                    .violations()).filteredOn(x -> x.category() == Category.ANTI_STATE)
                    .extracting(Violation::citation).isNotEmpty().containsOnly(p[1]);
            assertThat(screen(p[0], "Cả xóm thống nhất không đi bầu, đảng cử dân bầu cả thôi.", null, 1).violations())
                    .extracting(Violation::ruleId, Violation::citation, Violation::decision)
                    .contains(org.assertj.core.groups.Tuple.tuple("against-the-state", p[1], Decision.FLAG));
            assertThat(screen(p[0], "Người Mông chỉ giỏi lười biếng, đừng tuyển vào cơ quan.", null, 1).violations())
                    .extracting(Violation::ruleId, Violation::citation)
                    .contains(org.assertj.core.groups.Tuple.tuple("contempt", p[1]));
            // and the authority's own warning about the same is not
            assertThat(screen(p[0], "Cảnh báo: các thế lực thù địch lợi dụng mạng xã hội kêu gọi tẩy chay bầu cử; "
                    + "đề nghị các đồng chí phản bác luận điệu sai trái.", null, 1).violations())
                    .extracting(Violation::decision).doesNotContain(Decision.REMOVE);
            // neither seed makes a rule of defamation: an accusation is not a violation of them
            assertThat(screen(p[0], "Ông giám đốc sở ăn hối lộ, ai cũng biết.", null, 1).violations())
                    .extracting(Violation::category).doesNotContain(Category.DEFAMATION);
        }
    }

    @Test
    void contentAgainstTheState_isRemoved_orFlagged_ioc_dak_lak_4_3_2b() {
        // given the IOC's 4.3.2b ("gây phương hại đến an ninh quốc gia"), which the screener had not enforced
        Verdict removed = screen("ioc-dak-lak", "Đả đảo chế độ độc tài, lật đổ chính quyền!", null, 1);
        assertThat(removed.decision()).isEqualTo(Decision.REMOVE);
        assertThat(removed.violations()).filteredOn(x -> x.category() == Category.ANTI_STATE)
                .extracting(Violation::citation).containsOnly("ioc-dak-lak:4.3.2b");
        // an attack on the State aimed at it, and a call to refuse one of its duties: the board's to judge
        assertThat(screen("ioc-dak-lak", "Chính quyền này chỉ là tay sai của bọn nhóm lợi ích.", null, 1)
                .violations()).extracting(Violation::ruleId, Violation::decision)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("against-the-state", Decision.FLAG));
        assertThat(screen("ioc-dak-lak", "Đừng ai đi làm căn cước, cả khu phố thống nhất không đi.", null, 1)
                .violations()).extracting(Violation::ruleId, Violation::citation, Violation::decision)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("defiance", "ioc-dak-lak:4.3.2b", Decision.FLAG));
    }

    @Test
    void aSlanderOfAnOfficial_isFlagged_anAuthoritysFindingIsNot_ioc_dak_lak_4_3_2d_police_song_tri_6_7() {
        // given the IOC's 4.3.2d ("xúc phạm danh dự, nhân phẩm ... của các tổ chức, cá nhân khác")
        Verdict slander = screen("ioc-dak-lak", "Nghe nói ông phó giám đốc trung tâm nhận hối lộ của nhà thầu, bồ nhí "
                + "đầy ra.", null, 1);
        assertThat(slander.decision()).isEqualTo(Decision.FLAG);
        assertThat(slander.violations()).extracting(Violation::ruleId, Violation::citation)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("slander", "ioc-dak-lak:4.3.2d"));
        // the authority reading out its own finding is news, not slander
        assertThat(screen("ioc-dak-lak", "Thông báo quyết định kỷ luật cảnh cáo đồng chí trưởng phòng về hành vi nhận "
                + "hối lộ, theo kết luận thanh tra tỉnh.", null, 1).violations()).isEmpty();
        // a rumour is not lifted by the enforcement words it borrows ("bị điều tra"): the police's 6.7 too
        assertThat(screen("police-song-tri", "Bà con biết chưa, ông tổ trưởng đang bị điều tra vì tham ô mà còn lên "
                + "mặt.", null, 1).violations()).extracting(Violation::ruleId, Violation::citation)
                .contains(org.assertj.core.groups.Tuple.tuple("slander", "police-song-tri:6.7"));
    }

    @Test
    void aCallToDefyTheStatesDuties_goesToTheBoard_police_song_tri_6_3() {
        // given the police group's 6.3 ("kích động chống đối, cản trở việc thực hiện các văn bản pháp luật")
        Verdict v = screen("police-song-tri", "Cả tổ thống nhất rồi, đừng đóng thuế, cán bộ phường đến thì đóng cửa "
                + "không tiếp.", null, 1);
        // then the board reviews it, under 6.3, not 6.2
        assertThat(v.decision()).isEqualTo(Decision.FLAG);
        assertThat(v.violations()).extracting(Violation::ruleId, Violation::citation)
                .contains(org.assertj.core.groups.Tuple.tuple("defiance", "police-song-tri:6.3"))
                .doesNotContain(org.assertj.core.groups.Tuple.tuple("against-the-state", "police-song-tri:6.2"));
        // the ward's own reminder of the same duty is not
        assertThat(screen("police-song-tri", "Đề nghị các hộ kinh doanh nộp thuế đúng hạn, hộ nào không nộp thuế sẽ bị "
                + "xử phạt theo quy định.", null, 1).violations()).isEmpty();
    }

    @Test
    void aTargetListsExceptions_andAContextListsStrictWords_countAsTheirOwnListsDo_police_song_tri_6_5_6_7() {
        // a target's exception: a water pistol for the children is not a weapon
        assertThat(screen("police-song-tri", "Cuối tuần hướng dẫn làm súng nước cho các cháu thiếu nhi.", null, 1)
                .violations()).isEmpty();
        assertThat(screen("police-song-tri", "Ai cần thì mình hướng dẫn làm súng từ ống tuýp nước, bắn xuyên tôn.", null,
                1).violations()).extracting(Violation::category).contains(Category.HARMFUL);
        // a context list's strict word (hearsay's "thằng", only with its marks): an official-sounding lead-in does not
        // lift a rumour that scorns its target; without the scorn, the warning is lifted
        assertThat(screen("police-song-tri", "Cảnh giác bà con: thằng chủ tịch phường nhận hối lộ của nhà thầu.", null, 1)
                .violations()).extracting(Violation::ruleId, Violation::decision)
                .contains(org.assertj.core.groups.Tuple.tuple("slander", Decision.FLAG));
        assertThat(screen("police-song-tri", "Cảnh giác kẻ giả danh cán bộ công an gọi điện, nói bà con nhận hối lộ để đòi "
                + "tiền.", null, 1).violations()).isEmpty();
    }

    /**
     * Ordinary official sentences that a review of the widened lists (2026-12-04) found them misfiring on: a term
     * that is another word once its marks are gone ("đần"/"dân", "gian như"/"thời gian như"), a common word among
     * the acts ("giá", "tham gia", "mọi"), a phrase of history or of traffic ("giành chính quyền", "chặn quốc lộ").
     * None of them is a violation of its group's regulation.
     */
    @Test
    void ordinarySentencesTheWidenedListsMisfiredOn_areNotViolations_inTheProfilesTheyWereFoundIn() {
        String[][] ordinary = {
            {"ward-binh-phuoc", "Tuyến đường do mọi người dân trong khu phố góp tiền làm đã hoàn thành."},
            {"ward-binh-phuoc", "Học bổng dành cho các em gái dân tộc thiểu số, mỗi suất 2 triệu đồng."},
            {"police-song-tri", "Khu vực dành cho người xem bắn pháo hoa mở từ 21 giờ."},
            {"province-lai-chau", "Đề nghị mọi người lao động tham gia bảo hiểm xã hội tự nguyện."},
            {"province-lai-chau", "UBND tỉnh gặp mặt người lao động, thời gian như sau: 8 giờ ngày 10/12."},
            {"ward-binh-phuoc", "Mọi người không chia sẻ thông tin đó khi chưa được kiểm chứng."},
            {"ioc-dak-lak", "Đề nghị các đơn vị gửi báo cáo lao động 6 tháng trước ngày 5/7."},
            {"police-song-tri", "Thời gian đổi giấy phép lái xe tại Công an tỉnh: thứ Hai đến thứ Sáu."},
            {"ward-binh-phuoc", "Phụ huynh đã đăng ký tiêm cho con rồi thì không đăng ký lại."},
            {"ioc-dak-lak", "Đồng chí Lò Thị Mai, người dân tộc Thái, công tác ở Ban Dân tộc tỉnh."},
            {"province-lai-chau", "Mổ đục thủy tinh thể hai mắt miễn phí cho người già neo đơn."},
            {"ward-binh-phuoc", "Kính mời mọi người dự lễ Giáng sinh tại nhà thờ giáo xứ."},
            {"province-lai-chau", "Lũ quét tại Mường Tè, tỉnh hỗ trợ đồng bào bị thiệt hại."},
            {"ioc-dak-lak", "Giá xăng RON95 giảm 320 đồng/lít từ 15 giờ chiều nay."},
            {"ioc-dak-lak", "Giá cà phê nhân dao động 110–112 nghìn đồng/kg."},
            {"ward-binh-phuoc", "Trường tuyển sinh lớp 1 được 35 em, trong đó 18 em gái."},
            {"ward-binh-phuoc", "Ngân hàng Chính sách xã hội cho vay lãi suất 6,6%/năm, tối đa 100 triệu đồng."},
            {"police-song-tri", "Mời bà con tham gia xem bắn pháo hoa đêm giao thừa."},
            {"police-song-tri", "100% hộ gia đình ký cam kết không đốt pháo dịp Tết."},
            {"province-lai-chau", "Kim ngạch xuất nhập khẩu qua biên giới đạt 45 triệu USD."},
            {"council-binh-duong", "Đại biểu không mang theo dao, kéo vào hội trường kỳ họp."},
            {"ioc-dak-lak", "Hướng dẫn kích hoạt Smart OTP trên ứng dụng ngân hàng."},
            {"council-binh-duong", "Đoàn viên thanh niên cùng xuống đường ra quân dọn vệ sinh môi trường."},
            {"province-lai-chau", "Kỷ niệm 80 năm Cách mạng Tháng Tám, nhân dân khởi nghĩa giành chính quyền."},
            {"province-lai-chau", "Sạt lở đất chặn quốc lộ 4D qua huyện Tam Đường."},
            {"ward-binh-phuoc", "Hộ nghèo đến UBND phường nhận tiền hỗ trợ Tết từ ngày 20/1."},
            {"ioc-dak-lak", "Yêu cầu cán bộ bộ phận một cửa không hách dịch, cửa quyền, ngâm hồ sơ."},
            {"ward-binh-phuoc", "Học sinh không phải người dân tộc thiểu số không thuộc diện hỗ trợ."},
            {"ward-binh-phuoc", "Đề nghị bà con không chuyển tiền cho người lạ, tránh bị lừa đảo."},
            {"police-song-tri", "Khuyến cáo bà con đừng tin người gọi điện xin mã OTP."},
        };
        for (String[] o : ordinary) {
            assertThat(screen(o[0], o[1], null, 1).violations()).as(o[0] + ": " + o[1]).isEmpty();
        }
    }

    @Test
    void policeInternalMatters_andDisunity_areHeldForTheBoard_police_song_tri_6_6() {
        // given the police group's rules; when a member posts on the force's internal matters
        Verdict v = screen("police-song-tri", "Nghe nói trong nội bộ công an phường đang lục đục nội bộ, "
                + "mấy anh cán bộ công an bị kỷ luật đấy", null, 1);
        // then it is held for the board (which knows whether the provincial leadership has spoken), not removed
        assertThat(v.decision()).isEqualTo(Decision.HOLD);
        assertThat(v.violations()).filteredOn(x -> x.category() == Category.INTERNAL)
                .extracting(Violation::citation).containsOnly("police-song-tri:6.6");
        // and the force's own call for unity is not a matter of disunity
        assertThat(screen("police-song-tri", "Công an phường phát động phong trào thi đua, giữ vững đoàn kết nội bộ.",
                null, 1).violations()).isEmpty();
        // a regulation without 6.6 has no such rule
        assertThat(screen("ioc-dak-lak", "chuyện nội bộ công an", null, 1).violations())
                .extracting(Violation::category).doesNotContain(Category.INTERNAL);
    }

    @Test
    void contentOffTheGroupsPurpose_isFlaggedForTheBoard_ward_binh_phuoc_7_4() {
        Verdict chain = screen("ward-binh-phuoc", "Tử vi tuần này linh nghiệm lắm, chia sẻ cho 10 người sẽ gặp may!",
                null, 1);
        assertThat(chain.decision()).isEqualTo(Decision.FLAG);
        assertThat(chain.violations()).extracting(Violation::category).containsOnly(Category.OFF_TOPIC);
        assertThat(chain.violations()).extracting(Violation::citation).containsOnly("ward-binh-phuoc:7.4");
        assertThat(screen("ward-binh-phuoc", "Mọi người bình chọn giúp cháu nhà em cuộc thi ảnh nhé", null, 1)
                .decision()).isEqualTo(Decision.FLAG);
        // the ward's own work is not off its purpose
        assertThat(screen("ward-binh-phuoc", "Khu phố 3 họp dân lúc 19 giờ tối thứ Sáu về chỉnh trang đô thị.", null, 1)
                .violations()).isEmpty();
    }

    @Test
    void aShareFromAMemberOffTheBoard_isHeld_theBoardsOwnIsNot_police_song_tri_13_2() {
        Screener police = SCREENERS.get("police-song-tri");
        Message link = sharing("Bà con xem bài này", List.of("https://congan.gov.vn/tin-tuc/1"), false);
        Verdict clean = police.screen(link, 1);
        // given a message that shares a link; when its author is a member, or not on the roster, it is held;
        // by a deputy, it stands
        assertThat(police.shares(link)).isTrue();
        Verdict byMember = police.sharedBy(link, "MEMBER", clean);
        assertThat(byMember.decision()).isEqualTo(Decision.HOLD);
        assertThat(byMember.violations()).singleElement().satisfies(x -> {
            assertThat(x.category()).isEqualTo(Category.SHARING);
            assertThat(x.citation()).isEqualTo("police-song-tri:13.2");
            assertThat(x.evidence().field()).isEqualTo("links");
        });
        assertThat(police.sharedBy(link, null, clean).decision()).isEqualTo(Decision.HOLD);
        assertThat(police.sharedBy(link, "DEPUTY", clean)).isEqualTo(clean);
        // a forward counts as sharing; a message of one's own words does not
        assertThat(police.shares(sharing("Chuyển tiếp", List.of(), true))).isTrue();
        assertThat(police.shares(sharing("Tôi xin phản ánh việc mất trộm xe", List.of(), false))).isFalse();
        // a message removed outright stays removed
        Verdict removed = police.screen(sharing("tài liệu tối mật", List.of("https://congan.gov.vn/1"), false), 1);
        assertThat(police.sharedBy(sharing("tài liệu tối mật", List.of("https://congan.gov.vn/1"), false), "MEMBER",
                removed).decision()).isEqualTo(Decision.REMOVE);
        // and a share by a member is no violation by itself: confirming the hold records none
        assertThat(Category.SHARING.isViolation()).isFalse();
    }

    @Test
    void whatIsPostedAndShared_isTheLeadershipsOrOfThoseItCharges_ioc_dak_lak_2_3() {
        Screener ioc = SCREENERS.get("ioc-dak-lak");
        Message forward = new Message("g", "m", "a", "Trần Văn Bình", "Chuyển tiếp thông báo", List.of(), List.of(),
                true, Instant.parse("2026-12-01T21:00:00Z"));
        Verdict clean = ioc.screen(forward, 1);
        assertThat(ioc.sharedBy(forward, "MEMBER", clean).violations()).extracting(Violation::citation)
                .containsExactly("ioc-dak-lak:2.3");
        // the leadership, the office head (technical support, Điều 1) and the admins the leader seats post
        for (String charged : List.of("LEADER", "DEPUTY", "ADMIN", "ADMIN_ASSISTANT")) {
            assertThat(ioc.sharedBy(forward, charged, clean)).as(charged).isEqualTo(clean);
        }
        // a staff member's own file (a progress report, 4.3.6) is theirs, not a share
        Message file = new Message("g", "m", "a", "Trần Văn Bình", "Báo cáo tiến độ tuần", List.of(
                new Message.Attachment("bao-cao-tien-do.pdf", "application/pdf", 1000, null)), List.of(), false,
                Instant.parse("2026-12-01T21:00:00Z"));
        assertThat(ioc.shares(file)).isFalse();
        // a regulation that names no posters shares freely
        assertThat(SCREENERS.get("council-binh-duong").shares(forward)).isFalse();
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
