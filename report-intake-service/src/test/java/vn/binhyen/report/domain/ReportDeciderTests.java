package vn.binhyen.report.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vn.binhyen.contracts.Roles;
import vn.binhyen.contracts.report.ReportEvent;
import vn.binhyen.contracts.report.ReportEvent.Reporter;
import vn.binhyen.contracts.report.ReportEvent.TipDetails;
import vn.binhyen.eventlog.testing.DeciderFixture;

/** The report workflow, its clock and emergencies (police-song-tri:14-15), given/when/then. */
class ReportDeciderTests {
    static final DeciderFixture<ReportCommand, Report, ReportEvent> FIXTURE = DeciderFixture.of(new ReportDecider());
    static final Instant T0 = Instant.parse("2026-11-22T20:00:00Z");
    static final Instant DEADLINE = T0.plus(Duration.ofHours(24));
    static final Reporter CITIZEN = new Reporter("Nguyễn Văn Bình", "12 Lê Lợi, Sông Trí", "0912345678", null);
    static final TipDetails TIP = new TipDetails(T0.minus(Duration.ofHours(2)), "Chợ Sông Trí",
            "Hai đối tượng trộm xe máy", null, null, null, "hướng cầu Sông Trí", null, null, null, "tôi chứng kiến");
    static final Set<String> DUTY = Set.of(Roles.DUTY_OFFICER);
    static final Set<String> BOARD = Set.of(Roles.DEPUTY);
    static final Set<String> PCTP = Set.of(Roles.PCTP_OFFICER);
    static final Set<String> SYSTEM = Set.of("SYSTEM");

    static ReportEvent.ReportReceived received(TipDetails details) {
        return new ReportEvent.ReportReceived("report-1", "CRIME_TIP", "zalo", "group-1", "ca-phuong-song-tri", CITIZEN, details, null, T0,
                DEADLINE, details == TIP ? List.of() : List.of("details.howKnown"));
    }

    static ReportCommand.Receive receive(Reporter reporter, TipDetails details) {
        return new ReportCommand.Receive("report-1", IntakeRules.Type.CRIME_TIP, "zalo", "group-1", "ca-phuong-song-tri", reporter, details,
                null, Duration.ofHours(24), null, null, "zalo-bot", Set.of(Roles.BOT), T0);
    }

    @Test
    void aTipWithoutHowTheReporterKnows_isRecorded_andTheMissingFieldNamed_police_song_tri_14_3() {
        TipDetails noHow = new TipDetails(TIP.incidentAt(), TIP.place(), TIP.summary(), null, null, null, null, null,
                null, null, null);
        var events = FIXTURE.given().when(receive(CITIZEN, noHow)).thenEvents();
        assertThat(events.getFirst()).isInstanceOfSatisfying(ReportEvent.ReportReceived.class, r -> {
            assertThat(r.missing()).containsExactly("details.howKnown");
            assertThat(r.deadline()).isEqualTo(DEADLINE);
        });
        assertThat(events.getLast()).isInstanceOfSatisfying(ReportEvent.CitizenFeedback.class,
                f -> assertThat(f.message()).contains("vì sao anh/chị biết được sự việc"));
    }

    @Test
    void aReporterWhoRefusesTheirDetails_mustSayWhy_police_song_tri_14_3a() {
        assertThat(IntakeRules.missing(IntakeRules.Type.CRIME_TIP, new Reporter(null, null, null, "sợ bị trả thù"), TIP,
                null)).isEmpty();
        assertThat(IntakeRules.missing(IntakeRules.Type.CRIME_TIP, null, TIP, null))
                .extracting(IntakeRules.Missing::field)
                .containsExactly("reporter.name", "reporter.address", "reporter.phone");
    }

