package vn.binhyen.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** A fresh PostgreSQL database for a {@code @QuarkusTest}, handed to Quarkus's datasource and dropped after. */
public class PostgresDatabaseResource implements QuarkusTestResourceLifecycleManager {
    private PostgresDatabase database;

    @Override
    public Map<String, String> start() {
        database = PostgresDatabase.create();
        return Map.of(
                "quarkus.datasource.jdbc.url", database.jdbcUrl(),
                "quarkus.datasource.username", database.username(),
                "quarkus.datasource.password", database.passwordValue());
    }

    @Override
    public void stop() {
        if (database != null) {
            database.close();
        }
    }
}
