package vn.binhyen.group.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vn.binhyen.contracts.Roles;
import vn.binhyen.contracts.group.GroupEvent;
import vn.binhyen.contracts.group.GroupEvent.AccountCompromisedReported;
import vn.binhyen.contracts.group.GroupEvent.GroupEstablished;
import vn.binhyen.contracts.group.GroupEvent.Member;
import vn.binhyen.contracts.group.GroupEvent.MemberAdded;
import vn.binhyen.contracts.group.GroupEvent.MembershipProposed;
import vn.binhyen.contracts.group.GroupRole;
import vn.binhyen.eventlog.decider.InvalidInput;
import vn.binhyen.eventlog.decider.NotPermitted;
import vn.binhyen.eventlog.testing.DeciderFixture;
import vn.binhyen.group.config.RegulationProfiles;
import vn.binhyen.contracts.group.MembershipChange;
import vn.binhyen.group.domain.GroupCommand.*;

class GroupDeciderTests {
    static final GroupDecider DECIDER = new GroupDecider(RegulationProfiles.load());
    static final DeciderFixture<GroupCommand, Group, GroupEvent> FIXTURE = DeciderFixture.of(DECIDER);
    static final Instant NOW = Instant.parse("2026-11-22T08:00:00Z");
    static final String GROUP = "group-1";
    static final Member LEADER = new Member("leader-1", "Trần Văn Hùng", "zalo-l", "0901000001", false);
    static final Member ADMIN = new Member("admin-1", "Lê Thị Mai", "zalo-a", "0901000002", false);
    static final Member DEPUTY = new Member("deputy-1", "Phạm Minh Đức", "zalo-d", "0901000004", false);
    static final Member CITIZEN = new Member("citizen-1", "Nguyễn Thị Lan", "zalo-c", "0901000003", true);

    static final String UNIT = "ubnd-phuong-binh-phuoc";

    static GroupEstablished established(String profile, String kind) {
        return new GroupEstablished(GROUP, "Khu phố 3", "Trao đổi công việc khu phố", profile, 1, UNIT, kind,
                "Trưởng khu phố quản lý", null, LEADER);
    }

    static MemberAdded added(Member m, GroupRole role) {
        return new MemberAdded(GROUP, m, role, LEADER.memberId(), null);
    }

    // ---- establishment ----

    @Test
    void establish_withoutResponsibility_rejectedBy_police_song_tri_8_1() {
        var rejection = FIXTURE.given()
                .when(new EstablishGroup(GROUP, "Zalo kết nối bình yên", "An ninh trật tự", "police-song-tri",
                        "ca-phuong-song-tri", "POLICE", " ", null, LEADER, "sysadmin", NOW))
                .thenRejectedBy("police-song-tri:8.1");
        assertThat(rejection.field()).isEqualTo("responsibility");
    }

    @Test
    void establish_withEveryRequiredField_establishesWithTheLeader() {
        var state = FIXTURE.given()
                .when(new EstablishGroup(GROUP, "Khu phố 3", "Trao đổi công việc khu phố", "ward-binh-phuoc",
                        UNIT, "NEIGHBOURHOOD", "Trưởng khu phố quản lý", null, LEADER, "sysadmin", NOW))
                .then(established("ward-binh-phuoc", "NEIGHBOURHOOD"));
        assertThat(((Group.Established) state).leader()).contains(LEADER.memberId());
        assertThat(((Group.Established) state).unit()).isEqualTo(UNIT);
        assertThat(((Group.Established) state).bots()).isEmpty();
    }

    @Test
    void establish_withoutAUnit_rejectedBy_binhyen_units() {
        var rejection = FIXTURE.given()
                .when(new EstablishGroup(GROUP, "Khu phố 3", "Trao đổi công việc khu phố", "ward-binh-phuoc",
                        " ", "NEIGHBOURHOOD", "Trưởng khu phố quản lý", null, LEADER, "sysadmin", NOW))
                .thenRejectedBy("binhyen:units");
        assertThat(rejection).isInstanceOf(InvalidInput.class);
        assertThat(rejection.field()).isEqualTo("unit");
    }

    @Test
    void establish_unknownProfile_rejectedNamingTheField() {
        assertThat(FIXTURE.given()
                .when(new EstablishGroup(GROUP, "X", "Y", "nowhere", UNIT, "AGENCY", "R", null, LEADER, "s", NOW))
                .thenRejectedBy("binhyen:profiles").field()).isEqualTo("profile");
    }

    // ---- roster ----

    @Test
    void addMember_byAdmin_becomesAProposalForTheLeader_ward_binh_phuoc_6_3() {
        FIXTURE.given(established("ward-binh-phuoc", "NEIGHBOURHOOD"), added(ADMIN, GroupRole.ADMIN))
                .when(new ProposeMembership("p-1", MembershipChange.ADD, CITIZEN, GroupRole.MEMBER, "hộ dân mới", ADMIN.memberId(), NOW))
                .then(new MembershipProposed(GROUP, "p-1", MembershipChange.ADD, CITIZEN, GroupRole.MEMBER, ADMIN.memberId(), "hộ dân mới"));
    }

    @Test
    void addMember_byLeaderDirectly_addsAtOnce() {
        FIXTURE.given(established("ward-binh-phuoc", "NEIGHBOURHOOD"))
                .when(new ProposeMembership("p-1", MembershipChange.ADD, CITIZEN, GroupRole.MEMBER, null, LEADER.memberId(), NOW))
                .then(new MemberAdded(GROUP, CITIZEN, GroupRole.MEMBER, LEADER.memberId(), null));
    }

    @Test
    void addMember_byPlainMember_rejectedBy_ioc_dak_lak_4_3_10() {
        FIXTURE.given(established("ioc-dak-lak", "OPERATIONS"), added(CITIZEN, GroupRole.MEMBER))
                .when(new ProposeMembership("p-1", MembershipChange.ADD, ADMIN, GroupRole.MEMBER, null, CITIZEN.memberId(), NOW))
                .thenRejectedBy("ioc-dak-lak:4.3.10");
    }

