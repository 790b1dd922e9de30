package vn.binhyen.connector.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import vn.binhyen.zalosim.ZaloSim;

/**
 * zalo-sim in the test JVM, on an ephemeral port: the OA API and token endpoint the connector
 * calls, and the Zalo groups whose webhooks it receives. The connector's OA is the simulator's.
 */
public class ZaloSimResource implements QuarkusTestResourceLifecycleManager {
    /** The police group of the tests: the OA is in it; its members as Zalo lists them. */
    public static final String POLICE = "zg-police";
    /** A group the OA is not in (Zalo answers -403). */
    public static final String FOREIGN = "zg-foreign";
    public static final String LEADER_ACCOUNT = "zu-leader";
    /** Listed by Zalo with the roster's full name of the member: mapped by name. */
    public static final String NAMED_ACCOUNT = "zu-named";
    /** The roster names this account (Member.zaloId): mapped by id. */
    public static final String KNOWN_ACCOUNT = "zu-known";
    /** On no roster. */
    public static final String STRANGER_ACCOUNT = "zu-stranger";
    public static final String NAMED_FULL_NAME = "Nguyễn Thị Hoa";
    /** A group on the Zalo Bot platform, whose bot (the simulator's) can only post. */
    public static final String BOT_GROUP = "zg-bot";
    public static final String BOT_MEMBER_ACCOUNT = "zb-1";
    public static final String BOT_MEMBER_NAME = "Đinh Thị Mai";

    /** A follower of the OA that only messages to a person reach (in a group of its own no test binds). */
    public static final String PERSON_ACCOUNT = "zu-person";
    public static final String PERSONS = "zg-persons";

    /** The authorisation matrix's group: the OA is in it; an account on no roster in it. */
    public static final String MATRIX = "zg-matrix";
    public static final String MATRIX_STRANGER = "zu-matrix-stranger";

    private static ZaloSim sim;

    public static ZaloSim sim() {
        return sim;
    }

    @Override
    public Map<String, String> start() {
        sim = ZaloSim.start(ZaloSim.Config.defaults().withPort(0).withAccessTokenLifetime(90_000).withCallsPerSecond(1000)
                .withGroups(
                        ZaloSim.Group.oa(POLICE, "Zalo kết nối bình yên",
                                new ZaloSim.Member(LEADER_ACCOUNT, "Trưởng nhóm leader-1", true),
                                new ZaloSim.Member(NAMED_ACCOUNT, NAMED_FULL_NAME, false),
                                new ZaloSim.Member(KNOWN_ACCOUNT, "Tên Zalo khác hẳn", false),
                                new ZaloSim.Member(STRANGER_ACCOUNT, "Người lạ", false)),
                        new ZaloSim.Group(FOREIGN, "Nhóm khác", "oa", false, java.util.List.of()),
                        ZaloSim.Group.oa(MATRIX, "Nhóm phân quyền",
                                new ZaloSim.Member("zu-matrix-leader", "Trưởng nhóm phân quyền", true),
                                new ZaloSim.Member(MATRIX_STRANGER, "Người ngoài danh sách", false)),
                        ZaloSim.Group.oa(PERSONS, "Người theo dõi OA",
                                new ZaloSim.Member(PERSON_ACCOUNT, "Người nhận tin riêng", false)),
                        ZaloSim.Group.bot(BOT_GROUP, "Tổ dân phố 5",
                                new ZaloSim.Member(BOT_MEMBER_ACCOUNT, BOT_MEMBER_NAME, false))));
        ZaloSim.Config c = sim.config();
        return Map.ofEntries(
                Map.entry("binhyen.connector.zalo.api-url", sim.baseUrl()),
                Map.entry("binhyen.connector.zalo.oauth-url", sim.baseUrl()),
                Map.entry("binhyen.connector.oa.main.app-id", c.appId()),
                Map.entry("binhyen.connector.oa.main.oa-id", c.oaId()),
                Map.entry("binhyen.connector.oa.main.secret-key", c.secretKey()),
                Map.entry("binhyen.connector.oa.main.app-secret", c.appSecret()),
                Map.entry("binhyen.connector.oa.main.access-token", c.accessToken()),
                Map.entry("binhyen.connector.oa.main.refresh-token", c.refreshToken()),
                Map.entry("binhyen.connector.zalo.bot-api-url", sim.baseUrl()),
                Map.entry("binhyen.connector.bot.sim.token", c.botToken()),
                Map.entry("binhyen.connector.bot.sim.secret", c.botSecret()),
                Map.entry("binhyen.connector.actions.first-backoff", "100ms"),
                Map.entry("binhyen.connector.actions.max-backoff", "1s"));
    }

    @Override
    public void stop() {
        if (sim != null) {
            sim.close();
        }
    }
}
