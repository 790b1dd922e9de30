package vn.binhyen.bench;

import java.util.List;
import vn.binhyen.eventlog.testing.GroupEventsOnTheTopic;
import vn.binhyen.testsupport.KafkaBroker;
import vn.binhyen.testsupport.PostgresDatabase;
import vn.binhyen.testsupport.Tokens;

/**
 * The groups a benchmark's bot acts in, announced as group-service announces them (the ward
 * police's unit, each group, the bot bound to it), and awaited until the service under test
 * knows them: a bot screens and files only for the groups it is bound to (issue 21).
 */
final class Bindings {
    private Bindings() {
    }

    static void bind(KafkaBroker broker, PostgresDatabase db, String bot, List<String> groups) throws Exception {
        try (var events = new GroupEventsOnTheTopic(broker.bootstrapServers())) {
            events.unit(Tokens.DEFAULT_UNIT, "Công an phường Sông Trí", "WARD_POLICE", null);
            for (String group : groups) {
                events.group(group, Tokens.DEFAULT_UNIT, "POLICE", "police-song-tri", "leader-" + group).bot(group, bot);
            }
        }
        GroupEventsOnTheTopic.awaitBound(db.jdbcUrl(), db.username(), PostgresDatabase.password(), bot, groups);
    }
}
