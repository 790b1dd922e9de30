package vn.binhyen.eventlog.consumer;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jboss.logging.Logger;
import vn.binhyen.contracts.EventHeaders;
import vn.binhyen.eventlog.ConcurrencyException;
import vn.binhyen.eventlog.Envelope;
import vn.binhyen.eventlog.EnvelopeJson;
import vn.binhyen.eventlog.Inbox;
import vn.binhyen.eventlog.Transactions;
import vn.binhyen.eventlog.decider.EventCodec;

/**
 * The one way a service follows another's events (the consumers' template): records filtered by
 * their type header before anything is read, decoded to the publishing contract's records, each
 * applied in a transaction with its inbox claim (when the consumer's writes are not upserts of
 * their own), a lost race or a failing database tried again with a growing pause, and a record
 * that cannot be handled, even on its own, parked ({@code parked_record}: the error and the record
 * kept, logged as an error) while the consumer goes on, so one hostile or broken record never stops
 * a service from hearing the rest.
 *
 * <p>A batch is applied in one transaction; when that fails, its records are applied one by one, so
 * only the one at fault is parked. An exception the consumer names as "does not apply" (an event
 * for a group it does not know, a rule the event's command breaks) passes the event over: logged,
 * claimed, not parked. A failure that is the database's (a connection lost, a deadlock, a timeout,
 * a failed commit) is never parked: when it outlasts the attempts, or when parking itself fails,
 * the error is thrown and the record redelivered, never lost.
 *
 * @param <E> the contract's event type
 */
public final class EventConsumer<E> {
    private static final Logger LOG = Logger.getLogger(EventConsumer.class);

    /** A record's event as the consumer reads it; empty when the consumer has nothing to do with it. */
    @FunctionalInterface
    public interface Decoder<E> {
        Optional<E> decode(Envelope envelope);
    }

    /** Applies one event, on the transaction's connection (beans writing through the datasource join it). */
    @FunctionalInterface
    public interface Handler<E> {
        void handle(Connection c, Envelope envelope, E event) throws Exception;
    }

    private final String name;
    private final Set<String> types;
    private final Decoder<E> decoder;
    private final boolean once;
    private final List<Class<? extends Exception>> passOver;
    private final int attempts;
    private final Transactions transactions;
    private final Handler<E> handler;

    private EventConsumer(Builder<E> b, Transactions transactions, Handler<E> handler) {
        this.name = b.name;
        this.types = b.types;
        this.decoder = b.decoder;
        this.once = b.once;
        this.passOver = List.copyOf(b.passOver);
        this.attempts = b.attempts;
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.handler = Objects.requireNonNull(handler, "handler");
    }

    /** A consumer named {@code name} (its inbox claims and parked records carry it), reading with {@code codec}. */
    public static <E> Builder<E> named(String name, EventCodec<E> codec) {
        return new Builder<>(name, e -> Optional.of(codec.decode(e)));
    }

    /** A consumer reading with its own decoder (the directory's, over two contracts). */
    public static <E> Builder<E> named(String name, Decoder<E> decoder) {
        return new Builder<>(name, decoder);
    }

    public String name() {
        return name;
    }

    /** A decoded record, ready to apply. */
    private record Todo<E>(ConsumerRecord<String, byte[]> record, Envelope envelope, E event) {
    }

    /** Applies one record; returns whether it was applied (not filtered out, parked or passed over). */
    public boolean accept(ConsumerRecord<String, byte[]> record) {
        return accept(List.of(record)) == 1;
    }

