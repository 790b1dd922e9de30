package vn.binhyen.moderation.config;

import io.quarkus.arc.Unremovable;
import jakarta.inject.Singleton;
import jakarta.validation.Path;
import jakarta.validation.TraversableResolver;
import java.lang.annotation.ElementType;

/**
 * Bean validation reaches every property. Quarkus uses this bean instead of its default, which
 * asks the persistence layer whether each property of each validated object is loaded: a
 * safeguard for lazily loaded entities. This service has no entities (it writes through JDBC
 * and the event store). It validates only request records, a screening request on every bot
 * message, REST and stream alike. The persistence checks were most of the stream's validation
 * cost. Should an entity with lazy associations ever be validated here, this must go.
 */
@Singleton
@Unremovable
public class EveryPropertyReachable implements TraversableResolver {
    @Override
    public boolean isReachable(Object bean, Path.Node property, Class<?> root, Path path, ElementType type) {
        return true;
    }

    @Override
    public boolean isCascadable(Object bean, Path.Node property, Class<?> root, Path path, ElementType type) {
        return true;
    }
}
