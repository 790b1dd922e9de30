package vn.binhyen.connector.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import vn.binhyen.contracts.connector.ConnectorEvent;
import vn.binhyen.eventlog.Actor;
import vn.binhyen.eventlog.EventIds;
import vn.binhyen.eventlog.EventStore;
import vn.binhyen.eventlog.NewEvent;
import vn.binhyen.eventlog.decider.EventCodec;

/**
 * The connector's events, appended to its hash-chained streams (the relay publishes them to
 * {@code binhyen.connector.events}) in the caller's transaction, so an event and the work-table
 * change it records commit together or not at all.
 */
@ApplicationScoped
public class ConnectorLog {
    public static final Actor CONNECTOR = Actor.system("zalo-connector");

    private final EventStore store;
    private final Clock clock;
    private final EventCodec<ConnectorEvent> codec = EventCodec.of(ConnectorEvent.class, ConnectorEvent.TYPES,
            ConnectorEvent.SCHEMA_VERSION);

    ConnectorLog(EventStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Appends to {@code streamId} whatever its version (these streams record; they decide nothing). */
    public void append(String streamId, ConnectorEvent event, Actor actor, String correlationId) {
        store.append(streamId, EventStore.ANY_VERSION, List.of(newEvent(event, actor, correlationId)));
    }

    /**
     * Starts {@code streamId} with {@code event}: false, and nothing written, when the stream exists
     * (the same decision's effect requested before: a replay, a redelivery, a restart). Looked
     * up first: a unique violation would spoil the caller's whole transaction (PostgreSQL), so
     * it happens only in a race between two instances, whose loser's transaction is retried.
     */
    public boolean start(String streamId, ConnectorEvent event, Actor actor, String correlationId) {
        if (store.version(streamId) > 0) {
            return false;
        }
        store.startStreams(java.util.Map.of(streamId, List.of(newEvent(event, actor, correlationId))));
        return true;
    }

    private NewEvent newEvent(ConnectorEvent event, Actor actor, String correlationId) {
        return new NewEvent(EventIds.next(), codec.typeName(event), codec.schemaVersion(event), clock.instant(), actor,
                correlationId, null, codec.payload(event));
    }
}