    @Test
    void approveProposal_byAdmin_rejectedBy_ward_binh_phuoc_6_3() {
        FIXTURE.given(established("ward-binh-phuoc", "NEIGHBOURHOOD"), added(ADMIN, GroupRole.ADMIN),
                        new MembershipProposed(GROUP, "p-1", MembershipChange.ADD, CITIZEN, GroupRole.MEMBER, ADMIN.memberId(), null))
                .when(new DecideProposal("p-1", true, null, ADMIN.memberId(), NOW))
                .thenRejectedBy("ward-binh-phuoc:6.3");
    }

    @Test
    void approveProposal_byLeader_addsTheMemberNamingTheApproval() {
        var state = FIXTURE.given(established("ward-binh-phuoc", "NEIGHBOURHOOD"), added(ADMIN, GroupRole.ADMIN),
                        new MembershipProposed(GROUP, "p-1", MembershipChange.ADD, CITIZEN, GroupRole.MEMBER, ADMIN.memberId(), null))
                .when(new DecideProposal("p-1", true, null, LEADER.memberId(), NOW))
                .then(new MemberAdded(GROUP, CITIZEN, GroupRole.MEMBER, LEADER.memberId(), "p-1"));
        assertThat(((Group.Established) state).proposals()).isEmpty();
        assertThat(((Group.Established) state).roster()).containsKey(CITIZEN.memberId());
    }

    @Test
    void addMember_byAdmin_addsDirectly_police_song_tri_2_3() {
        // "Quản trị (Admin) là người tạo ra Nhóm, cùng quản trị viên thêm thành viên vào Nhóm, xóa thành viên khỏi Nhóm"
        FIXTURE.given(established("police-song-tri", "POLICE"), added(ADMIN, GroupRole.ADMIN))
                .when(new ProposeMembership("p-1", MembershipChange.ADD, CITIZEN, GroupRole.MEMBER, null, ADMIN.memberId(), NOW))
                .then(new MemberAdded(GROUP, CITIZEN, GroupRole.MEMBER, ADMIN.memberId(), null));
    }

    @Test
    void removeMember_byAssistantAdmin_removesDirectly_police_song_tri_2_3() {
        Member assistant = new Member("it-1", "Trần Hùng Vương", null, null, false);
        FIXTURE.given(established("police-song-tri", "POLICE"), added(assistant, GroupRole.ADMIN_ASSISTANT),
                        added(CITIZEN, GroupRole.MEMBER))
                .when(new ProposeMembership("p-1", MembershipChange.REMOVE, CITIZEN, null, "rời địa bàn", assistant.memberId(), NOW))
                .then(new GroupEvent.MemberRemoved(GROUP, CITIZEN.memberId(), assistant.memberId(), null, "rời địa bàn"));
    }

    @Test
    void addMember_byAdmin_addsDirectly_province_lai_chau_2_3() {
        Member director = new Member("sở-1", "Nguyễn Quốc Luân - Giám đốc Sở", null, null, false);
        FIXTURE.given(established("province-lai-chau", "PROVINCE"), added(ADMIN, GroupRole.ADMIN))
                .when(new ProposeMembership("p-1", MembershipChange.ADD, director, GroupRole.MEMBER, null, ADMIN.memberId(), NOW))
                .then(new MemberAdded(GROUP, director, GroupRole.MEMBER, ADMIN.memberId(), null));
    }

    @Test
    void addMember_byDeputy_rejectedBy_ioc_dak_lak_3_3() {
        // "Thành viên ... do Trưởng nhóm cho phép tham gia hoặc yêu cầu đưa ra khỏi nhóm"
        FIXTURE.given(established("ioc-dak-lak", "OPERATIONS"), added(DEPUTY, GroupRole.DEPUTY))
                .when(new ProposeMembership("p-1", MembershipChange.ADD, CITIZEN, GroupRole.MEMBER, null, DEPUTY.memberId(), NOW))
                .thenRejectedBy("ioc-dak-lak:3.3");
    }

    @Test
    void suspend_inAWardGroup_isThePlatformsRule_binhyen_lifecycle() {
        // the ward's seed says nothing on suspending a group: the platform's rule, not police-song-tri:9.2
        FIXTURE.given(established("ward-binh-phuoc", "AGENCY"))
                .when(new GroupCommand.SuspendGroup(null, "xác minh sai phạm", NOW.plusSeconds(3600), "commander-1", NOW))
                .thenRejectedBy("binhyen:lifecycle");
    }

    @Test
    void addDeputy_toNeighbourhoodBoardOfFive_rejectedBy_ward_binh_phuoc_4_2() {
        FIXTURE.given(established("ward-binh-phuoc", "NEIGHBOURHOOD"),
                        added(new Member("d1", "Võ Văn Một", null, null, false), GroupRole.DEPUTY),
                        added(new Member("d2", "Võ Văn Hai", null, null, false), GroupRole.DEPUTY),
                        added(new Member("d3", "Võ Văn Ba", null, null, false), GroupRole.DEPUTY),
                        added(new Member("d4", "Võ Văn Bốn", null, null, false), GroupRole.DEPUTY))
                .when(new ProposeMembership("p-1", MembershipChange.ADD, DEPUTY, GroupRole.DEPUTY, null, LEADER.memberId(), NOW))
                .thenRejectedBy("ward-binh-phuoc:4.2");
    }

    @Test
    void addDeputy_toAgencyGroupOfFive_isNotLimitedByTheNeighbourhoodRule() {
        var events = FIXTURE.given(established("ward-binh-phuoc", "AGENCY"),
                        added(new Member("d1", "Võ Văn Một", null, null, false), GroupRole.DEPUTY),
                        added(new Member("d2", "Võ Văn Hai", null, null, false), GroupRole.DEPUTY),
                        added(new Member("d3", "Võ Văn Ba", null, null, false), GroupRole.DEPUTY),
                        added(new Member("d4", "Võ Văn Bốn", null, null, false), GroupRole.DEPUTY))
                .when(new ProposeMembership("p-1", MembershipChange.ADD, DEPUTY, GroupRole.DEPUTY, null, LEADER.memberId(), NOW))
                .thenEvents();
        assertThat(events).hasSize(1);
    }