    @Test
    void feedbackWithoutItsContentOrItsReporter_namesEachMissingItemByItsClause_police_song_tri_14_1_and_14_2() {
        // 14.1 "Thể hiện rõ nội dung thông tin"; 14.2 the reporter's name, address and phone
        assertThat(IntakeRules.missing(IntakeRules.Type.FEEDBACK, null, null, " "))
                .extracting(IntakeRules.Missing::field, IntakeRules.Missing::citation)
                .containsExactly(org.assertj.core.api.Assertions.tuple("reporter.name", "police-song-tri:14.2"),
                        org.assertj.core.api.Assertions.tuple("reporter.address", "police-song-tri:14.2"),
                        org.assertj.core.api.Assertions.tuple("reporter.phone", "police-song-tri:14.2"),
                        org.assertj.core.api.Assertions.tuple("content", "police-song-tri:14.1"));
    }

    @Test
    void aTipWithoutWhenWhereAndWhatHappened_namesEachByItsPoint_police_song_tri_14_3b_and_14_3c() {
        TipDetails bare = new TipDetails(null, " ", null, null, null, null, null, null, null, null, "tôi chứng kiến");
        assertThat(IntakeRules.missing(IntakeRules.Type.CRIME_TIP, CITIZEN, bare, null))
                .extracting(IntakeRules.Missing::field, IntakeRules.Missing::citation)
                .containsExactly(org.assertj.core.api.Assertions.tuple("details.incidentAt", "police-song-tri:14.3b"),
                        org.assertj.core.api.Assertions.tuple("details.place", "police-song-tri:14.3b"),
                        org.assertj.core.api.Assertions.tuple("details.summary", "police-song-tri:14.3c"));
    }

    @Test
    void theRulebook_citesOnlyArticles14And15OfThePolicesSeed() {
        assertThat(ReportRules.rules().values()).allSatisfy(r -> assertThat(r.citation())
                .matches("police-song-tri:1[45](\\.[0-9][a-zđ]?)?"));
    }

    @Test
    void theWholePath_eachStepByItsRole_police_song_tri_15_3() {
        var classified = new ReportEvent.ReportClassified("report-1", "Trộm cắp tài sản", true, true, "duty-1");
        var written = new ReportEvent.ReportWrittenUp("report-1", "Báo cáo vụ trộm xe", "duty-1");
        var forwarded = new ReportEvent.ReportForwardedToPctp("report-1", "pctp-1", "deputy-1");
        FIXTURE.given(received(TIP))
                .when(new ReportCommand.Classify("Trộm cắp tài sản", true, true, "duty-1", DUTY, T0)).thenEvents();
        FIXTURE.given(received(TIP), classified)
                .when(new ReportCommand.WriteUp("Báo cáo vụ trộm xe", "duty-1", DUTY, T0)).then(written);
        FIXTURE.given(received(TIP), classified, written)
                .when(new ReportCommand.Forward("pctp-1", "deputy-1", BOARD, T0)).then(forwarded);
        var state = FIXTURE.given(received(TIP), classified, written, forwarded)
                .when(new ReportCommand.Register("ca-song-tri", 2026, 7, "pctp-1", PCTP, T0))
                .then(new ReportEvent.ReportRegistered("report-1", "ca-song-tri", 2026, 7, "pctp-1"));
        // registered "đồng thời": the PCTP officer still has to classify and handle it within the 24 hours (15.3c)
        assertThat(((Report.Open) state).status().clockStopped()).isFalse();
        var registered = new ReportEvent.ReportRegistered("report-1", "ca-song-tri", 2026, 7, "pctp-1");
        var handled = FIXTURE.given(received(TIP), classified, written, forwarded, registered)
                .when(new ReportCommand.Resolve("Chuyển Cơ quan CSĐT thụ lý", "pctp-1", PCTP, T0)).thenEvents();
        assertThat(handled).isNotEmpty();
    }

