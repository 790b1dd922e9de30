package vn.binhyen.group.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.binhyen.group.domain.GroupDeciderTests.ADMIN;
import static vn.binhyen.group.domain.GroupDeciderTests.CITIZEN;
import static vn.binhyen.group.domain.GroupDeciderTests.DEPUTY;
import static vn.binhyen.group.domain.GroupDeciderTests.FIXTURE;
import static vn.binhyen.group.domain.GroupDeciderTests.GROUP;
import static vn.binhyen.group.domain.GroupDeciderTests.LEADER;
import static vn.binhyen.group.domain.GroupDeciderTests.NOW;
import static vn.binhyen.group.domain.GroupDeciderTests.added;
import static vn.binhyen.group.domain.GroupDeciderTests.established;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.binhyen.contracts.group.GroupEvent;
import vn.binhyen.contracts.group.GroupEvent.DirectiveAcknowledged;
import vn.binhyen.contracts.group.GroupEvent.DirectiveIssued;
import vn.binhyen.contracts.group.GroupEvent.DirectiveReminderDue;
import vn.binhyen.contracts.group.GroupEvent.MembershipProposed;
import vn.binhyen.contracts.group.GroupEvent.PollOpened;
import vn.binhyen.contracts.group.GroupEvent.VoteCast;
import vn.binhyen.contracts.group.GroupEvent.VoteConfirmed;
import vn.binhyen.contracts.group.GroupRole;
import vn.binhyen.group.domain.GroupCommand.Acknowledgement;

/** Directives, council polls, profile changes and sanctions from moderation: given/when/then, no infrastructure. */
class DirectivesPollsAndSanctionsTests {
    static final Instant DEADLINE = NOW.plus(Duration.ofHours(24));

    static DirectiveIssued issued(String profile) {
        return new DirectiveIssued(GROUP, "d-1", "Báo cáo tình hình trước 17 giờ", LEADER.memberId(), DEADLINE,
                List.of(ADMIN.memberId(), CITIZEN.memberId()));
    }

    static GroupEvent[] laiChauGroup() {
        return new GroupEvent[] {established("province-lai-chau", "PROVINCE"), added(ADMIN, GroupRole.ADMIN),
                added(CITIZEN, GroupRole.MEMBER)};
    }

    // ---- directives ----

    @Test
    void issueDirective_byLeader_addressesEveryoneElseWithTheDeadline_province_lai_chau_3_3() {
        FIXTURE.given(laiChauGroup())
                .when(new GroupCommand.IssueDirective("d-1", "Báo cáo tình hình trước 17 giờ", DEADLINE,
                        LEADER.memberId(), NOW))
                .then(issued("province-lai-chau"));
    }

    @Test
    void issueDirective_withoutDeadline_getsTheProfilesDefault_province_lai_chau_7_3() {
        FIXTURE.given(laiChauGroup())
                .when(new GroupCommand.IssueDirective("d-1", "Báo cáo tình hình trước 17 giờ", null,
                        LEADER.memberId(), NOW))
                .then(issued("province-lai-chau"));
    }

    @Test
    void issueDirective_byAMember_refused_province_lai_chau_7_3() {
        FIXTURE.given(laiChauGroup())
                .when(new GroupCommand.IssueDirective("d-1", "Họp lúc 8 giờ", null, CITIZEN.memberId(), NOW))
                .thenRejectedBy("province-lai-chau:7.3");
    }

    @Test
    void issueDirective_byADeputy_isAllowed_police_song_tri_7_3() {
        FIXTURE.given(established("police-song-tri", "POLICE"), added(DEPUTY, GroupRole.DEPUTY),
                        added(CITIZEN, GroupRole.MEMBER))
                .when(new GroupCommand.IssueDirective("d-1", "Thả biểu tượng cảm xúc khi đã đọc", DEADLINE,
                        DEPUTY.memberId(), NOW))
                .then(new DirectiveIssued(GROUP, "d-1", "Thả biểu tượng cảm xúc khi đã đọc", DEPUTY.memberId(),
                        DEADLINE, List.of(CITIZEN.memberId(), LEADER.memberId())));
    }