    @Test
    void addMember_withoutFullName_rejectedBy_police_song_tri_3_2() {
        var rejection = FIXTURE.given(established("police-song-tri", "POLICE"))
                .when(new ProposeMembership("p-1", MembershipChange.ADD, new Member("m", "Lan", null, null, false),
                        GroupRole.MEMBER, null, LEADER.memberId(), NOW))
                .thenRejectedBy("police-song-tri:3.2");
        assertThat(rejection.field()).isEqualTo("member.fullName");
    }

    @Test
    void addMember_withoutPosition_rejectedBy_province_lai_chau_3_2() {
        FIXTURE.given(established("province-lai-chau", "PROVINCE"))
                .when(new ProposeMembership("p-1", MembershipChange.ADD, CITIZEN, GroupRole.MEMBER, null, LEADER.memberId(), NOW))
                .thenRejectedBy("province-lai-chau:3.2");
    }

    @Test
    void removeLeader_rejectedBy_ward_binh_phuoc_6_1_handoverInstead() {
        FIXTURE.given(established("ward-binh-phuoc", "AGENCY"))
                .when(new ProposeMembership("p-1", MembershipChange.REMOVE, LEADER, null, "chuyển công tác", LEADER.memberId(), NOW))
                .thenRejectedBy("ward-binh-phuoc:6.1");
    }

    @Test
    void leave_inIocGroup_needsLeadersConsent_ioc_dak_lak_4_3_9() {
        FIXTURE.given(established("ioc-dak-lak", "OPERATIONS"), added(CITIZEN, GroupRole.MEMBER))
                .when(new RequestLeave("nghỉ hưu", CITIZEN.memberId(), NOW))
                .then(new GroupEvent.LeaveRequested(GROUP, CITIZEN.memberId(), "nghỉ hưu"));
    }

    @Test
    void consentToLeave_byAdmin_rejectedBy_ioc_dak_lak_4_3_9() {
        FIXTURE.given(established("ioc-dak-lak", "OPERATIONS"), added(ADMIN, GroupRole.ADMIN), added(CITIZEN, GroupRole.MEMBER),
                        new GroupEvent.LeaveRequested(GROUP, CITIZEN.memberId(), null))
                .when(new ConsentToLeave(CITIZEN.memberId(), ADMIN.memberId(), NOW))
                .thenRejectedBy("ioc-dak-lak:4.3.9");
    }

    @Test
    void leave_inWardGroup_needsNoConsent() {
        FIXTURE.given(established("ward-binh-phuoc", "AGENCY"), added(CITIZEN, GroupRole.MEMBER))
                .when(new RequestLeave(null, CITIZEN.memberId(), NOW))
                .then(new GroupEvent.MemberLeft(GROUP, CITIZEN.memberId(), null));
    }

    @Test
    void handOverAdmin_movesTheRoleInOneStep_ward_binh_phuoc_6_1() {
        var state = (Group.Established) FIXTURE.given(established("ward-binh-phuoc", "AGENCY"), added(ADMIN, GroupRole.ADMIN))
                .when(new HandOverRole(GroupRole.ADMIN, ADMIN.memberId(), CITIZEN, LEADER.memberId(), NOW))
                .then(new GroupEvent.RoleHandedOver(GROUP, GroupRole.ADMIN, ADMIN.memberId(), CITIZEN, LEADER.memberId()));
        assertThat(state.roleOf(ADMIN.memberId())).contains(GroupRole.MEMBER);
        assertThat(state.roleOf(CITIZEN.memberId())).contains(GroupRole.ADMIN);
    }

    @Test
    void handOver_byAdmin_rejectedBy_ward_binh_phuoc_6_1() {
        FIXTURE.given(established("ward-binh-phuoc", "AGENCY"), added(ADMIN, GroupRole.ADMIN))
                .when(new HandOverRole(GroupRole.LEADER, LEADER.memberId(), ADMIN, ADMIN.memberId(), NOW))
                .thenRejectedBy("ward-binh-phuoc:6.1");
    }

    @Test
    void assignDeputy_byAdmin_rejectedBy_ward_binh_phuoc_4_1() {
        FIXTURE.given(established("ward-binh-phuoc", "AGENCY"), added(ADMIN, GroupRole.ADMIN), added(CITIZEN, GroupRole.MEMBER))
                .when(new AssignRole(CITIZEN.memberId(), GroupRole.DEPUTY, ADMIN.memberId(), NOW))
                .thenRejectedBy("ward-binh-phuoc:4.1");
    }

    @Test
    void accountCompromised_freezesPostingAtOnce_ioc_dak_lak_4_3_8() {
        var state = (Group.Established) FIXTURE.given(established("ioc-dak-lak", "OPERATIONS"), added(CITIZEN, GroupRole.MEMBER))
                .when(new ReportAccountCompromised(CITIZEN.memberId(), "bị chiếm tài khoản", CITIZEN.memberId(), NOW))
                .then(new GroupEvent.AccountCompromisedReported(GROUP, CITIZEN.memberId(), CITIZEN.memberId(), "bị chiếm tài khoản"));
        assertThat(state.seat(CITIZEN.memberId()).orElseThrow().postingFrozen()).isTrue();
    }

    @Test
    void accountChange_keepsTheOldAccountInTheEvent_ioc_dak_lak_8_2() {
        FIXTURE.given(established("ioc-dak-lak", "OPERATIONS"), added(CITIZEN, GroupRole.MEMBER))
                .when(new ChangeAccount(CITIZEN.memberId(), "zalo-new", null, CITIZEN.memberId(), NOW))
                .then(new GroupEvent.AccountChanged(GROUP, CITIZEN.memberId(), "zalo-c", "zalo-new", "0901000003", "0901000003"));
    }

    // ---- group information and pins ----

    @Test
    void changeInfo_byAdmin_waitsForTheLeadersDirection_changingNothingYet_council_binh_duong_9_1() {
        // "Không tùy tiện thay đổi thông tin của Nhóm nếu không được sự chỉ đạo ... Trưởng nhóm": the admin
        // cannot write the leader's name in; the change waits for the leader
        var proposed = new GroupEvent.GroupInfoChangeProposed(GROUP, "ic-1", "Tên mới", null, null, ADMIN.memberId());
        var state = (Group.Established) FIXTURE.given(established("council-binh-duong", "COUNCIL"),
                        added(ADMIN, GroupRole.ADMIN))
                .when(new ChangeGroupInfo("Tên mới", null, null, "ic-1", ADMIN.memberId(), NOW))
                .then(proposed);
        assertThat(state.name()).isEqualTo("Khu phố 3");
        assertThat(state.infoChanges()).containsKey("ic-1");
    }

