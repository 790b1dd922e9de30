package vn.binhyen.eventlog;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import vn.binhyen.testsupport.KafkaBroker;
import vn.binhyen.testsupport.PostgresDatabase;

/** A fresh database with the eventlog schema applied, and one shared broker for the test JVM. */
final class TestStores {
    private static KafkaBroker broker;

    private TestStores() {
    }

    static PostgresDatabase freshDatabase() {
        PostgresDatabase db = PostgresDatabase.create();
        try (InputStream in = TestStores.class.getResourceAsStream("/db/eventlog/V1__eventlog.sql");
                Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException | SQLException e) {
            db.close();
            throw new IllegalStateException("could not apply the eventlog migration", e);
        }
        return db;
    }

    static synchronized KafkaBroker broker() {
        if (broker == null) {
            broker = KafkaBroker.startTemporary();
            Runtime.getRuntime().addShutdownHook(new Thread(broker::close));
        }
        return broker;
    }

    static NewEvent event(String type, String key, Object value) {
        ObjectNode payload = Json.MAPPER.createObjectNode();
        payload.putPOJO(key, value);
        return NewEvent.of(type, Json.MAPPER.valueToTree(payload), Instant.now(), Actor.of("tester", "SYSTEM_ADMIN"),
                "corr-test");
    }
}
