package vn.binhyen.zalosim;

import vn.binhyen.zalosim.ZaloSim.Config;
import vn.binhyen.zalosim.ZaloSim.Group;
import vn.binhyen.zalosim.ZaloSim.Member;

import java.util.List;

/** The groups most tests use: an OA group, one the OA is not in, and a bot group. */
final class Fixtures {
    static final String GROUP = "g-to-1";
    static final String GROUP_WITHOUT_OA = "g-no-oa";
    static final String BOT_GROUP = "g-bot";
    static final String ADMIN = "u-admin";
    static final String MEMBER = "u-1";

    private Fixtures() {
    }

    static Config config() {
        return Config.defaults().withPort(0).withGroups(
                Group.oa(GROUP, "Tổ dân phố số 1",
                        new Member(ADMIN, "Nguyễn Văn An", true),
                        new Member(MEMBER, "Trần Thị Bình", false),
                        new Member("u-2", "Lê Văn Cường", false)),
                new Group(GROUP_WITHOUT_OA, "Nhóm không có OA", "oa", false, List.of(new Member(MEMBER, "Trần Thị Bình", false))),
                Group.bot(BOT_GROUP, "Nhóm trợ lý", new Member(MEMBER, "Trần Thị Bình", false)));
    }
}