    @Test
    void changeInfo_directedByTheLeadersOwnDecision_recordsWhoDirectedAndWhoProposed_province_lai_chau_6_1() {
        var proposed = new GroupEvent.GroupInfoChangeProposed(GROUP, "ic-1", "UBND tỉnh Lai Châu", null,
                "Điều hành công việc", ADMIN.memberId());
        var state = (Group.Established) FIXTURE.given(established("province-lai-chau", "PROVINCE"),
                        added(ADMIN, GroupRole.ADMIN), proposed)
                .when(new GroupCommand.DecideInfoChange("ic-1", true, null, LEADER.memberId(), NOW))
                .then(new GroupEvent.GroupInfoChangeDecided(GROUP, "ic-1", true, LEADER.memberId(), null),
                        new GroupEvent.GroupInfoChanged(GROUP, "UBND tỉnh Lai Châu", null, "Điều hành công việc",
                                LEADER.memberId(), ADMIN.memberId()));
        assertThat(state.name()).isEqualTo("UBND tỉnh Lai Châu");
        assertThat(state.infoChanges()).isEmpty();
        // rejected: nothing changes, and the proposal is closed
        var rejected = (Group.Established) FIXTURE.given(established("province-lai-chau", "PROVINCE"),
                        added(ADMIN, GroupRole.ADMIN), proposed)
                .when(new GroupCommand.DecideInfoChange("ic-1", false, "chưa phù hợp", LEADER.memberId(), NOW))
                .then(new GroupEvent.GroupInfoChangeDecided(GROUP, "ic-1", false, LEADER.memberId(), "chưa phù hợp"));
        assertThat(rejected.name()).isEqualTo("Khu phố 3");
        assertThat(rejected.infoChanges()).isEmpty();
    }

    @Test
    void changeInfo_byTheLeader_isMadeAtOnce_directedByThemselves_province_lai_chau_6_1() {
        FIXTURE.given(established("province-lai-chau", "PROVINCE"))
                .when(new ChangeGroupInfo("UBND tỉnh Lai Châu", null, null, "ic-2", LEADER.memberId(), NOW))
                .then(new GroupEvent.GroupInfoChanged(GROUP, "UBND tỉnh Lai Châu", null, null, LEADER.memberId(),
                        LEADER.memberId()));
    }

    @Test
    void pin_byMember_rejectedBy_police_song_tri_3_4() {
        FIXTURE.given(established("police-song-tri", "POLICE"), added(CITIZEN, GroupRole.MEMBER))
                .when(new PinMessage("pin-1", "msg-1", null, CITIZEN.memberId(), NOW))
                .thenRejectedBy("police-song-tri:3.4");
    }

    @Test
    void pin_withoutExpiry_getsTheProfileDefault_ioc_dak_lak_4_1_3() {
        FIXTURE.given(established("ioc-dak-lak", "OPERATIONS"))
                .when(new PinMessage("pin-1", "msg-1", null, LEADER.memberId(), NOW))
                .then(new GroupEvent.MessagePinned(GROUP, "pin-1", "msg-1", LEADER.memberId(), NOW.plus(Duration.ofDays(3))));
    }

    @Test
    void pin_expiringInThePast_rejectedBy_ioc_dak_lak_4_1_3() {
        FIXTURE.given(established("ioc-dak-lak", "OPERATIONS"))
                .when(new PinMessage("pin-1", "msg-1", NOW.minusSeconds(1), LEADER.memberId(), NOW))
                .thenRejectedBy("ioc-dak-lak:4.1.3");
    }

    @Test
    void expirePin_twice_expiresExactlyOnce_ioc_dak_lak_4_1_3() {
        var pinned = new GroupEvent.MessagePinned(GROUP, "pin-1", "msg-1", LEADER.memberId(), NOW.plusSeconds(60));
        FIXTURE.given(established("ioc-dak-lak", "OPERATIONS"), pinned)
                .when(new ExpirePin("pin-1", "scheduler", NOW.plusSeconds(61)))
                .then(new GroupEvent.PinExpired(GROUP, "pin-1", NOW.plusSeconds(61)));
        FIXTURE.given(established("ioc-dak-lak", "OPERATIONS"), pinned, new GroupEvent.PinExpired(GROUP, "pin-1", NOW.plusSeconds(61)))
                .when(new ExpirePin("pin-1", "scheduler", NOW.plusSeconds(62)))
                .then();
    }

    // ---- bots ----

    @Test
    void bindBot_byTheLeaderByTheRoster_whateverTheTokensRole_bindsIt_binhyen_bots() {
        var state = (Group.Established) FIXTURE.given(established("police-song-tri", "POLICE"))
                .when(new BindBot("zalo-bot", LEADER.memberId(), Set.of(Roles.MEMBER), NOW))
                .then(new GroupEvent.BotBound(GROUP, "zalo-bot", LEADER.memberId()));
        assertThat(state.servedBy("zalo-bot")).isTrue();
        assertThat(state.bots()).containsExactly("zalo-bot");
    }

    @Test
    void bindBot_bySystemAdministrator_notOnTheRoster_bindsIt_binhyen_bots() {
        FIXTURE.given(established("police-song-tri", "POLICE"))
                .when(new BindBot("zalo-bot", "sysadmin-1", Set.of(Roles.SYSTEM_ADMIN), NOW))
                .then(new GroupEvent.BotBound(GROUP, "zalo-bot", "sysadmin-1"));
    }

    @Test
    void bindBot_byAnAdminWithALeaderToken_notPermittedBy_binhyen_bots() {
        var rejection = FIXTURE.given(established("police-song-tri", "POLICE"), added(ADMIN, GroupRole.ADMIN))
                .when(new BindBot("zalo-bot", ADMIN.memberId(), Set.of(Roles.LEADER), NOW))
                .thenRejectedBy("binhyen:bots");
        assertThat(rejection).isInstanceOf(NotPermitted.class);
    }

