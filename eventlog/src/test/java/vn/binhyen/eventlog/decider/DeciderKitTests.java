package vn.binhyen.eventlog.decider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.binhyen.eventlog.Actor;
import vn.binhyen.eventlog.EventIds;
import vn.binhyen.eventlog.Json;
import vn.binhyen.eventlog.NewEvent;
import vn.binhyen.eventlog.PostgresEventStore;
import vn.binhyen.eventlog.decider.Turnstile.Command;
import vn.binhyen.eventlog.decider.Turnstile.Event;
import vn.binhyen.eventlog.decider.Turnstile.State;
import vn.binhyen.eventlog.testing.DeciderFixture;
import vn.binhyen.testsupport.PostgresDatabase;

class DeciderKitTests {
    static final DeciderFixture<Command, State, Event> FIXTURE = DeciderFixture.of(Turnstile.DECIDER);
    static final CommandHandler.Metadata META = new CommandHandler.Metadata(Actor.of("leader-1", "LEADER"), "corr-1", null);
    static PostgresDatabase db;
    static PostgresEventStore store;
    static CommandHandler<Command, State, Event> handler;

    @BeforeAll
    static void setUp() {
        db = vn.binhyen.eventlog.TestStoresAccess.freshDatabase();
        store = new PostgresEventStore(db.dataSource(), Clock.systemUTC());
        handler = new CommandHandler<>(store, Turnstile.DECIDER, Turnstile.CODEC, Clock.systemUTC());
    }

    @AfterAll
    static void tearDown() {
        db.close();
    }

    @Test
    void admit_accepted_whenBelowCapacity() {
        FIXTURE.given(new Event.Installed(2), new Event.Admitted("An", 1))
                .when(new Command.Admit("Bình"))
                .then(new Event.Admitted("Bình", 2));
    }

    @Test
    void admit_rejected_whenCapacityReached() {
        RuleViolation v = FIXTURE.given(new Event.Installed(1), new Event.Admitted("An", 1))
                .when(new Command.Admit("Bình"))
                .thenRejectedBy("sample:2.1");
        assertThat(v.field()).isEqualTo("visitor");
    }

    @Test
    void handler_appendsDecidedEventsAtTheNextVersions() {
        String stream = "turnstile-" + UUID.randomUUID();
        handler.handle(stream, OptionalLong.empty(), new Command.Install(3), META);

        var outcome = handler.handle(stream, OptionalLong.of(1), new Command.Admit("An"), META);

        assertThat(outcome.version()).isEqualTo(2);
        assertThat(outcome.state()).isEqualTo(new State.Open(3, 1));
        assertThat(store.read(stream)).extracting(e -> e.eventType())
                .containsExactly("TurnstileInstalled", "VisitorAdmitted");
        assertThat(store.read(stream).get(1).actor().id()).isEqualTo("leader-1");
        assertThat(handler.load(stream)).isEqualTo(new State.Open(3, 1));
    }

    @Test
    void handler_start_writesANewStreamWithoutReadingIt_andRefusesOneThatExists() {
        String stream = "turnstile-" + UUID.randomUUID();
        var outcome = handler.start(stream, new Command.Install(2), META);
        assertThat(outcome.version()).isEqualTo(1);
        assertThat(outcome.state()).isEqualTo(new State.Open(2, 0));
        assertThat(handler.handle(stream, OptionalLong.of(1), new Command.Admit("An"), META).version()).isEqualTo(2);

        // the stream exists: a second start (a retry under the same id) writes nothing
        assertThatThrownBy(() -> handler.start(stream, new Command.Install(9), META))
                .isInstanceOf(vn.binhyen.eventlog.ConcurrencyException.class);
        assertThat(store.version(stream)).isEqualTo(2);
        assertThat(handler.load(stream)).isEqualTo(new State.Open(2, 1));
    }

    @Test
    void handler_staleIfMatch_isRefusedBeforeDeciding() {
        String stream = "turnstile-" + UUID.randomUUID();
        handler.handle(stream, OptionalLong.empty(), new Command.Install(3), META);
        handler.handle(stream, OptionalLong.empty(), new Command.Admit("An"), META);

        assertThatThrownBy(() -> handler.handle(stream, OptionalLong.of(1), new Command.Admit("Bình"), META))
                .isInstanceOf(StaleVersionException.class);
        assertThat(store.version(stream)).isEqualTo(2);
    }

    @Test
    void handler_ruleViolation_writesNothing() {
        String stream = "turnstile-" + UUID.randomUUID();
        handler.handle(stream, OptionalLong.empty(), new Command.Install(1), META);
        handler.handle(stream, OptionalLong.empty(), new Command.Admit("An"), META);

        assertThatThrownBy(() -> handler.handle(stream, OptionalLong.empty(), new Command.Admit("Bình"), META))
                .isInstanceOf(RuleViolation.class);
        assertThat(store.version(stream)).isEqualTo(2);
    }

    @Test
    void codec_upcastsAnOldSchemaVersionWhenRead() {
        String stream = "turnstile-" + UUID.randomUUID();
        handler.handle(stream, OptionalLong.empty(), new Command.Install(5), META);
        store.append(stream, 1, List.of(new NewEvent(EventIds.next(), "VisitorAdmitted", 1, Instant.now(),
                Actor.of("old-bot", "BOT"), "corr-old", null, Json.MAPPER.createObjectNode().put("name", "Cường"))));

        assertThat(Turnstile.CODEC.decode(store.read(stream).get(1))).isEqualTo(new Event.Admitted("Cường", 0));
    }
}
