package vn.binhyen.eventlog;

import vn.binhyen.testsupport.PostgresDatabase;

/** Lets tests in sub-packages use {@link TestStores}. */
public final class TestStoresAccess {
    private TestStoresAccess() {
    }

    public static PostgresDatabase freshDatabase() {
        return TestStores.freshDatabase();
    }
}
