package vn.binhyen.group.support;

import io.quarkus.test.Mock;
import jakarta.inject.Singleton;

/** The application's clock in group-service's tests: one the tests move forward. */
@Mock
@Singleton
public class MovableClock extends vn.binhyen.testsupport.MovableClock {
}