    @Test
    void bindBot_alreadyBound_isAConflict_binhyen_bots() {
        var rejection = FIXTURE.given(established("police-song-tri", "POLICE"),
                        new GroupEvent.BotBound(GROUP, "zalo-bot", LEADER.memberId()))
                .when(new BindBot("zalo-bot", LEADER.memberId(), Set.of(Roles.LEADER), NOW))
                .thenRejectedBy("binhyen:bots");
        assertThat(rejection).isInstanceOf(Conflict.class);
        assertThat(rejection.field()).isEqualTo("botId");
    }

    @Test
    void bindBot_withoutABot_rejectedBy_binhyen_bots() {
        assertThat(FIXTURE.given(established("police-song-tri", "POLICE"))
                .when(new BindBot(" ", LEADER.memberId(), Set.of(Roles.LEADER), NOW))
                .thenRejectedBy("binhyen:bots")).isInstanceOf(InvalidInput.class);
    }

    @Test
    void unbindBot_byTheLeader_unbindsIt_binhyen_bots() {
        var state = (Group.Established) FIXTURE.given(established("police-song-tri", "POLICE"),
                        new GroupEvent.BotBound(GROUP, "zalo-bot", "sysadmin-1"))
                .when(new UnbindBot("zalo-bot", LEADER.memberId(), Set.of(Roles.LEADER), NOW))
                .then(new GroupEvent.BotUnbound(GROUP, "zalo-bot", LEADER.memberId()));
        assertThat(state.servedBy("zalo-bot")).isFalse();
    }

    @Test
    void unbindBot_notBound_isAConflict_binhyen_bots() {
        assertThat(FIXTURE.given(established("police-song-tri", "POLICE"))
                .when(new UnbindBot("zalo-bot", LEADER.memberId(), Set.of(Roles.LEADER), NOW))
                .thenRejectedBy("binhyen:bots")).isInstanceOf(Conflict.class);
    }

    @Test
    void unbindBot_byAPlainMember_notPermittedBy_binhyen_bots() {
        FIXTURE.given(established("police-song-tri", "POLICE"), added(CITIZEN, GroupRole.MEMBER),
                        new GroupEvent.BotBound(GROUP, "zalo-bot", LEADER.memberId()))
                .when(new UnbindBot("zalo-bot", CITIZEN.memberId(), Set.of(Roles.MEMBER), NOW))
                .thenRejectedBy("binhyen:bots");
    }

    @Test
    void bindBot_inATerminatedGroup_rejectedBy_police_song_tri_9_3() {
        FIXTURE.given(established("police-song-tri", "POLICE"),
                        new GroupEvent.GroupTerminated(GROUP, "SERIOUS_VIOLATION", "vi phạm", "commander-1"))
                .when(new BindBot("zalo-bot", LEADER.memberId(), Set.of(Roles.LEADER), NOW))
                .thenRejectedBy("police-song-tri:9.3");
    }

    @Test
    void bindBot_inASuspendedGroup_rejectedBy_police_song_tri_9_2_butUnbindingIsNot() {
        var suspended = new GroupEvent.GroupSuspended(GROUP, "QĐ 12/QĐ-CAP", "xác minh", NOW.plus(Duration.ofDays(7)),
                "commander-1");
        FIXTURE.given(established("police-song-tri", "POLICE"), suspended)
                .when(new BindBot("zalo-bot", LEADER.memberId(), Set.of(Roles.LEADER), NOW))
                .thenRejectedBy("police-song-tri:9.2");
        FIXTURE.given(established("police-song-tri", "POLICE"), new GroupEvent.BotBound(GROUP, "zalo-bot", "s"),
                        suspended)
                .when(new UnbindBot("zalo-bot", LEADER.memberId(), Set.of(Roles.LEADER), NOW))
                .then(new GroupEvent.BotUnbound(GROUP, "zalo-bot", LEADER.memberId()));
    }

    // ---- lifecycle ----

    @Test
    void suspend_withoutDecision_rejectedBy_police_song_tri_9_2() {
        assertThat(FIXTURE.given(established("police-song-tri", "POLICE"))
                .when(new SuspendGroup(" ", "xác minh sai phạm", NOW.plus(Duration.ofDays(7)), "commander-1", NOW))
                .thenRejectedBy("police-song-tri:9.2").field()).isEqualTo("decisionRef");
    }

    @Test
    void suspendedGroup_refusesChanges_police_song_tri_9_2() {
        FIXTURE.given(established("police-song-tri", "POLICE"),
                        new GroupEvent.GroupSuspended(GROUP, "QĐ 12/QĐ-CAP", "xác minh", NOW.plus(Duration.ofDays(7)), "commander-1"))
                .when(new PinMessage("pin-1", "msg-1", null, LEADER.memberId(), NOW))
                .thenRejectedBy("police-song-tri:9.2");
    }

    @Test
    void resume_reopensTheGroup() {
        var state = (Group.Established) FIXTURE.given(established("police-song-tri", "POLICE"),
                        new GroupEvent.GroupSuspended(GROUP, "QĐ 12/QĐ-CAP", "xác minh", NOW.plus(Duration.ofDays(7)), "commander-1"))
                .when(new ResumeGroup("commander-1", NOW))
                .then(new GroupEvent.GroupResumed(GROUP, "commander-1"));
        assertThat(state.status()).isEqualTo(Group.Status.ACTIVE);
    }

    @Test
    void terminate_withoutReason_rejectedBy_police_song_tri_9_3() {
        FIXTURE.given(established("police-song-tri", "POLICE"))
                .when(new TerminateGroup(TerminationGround.SERIOUS_VIOLATION, "", "commander-1", NOW))
                .thenRejectedBy("police-song-tri:9.3");
    }

    @Test
    void terminatedGroup_refusesEveryChange_police_song_tri_9_3() {
        FIXTURE.given(established("police-song-tri", "POLICE"),
                        new GroupEvent.GroupTerminated(GROUP, "UNIT_DISSOLVED_WITHOUT_HANDOVER", "sáp nhập", "commander-1"))
                .when(new ResumeGroup("commander-1", NOW))
                .thenRejectedBy("police-song-tri:9.3");
    }