    @Test
    void aDirectiveIsShortAndClear_atMost1000Characters_council_binh_duong_8_1_province_lai_chau_5_1_ioc_dak_lak_4_1_3() {
        String tooLong = "Đề nghị các đồng chí báo cáo tình hình thực hiện nhiệm vụ trong tuần. ".repeat(20);
        for (String[] profile : new String[][] {{"council-binh-duong", "COUNCIL", "council-binh-duong:8.1"},
                {"province-lai-chau", "PROVINCE", "province-lai-chau:5.1"}, {"ioc-dak-lak", "IOC", "ioc-dak-lak:4.1.3"}}) {
            // given the leader of a group whose regulation asks for short directives
            assertThat(FIXTURE.given(established(profile[0], profile[1]), added(CITIZEN, GroupRole.MEMBER))
                    // when the directive runs past 1,000 characters
                    .when(new GroupCommand.IssueDirective("d-1", tooLong, DEADLINE, LEADER.memberId(), NOW))
                    // then it is refused by that regulation's clause, naming the text
                    .thenRejectedBy(profile[2]).field()).as(profile[0]).isEqualTo("text");
            String thousand = "ữ".repeat(1000); // characters, not bytes or UTF-16 units
            FIXTURE.given(established(profile[0], profile[1]), added(CITIZEN, GroupRole.MEMBER))
                    .when(new GroupCommand.IssueDirective("d-1", thousand, DEADLINE, LEADER.memberId(), NOW))
                    .then(new DirectiveIssued(GROUP, "d-1", thousand, LEADER.memberId(), DEADLINE,
                            List.of(CITIZEN.memberId())));
        }
        // a regulation that sets no bound takes a long directive
        FIXTURE.given(established("ward-binh-phuoc", "AGENCY"), added(CITIZEN, GroupRole.MEMBER))
                .when(new GroupCommand.IssueDirective("d-1", tooLong, DEADLINE, LEADER.memberId(), NOW))
                .then(new DirectiveIssued(GROUP, "d-1", tooLong.strip(), LEADER.memberId(), DEADLINE,
                        List.of(CITIZEN.memberId())));
    }

    @Test
    void theOfficeHeadAnnouncesOnTheLeadershipsBehalf_thuaLenh_ioc_dak_lak_4_1_2() {
        // given the IOC group, with the Administration and Services office's head as its technical support (Điều 1)
        FIXTURE.given(established("ioc-dak-lak", "IOC"), added(ADMIN, GroupRole.ADMIN_ASSISTANT),
                        added(CITIZEN, GroupRole.MEMBER))
                // when the office head announces the leadership's direction
                .when(new GroupCommand.IssueDirective("d-1", "Thừa lệnh Giám đốc: họp giao ban 8 giờ thứ Hai", DEADLINE,
                        ADMIN.memberId(), NOW))
                // then it is issued, recorded as on the leader's behalf
                // and addressed to everyone but the issuer and the leader whose direction it is
                .then(new DirectiveIssued(GROUP, "d-1", "Thừa lệnh Giám đốc: họp giao ban 8 giờ thứ Hai",
                        ADMIN.memberId(), DEADLINE, List.of(CITIZEN.memberId()), LEADER.memberId()));
        // the leader's own directive is no one's behalf
        FIXTURE.given(established("ioc-dak-lak", "IOC"), added(CITIZEN, GroupRole.MEMBER))
                .when(new GroupCommand.IssueDirective("d-1", "Họp giao ban", DEADLINE, LEADER.memberId(), NOW))
                .then(new DirectiveIssued(GROUP, "d-1", "Họp giao ban", LEADER.memberId(), DEADLINE,
                        List.of(CITIZEN.memberId()), null));
        // a member announces nothing, and where the regulation names no announcer an admin issues none
        FIXTURE.given(established("ioc-dak-lak", "IOC"), added(CITIZEN, GroupRole.MEMBER))
                .when(new GroupCommand.IssueDirective("d-1", "Họp giao ban", DEADLINE, CITIZEN.memberId(), NOW))
                .thenRejectedBy("ioc-dak-lak:4.1.1");
        // someone off the roster is refused by the rule, not by an error
        FIXTURE.given(established("ioc-dak-lak", "IOC"))
                .when(new GroupCommand.IssueDirective("d-1", "Họp giao ban", DEADLINE, "stranger-1", NOW))
                .thenRejectedBy("ioc-dak-lak:4.1.1");
        FIXTURE.given(laiChauGroup())
                .when(new GroupCommand.IssueDirective("d-1", "Họp giao ban", DEADLINE, ADMIN.memberId(), NOW))
                .thenRejectedBy("province-lai-chau:7.3");
    }

