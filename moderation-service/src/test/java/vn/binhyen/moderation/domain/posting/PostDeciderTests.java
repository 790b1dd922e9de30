package vn.binhyen.moderation.domain.posting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import vn.binhyen.contracts.moderation.ModerationEvent;
import vn.binhyen.contracts.moderation.ModerationEvent.PostApproved;
import vn.binhyen.contracts.moderation.ModerationEvent.PostPublished;
import vn.binhyen.contracts.moderation.ModerationEvent.PostReturned;
import vn.binhyen.contracts.moderation.ModerationEvent.PostRevised;
import vn.binhyen.contracts.moderation.ModerationEvent.PostSubmitted;
import vn.binhyen.contracts.moderation.ModerationEvent.PostVerified;
import vn.binhyen.eventlog.testing.DeciderFixture;

/** The publishing workflow of police-song-tri:13.2, given/when/then. */
class PostDeciderTests {
    static final DeciderFixture<PostCommand, Post, ModerationEvent> FIXTURE = DeciderFixture.of(
            new PostDecider(vn.binhyen.moderation.config.Policies.load().get("police-song-tri").posting()));
    static final PostCommand.Screening CLEAN = new PostCommand.Screening(List.of(), null, null);
    static final String ARTICLE = "https://bocongan.gov.vn/tin-tuc/canh-bao-lua-dao";
    static final PostSubmitted SUBMITTED = new PostSubmitted("g", "post-1", "member-1",
            "Cảnh báo thủ đoạn lừa đảo qua mạng", ARTICLE, List.of(), "d");

    @Test
    void memberSubmitsFromAnOfficialSource_police_song_tri_13_2() {
        FIXTURE.given().when(new PostCommand.Submit("g", "post-1", "Cảnh báo thủ đoạn lừa đảo qua mạng", "d",
                ARTICLE, CLEAN, "member-1")).then(SUBMITTED);
    }

    @Test
    void aPostNamesWhichOfTheOfficialSourcesItComesFrom_andTheSourceItself_police_song_tri_13_1d() {
        // given the police group's posting rule; when a post names no source point, or one 13.1 does not list
        for (String kind : new String[] {null, " ", "f", "x"}) {
            assertThat(FIXTURE.given().when(new PostCommand.Submit("g", "post-1", "Cảnh báo lừa đảo", kind, ARTICLE,
                    CLEAN, "member-1")).thenRejectedBy("police-song-tri:13.1").field()).as(kind).isEqualTo("sourceKind");
        }
        // the press (13.1d): a newspaper's issue as well as an article's address
        FIXTURE.given().when(new PostCommand.Submit("g", "post-1", "Cảnh báo lừa đảo", "d",
                "Báo Công an Nhân dân số 5.120, trang 3", CLEAN, "member-1")).then(new PostSubmitted("g", "post-1",
                "member-1", "Cảnh báo lừa đảo", "Báo Công an Nhân dân số 5.120, trang 3", List.of(), "d"));
        // each other point is named by its reference: a document, the unit's own case, cleared material,
        // a resident's feedback, another official source
        for (String[] point : new String[][] {{"a", "police-song-tri:13.1a", "Nghị quyết 12-NQ/TW"},
                {"b", "police-song-tri:13.1b", "Vụ trộm xe tại tổ 5 ngày 20/11, Công an phường xử lý"},
                {"c", "police-song-tri:13.1c", "Số liệu tai nạn giao thông quý III, Công an tỉnh cho phép công khai"},
                {"đ", "police-song-tri:13.1đ", "Phản ánh của bà con tổ 3 trên nhóm ngày 18/11"},
                {"e", "police-song-tri:13.1e", "Thông báo của UBND phường số 15/TB-UBND"}}) {
            FIXTURE.given().when(new PostCommand.Submit("g", "post-1", "Tin tuyên truyền", point[0], point[2], CLEAN,
                    "member-1")).then(new PostSubmitted("g", "post-1", "member-1", "Tin tuyên truyền", point[2],
                    List.of(), point[0]));
            assertThat(FIXTURE.given().when(new PostCommand.Submit("g", "post-1", "Tin tuyên truyền", point[0], " ",
                    CLEAN, "member-1")).thenRejectedBy(point[1]).field()).isEqualTo("source");
        }
    }

    @Test
    void withoutASource_refusedNamingIt_police_song_tri_13_1() {
        assertThat(FIXTURE.given().when(new PostCommand.Submit("g", "post-1", "Tin nóng", "b", " ", CLEAN, "member-1"))
                .thenRejectedBy("police-song-tri:13.1b").field()).isEqualTo("source");
    }

