package vn.binhyen.notification.support;

import io.quarkus.test.Mock;
import jakarta.inject.Singleton;
import vn.binhyen.testsupport.MovableClock;

/** The application's clock in notification-service's tests: one the tests move forward. */
@Mock
@Singleton
public class TestClock extends MovableClock {
}
