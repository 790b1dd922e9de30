package vn.binhyen.report.support;

import static org.awaitility.Awaitility.await;

import io.agroal.api.AgroalDataSource;
import java.time.Duration;
import vn.binhyen.eventlog.testing.GroupEventsOnTheTopic;
import vn.binhyen.testsupport.Tokens;

/**
 * The units, groups, rosters and bots report-intake's tests rely on, announced once as
 * group-service announces them (on {@code binhyen.group.events}) and awaited until this
 * service's directory holds them (issue 21):
 * <ul>
 * <li>the ward police {@link Tokens#DEFAULT_UNIT} under the province {@link #PROVINCE}, and
 * another ward police {@link #OTHER_UNIT};</li>
 * <li>its police group {@link #POLICE_GROUP}, led by {@code leader-1} with {@code deputy-1} as
 * deputy and {@code resident-1} a member, served by the bots {@link #BOTS};</li>
 * <li>the other unit's police group {@link #OTHER_GROUP}, led by {@code leader-other}, served by
 * {@code bot-other}.</li>
 * </ul>
 */
public final class World {
    public static final String PROVINCE = "ca-tinh-thu-nghiem";
    public static final String OTHER_UNIT = "ca-phuong-song-cau";
    public static final String POLICE_GROUP = "group-police";
    public static final String OTHER_GROUP = "group-police-song-cau";
    public static final String[] BOTS = {"bot-1", "bot-police", "bot-ward", "open311-client"};
    private static boolean ready;

    private World() {
    }

    public static synchronized void ensure() {
        if (ready) {
            return;
        }
        try (var events = new GroupEventsOnTheTopic()) {
            events.unit(PROVINCE, "Công an tỉnh Thử Nghiệm", "PROVINCIAL_POLICE", null)
                    .unit(Tokens.DEFAULT_UNIT, "Công an phường Sông Trí", "WARD_POLICE", PROVINCE)
                    .unit(OTHER_UNIT, "Công an phường Sông Cầu", "WARD_POLICE", PROVINCE)
                    .group(POLICE_GROUP, Tokens.DEFAULT_UNIT, "POLICE", "police-song-tri", "leader-1")
                    .member(POLICE_GROUP, "deputy-1", "DEPUTY")
                    .member(POLICE_GROUP, "resident-1", "MEMBER")
                    .group(OTHER_GROUP, OTHER_UNIT, "POLICE", "police-song-tri", "leader-other")
                    .bot(OTHER_GROUP, "bot-other");
            for (String bot : BOTS) {
                events.bot(POLICE_GROUP, bot);
            }
        }
        var dataSource = io.quarkus.arc.Arc.container().instance(AgroalDataSource.class).get();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> {
            try (var c = dataSource.getConnection(); var s = c.createStatement(); var rs = s.executeQuery(
                    "select (select count(*) from directory_bot where group_id = '" + POLICE_GROUP + "')"
                            + " + (select count(*) from directory_bot where group_id = '" + OTHER_GROUP + "')"
                            + " + (select count(*) from directory_unit)")) {
                rs.next();
                return rs.getLong(1) >= BOTS.length + 1 + 3;
            }
        });
        ready = true;
    }
}
