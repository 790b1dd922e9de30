package vn.binhyen.eventlog.decider;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import vn.binhyen.eventlog.Envelope;
import vn.binhyen.eventlog.Json;

/**
 * Domain events to and from payloads under explicit, stable type names (never class names),
 * with a schema version each; older versions are upcast step by step when read.
 */
public final class EventCodec<E> {
    private record Type(String name, int version, Class<?> type) {
    }

    private final Map<String, Type> byName;
    private final Map<Class<?>, Type> byClass;
    private final Map<String, UnaryOperator<ObjectNode>> upcasters;
    private final ObjectMapper mapper;

    private EventCodec(Map<String, Type> byName, Map<Class<?>, Type> byClass,
            Map<String, UnaryOperator<ObjectNode>> upcasters, ObjectMapper mapper) {
        this.byName = Map.copyOf(byName);
        this.byClass = Map.copyOf(byClass);
        this.upcasters = Map.copyOf(upcasters);
        this.mapper = mapper;
    }

    public static <E> Builder<E> builder(Class<E> root) {
        return new Builder<>();
    }

    /** A codec for a contract's events: every stable type name of {@code types} at one schema version. */
    public static <E> EventCodec<E> of(Class<E> root, Map<String, Class<? extends E>> types, int schemaVersion) {
        Builder<E> b = builder(root);
        types.forEach((name, type) -> b.register(name, schemaVersion, type));
        return b.build();
    }

    /**
     * A reader of another service's published events: as {@link #of}, but a property it does not
     * know is passed over, so a producer may add a field to a record before its consumers know it
     * (the producer's own codec stays strict).
     */
    public static <E> EventCodec<E> reading(Class<E> root, Map<String, Class<? extends E>> types, int schemaVersion) {
        Builder<E> b = builder(root).mapper(vn.binhyen.eventlog.Json.MAPPER.copy()
                .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES));
        types.forEach((name, type) -> b.register(name, schemaVersion, type));
        return b.build();
    }

    public String typeName(E event) {
        return type(event).name();
    }

    public int schemaVersion(E event) {
        return type(event).version();
    }

    public ObjectNode payload(E event) {
        type(event);
        return mapper.valueToTree(event);
    }

    @SuppressWarnings("unchecked")
    public E decode(Envelope envelope) {
        Type t = byName.get(envelope.eventType());
        if (t == null) {
            throw new IllegalArgumentException("unknown event type " + envelope.eventType());
        }
        ObjectNode payload = envelope.payload().deepCopy();
        for (int v = envelope.schemaVersion(); v < t.version(); v++) {
            UnaryOperator<ObjectNode> up = upcasters.get(t.name() + "@" + v);
            if (up == null) {
                throw new IllegalStateException("no upcaster for " + t.name() + " from version " + v);
            }
            payload = up.apply(payload);
        }
        return (E) mapper.convertValue(payload, t.type());
    }

    private Type type(E event) {
        Type t = byClass.get(event.getClass());
        if (t == null) {
            throw new IllegalArgumentException("event class not registered: " + event.getClass().getName());
        }
        return t;
    }

    public static final class Builder<E> {
        private final Map<String, Type> byName = new HashMap<>();
        private final Map<Class<?>, Type> byClass = new HashMap<>();
        private final Map<String, UnaryOperator<ObjectNode>> upcasters = new HashMap<>();
        private ObjectMapper mapper = Json.MAPPER;

        public Builder<E> register(String name, int schemaVersion, Class<? extends E> type) {
            Objects.requireNonNull(name, "name");
            Type t = new Type(name, schemaVersion, type);
            if (byName.putIfAbsent(name, t) != null || byClass.putIfAbsent(type, t) != null) {
                throw new IllegalArgumentException("registered twice: " + name + " / " + type.getName());
            }
            return this;
        }

        /** Turns a payload of {@code name} at {@code fromVersion} into version {@code fromVersion + 1}. */
        public Builder<E> upcast(String name, int fromVersion, UnaryOperator<ObjectNode> upcaster) {
            upcasters.put(name + "@" + fromVersion, upcaster);
            return this;
        }

        public Builder<E> mapper(ObjectMapper m) {
            this.mapper = m;
            return this;
        }

        public EventCodec<E> build() {
            return new EventCodec<>(byName, byClass, upcasters, mapper);
        }
    }
}