    @Test
    void commandForAGroupNeverEstablished_isUnknown() {
        assertThatThrownBy(() -> DECIDER.decide(new ResumeGroup("x", NOW), DECIDER.initialState()))
                .isInstanceOf(UnknownGroupException.class);
    }

    @Test
    void councilTemplate_hasExactlyTheTwelveGroupsOf_council_binh_duong_4() {
        var template = RegulationProfiles.load().get("council-binh-duong").template("council-term-x").orElseThrow();
        assertThat(template.citation()).isEqualTo("council-binh-duong:4");
        assertThat(template.groups()).extracting(RegulationProfile.TemplateGroup::name).containsExactly(
                "HĐND - Đại biểu khóa X", "HĐND - Thường trực khóa X", "HĐND - Ban Kinh tế - Ngân sách",
                "HĐND - Ban Văn hóa - Xã hội", "HĐND - Ban Pháp chế", "HĐND - Tổ ĐB Thủ Dầu Một",
                "HĐND - Tổ ĐB Thuận An", "HĐND - Tổ ĐB Dĩ An", "HĐND - Tổ ĐB Bến Cát", "HĐND - Tổ ĐB Tân Uyên",
                "HĐND - Tổ ĐB Dầu Tiếng - Bàu Bàng", "HĐND - Tổ ĐB Phú Giáo - Bắc Tân Uyên");
    }

    // ---- each regulation's own clause, and the platform's where a seed is silent ----

    @Test
    void establish_aWardGroupWithoutItsPurpose_rejectedBy_ward_binh_phuoc_3_2() {
        var rejection = FIXTURE.given()
                .when(new EstablishGroup(GROUP, "Khu phố 3", " ", "ward-binh-phuoc", UNIT, "NEIGHBOURHOOD",
                        "Trưởng khu phố quản lý", null, LEADER, "sysadmin", NOW))
                .thenRejectedBy("ward-binh-phuoc:3.2");
        assertThat(rejection.field()).isEqualTo("purpose");
    }

    @Test
    void establish_anIocGroupWithoutItsLeader_rejectedBy_ioc_dak_lak_3_1() {
        assertThat(FIXTURE.given()
                .when(new EstablishGroup(GROUP, "DAK LAK IOC", "Điều hành", "ioc-dak-lak", UNIT, "OPERATIONS",
                        "Lãnh đạo Dak Lak IOC", null, null, "sysadmin", NOW))
                .thenRejectedBy("ioc-dak-lak:3.1").field()).isEqualTo("leader");
    }

    @Test
    void establish_theProvincesGroupWithoutResponsibility_rejectedByTheDecision_province_lai_chau_D1() {
        assertThat(FIXTURE.given()
                .when(new EstablishGroup(GROUP, "UBND tỉnh Lai Châu", "Điều hành", "province-lai-chau", UNIT, "PROVINCE",
                        " ", null, LEADER, "sysadmin", NOW))
                .thenRejectedBy("province-lai-chau:D1").field()).isEqualTo("responsibility");
    }

    @Test
    void addMember_byAdmin_addsDirectly_byTheITAssistant_proposes_council_binh_duong_10_2() {
        Member assistant = new Member("it-1", "Võ Văn Kỹ", null, null, false);
        FIXTURE.given(established("council-binh-duong", "COUNCIL"), added(ADMIN, GroupRole.ADMIN))
                .when(new ProposeMembership("p-1", MembershipChange.ADD, CITIZEN, GroupRole.MEMBER, null, ADMIN.memberId(), NOW))
                .then(new MemberAdded(GROUP, CITIZEN, GroupRole.MEMBER, ADMIN.memberId(), null));
        FIXTURE.given(established("council-binh-duong", "COUNCIL"), added(assistant, GroupRole.ADMIN_ASSISTANT))
                .when(new ProposeMembership("p-1", MembershipChange.ADD, CITIZEN, GroupRole.MEMBER, null, assistant.memberId(), NOW))
                .then(new MembershipProposed(GROUP, "p-1", MembershipChange.ADD, CITIZEN, GroupRole.MEMBER, assistant.memberId(), null));
    }

    @Test
    void pin_byMember_rejectedBy_council_binh_duong_8_2_and_province_lai_chau_5_2() {
        for (var profile : Map.of("council-binh-duong", "council-binh-duong:8.2", "province-lai-chau",
                "province-lai-chau:5.2").entrySet()) {
            FIXTURE.given(established(profile.getKey(), "COUNCIL"), added(CITIZEN, GroupRole.MEMBER))
                    .when(new PinMessage("pin-1", "msg-1", null, CITIZEN.memberId(), NOW))
                    .thenRejectedBy(profile.getValue());
        }
    }

    @Test
    void aProposedChange_decidedByTheAdminItself_rejectedBy_ioc_dak_lak_4_2_3() {
        var proposed = new GroupEvent.GroupInfoChangeProposed(GROUP, "ic-1", "IOC mới", null, null, ADMIN.memberId());
        FIXTURE.given(established("ioc-dak-lak", "OPERATIONS"), added(ADMIN, GroupRole.ADMIN), proposed)
                .when(new GroupCommand.DecideInfoChange("ic-1", true, null, ADMIN.memberId(), NOW))
                .thenRejectedBy("ioc-dak-lak:4.2.3");
        assertThat(FIXTURE.given(established("ioc-dak-lak", "OPERATIONS"), added(ADMIN, GroupRole.ADMIN))
                .when(new GroupCommand.DecideInfoChange("ic-9", true, null, LEADER.memberId(), NOW))
                .thenRejectedBy("ioc-dak-lak:4.2.3").field()).isEqualTo("changeId");
    }