    @Test
    void theClock_runsUntilThePctpOfficerHasHandledTheTip_notOnlyRegisteredIt_police_song_tri_15_3c() {
        var classified = new ReportEvent.ReportClassified("report-1", "Trộm", true, true, "d");
        var written = new ReportEvent.ReportWrittenUp("report-1", "b", "d");
        var forwarded = new ReportEvent.ReportForwardedToPctp("report-1", "p", "b");
        var registered = new ReportEvent.ReportRegistered("report-1", "u", 2026, 1, "p");
        FIXTURE.given(received(TIP), classified, written, forwarded, registered)
                .when(new ReportCommand.Breach("clock", SYSTEM, DEADLINE))
                .then(new ReportEvent.DeadlineBreached("report-1", DEADLINE, Roles.COMMANDER));
        var resolved = FIXTURE.given(received(TIP), classified, written, forwarded, registered)
                .when(new ReportCommand.Resolve("Chuyển Cơ quan CSĐT thụ lý", "p", PCTP, T0)).thenEvents();
        var after = new java.util.ArrayList<ReportEvent>(List.of(received(TIP), classified, written, forwarded,
                registered));
        after.addAll(resolved);
        FIXTURE.given(after.toArray(ReportEvent[]::new)).when(new ReportCommand.Breach("clock", SYSTEM, DEADLINE))
                .thenNothing();
    }

    @Test
    void anEmergency_isWrittenUpForwardedAndRegistered_likeAnyTip_police_song_tri_15_4() {
        var emergency = new ReportEvent.ReportReceived("report-1", "EMERGENCY", "zalo", "group-1", "ca-phuong-song-tri",
                null, new TipDetails(null, "Chợ", "Đang có người cầm dao", null, null, null, null, null, null, null, null),
                null, T0, DEADLINE, List.of());
        var classified = new ReportEvent.ReportClassified("report-1", "Cố ý gây thương tích", true, true, "duty-1");
        var written = new ReportEvent.ReportWrittenUp("report-1", "Báo cáo vụ cầm dao", "duty-1");
        var forwarded = new ReportEvent.ReportForwardedToPctp("report-1", "pctp-1", "deputy-1");
        FIXTURE.given(emergency, classified)
                .when(new ReportCommand.WriteUp("Báo cáo vụ cầm dao", "duty-1", DUTY, T0)).then(written);
        FIXTURE.given(emergency, classified, written)
                .when(new ReportCommand.Forward("pctp-1", "deputy-1", BOARD, T0)).then(forwarded);
        FIXTURE.given(emergency, classified, written, forwarded)
                .when(new ReportCommand.Register("ca-song-tri", 2026, 8, "pctp-1", PCTP, T0))
                .then(new ReportEvent.ReportRegistered("report-1", "ca-song-tri", 2026, 8, "pctp-1"));
    }

    @Test
    void aStepByTheWrongRole_isRefused_police_song_tri_15() {
        FIXTURE.given(received(TIP)).when(new ReportCommand.Classify("x", true, true, "bot", Set.of(Roles.BOT), T0))
                .thenRejectedBy("police-song-tri:15.1");
        var classified = new ReportEvent.ReportClassified("report-1", "Trộm", true, true, "duty-1");
        var written = new ReportEvent.ReportWrittenUp("report-1", "Báo cáo", "duty-1");
        FIXTURE.given(received(TIP), classified, written)
                .when(new ReportCommand.Forward("pctp-1", "duty-1", DUTY, T0)).thenRejectedBy("police-song-tri:15.3");
        FIXTURE.given(received(TIP), classified, written)
                .when(new ReportCommand.Register("u", 2026, 1, "pctp-1", PCTP, T0)).thenRejectedBy("police-song-tri:15.3");
    }

    @Test
    void anOfficerTakesATipInHand_aHandOverNamesWhoHadIt_takingOnesOwnAgainDoesNothing_police_song_tri_15_3() {
        FIXTURE.given(received(TIP)).when(new ReportCommand.Take("duty-1", DUTY, T0))
                .then(new ReportEvent.ReportTaken("report-1", "duty-1", null));
        var taken = new ReportEvent.ReportTaken("report-1", "duty-1", null);
        FIXTURE.given(received(TIP), taken).when(new ReportCommand.Take("duty-1", DUTY, T0)).thenNothing();
        Report handed = FIXTURE.given(received(TIP), taken).when(new ReportCommand.Take("pctp-1", PCTP, T0))
                .then(new ReportEvent.ReportTaken("report-1", "pctp-1", "duty-1"));
        assertThat(((Report.Open) handed).handler()).isEqualTo("pctp-1");
    }