    @Test
    void issueDirective_deadlineInThePast_refused_naming_acknowledgeBy() {
        assertThat(FIXTURE.given(laiChauGroup())
                .when(new GroupCommand.IssueDirective("d-1", "Họp", NOW.minusSeconds(1), LEADER.memberId(), NOW))
                .thenRejectedBy("province-lai-chau:7.3").field()).isEqualTo("acknowledgeBy");
    }

    @Test
    void acknowledge_byReply_recordsIt_andASecondReplyChangesNothing_province_lai_chau_7_3() {
        var first = new DirectiveAcknowledged(GROUP, "d-1", CITIZEN.memberId(), "REPLY");
        FIXTURE.given(laiChauGroup()).and(issued("province-lai-chau"))
                .when(new GroupCommand.AcknowledgeDirective("d-1", Acknowledgement.REPLY, CITIZEN.memberId(), NOW))
                .then(first);
        FIXTURE.given(laiChauGroup()).and(issued("province-lai-chau"), first)
                .when(new GroupCommand.AcknowledgeDirective("d-1", Acknowledgement.REPLY, CITIZEN.memberId(), NOW))
                .thenNothing();
    }

    /** "Khi nhận chỉ đạo của Lãnh đạo UBND tỉnh cần nhắn tin trả lời": a reaction is not the written reply owed. */
    @Test
    void acknowledge_byReaction_refused_aWrittenReplyIsOwed_province_lai_chau_7_3() {
        assertThat(FIXTURE.given(laiChauGroup()).and(issued("province-lai-chau"))
                .when(new GroupCommand.AcknowledgeDirective("d-1", Acknowledgement.REACTION, CITIZEN.memberId(), NOW))
                .thenRejectedBy("province-lai-chau:7.3").field()).isEqualTo("via");
    }

    /** police-song-tri 7.3 asks members to react to the board's notifications: a reaction counts there. */
    @Test
    void acknowledge_byReaction_recordsIt_police_song_tri_7_3() {
        FIXTURE.given(established("police-song-tri", "POLICE"), added(DEPUTY, GroupRole.DEPUTY),
                        added(CITIZEN, GroupRole.MEMBER))
                .and(new DirectiveIssued(GROUP, "d-1", "Thả biểu tượng cảm xúc khi đã đọc", DEPUTY.memberId(),
                        DEADLINE, List.of(CITIZEN.memberId(), LEADER.memberId())))
                .when(new GroupCommand.AcknowledgeDirective("d-1", Acknowledgement.REACTION, CITIZEN.memberId(), NOW))
                .then(new DirectiveAcknowledged(GROUP, "d-1", CITIZEN.memberId(), "REACTION"));
    }

    @Test
    void acknowledge_bySomeoneNotAddressed_refused_province_lai_chau_7_3() {
        FIXTURE.given(laiChauGroup()).and(issued("province-lai-chau"))
                .when(new GroupCommand.AcknowledgeDirective("d-1", Acknowledgement.REPLY, "stranger", NOW))
                .thenRejectedBy("province-lai-chau:7.3");
    }

    @Test
    void reminder_afterTheDeadline_namesOnlyTheSilent_once() {
        var reminder = new DirectiveReminderDue(GROUP, "d-1", DEADLINE, List.of(CITIZEN.memberId()));
        var acked = new DirectiveAcknowledged(GROUP, "d-1", ADMIN.memberId(), "REPLY");
        FIXTURE.given(laiChauGroup()).and(issued("province-lai-chau"), acked)
                .when(new GroupCommand.RaiseDirectiveReminder("d-1", "system", DEADLINE))
                .then(reminder);
        FIXTURE.given(laiChauGroup()).and(issued("province-lai-chau"), acked, reminder)
                .when(new GroupCommand.RaiseDirectiveReminder("d-1", "system", DEADLINE.plusSeconds(60)))
                .thenNothing();
    }

