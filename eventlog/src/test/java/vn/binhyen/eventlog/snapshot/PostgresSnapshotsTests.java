package vn.binhyen.eventlog.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import vn.binhyen.testsupport.PostgresDatabase;

/** Snapshots in PostgreSQL: a cache of folded states, never the truth. */
class PostgresSnapshotsTests {
    record Tally(String name, int count) {
    }

    static PostgresDatabase db;
    static PGSimpleDataSource dataSource;

    @BeforeAll
    static void schema() throws Exception {
        db = PostgresDatabase.create();
        dataSource = new PGSimpleDataSource();
        dataSource.setUrl(db.jdbcUrl());
        dataSource.setUser(db.username());
        dataSource.setPassword(PostgresDatabase.password());
        try (InputStream in = PostgresSnapshotsTests.class.getResourceAsStream("/db/eventlog/V2__snapshot.sql");
                Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @AfterAll
    static void drop() {
        db.close();
    }

    @Test
    void aStateTakenEveryNEvents_isReadBack_andAnotherKindIsIgnored() {
        PostgresSnapshots<Tally> snapshots = new PostgresSnapshots<>(dataSource, Tally.class, "tally-1", 2);
        snapshots.appended("s-1", 0, 1, new Tally("a", 1)); // no multiple of 2 crossed: nothing kept
        assertThat(snapshots.latest("s-1")).isEmpty();
        snapshots.appended("s-1", 1, 2, new Tally("a", 2));
        assertThat(snapshots.latest("s-1")).hasValueSatisfying(s -> {
            assertThat(s.version()).isEqualTo(2);
            assertThat(s.state()).isEqualTo(new Tally("a", 2));
        });
        assertThat(new PostgresSnapshots<>(dataSource, Tally.class, "tally-2", 2).latest("s-1")).isEmpty();
    }

    @Test
    void aSnapshotThatCannotBeRead_isNoSnapshot_theStreamIsFoldedFromItsFirstEvent() throws Exception {
        // given a snapshot whose state no longer reads as the type (its shape changed and its kind did not)
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("insert into snapshot "
                + "(stream_id, kind, stream_version, state, taken_at) values ('s-2', 'tally-1', 40, ?, now())")) {
            ps.setBytes(1, "{\"name\": [\"not\", \"a\", \"name\"]}".getBytes(StandardCharsets.UTF_8));
            ps.executeUpdate();
        }
        // then reading it answers none (the caller folds the events), instead of failing every command on the stream
        assertThat(new PostgresSnapshots<>(dataSource, Tally.class, "tally-1", 2).latest("s-2")).isEmpty();
    }
}
