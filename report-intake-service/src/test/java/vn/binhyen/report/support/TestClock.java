package vn.binhyen.report.support;

import io.quarkus.test.Mock;
import jakarta.inject.Singleton;
import vn.binhyen.testsupport.MovableClock;

/** The application's clock in report-intake-service's tests: one the tests move forward. */
@Mock
@Singleton
public class TestClock extends MovableClock {
}