    @Test
    void aTipIsTakenOnlyByThoseWhoDoItsSteps_andNotOnceItsClockHasStopped_police_song_tri_15_3() {
        FIXTURE.given(received(TIP)).when(new ReportCommand.Take("deputy-1", BOARD, T0))
                .thenRejectedBy("police-song-tri:15.3");
        FIXTURE.given(received(TIP)).when(new ReportCommand.Take("bot", Set.of(Roles.BOT), T0))
                .thenRejectedBy("police-song-tri:15.3");
        var classified = new ReportEvent.ReportClassified("report-1", "Trộm", true, true, "duty-1");
        FIXTURE.given(received(TIP), classified, new ReportEvent.ReportTransferred("report-1", "Công an tỉnh", "vượt "
                + "thẩm quyền", "duty-1")).when(new ReportCommand.Take("duty-1", DUTY, T0))
                .thenRejectedBy("police-song-tri:15.3");
    }

    @Test
    void aNoteBetweenOfficers_isWrittenByTheTipsOfficersOrBoard_andIsNeitherEmptyNorUnbounded_police_song_tri_15_3() {
        FIXTURE.given(received(TIP)).when(new ReportCommand.AddNote("enc:v1:abc", "deputy-1", BOARD, T0))
                .then(new ReportEvent.ReportNoteAdded("report-1", "enc:v1:abc", "deputy-1"));
        FIXTURE.given(received(TIP)).when(new ReportCommand.AddNote("enc:v1:abc", "bot", Set.of(Roles.BOT), T0))
                .thenRejectedBy("police-song-tri:15.3");
        assertThat(ReportDecider.checkNote("  Đã gọi lại người báo tin  ")).isEqualTo("Đã gọi lại người báo tin");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ReportDecider.checkNote(" \n "))
                .isInstanceOf(vn.binhyen.eventlog.decider.InvalidInput.class).hasMessageContaining("empty");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ReportDecider.checkNote("a".repeat(4_001)))
                .isInstanceOf(vn.binhyen.eventlog.decider.InvalidInput.class).hasMessageContaining("4000");
    }

    @Test
    void anIncompleteTip_isNotWrittenUp_untilTheReporterIsAsked_police_song_tri_14_3() {
        TipDetails noHow = new TipDetails(TIP.incidentAt(), TIP.place(), TIP.summary(), null, null, null, null, null,
                null, null, null);
        FIXTURE.given(received(noHow), new ReportEvent.ReportClassified("report-1", "Trộm", true, true, "duty-1"))
                .when(new ReportCommand.WriteUp("Báo cáo", "duty-1", DUTY, T0)).thenRejectedBy("police-song-tri:14.3");
    }

    @Test
    void warningsAt12_4_1HoursLeft_andTheBreach_eachOnce_untilHandled_police_song_tri_15_3() {
        var warn12 = new ReportEvent.DeadlineWarning("report-1", 12, DEADLINE);
        FIXTURE.given(received(TIP)).when(new ReportCommand.Warn(12, "clock", SYSTEM, DEADLINE.minus(Duration.ofHours(12))))
                .then(warn12);
        FIXTURE.given(received(TIP), warn12)
                .when(new ReportCommand.Warn(12, "clock", SYSTEM, DEADLINE.minus(Duration.ofHours(11)))).thenNothing();
        FIXTURE.given(received(TIP)).when(new ReportCommand.Warn(4, "clock", SYSTEM, T0))
                .thenRejectedBy("police-song-tri:15.3");
        FIXTURE.given(received(TIP)).when(new ReportCommand.Breach("clock", SYSTEM, DEADLINE))
                .then(new ReportEvent.DeadlineBreached("report-1", DEADLINE, Roles.COMMANDER));
        FIXTURE.given(received(TIP), new ReportEvent.ReportClassified("report-1", "Trộm", true, true, "d"),
                        new ReportEvent.ReportWrittenUp("report-1", "b", "d"),
                        new ReportEvent.ReportForwardedToPctp("report-1", "p", "b"),
                        new ReportEvent.ReportRegistered("report-1", "u", 2026, 1, "p"),
                        new ReportEvent.ReportResolved("report-1", "Chuyển Cơ quan CSĐT thụ lý", "p"))
                .when(new ReportCommand.Breach("clock", SYSTEM, DEADLINE)).thenNothing();
    }

    @Test
    void anEmergency_isRaisedAtOnce_reRaisedUntilACommanderAcknowledges_police_song_tri_15_4() {
        var events = FIXTURE.given().when(new ReportCommand.Receive("report-1", IntakeRules.Type.EMERGENCY, "zalo",
                "group-1", "ca-phuong-song-tri", null, new TipDetails(null, "Chợ", "Đang có người cầm dao", null, null, null, null, null,
                        null, null, null), null, Duration.ofHours(24), null, null, "bot", Set.of(Roles.BOT), T0)).thenEvents();
        assertThat(events).filteredOn(ReportEvent.EmergencyRaised.class::isInstance).hasSize(1);
        var raised = (ReportEvent.ReportReceived) events.getFirst();
        var first = new ReportEvent.EmergencyRaised("report-1", "báo tin khẩn cấp", 1);
        FIXTURE.given(raised, first).when(new ReportCommand.Reescalate("clock", SYSTEM, T0.plusSeconds(300)))
                .then(new ReportEvent.EmergencyRaised("report-1", "chưa có chỉ huy xác nhận", 2));
        FIXTURE.given(raised, first).when(new ReportCommand.AcknowledgeEmergency("duty-1", DUTY, T0))
                .thenRejectedBy("police-song-tri:15.4");
        var ack = new ReportEvent.EmergencyAcknowledged("report-1", "commander-1");
        FIXTURE.given(raised, first).when(new ReportCommand.AcknowledgeEmergency("commander-1",
                Set.of(Roles.COMMANDER), T0)).then(ack);
        FIXTURE.given(raised, first, ack).when(new ReportCommand.Reescalate("clock", SYSTEM, T0.plusSeconds(600)))
                .thenNothing();
    }

    @Test
    void emergencyWords_typedWithoutDiacritics_areRecognised_asWholeWords_police_song_tri_15_4() {
        assertThat(EmergencyTerms.find("co nguoi dang cuop tiem vang o cho, cuu voi")).contains("đang cướp");
        assertThat(EmergencyTerms.find("DANG CHAY NHA o hem 5")).contains("đang cháy");
        // a word inside another is not the emergency: "bo sung" is not "có súng", and text with diacritics
        // is matched only as written
        assertThat(EmergencyTerms.find("de nghi bo sung ho so")).isEmpty();
        assertThat(EmergencyTerms.find("Đề nghị chạy nhanh qua cầu")).isEmpty();
    }

    @Test
    void folding_dropsCaseAndDiacritics_precomposedOrCombiningAlike() {
        assertThat(EmergencyTerms.fold("Chợ SÔNG Trí, Đường Lê Lợi")).isEqualTo("cho song tri, duong le loi");
        assertThat(EmergencyTerms.fold("Cho\u0323 So\u0302ng")).isEqualTo(EmergencyTerms.fold("Chợ Sông"));
        assertThat(EmergencyTerms.fold("🚨 ĐANG CƯỚP")).isEqualTo("🚨 dang cuop");
    }

    @Test
    void emergencyTerms_makeATipUrgent() {
        assertThat(EmergencyTerms.find("Có người ĐANG CƯỚP tiệm vàng")).contains("đang cướp");
        assertThat(EmergencyTerms.find("Combo khuyến mãi")).isEmpty();
    }
}