    /**
     * Applies a batch, in order: one transaction for all when none fails, else one by one; returns
     * how many were applied.
     */
    public int accept(Iterable<ConsumerRecord<String, byte[]>> records) {
        List<Todo<E>> todo = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            String type = header(r, EventHeaders.EVENT_TYPE);
            if (type == null || !types.contains(type)) {
                continue; // never read: checkpoints, and events this consumer does not follow
            }
            try {
                Envelope envelope = EnvelopeJson.fromBytes(r.value());
                decoder.decode(envelope).ifPresent(event -> todo.add(new Todo<>(r, envelope, event)));
            } catch (RuntimeException e) {
                park(r, "unreadable: " + e.getMessage(), e);
            }
        }
        if (todo.isEmpty()) {
            return 0;
        }
        if (todo.size() > 1) {
            try {
                transactions.inNew(c -> {
                    for (Todo<E> t : todo) {
                        apply(c, t);
                    }
                    return null;
                });
                return todo.size();
            } catch (RuntimeException batchFailure) {
                LOG.warnf("%s: a batch of %d failed (%s); applying them one by one", name, todo.size(),
                        batchFailure.getMessage());
            }
        }
        int applied = 0;
        for (Todo<E> t : todo) {
            if (alone(t)) {
                applied++;
            }
        }
        return applied;
    }

    private boolean alone(Todo<E> t) {
        for (int attempt = 1; ; attempt++) {
            try {
                transactions.inNew(c -> {
                    apply(c, t);
                    return null;
                });
                return true;
            } catch (RuntimeException e) {
                Throwable cause = cause(e);
                if (passOver.stream().anyMatch(k -> k.isInstance(cause))) {
                    LOG.warnf("%s: %s %s for %s does not apply, passed over: %s", name, t.envelope().eventType(),
                            t.envelope().eventId(), t.envelope().streamId(), cause.getMessage());
                    if (once) {
                        transactions.inNew(c -> Inbox.claim(c, name, t.envelope().eventId()));
                    }
                    return false;
                }
                if (cause instanceof ConcurrencyException || transientFailure(e)) {
                    if (attempt < attempts) {
                        pause(attempt, cause);
                        continue; // a lost race decided again on the stream's new state; a database that comes back
                    }
                    // still failing: not the record's fault, so not parked; thrown, the record is redelivered
                    throw e;
                }
                park(t.record(), cause.getClass().getSimpleName() + ": " + cause.getMessage(), e);
                return false;
            }
        }
    }

    /** A lost race is tried again at once, twice; then, as for a database that is failing, after a growing pause. */
    private static void pause(int attempt, Throwable cause) {
        if (cause instanceof ConcurrencyException && attempt < 3) {
            return;
        }
        long millis = Math.min(5_000L, 250L << Math.min(attempt - 1, 5));
        try {
            Thread.sleep(millis); // a backoff before trying the database again, not a wait on a condition
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while backing off", interrupted);
        }
    }

    /**
     * Whether a failure is the database's or the transaction's, not the record's: a connection lost,
     * a serialization failure or deadlock (SQLState class 40), resources exhausted (53), the server
     * shutting down (57P0x), a lock or statement timeout (55P03, 57014), a commit that failed.
     */
    static boolean transientFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLTransientException || t instanceof java.sql.SQLRecoverableException
                    || t instanceof jakarta.transaction.RollbackException
                    || t.getClass().getName().equals("io.quarkus.narayana.jta.QuarkusTransactionException")) {
                return true;
            }
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.startsWith("40") || state.startsWith("53")
                        || state.startsWith("57P0") || state.equals("55P03") || state.equals("57014")) {
                    return true;
                }
            }
        }
        return false;
    }

    private void apply(Connection c, Todo<E> t) throws Exception {
        if (once && !Inbox.claim(c, name, t.envelope().eventId())) {
            return; // applied before: a redelivery
        }
        handler.handle(c, t.envelope(), t.event());
    }

    /** The exception the handler threw: a checked one comes carried by {@link Transactions.WorkFailed}. */
    private static Throwable cause(RuntimeException e) {
        return e instanceof Transactions.WorkFailed && e.getCause() != null ? e.getCause() : e;
    }

    private void park(ConsumerRecord<String, byte[]> r, String error, RuntimeException original) {
        try {
            transactions.inNew(c -> ParkedRecords.park(c, name, r, error));
        } catch (RuntimeException parkingFailed) {
            original.addSuppressed(parkingFailed);
            throw original; // not kept anywhere: redelivered rather than lost
        }
        LOG.errorf(original, "%s: %s %s at %s-%d@%d parked (parked_record), the consumer goes on: %s", name,
                header(r, EventHeaders.EVENT_TYPE), header(r, EventHeaders.EVENT_ID), r.topic(), r.partition(),
                r.offset(), error);
    }

    static String header(ConsumerRecord<String, byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** How a consumer is made. */
    public static final class Builder<E> {
        private final String name;
        private final Decoder<E> decoder;
        private Set<String> types;
        private boolean once;
        private final List<Class<? extends Exception>> passOver = new ArrayList<>();
        private int attempts = 8;

        private Builder(String name, Decoder<E> decoder) {
            this.name = Objects.requireNonNull(name, "name");
            this.decoder = Objects.requireNonNull(decoder, "decoder");
        }

        /** The event types followed, by the records' type header; every other record is passed over unread. */
        public Builder<E> follows(Set<String> types) {
            this.types = Set.copyOf(types);
            return this;
        }

        /** Each event applied once: claimed in the inbox in the transaction of its effect. */
        public Builder<E> once() {
            this.once = true;
            return this;
        }

        /** An exception meaning the event does not apply here: passed over (claimed, logged), not parked. */
        public Builder<E> passOver(Class<? extends Exception> kind) {
            passOver.add(kind);
            return this;
        }

        /**
         * How often a record is tried when its race is lost ({@link ConcurrencyException}) or the database
         * fails it; after that the error is thrown (the record redelivered), never parked.
         */
        public Builder<E> attempts(int attempts) {
            if (attempts < 1) {
                throw new IllegalArgumentException("attempts " + attempts);
            }
            this.attempts = attempts;
            return this;
        }

        public EventConsumer<E> build(Transactions transactions, Handler<E> handler) {
            if (types == null || types.isEmpty()) {
                throw new IllegalStateException(name + ": name the event types it follows");
            }
            return new EventConsumer<>(this, transactions, handler);
        }
    }
}