    @Test
    void changeInfo_inAWardGroup_needsNoDirection_theSeedIsSilent_binhyen_group_info() {
        // the ward's seed says nothing of a group's name and picture: council-binh-duong:9.1 is not borrowed
        FIXTURE.given(established("ward-binh-phuoc", "AGENCY"), added(ADMIN, GroupRole.ADMIN))
                .when(new ChangeGroupInfo("Khu phố 3 mới", null, null, null, ADMIN.memberId(), NOW))
                .then(new GroupEvent.GroupInfoChanged(GROUP, "Khu phố 3 mới", null, null, null, ADMIN.memberId()));
        FIXTURE.given(established("ward-binh-phuoc", "AGENCY"), added(CITIZEN, GroupRole.MEMBER))
                .when(new ChangeGroupInfo("X", null, null, null, CITIZEN.memberId(), NOW))
                .thenRejectedBy("binhyen:group-info");
    }

    @Test
    void handOver_byAdmin_inThePoliceGroup_rejectedBy_binhyen_handover() {
        FIXTURE.given(established("police-song-tri", "POLICE"), added(ADMIN, GroupRole.ADMIN))
                .when(new HandOverRole(GroupRole.LEADER, LEADER.memberId(), ADMIN, ADMIN.memberId(), NOW))
                .thenRejectedBy("binhyen:handover");
    }

    @Test
    void assignDeputy_byAdmin_inTheIoc_rejectedBy_binhyen_roles() {
        FIXTURE.given(established("ioc-dak-lak", "OPERATIONS"), added(ADMIN, GroupRole.ADMIN), added(CITIZEN, GroupRole.MEMBER))
                .when(new AssignRole(CITIZEN.memberId(), GroupRole.DEPUTY, ADMIN.memberId(), NOW))
                .thenRejectedBy("binhyen:roles");
    }

    @Test
    void anAnomalyInAnAccountOfThePoliceGroup_isReportedUnderItsOwnClause_police_song_tri_16_3() {
        // given the police group; when its admin reports a member's account behaving abnormally
        FIXTURE.given(established("police-song-tri", "POLICE"), added(ADMIN, GroupRole.ADMIN),
                        added(CITIZEN, GroupRole.MEMBER))
                .when(new GroupCommand.ReportAccountCompromised(CITIZEN.memberId(), "đăng nhập lạ, đổi mật khẩu",
                        ADMIN.memberId(), NOW, List.of()))
                // then it is recorded, and notification-service tells the provincial IT officer under 16.3
                .then(new AccountCompromisedReported(GROUP, CITIZEN.memberId(), ADMIN.memberId(),
                        "đăng nhập lạ, đổi mật khẩu"));
        // someone not in the group reports nothing, refused by the same clause
        FIXTURE.given(established("police-song-tri", "POLICE"), added(CITIZEN, GroupRole.MEMBER))
                .when(new GroupCommand.ReportAccountCompromised(CITIZEN.memberId(), "lạ", "stranger-1", NOW, List.of()))
                .thenRejectedBy("police-song-tri:16.3");
    }

    @Test
    void accountChange_byAnotherMember_inAWardGroup_rejectedBy_binhyen_accounts() {
        FIXTURE.given(established("ward-binh-phuoc", "AGENCY"), added(CITIZEN, GroupRole.MEMBER), added(DEPUTY, GroupRole.DEPUTY))
                .when(new ChangeAccount(CITIZEN.memberId(), "zalo-x", null, DEPUTY.memberId(), NOW))
                .thenRejectedBy("binhyen:accounts");
    }

    @Test
    void directive_byAPlainMember_rejectedBy_eachRegulationsOwnArticle_ward_binh_phuoc_6_4() {
        for (var profile : Map.of("ward-binh-phuoc", "ward-binh-phuoc:6.4", "council-binh-duong",
                "council-binh-duong:10.3", "ioc-dak-lak", "ioc-dak-lak:4.1.1", "police-song-tri",
                "police-song-tri:7(II).3").entrySet()) {
            FIXTURE.given(established(profile.getKey(), "AGENCY"), added(CITIZEN, GroupRole.MEMBER))
                    .when(new GroupCommand.IssueDirective("d-1", "Báo cáo số liệu", null, CITIZEN.memberId(), NOW))
                    .thenRejectedBy(profile.getValue());
        }
    }

    @Test
    void anAdminActionByAnAccountWithoutAdminRights_isReportedToTheBoard_police_song_tri_6_10() {
        var bound = new GroupEvent.BotBound(GROUP, "zalo-bot", LEADER.memberId());
        var seen = NOW.minusSeconds(30);
        // given the police group with its bot; when the bot saw a member (by Zalo id) remove someone
        FIXTURE.given(established("police-song-tri", "POLICE"), added(CITIZEN, GroupRole.MEMBER), bound)
                .when(new GroupCommand.ReportObservedAction("zalo-c", GroupCommand.AdminAction.REMOVE_MEMBER, seen,
                        "zalo-bot", NOW))
                // then a suspected intrusion is recorded, naming the seat the account holds
                .then(new GroupEvent.AdminRightsMisused(GROUP, "zalo-c", CITIZEN.memberId(), "MEMBER", "REMOVE_MEMBER",
                        seen, "zalo-bot"));
        // an account not on the roster at all
        FIXTURE.given(established("police-song-tri", "POLICE"), bound)
                .when(new GroupCommand.ReportObservedAction("zalo-x", GroupCommand.AdminAction.CHANGE_GROUP_INFO, null,
                        "zalo-bot", NOW))
                .then(new GroupEvent.AdminRightsMisused(GROUP, "zalo-x", null, null, "CHANGE_GROUP_INFO", NOW,
                        "zalo-bot"));
        // the admin's own admin action is no intrusion: nothing is recorded
        FIXTURE.given(established("police-song-tri", "POLICE"), added(ADMIN, GroupRole.ADMIN), bound)
                .when(new GroupCommand.ReportObservedAction("zalo-a", GroupCommand.AdminAction.ADD_MEMBER, seen,
                        "zalo-bot", NOW))
                .thenNothing();
        // only a bot bound to the group reports; a regulation without 6.10 sets no watch
        FIXTURE.given(established("police-song-tri", "POLICE"), added(CITIZEN, GroupRole.MEMBER))
                .when(new GroupCommand.ReportObservedAction("zalo-c", GroupCommand.AdminAction.ADD_MEMBER, seen,
                        "zalo-bot", NOW))
                .thenRejectedBy(GroupDecider.BOTS);
        FIXTURE.given(established("ward-binh-phuoc", "AGENCY"), new GroupEvent.BotBound(GROUP, "zalo-bot",
                        LEADER.memberId()))
                .when(new GroupCommand.ReportObservedAction("zalo-c", GroupCommand.AdminAction.ADD_MEMBER, seen,
                        "zalo-bot", NOW))
                .thenRejectedBy(GroupDecider.PROFILES);
    }