    @Test
    void whatTheBoardPublishes_isShortAndClear_atMost1000Characters_police_song_tri_7_I_2() {
        String longText = "Cảnh báo thủ đoạn lừa đảo qua mạng. ".repeat(40);
        var verified = new PostVerified("g", "post-1", "deputy-1");
        // a member's long proposal is the board's to edit (13.2c): it is received
        var longDraft = new PostSubmitted("g", "post-1", "member-1", longText.strip(), ARTICLE, List.of(), "d");
        FIXTURE.given().when(new PostCommand.Submit("g", "post-1", longText, "d", ARTICLE, CLEAN, "member-1"))
                .then(longDraft);
        // approved as it stands, or edited to another long text, it is refused: the board shortens it
        assertThat(FIXTURE.given(longDraft, verified).when(new PostCommand.Approve(null, CLEAN, true, "deputy-1"))
                .thenRejectedBy("police-song-tri:7(I).2").field()).isEqualTo("finalText");
        assertThat(FIXTURE.given(longDraft, verified).when(new PostCommand.Approve(longText, CLEAN, true, "deputy-1"))
                .thenRejectedBy("police-song-tri:7(I).2").field()).isEqualTo("finalText");
        // exactly 1,000 characters (Vietnamese letters count once each, in NFC) is short enough
        String thousand = "ệ".repeat(1000);
        FIXTURE.given(longDraft, verified).when(new PostCommand.Approve(thousand, CLEAN, true, "deputy-1"))
                .then(new PostApproved("g", "post-1", "deputy-1", thousand));
    }

    @Test
    void aTextScreeningRemoves_isRefusedByThatRule() {
        var blocked = new PostCommand.Screening(List.of("CLASSIFIED"), "police-song-tri:6.1", "the text breaks CLASSIFIED");
        FIXTURE.given().when(new PostCommand.Submit("g", "post-1", "Tài liệu tối mật", "c", "Nội bộ", blocked,
                "member-1"))
                .thenRejectedBy("police-song-tri:6.1");
    }

    @Test
    void boardReturns_authorRevises_boardVerifiesApprovesAndPublishes_police_song_tri_13_2() {
        var returned = new PostReturned("g", "post-1", "admin-1", "Ghi rõ nguồn và thời gian");
        FIXTURE.given(SUBMITTED).when(new PostCommand.Return("Ghi rõ nguồn và thời gian", true, "admin-1"))
                .then(returned);
        var revised = new PostRevised("g", "post-1", "member-1", "Cảnh báo lừa đảo (22/11)", ARTICLE, List.of(), "d");
        FIXTURE.given(SUBMITTED, returned).when(new PostCommand.Revise("Cảnh báo lừa đảo (22/11)", "d",
                ARTICLE, CLEAN, "member-1")).then(revised);
        FIXTURE.given(SUBMITTED, returned, revised).when(new PostCommand.Verify(true, "admin-1"))
                .then(new PostVerified("g", "post-1", "admin-1"));
        FIXTURE.given(SUBMITTED, returned, revised, new PostVerified("g", "post-1", "admin-1"))
                .when(new PostCommand.Approve(null, true, "leader-1"))
                .then(new PostApproved("g", "post-1", "leader-1", "Cảnh báo lừa đảo (22/11)"));
        var state = FIXTURE.given(SUBMITTED, new PostVerified("g", "post-1", "admin-1"),
                        new PostApproved("g", "post-1", "leader-1", "Bản đã biên tập"))
                .when(new PostCommand.Publish(true, "leader-1")).then(new PostPublished("g", "post-1", "leader-1"));
        assertThat(((Post.Draft) state).stage()).isEqualTo(Post.Stage.PUBLISHED);
        assertThat(((Post.Draft) state).text()).isEqualTo("Bản đã biên tập");
    }

    @Test
    void onlyTheBoardActs_andOnlyInOrder_police_song_tri_13_2() {
        FIXTURE.given(SUBMITTED).when(new PostCommand.Verify(false, "member-2")).thenRejectedBy("police-song-tri:13.2");
        FIXTURE.given(SUBMITTED).when(new PostCommand.Publish(true, "leader-1")).thenRejectedBy("police-song-tri:13.2");
        FIXTURE.given(SUBMITTED).when(new PostCommand.Approve(null, true, "leader-1"))
                .thenRejectedBy("police-song-tri:13.2");
        FIXTURE.given(SUBMITTED, new PostReturned("g", "post-1", "admin-1", "Sửa"))
                .when(new PostCommand.Revise("x", "e", "y", CLEAN, "someone-else")).thenRejectedBy("police-song-tri:13.2");
    }

    @Test
    void theBoardsEditedText_isScreenedAgain_andRefusedWhenItBreaksARule_police_song_tri_13_2() {
        var verified = new PostVerified("g", "post-1", "admin-1");
        var blocked = new PostCommand.Screening(List.of("CLASSIFIED (police-song-tri:6.1): tối mật"), "police-song-tri:6.1",
                "the text breaks CLASSIFIED (police-song-tri:6.1)");
        var rejection = FIXTURE.given(SUBMITTED, verified)
                .when(new PostCommand.Approve("Bản biên tập kèm tài liệu Tối mật", blocked, true, "leader-1"))
                .thenRejectedBy("police-song-tri:6.1");
        assertThat(rejection.field()).isEqualTo("finalText");
        FIXTURE.given(SUBMITTED, verified)
                .when(new PostCommand.Approve("Bản đã biên tập", CLEAN, true, "leader-1"))
                .then(new PostApproved("g", "post-1", "leader-1", "Bản đã biên tập"));
    }
}