    @Test
    void reminder_beforeTheDeadline_refused_province_lai_chau_7_3() {
        FIXTURE.given(laiChauGroup()).and(issued("province-lai-chau"))
                .when(new GroupCommand.RaiseDirectiveReminder("d-1", "system", DEADLINE.minusSeconds(1)))
                .thenRejectedBy("province-lai-chau:7.3");
    }

    @Test
    void reminder_whenEveryoneAcknowledged_yieldsNothing() {
        FIXTURE.given(laiChauGroup()).and(issued("province-lai-chau"),
                        new DirectiveAcknowledged(GROUP, "d-1", ADMIN.memberId(), "REPLY"),
                        new DirectiveAcknowledged(GROUP, "d-1", CITIZEN.memberId(), "REPLY"))
                .when(new GroupCommand.RaiseDirectiveReminder("d-1", "system", DEADLINE))
                .thenNothing();
    }

    // ---- council polls ----

    static final Instant CLOSES = NOW.plus(Duration.ofHours(2));
    static final PollOpened POLL = new PollOpened(GROUP, "poll-1", "Thông qua chương trình kỳ họp?",
            List.of("Đồng ý", "Không đồng ý"), CLOSES, LEADER.memberId());

    static GroupEvent[] councilGroup() {
        return new GroupEvent[] {established("council-binh-duong", "COUNCIL"), added(ADMIN, GroupRole.MEMBER),
                added(CITIZEN, GroupRole.MEMBER)};
    }

    @Test
    void openPoll_byLeader_inACouncilGroup_council_binh_duong_7_2() {
        FIXTURE.given(councilGroup())
                .when(new GroupCommand.OpenPoll("poll-1", "Thông qua chương trình kỳ họp?",
                        List.of("Đồng ý", "Không đồng ý"), CLOSES, LEADER.memberId(), NOW))
                .then(POLL);
    }

    @Test
    void openPoll_inAWardGroup_refused_byThePlatformsRuleNotTheCouncils_binhyen_profiles() {
        // polls are council-binh-duong:7.2's procedure: a ward group is refused without borrowing that clause
        FIXTURE.given(established("ward-binh-phuoc", "AGENCY"))
                .when(new GroupCommand.OpenPoll("poll-1", "?", List.of("A", "B"), CLOSES, LEADER.memberId(), NOW))
                .thenRejectedBy("binhyen:profiles");
    }

    @Test
    void openPoll_byADelegate_refused_council_binh_duong_7_2() {
        FIXTURE.given(councilGroup())
                .when(new GroupCommand.OpenPoll("poll-1", "?", List.of("A", "B"), CLOSES, CITIZEN.memberId(), NOW))
                .thenRejectedBy("council-binh-duong:7.2");
    }

    @Test
    void openPoll_withOneOption_refusedNamingOptions_council_binh_duong_7_2() {
        assertThat(FIXTURE.given(councilGroup())
                .when(new GroupCommand.OpenPoll("poll-1", "?", List.of("A", " A "), CLOSES, LEADER.memberId(), NOW))
                .thenRejectedBy("council-binh-duong:7.2").field()).isEqualTo("options");
    }

    @Test
    void vote_onceBeforeClosing_thenConfirmedInWriting_council_binh_duong_7_2() {
        var vote = new VoteCast(GROUP, "poll-1", CITIZEN.memberId(), "Đồng ý");
        FIXTURE.given(councilGroup()).and(POLL)
                .when(new GroupCommand.CastVote("poll-1", "Đồng ý", CITIZEN.memberId(), NOW))
                .then(vote);
        var state = FIXTURE.given(councilGroup()).and(POLL, vote)
                .when(new GroupCommand.ConfirmVote("poll-1", "Tôi xác nhận biểu quyết Đồng ý.", CITIZEN.memberId(),
                        NOW))
                .then(new VoteConfirmed(GROUP, "poll-1", CITIZEN.memberId(), "Tôi xác nhận biểu quyết Đồng ý."));
        assertThat(((Group.Established) state).polls().get("poll-1").confirmations()).containsKey(CITIZEN.memberId());
    }