    @Test
    void aMemberWhoseMessagesDoNotArrive_tellsTheAdmins_onceAnHour_police_song_tri_7_II_4() {
        // "Thông báo kịp thời cho Quản trị nhóm khi gặp sự cố không thể nhận tin nhắn trên Nhóm"
        var reported = new GroupEvent.DeliveryProblemReported(GROUP, CITIZEN.memberId(), "Không nhận được tin", NOW);
        FIXTURE.given(established("police-song-tri", "POLICE"), added(CITIZEN, GroupRole.MEMBER))
                .when(new GroupCommand.ReportDeliveryProblem(" Không nhận được tin ", CITIZEN.memberId(), NOW))
                .then(reported);
        FIXTURE.given(established("police-song-tri", "POLICE"), added(CITIZEN, GroupRole.MEMBER), reported)
                .when(new GroupCommand.ReportDeliveryProblem(null, CITIZEN.memberId(), NOW.plusSeconds(600)))
                .thenRejectedBy("police-song-tri:7(II).4");
        FIXTURE.given(established("police-song-tri", "POLICE"), added(CITIZEN, GroupRole.MEMBER), reported)
                .when(new GroupCommand.ReportDeliveryProblem(null, CITIZEN.memberId(), NOW.plusSeconds(3601)))
                .then(new GroupEvent.DeliveryProblemReported(GROUP, CITIZEN.memberId(), null, NOW.plusSeconds(3601)));
    }

    @Test
    void aDeliveryProblem_isEachRegulationsOwnDuty_andOnlyAMembers_council_binh_duong_10_8() {
        for (var profile : Map.of("ward-binh-phuoc", "ward-binh-phuoc:6.4", "council-binh-duong",
                "council-binh-duong:10.8", "ioc-dak-lak", "ioc-dak-lak:4.3.12", "province-lai-chau",
                "province-lai-chau:7.7").entrySet()) {
            FIXTURE.given(established(profile.getKey(), "AGENCY"))
                    .when(new GroupCommand.ReportDeliveryProblem(null, "outsider-1", NOW))
                    .thenRejectedBy(profile.getValue());
        }
    }

    @Test
    void thePoliceGroupsTemplate_namesItAndItsPictureAsTheSeedDoes_police_song_tri_5() {
        // 5.1 "Tên nhóm Zalo: “Zalo kết nối bình yên”"; 5.2 "Ảnh đại diện của nhóm Zalo là hình ảnh Công an hiệu"
        var template = RegulationProfiles.load().get("police-song-tri").template("police-group").orElseThrow();
        assertThat(template.citation()).isEqualTo("police-song-tri:5");
        assertThat(template.groups()).singleElement().satisfies(g -> {
            assertThat(g.name()).isEqualTo("Zalo kết nối bình yên");
            assertThat(g.avatarRule()).contains("Công an nhân dân");
        });
    }

    @Test
    void everyProfile_citesOnlyItsOwnSeedsClauses_orThePlatformsRules() {
        var profiles = RegulationProfiles.load();
        assertThat(profiles).hasSize(5);
        for (RegulationProfile p : profiles.values()) {
            var r = p.rules();
            for (RegulationProfile.Cited rule : java.util.stream.Stream.of(r.establishment(), r.fullName(),
                    r.membership(), r.membersMayNotAdd(), r.boardSize(), r.leaveConsent(), r.pins(), r.groupInfo(),
                    r.handover(), r.roleAssignment(), r.accountChange(), r.accountCompromised(), r.lifecycle(),
                    r.termination(), r.directives(), r.polls(), r.reporting()).filter(java.util.Objects::nonNull).toList()) {
                assertThat(rule.citation()).as("%s %s", p.id(), rule.id()).matches(p.id() + ":.+|binhyen:.+");
                assertThat(vn.binhyen.eventlog.rules.ClauseIndex.standard().contains(rule.citation()))
                        .as("%s %s cites %s, a clause of the clause index", p.id(), rule.id(), rule.citation()).isTrue();
            }
        }
    }

    @Test
    void aRulebookBorrowingAnotherRegulationsClause_failsToLoad() {
        var ward = RegulationProfiles.load().get("ward-binh-phuoc");
        var r = ward.rules();
        var borrowed = new RegulationProfile(ward.id(), ward.version(), ward.title(), new RegulationProfile.Rules(
                r.establishment(), r.fullName(), r.membership(), r.membersMayNotAdd(), r.boardSize(), r.leaveConsent(),
                r.pins(), r.groupInfo(), r.handover(), r.roleAssignment(), r.accountChange(), r.accountCompromised(),
                new RegulationProfile.Rule("suspension", "police-song-tri:9.2"), r.termination(), r.directives(),
                r.polls(), r.reporting(), r.deliveryProblems(), r.directiveBrevity(), r.announcers(), r.adminRights(),
                r.feedback(), r.feedbackEscalation()), ward.templates());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RegulationProfiles.check(borrowed))
                .hasMessageContaining("police-song-tri:9.2 is another regulation's");
        var unknown = new RegulationProfile(ward.id(), ward.version(), ward.title(), new RegulationProfile.Rules(
                new RegulationProfile.Rule("establishment", "ward-binh-phuoc:3.9"), r.fullName(), r.membership(),
                r.membersMayNotAdd(), r.boardSize(), r.leaveConsent(), r.pins(), r.groupInfo(), r.handover(),
                r.roleAssignment(), r.accountChange(), r.accountCompromised(), r.lifecycle(), r.termination(),
                r.directives(), r.polls(), r.reporting(), r.deliveryProblems(), r.directiveBrevity(), r.announcers(), r.adminRights(),
                r.feedback(), r.feedbackEscalation()),
                ward.templates());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RegulationProfiles.check(unknown))
                .hasMessageContaining("ward-binh-phuoc:3.9 is not a clause of the seed");
    }
}