    @Test
    void vote_twice_afterClosing_orForAnUnknownOption_refused_council_binh_duong_7_2() {
        var vote = new VoteCast(GROUP, "poll-1", CITIZEN.memberId(), "Đồng ý");
        FIXTURE.given(councilGroup()).and(POLL, vote)
                .when(new GroupCommand.CastVote("poll-1", "Không đồng ý", CITIZEN.memberId(), NOW))
                .thenRejectedBy("council-binh-duong:7.2");
        FIXTURE.given(councilGroup()).and(POLL)
                .when(new GroupCommand.CastVote("poll-1", "Đồng ý", CITIZEN.memberId(), CLOSES))
                .thenRejectedBy("council-binh-duong:7.2");
        assertThat(FIXTURE.given(councilGroup()).and(POLL)
                .when(new GroupCommand.CastVote("poll-1", "Có lẽ", CITIZEN.memberId(), NOW))
                .thenRejectedBy("council-binh-duong:7.2").field()).isEqualTo("option");
    }

    @Test
    void confirm_withoutHavingVoted_refused_council_binh_duong_7_2() {
        FIXTURE.given(councilGroup()).and(POLL)
                .when(new GroupCommand.ConfirmVote("poll-1", "Xác nhận", CITIZEN.memberId(), NOW))
                .thenRejectedBy("council-binh-duong:7.2");
    }

    // ---- profile changes ----

    @Test
    void profileChange_isAnEventWithTheVersions() {
        var state = FIXTURE.given(established("ward-binh-phuoc", "AGENCY"))
                .when(new GroupCommand.ChangeProfile("police-song-tri", "QĐ 904/QĐ-UBND", "sysadmin", NOW))
                .then(new GroupEvent.ProfileChanged(GROUP, "police-song-tri", 1, "ward-binh-phuoc", 1,
                        "QĐ 904/QĐ-UBND", "sysadmin"));
        assertThat(((Group.Established) state).profile()).isEqualTo("police-song-tri");
    }

    @Test
    void profileChange_toTheSameVersion_refused() {
        FIXTURE.given(established("ward-binh-phuoc", "AGENCY"))
                .when(new GroupCommand.ChangeProfile("ward-binh-phuoc", "QĐ 1", "sysadmin", NOW))
                .thenRejectedBy("binhyen:profiles");
    }

    // ---- sanctions from moderation ----

    @Test
    void removalFromTheSanctionLadder_becomesAProposalAwaitingTheLeader_ward_binh_phuoc_9() {
        var events = FIXTURE.given(established("ward-binh-phuoc", "NEIGHBOURHOOD"), added(CITIZEN, GroupRole.MEMBER))
                .when(new GroupCommand.ProposeRemovalForSanction("proposal-s-1", CITIZEN.memberId(), "s-1",
                        "ward-binh-phuoc:9", "ba lần vi phạm trong 30 ngày", "moderation-service", NOW))
                .thenEvents();
        assertThat(events).singleElement().isInstanceOfSatisfying(MembershipProposed.class, p -> {
            assertThat(p.change()).isEqualTo(vn.binhyen.contracts.group.MembershipChange.REMOVE);
            assertThat(p.member()).isEqualTo(CITIZEN);
            assertThat(p.proposedBy()).isEqualTo("moderation-service");
            assertThat(p.reason()).contains("ward-binh-phuoc:9");
        });
    }

    @Test
    void removalFromTheSanctionLadder_forSomeoneGoneOrTheLeader_yieldsNothing() {
        FIXTURE.given(established("ward-binh-phuoc", "NEIGHBOURHOOD"))
                .when(new GroupCommand.ProposeRemovalForSanction("proposal-s-1", CITIZEN.memberId(), "s-1",
                        "ward-binh-phuoc:9", null, "moderation-service", NOW))
                .thenNothing();
        FIXTURE.given(established("ward-binh-phuoc", "NEIGHBOURHOOD"))
                .when(new GroupCommand.ProposeRemovalForSanction("proposal-s-1", LEADER.memberId(), "s-1",
                        "ward-binh-phuoc:9", null, "moderation-service", NOW))
                .thenNothing();
    }
}
